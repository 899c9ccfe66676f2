import type { MinorAmount } from '../amount';

/**
 * The MWS (Amazon Pay "Checkout v1", `OffAmazonPayments` 2013-01-01) operations this client calls.
 *
 * The value is the `Action` parameter; see the MWS API reference
 * (https://developer.amazon.com/docs/eu/amazon-pay-api/intro.html).
 */
export const MwsOperation = {
  GetBillingAgreementDetails: 'GetBillingAgreementDetails',
  AuthorizeOnBillingAgreement: 'AuthorizeOnBillingAgreement',
  GetAuthorizationDetails: 'GetAuthorizationDetails',
  GetCaptureDetails: 'GetCaptureDetails',
  Refund: 'Refund',
  GetRefundDetails: 'GetRefundDetails',
  CloseBillingAgreement: 'CloseBillingAgreement',
} as const;
export type MwsOperation = (typeof MwsOperation)[keyof typeof MwsOperation];

/**
 * The states of a billing agreement (`BillingAgreementStatus/State`).
 *
 * Only `Open` accepts authorizations; see the billing agreement states page,
 * https://developer.amazon.com/docs/eu/amazon-pay-api/billing-agreement-states-and-reason-codes.html
 */
export const BillingAgreementState = {
  Draft: 'Draft',
  Open: 'Open',
  Suspended: 'Suspended',
  Canceled: 'Canceled',
  Closed: 'Closed',
} as const;
export type BillingAgreementState =
  (typeof BillingAgreementState)[keyof typeof BillingAgreementState];

/**
 * The states of an authorization (`AuthorizationStatus/State`).
 *
 * With `CaptureNow`, a successful authorization is `Closed` with reason `MaxCapturesProcessed`; see
 * https://developer.amazon.com/docs/eu/amazon-pay-api/authorization-states-and-reason-codes.html.
 */
export const AuthorizationState = {
  Pending: 'Pending',
  Open: 'Open',
  Declined: 'Declined',
  Closed: 'Closed',
} as const;
export type AuthorizationState = (typeof AuthorizationState)[keyof typeof AuthorizationState];

/**
 * The states of a capture (`CaptureStatus/State`); see
 * https://developer.amazon.com/docs/eu/amazon-pay-api/capture-states-and-reason-codes.html.
 */
export const CaptureState = {
  Pending: 'Pending',
  Declined: 'Declined',
  Completed: 'Completed',
  Closed: 'Closed',
} as const;
export type CaptureState = (typeof CaptureState)[keyof typeof CaptureState];

/**
 * The states of a refund (`RefundStatus/State`).
 *
 * The Refund call itself always answers `Pending`; see
 * https://developer.amazon.com/docs/eu/amazon-pay-api/refund-states-and-reason-codes.html.
 */
export const RefundState = {
  Pending: 'Pending',
  Declined: 'Declined',
  Completed: 'Completed',
} as const;
export type RefundState = (typeof RefundState)[keyof typeof RefundState];

/** Where a billing agreement lives (`ReleaseEnvironment`): the sandbox or the live system. */
export const ReleaseEnvironment = {
  Sandbox: 'Sandbox',
  Live: 'Live',
} as const;
export type ReleaseEnvironment = (typeof ReleaseEnvironment)[keyof typeof ReleaseEnvironment];

/**
 * Reason codes an authorization may carry, for comparisons.
 *
 * Results keep `reasonCode` an open string: Amazon may add codes, and an unknown one must reach the
 * caller rather than fail the parse. See
 * https://developer.amazon.com/docs/eu/amazon-pay-automatic/prepare-declined-authorizations.html.
 */
export const AuthorizationReasonCode = {
  InvalidPaymentMethod: 'InvalidPaymentMethod',
  AmazonRejected: 'AmazonRejected',
  ProcessingFailure: 'ProcessingFailure',
  TransactionTimedOut: 'TransactionTimedOut',
  MaxCapturesProcessed: 'MaxCapturesProcessed',
  ExpiredUnused: 'ExpiredUnused',
  AmazonClosed: 'AmazonClosed',
  SellerClosed: 'SellerClosed',
  OrderReferenceCanceled: 'OrderReferenceCanceled',
  StopShipmentAtypicalAuth: 'StopShipmentAtypicalAuth',
} as const;
export type AuthorizationReasonCode =
  (typeof AuthorizationReasonCode)[keyof typeof AuthorizationReasonCode];

/**
 * The MWS error codes the backend fact sheet names (`ErrorResponse/Error/Code`).
 *
 * Errors keep `code` an open string; these constants are for comparisons. See
 * https://developer.amazon.com/docs/eu/amazon-pay-api/error-codes.html.
 */
