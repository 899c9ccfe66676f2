import type { MwsFetch } from '../amazonpay/mws/MwsClient';
import { MwsClient } from '../amazonpay/mws/MwsClient';
import type { MwsCredentials } from '../amazonpay/mws/loadMwsCredentials';
import type { Logger } from '../checkout/Logger';
import type { BillingConfig } from './loadBillingConfig';

/**
 * Builds the MWS client of the billing job from its configuration and the loaded keys: the
 * seller id, the region of MERCHANT_COUNTRY, live or sandbox, and the MWS_ENDPOINT origin when
 * set (the string to sign keeps the region's host either way).
 *
 * @example
 * const credentials = await loadMwsCredentials(process.env, { fetchSecret });
 * const mws = createBillingMwsClient(loadBillingConfig(process.env), credentials, { logger });
 */
export function createBillingMwsClient(
  config: BillingConfig,
  credentials: MwsCredentials,
  options: { readonly logger?: Logger; readonly fetch?: MwsFetch } = {},
): MwsClient {
  return new MwsClient(
    {
      accessKeyId: credentials.accessKeyId,
      secretKey: credentials.secretKey,
      sellerId: config.sellerId,
      region: config.region,
      sandbox: config.sandbox,
    },
    {
      ...(config.mwsEndpoint === undefined ? {} : { endpointOrigin: config.mwsEndpoint }),
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    },
  );
}
