import type { AmazonPayRegion } from '../regions';
import { MWS_HOST_OF_REGION, MWS_LIVE_PATH, MWS_SANDBOX_PATH } from './constants';

/** Where a region's MWS calls go: the host (also signed), the path and the full URL. */
export type MwsEndpoint = {
  readonly host: string;
  readonly path: string;
  readonly url: string;
};

/**
 * Returns the MWS endpoint of a region, live or sandbox.
 *
 * Both paths share the region's host; see the fact sheet section 1 (PHP SDK `createServiceUrl`).
 */
export function resolveMwsEndpoint(region: AmazonPayRegion, sandbox: boolean): MwsEndpoint {
  const host = MWS_HOST_OF_REGION[region];
  const path = sandbox ? MWS_SANDBOX_PATH : MWS_LIVE_PATH;
  return { host, path, url: `https://${host}${path}` };
}