export const MwsErrorCode = {
  AmbiguousToken: 'AmbiguousToken',
  BillingAgreementConstraintsExist: 'BillingAgreementConstraintsExist',
  BillingAgreementNotModifiable: 'BillingAgreementNotModifiable',
  CaptureNotRefundable: 'CaptureNotRefundable',
  ConstraintsExist: 'ConstraintsExist',
  CurrencyMismatch: 'CurrencyMismatch',
  DuplicateReferenceId: 'DuplicateReferenceId',
  DuplicateRequest: 'DuplicateRequest',
  InternalServerError: 'InternalServerError',
  InvalidAccountStatus: 'InvalidAccountStatus',
  InvalidAddressConsentToken: 'InvalidAddressConsentToken',
  InvalidAuthorizationStatus: 'InvalidAuthorizationStatus',
  InvalidBillingAgreementId: 'InvalidBillingAgreementId',
  InvalidBillingAgreementStatus: 'InvalidBillingAgreementStatus',
  InvalidCaptureStatus: 'InvalidCaptureStatus',
  InvalidParameterValue: 'InvalidParameterValue',
  InvalidRefundAmount: 'InvalidRefundAmount',
  InvalidSandboxSimulationSpecified: 'InvalidSandboxSimulationSpecified',
  InvalidSellerId: 'InvalidSellerId',
  MissingParameter: 'MissingParameter',
  PeriodicAmountExceeded: 'PeriodicAmountExceeded',
  RequestThrottled: 'RequestThrottled',
  ServiceUnavailable: 'ServiceUnavailable',
  SignatureDoesNotMatch: 'SignatureDoesNotMatch',
  TransactionAmountExceeded: 'TransactionAmountExceeded',
  UnauthorizedAccess: 'UnauthorizedAccess',
} as const;
export type MwsErrorCode = (typeof MwsErrorCode)[keyof typeof MwsErrorCode];

/** A state with its optional reason code and the time Amazon last changed it. */
export type MwsStatus<State extends string> = {
  readonly state: State;
  readonly reasonCode?: string;
  readonly lastUpdateTimestamp?: string;
};

/**
 * The monthly limit of a billing agreement (`BillingAgreementLimits`): the amount allowed per
 * calendar month and what is left of it; see
 * https://developer.amazon.com/docs/eu/amazon-pay-api/billingagreementlimits.html.
 */
export type BillingAgreementLimits = {
  readonly amountLimitPerTimePeriod: MinorAmount;
  readonly currentRemainingBalance: MinorAmount;
  readonly timePeriodStartDate: string;
  readonly timePeriodEndDate: string;
};

/** A constraint that keeps a billing agreement from being used (`Constraints/Constraint`). */
export type BillingAgreementConstraint = {
  readonly constraintId: string;
  readonly description?: string;
};

/**
 * A billing agreement as GetBillingAgreementDetails describes it, without the buyer's data.
 *
 * `Buyer` and `Destination` are deliberately not read: the backend never needs the name, e-mail or
 * address, so they cannot reach a log or a store.
 */
export type BillingAgreementDetails = {
  readonly amazonBillingAgreementId: string;
  readonly status: MwsStatus<BillingAgreementState>;
  readonly releaseEnvironment: ReleaseEnvironment;
  readonly constraints: ReadonlyArray<BillingAgreementConstraint>;
  readonly limits?: BillingAgreementLimits;
  readonly billingAgreementConsent?: boolean;
  readonly billingAgreementType?: string;
  readonly subscriptionAmount?: MinorAmount;
  readonly sellerBillingAgreementId?: string;
  readonly creationTimestamp?: string;
};

/**
 * An authorization (`AuthorizationDetails`), from AuthorizeOnBillingAgreement or
 * GetAuthorizationDetails. `captureIds` is the `IdList` (the capture of a `CaptureNow` charge).
 */
export type AuthorizationDetails = {
  readonly amazonAuthorizationId: string;
  readonly authorizationReferenceId: string;
  readonly authorizationAmount: MinorAmount;
  readonly capturedAmount?: MinorAmount;
  readonly authorizationFee?: MinorAmount;
  readonly captureIds: ReadonlyArray<string>;
  readonly status: MwsStatus<AuthorizationState>;
  readonly captureNow?: boolean;
  readonly softDecline?: boolean;
  readonly softDescriptor?: string;
  readonly sellerAuthorizationNote?: string;
  readonly creationTimestamp?: string;
  readonly expirationTimestamp?: string;
};

