/**
 * What an MWS error means for a charge, by its HTTP status and `Error/Code` (the error table of
 * https://developer.amazon.com/docs/eu/amazon-pay-api/error-codes.html):
 *
 * - `transient`: 500/503 (after the client's own retries), throttling, a timeout, a lost
 *   connection or an unreadable answer: Amazon may have carried the call out, so it is sent again
 *   later with the same reference id;
 * - `configuration`: the seller's keys, seller id or account are wrong (SignatureDoesNotMatch,
 *   InvalidSellerId, UnauthorizedAccess, InvalidAccountStatus...): nothing was carried out, and the
 *   same request works once the merchant fixes the setup;
 * - `agreementState`: the agreement cannot be charged (InvalidBillingAgreementStatus,
 *   InvalidBillingAgreementId);
 *
 * PeriodicAmountExceeded (the monthly limit) is not a failure category: it is classified as the
 * `limitExceeded` outcome, like a limit found by GetBillingAgreementDetails.
 * - `request`: our request is wrong (DuplicateRequest, CurrencyMismatch, an invalid parameter, a
 *   code not expected here): a bug to look at, never sent again as it is.
 */
export const MwsFailureCategory = {
  Transient: 'transient',
  Configuration: 'configuration',
  AgreementState: 'agreementState',
  Request: 'request',
} as const;
export type MwsFailureCategory = (typeof MwsFailureCategory)[keyof typeof MwsFailureCategory];

/** Tells whether a value is an MWS failure category. */
export function isMwsFailureCategory(value: unknown): value is MwsFailureCategory {
  return (
    typeof value === 'string' && (Object.values(MwsFailureCategory) as string[]).includes(value)
  );
}
