import { PAYMENT_AUTHENTICATION_ERROR_CODES } from './sandboxSimulation';

const STATUS_BY_CODE = {
  // 5.1 Setup errors handled by Amazon Pay (confirmed).
  UnsupportedClientPlatform: '403',
  InvalidShippingAddress: '400',
  InvalidAccountStatus: '403',
  InvalidMerchantAccountStatus: '403',
  RequestThrottled: '429',
  // 5.2 Setup errors handled by the merchant (statuses UNCONFIRMED).
  InvalidParameterValue: '400',
  InvalidSellerId: '400',
  UnauthorizedAccess: '400',
  InvalidSandboxCustomerEmail: '400',
  BuyerEqualsSeller: '400',
  UnsupportedCountryOfEstablishment: '400',
  UnsupportedCurrency: '400',
  ReleaseEnvironmentNotAllowed: '400',
  InvalidBillingAgreementType: '400',
  InvalidSubscriptionAmount: '400',
  MissingSkillManifestData: '400',
  // 5.3 Permission and voice-purchasing errors (403 is the project's reading).
  ACCESS_DENIED: '403',
  ACCESS_NOT_REQUESTED: '403',
  FORBIDDEN: '403',
  MissingPermissionsToAccessResource: '403',
  VoicePurchaseNotEnabled: '403',
  // 5.4 Charge / runtime errors (statuses UNCONFIRMED; BillingAgreementNotFound is named UNCONFIRMED).
  InvalidBillingAgreementId: '400',
  BillingAgreementNotFound: '400',
  InvalidBillingAgreementStatus: '400',
  InvalidAuthorizationAmount: '400',
  InvalidPaymentAction: '400',
  DuplicateRequest: '400',
  PeriodicAmountExceeded: '400',
  ProviderNotAuthorized: '400',
  InternalServerError: '500',
  ServiceUnavailable: '503',
  // 5.5 Authorization declines in the error form (400 observed for InvalidPaymentMethod).
  InvalidPaymentMethod: '400',
  AmazonRejected: '400',
  TransactionTimedOut: '400',
  ProcessingFailure: '400',
  // 5.6 SCA (code names UNCONFIRMED) and section 8.
  [PAYMENT_AUTHENTICATION_ERROR_CODES.Failure]: '400',
  [PAYMENT_AUTHENTICATION_ERROR_CODES.Abandoned]: '400',
  [PAYMENT_AUTHENTICATION_ERROR_CODES.NotSupported]: '400',
  InvalidSandboxSimulationSpecified: '400',
} as const;

/** An error code the protocol page names, a key of SIMULATED_ERROR_STATUS. */
export type NamedErrorCode = keyof typeof STATUS_BY_CODE;

/**
 * The usual HTTP-like status, as a string, of each error code the protocol page names.
 *
 * For scenarios that force an error:
 * `{ kind: 'error', errorCode: 'RequestThrottled', statusCode: SIMULATED_ERROR_STATUS.RequestThrottled }`.
 *
 * Sources, protocol page section 5: the statuses of 5.1 are confirmed (ERR-PAGE), `429` for
 * `RequestThrottled` included; `500` for `InternalServerError` and `503` for `ServiceUnavailable`
 * are the page's "likely" notes (5.4); the permission and voice-purchasing codes of 5.3 get `403`,
 * the project's reading (the page gives no status for them); every other code of 5.2 to 5.5 gets
 * `400`, as the page gives none (a decline in the error form is observed as `400`, GIST). The
 * (UNCONFIRMED) SCA codes of 5.6 and `InvalidSandboxSimulationSpecified` of section 8 are `400`.
 *
 * Typed as a `Readonly<Record<string, string>>` whose named codes are known to be present, so
 * `SIMULATED_ERROR_STATUS.RequestThrottled` is a `string` even under `noUncheckedIndexedAccess`,
 * while a misspelt or unknown code reads as `string | undefined` and fails to compile as a status.
 */
export const SIMULATED_ERROR_STATUS: { readonly [Code in NamedErrorCode]: string } & Readonly<
  Record<string, string>
> = Object.freeze({ ...STATUS_BY_CODE });
