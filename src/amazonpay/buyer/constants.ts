import type { AmazonPayRegion } from '../regions';

/**
 * The `addressType` of the buyer's default shipping address in a Buyer Address answer.
 *
 * Third-party source only (Jovo's `getDefaultBuyerAddress`); see amazon-pay-protocol.md section 7.
 */
export const DEFAULT_SHIPPING_ADDRESS_TYPE = 'DefaultOneClickShippingAddress';

/** The Amazon Pay API origin of each region; UK merchants use the EU host. */
export const BUYER_API_ORIGIN_OF_REGION: Readonly<Record<AmazonPayRegion, string>> = Object.freeze({
  NA: 'https://pay-api.amazon.com',
  EU: 'https://pay-api.amazon.eu',
  UK: 'https://pay-api.amazon.eu',
  FE: 'https://pay-api.amazon.jp',
});

/** The Buyer ID path: always `live`, in sandbox too (as the official utilities do). */
export const BUYER_ID_PATH = '/live/v1/buyer/id';

/** The Buyer Address path in live mode. */
export const BUYER_ADDRESSES_LIVE_PATH = '/live/v1/buyer/addresses';

/** The Buyer Address path in sandbox mode. */
export const BUYER_ADDRESSES_SANDBOX_PATH = '/sandbox/v1/buyer/addresses';

/** The header naming the sandbox buyer; required in sandbox, never sent live. */
export const SANDBOX_EMAIL_HEADER = 'x-amz-pay-sandbox-email-id';

/**
 * The default deadline of one call, connection, headers and body included.
 *
 * Alexa allows a skill 8 seconds per turn; a buyer lookup must leave room for the store and the
 * reply, so it gives up well before.
 */
export const DEFAULT_BUYER_API_TIMEOUT_MS = 1500;

/** The largest answer body read; a bigger one is refused as malformed without buffering it. */
export const MAX_BUYER_API_BODY_BYTES = 64 * 1024;

/** The longest `buyerId` accepted (Amazon's ids are about 40 characters). */
export const MAX_BUYER_ID_LENGTH = 256;
