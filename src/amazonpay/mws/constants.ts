import type { AmazonPayRegion } from '../regions';
import type { MwsOperation } from './types';

/** The `Version` parameter of every call and the date in the API paths. */
export const MWS_API_VERSION = '2013-01-01';

/** The XML namespace of every MWS Amazon Pay answer. */
export const MWS_XML_NAMESPACE =
  'http://mws.amazonservices.com/schema/OffAmazonPayments/' + MWS_API_VERSION;

/** The MWS host of each region; UK merchants use the EU host (fact sheet section 1). */
export const MWS_HOST_OF_REGION: Readonly<Record<AmazonPayRegion, string>> = Object.freeze({
  NA: 'mws.amazonservices.com',
  EU: 'mws-eu.amazonservices.com',
  UK: 'mws-eu.amazonservices.com',
  FE: 'mws.amazonservices.jp',
});

/** The path of the live API; the same host serves both paths. */
export const MWS_LIVE_PATH = `/OffAmazonPayments/${MWS_API_VERSION}`;

/** The path of the sandbox API. */
export const MWS_SANDBOX_PATH = `/OffAmazonPayments_Sandbox/${MWS_API_VERSION}`;

/** The only signature method the client uses (`SignatureMethod`). */
export const MWS_SIGNATURE_METHOD = 'HmacSHA256';

/** The signature version (`SignatureVersion`). */
export const MWS_SIGNATURE_VERSION = '2';

/** How far the `Timestamp` of a request may be from Amazon's clock before it is rejected. */
export const MWS_TIMESTAMP_TOLERANCE_MS = 15 * 60_000;

/** The longest reference id (authorization, capture, refund) Amazon accepts. */
export const MAX_REFERENCE_ID_LENGTH = 32;

/** The characters a reference id may hold: `A-Z a-z 0-9 - _`. */
export const REFERENCE_ID_PATTERN = /^[A-Za-z0-9_-]+$/;

/** The longest `SellerAuthorizationNote` and `SellerRefundNote`, in characters. */
export const MAX_SELLER_NOTE_LENGTH = 255;

/** The longest `SoftDescriptor` (statement text shown as `AMZ*<text>`). */
export const MAX_SOFT_DESCRIPTOR_LENGTH = 16;

/** The most refunds one capture accepts. */
export const MAX_REFUNDS_PER_CAPTURE = 10;

/** The share of the captured amount a refund total may exceed it by, in percent. */
export const REFUND_MARGIN_PERCENT = 15;

/**
 * The absolute cap of that margin per currency, in minor units (75 USD, GBP or EUR).
 *
 * No cap is documented for JPY, so a currency missing here has no margin at all: a refund total
 * never exceeds the captured amount.
 */
export const REFUND_MARGIN_CAP_MINOR: Readonly<Record<string, number>> = Object.freeze({
  USD: 75_00,
  GBP: 75_00,
  EUR: 75_00,
});

/** A throttling quota in the MWS token-bucket model: a burst size and the time to restore one. */
export type ThrottleQuota = {
  readonly maxRequestQuota: number;
  readonly restoreIntervalMs: number;
};

const WRITE_PRODUCTION: ThrottleQuota = { maxRequestQuota: 10, restoreIntervalMs: 1_000 };
const WRITE_SANDBOX: ThrottleQuota = { maxRequestQuota: 2, restoreIntervalMs: 2_000 };
const READ_PRODUCTION: ThrottleQuota = { maxRequestQuota: 20, restoreIntervalMs: 500 };
const READ_SANDBOX: ThrottleQuota = { maxRequestQuota: 5, restoreIntervalMs: 1_000 };

/**
 * The throttling quota of each operation, live and sandbox, per seller and developer account.
 *
 * From https://developer.amazon.com/docs/eu/amazon-pay-api/throttling-limits.html.
 * CloseBillingAgreement is not in the readable table and is assumed to be a write like the others.
 */
export const MWS_THROTTLE_QUOTAS: Readonly<
  Record<'production' | 'sandbox', Readonly<Record<MwsOperation, ThrottleQuota>>>
> = Object.freeze({
  production: Object.freeze({
    GetBillingAgreementDetails: READ_PRODUCTION,
    AuthorizeOnBillingAgreement: WRITE_PRODUCTION,
    GetAuthorizationDetails: READ_PRODUCTION,
    GetCaptureDetails: READ_PRODUCTION,
    Refund: WRITE_PRODUCTION,
    GetRefundDetails: READ_PRODUCTION,
    CloseBillingAgreement: WRITE_PRODUCTION,
  }),
  sandbox: Object.freeze({
    GetBillingAgreementDetails: READ_SANDBOX,
    AuthorizeOnBillingAgreement: WRITE_SANDBOX,
    GetAuthorizationDetails: READ_SANDBOX,
    GetCaptureDetails: READ_SANDBOX,
    Refund: WRITE_SANDBOX,
    GetRefundDetails: READ_SANDBOX,
    CloseBillingAgreement: WRITE_SANDBOX,
  }),
});