/** A capture (`CaptureDetails`); `refundIds` is its `IdList`. */
export type CaptureDetails = {
  readonly amazonCaptureId: string;
  readonly captureReferenceId: string;
  readonly captureAmount: MinorAmount;
  readonly refundedAmount?: MinorAmount;
  readonly captureFee?: MinorAmount;
  readonly refundIds: ReadonlyArray<string>;
  readonly status: MwsStatus<CaptureState>;
  readonly softDescriptor?: string;
  readonly sellerCaptureNote?: string;
  readonly creationTimestamp?: string;
};

/** A refund (`RefundDetails`), from Refund or GetRefundDetails. */
export type RefundDetails = {
  readonly amazonRefundId: string;
  readonly refundReferenceId: string;
  readonly refundAmount: MinorAmount;
  readonly feeRefunded?: MinorAmount;
  readonly refundType?: string;
  readonly status: MwsStatus<RefundState>;
  readonly softDescriptor?: string;
  readonly sellerRefundNote?: string;
  readonly creationTimestamp?: string;
};

/** The input of GetBillingAgreementDetails. */
export type GetBillingAgreementDetailsRequest = {
  readonly amazonBillingAgreementId: string;
};

/**
 * The input of AuthorizeOnBillingAgreement.
 *
 * `authorizationReferenceId` is ours: at most 32 of `A-Z a-z 0-9 - _`, derived deterministically
 * per billing period or usage charge and persisted before the call, so that a resend after a
 * timeout or a 5xx is idempotent. `transactionTimeoutMinutes: 0` asks for a synchronous answer
 * (Open or Declined, never Pending). See
 * https://developer.amazon.com/docs/eu/amazon-pay-api/authorizeonbillingagreement.html.
 */
export type AuthorizeOnBillingAgreementRequest = {
  readonly amazonBillingAgreementId: string;
  readonly authorizationReferenceId: string;
  readonly authorizationAmount: MinorAmount;
  readonly captureNow: boolean;
  readonly transactionTimeoutMinutes?: number;
  readonly sellerAuthorizationNote?: string;
  readonly softDescriptor?: string;
  readonly sellerNote?: string;
  readonly sellerOrderId?: string;
  readonly storeName?: string;
  readonly customInformation?: string;
  readonly inheritShippingAddress?: boolean;
};

/** The input of GetAuthorizationDetails. */
export type GetAuthorizationDetailsRequest = {
  readonly amazonAuthorizationId: string;
};

/** The input of GetCaptureDetails. */
export type GetCaptureDetailsRequest = {
  readonly amazonCaptureId: string;
};

/**
 * The input of Refund. `refundReferenceId` follows the same rules as an authorization reference id;
 * `sellerRefundNote` is shown in the buyer's e-mail. See
 * https://developer.amazon.com/docs/eu/amazon-pay-api/refund.html.
 */
export type RefundRequest = {
  readonly amazonCaptureId: string;
  readonly refundReferenceId: string;
  readonly refundAmount: MinorAmount;
  readonly sellerRefundNote?: string;
  readonly softDescriptor?: string;
};

/** The input of GetRefundDetails. */
export type GetRefundDetailsRequest = {
  readonly amazonRefundId: string;
};

/** The input of CloseBillingAgreement. */
export type CloseBillingAgreementRequest = {
  readonly amazonBillingAgreementId: string;
  readonly closureReason?: string;
};

/** What every successful answer carries besides its payload: Amazon's request id, when present. */
export type MwsResponseMetadata = {
  readonly requestId?: string;
};

/** The result of GetBillingAgreementDetails. */
export type GetBillingAgreementDetailsResult = MwsResponseMetadata & {
  readonly billingAgreement: BillingAgreementDetails;
};

/** The result of AuthorizeOnBillingAgreement: the authorization and the order reference it made. */
export type AuthorizeOnBillingAgreementResult = MwsResponseMetadata & {
  readonly amazonOrderReferenceId: string;
  readonly authorization: AuthorizationDetails;
};

/** The result of GetAuthorizationDetails. */
export type GetAuthorizationDetailsResult = MwsResponseMetadata & {
  readonly authorization: AuthorizationDetails;
};

/** The result of GetCaptureDetails. */
export type GetCaptureDetailsResult = MwsResponseMetadata & {
  readonly capture: CaptureDetails;
};

/** The result of Refund (always `Pending`) and of GetRefundDetails. */
export type RefundResult = MwsResponseMetadata & {
  readonly refund: RefundDetails;
};

/** The result of GetRefundDetails. */
export type GetRefundDetailsResult = RefundResult;

/** The result of CloseBillingAgreement (an empty `CloseBillingAgreementResult`). */
export type CloseBillingAgreementResult = MwsResponseMetadata;
