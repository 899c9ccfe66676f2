import type { AmazonPayRegion } from '../regions';
import { BUYER_API_ORIGIN_OF_REGION } from './constants';

/** The Alexa API host of each region that has an Amazon Pay host of its own. */
const REGION_OF_ALEXA_API_HOST: Readonly<Record<string, AmazonPayRegion>> = Object.freeze({
  'api.amazonalexa.com': 'NA',
  'api.eu.amazonalexa.com': 'EU',
  'api.fe.amazonalexa.com': 'FE',
});

/**
 * Returns the Amazon Pay region of a request's `context.System.apiEndpoint`: EU for the EU (and
 * UK) Alexa endpoint, FE for the Far East one, NA for the North American one and for anything else.
 *
 * Unknown or missing endpoints fall back to NA, as the official utilities do (amazon-pay-protocol.md
 * section 7).
 */
export function resolveBuyerApiRegion(apiEndpoint: string | undefined): AmazonPayRegion {
  if (apiEndpoint === undefined || !URL.canParse(apiEndpoint)) return 'NA';
  const host = new URL(apiEndpoint).hostname;
  const region = Object.prototype.hasOwnProperty.call(REGION_OF_ALEXA_API_HOST, host)
    ? REGION_OF_ALEXA_API_HOST[host]
    : undefined;
  return region ?? 'NA';
}

/**
 * Returns the Amazon Pay API origin for a request's `context.System.apiEndpoint`:
 * `https://pay-api.amazon.com`, `.eu` or `.jp`; an unknown endpoint gives the NA one.
 *
 * @example
 * resolveBuyerApiOrigin('https://api.eu.amazonalexa.com'); // 'https://pay-api.amazon.eu'
 */
export function resolveBuyerApiOrigin(apiEndpoint: string | undefined): string {
  return BUYER_API_ORIGIN_OF_REGION[resolveBuyerApiRegion(apiEndpoint)];
}
