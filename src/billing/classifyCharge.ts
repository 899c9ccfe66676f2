import type { MinorAmount } from '../amazonpay/amount';
import {
  MwsCallError,
  MwsClientError,
  MwsError,
  MwsServerError,
  MwsValidationError,
} from '../amazonpay/mws/errors';
import type {
  AuthorizeOnBillingAgreementResult,
  BillingAgreementDetails,
  MwsErrorCode,
  MwsOperation,
} from '../amazonpay/mws/types';
import { AuthorizationState, BillingAgreementState } from '../amazonpay/mws/types';
import type { ChargeOutcome } from './ChargeOutcome';
import { MwsFailureCategory } from './MwsFailureCategory';

/** What an MWS error code means for a charge: a failure category, or the monthly limit. */
export type MwsCodeMeaning = MwsFailureCategory | 'limitExceeded';

/**
 * The meaning of every MWS error code the backend fact sheet names, as data (the classifier of
 * the official samples, written as a table). A code that is not here, such as one Amazon adds, is
 * a `request` failure: stopped and shown to the merchant rather than sent again blindly. See
 * https://developer.amazon.com/docs/eu/amazon-pay-api/error-codes.html.
 */
export const MWS_CODE_MEANING: Readonly<Record<MwsErrorCode, MwsCodeMeaning>> = Object.freeze({
  // Codes of operations the billing job never calls, or of rules it never breaks on purpose.
  AmbiguousToken: 'request',
  BillingAgreementConstraintsExist: 'request',
  BillingAgreementNotModifiable: 'request',
  CaptureNotRefundable: 'request',
  ConstraintsExist: 'request',
  CurrencyMismatch: 'request',
  DuplicateReferenceId: 'request',
  // Same reference id, other parameters: a bug, never sent again as it is.
  DuplicateRequest: 'request',
  InvalidAddressConsentToken: 'request',
  InvalidAuthorizationStatus: 'request',
  InvalidCaptureStatus: 'request',
  InvalidParameterValue: 'request',
  InvalidRefundAmount: 'request',
  InvalidSandboxSimulationSpecified: 'request',
  MissingParameter: 'request',
  TransactionAmountExceeded: 'request',
  // The seller's account or keys: nothing was carried out; fix the setup, then send again.
  InvalidAccountStatus: 'configuration',
  InvalidSellerId: 'configuration',
  SignatureDoesNotMatch: 'configuration',
  UnauthorizedAccess: 'configuration',
  // The agreement itself cannot be charged.
  InvalidBillingAgreementId: 'agreementState',
  InvalidBillingAgreementStatus: 'agreementState',
  PeriodicAmountExceeded: 'limitExceeded',
  // Amazon's side: send again later with the same reference id.
  InternalServerError: 'transient',
  RequestThrottled: 'transient',
  ServiceUnavailable: 'transient',
});

// Codes outside the fact sheet's list that the MWS stand-in (and MWS itself) answers for bad keys
// or a clock that is off.
const OTHER_CONFIGURATION_CODES: ReadonlySet<string> = new Set([
  'InvalidAccessKeyId',
  'RequestExpired',
  'AccessDenied',
]);

/** Reads the meaning of an MWS error code; unknown codes are `request` failures. */
export function toMwsCodeMeaning(code: string | undefined): MwsCodeMeaning {
  if (code === undefined) return MwsFailureCategory.Request;
  if (Object.prototype.hasOwnProperty.call(MWS_CODE_MEANING, code)) {
    return MWS_CODE_MEANING[code as MwsErrorCode];
  }
  return OTHER_CONFIGURATION_CODES.has(code)
    ? MwsFailureCategory.Configuration
    : MwsFailureCategory.Request;
}

/**
 * Reads GetBillingAgreementDetails before a charge: undefined when the amount may be authorized,
 * otherwise the outcome that stops the charge (the agreement is not Open, or the amount is more
 * than the remaining monthly balance `CurrentRemainingBalance`).
 *
 * See https://developer.amazon.com/docs/eu/amazon-pay-api/billing-agreement-states-and-reason-codes.html
 * and https://developer.amazon.com/docs/eu/amazon-pay-api/billingagreementlimits.html.
 */
export function classifyAgreementDetails(
  details: BillingAgreementDetails,
  amount: MinorAmount,
): ChargeOutcome | undefined {
  if (details.status.state !== BillingAgreementState.Open) {
    return {
      kind: 'agreementNotOpen',
      agreementState: details.status.state,
      ...(details.status.reasonCode === undefined ? {} : { reasonCode: details.status.reasonCode }),
    };
  }
  const limits = details.limits;
  if (
    limits !== undefined &&
    limits.currentRemainingBalance.currency === amount.currency &&
    amount.amountMinor > limits.currentRemainingBalance.amountMinor
  ) {
    return {
      kind: 'limitExceeded',
      remainingMinor: limits.currentRemainingBalance.amountMinor,
      periodEndsAt: limits.timePeriodEndDate,
    };
  }
  return undefined;
}

/**
 * Maps an AuthorizeOnBillingAgreement answer (CaptureNow) to a ChargeOutcome: a capture id means
 * captured (Open, or Closed with MaxCapturesProcessed); Declined keeps its reason code; Open or
 * Closed without a capture is `notCaptured`; Pending is `authorizationPending`.
 *
 * See https://developer.amazon.com/docs/eu/amazon-pay-api/authorization-states-and-reason-codes.html.
 */
export function classifyAuthorization(result: AuthorizeOnBillingAgreementResult): ChargeOutcome {
  const { authorization } = result;
  const { state, reasonCode } = authorization.status;
  switch (state) {
    case AuthorizationState.Declined:
      return {
        kind: 'declined',
        reasonCode: reasonCode ?? 'Unknown',
        amazonAuthorizationId: authorization.amazonAuthorizationId,
        ...(authorization.softDecline === undefined
          ? {}
          : { softDecline: authorization.softDecline }),
      };
    case AuthorizationState.Pending:
      return {
        kind: 'authorizationPending',
        amazonAuthorizationId: authorization.amazonAuthorizationId,
      };
    case AuthorizationState.Open:
    case AuthorizationState.Closed:
      if (authorization.captureIds.length > 0) {
        return {
          kind: 'captured',
          amazonAuthorizationId: authorization.amazonAuthorizationId,
          amazonOrderReferenceId: result.amazonOrderReferenceId,
          amazonCaptureIds: [...authorization.captureIds],
        };
      }
      return {
        kind: 'notCaptured',
        authorizationState: state,
        amazonAuthorizationId: authorization.amazonAuthorizationId,
        ...(reasonCode === undefined ? {} : { reasonCode }),
      };
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}

/**
 * Maps an error thrown by an MWS call to a ChargeOutcome, or undefined when it is not an MWS error
 * (a bug or an infrastructure error, for the caller to rethrow).
 *
 * 5xx, throttling, timeouts, lost connections and unreadable answers are `transient` (Amazon may
 * have carried the call out: send again with the same reference id); a 4xx is classified by its
 * code with MWS_CODE_MEANING; a request the client refused to send is a `request` failure.
 */
export function classifyMwsError(
  error: unknown,
  operation: MwsOperation,
): ChargeOutcome | undefined {
  if (!(error instanceof MwsError)) return undefined;
  const base = { kind: 'mwsFailure' as const, operation, errorName: error.name };
  if (error instanceof MwsValidationError) {
    return { ...base, category: MwsFailureCategory.Request };
  }
  if (error instanceof MwsClientError) {
    const meaning = toMwsCodeMeaning(error.code);
    if (meaning === 'limitExceeded') return { kind: 'limitExceeded' };
    return {
      ...base,
      category: meaning,
      ...(error.code === undefined ? {} : { code: error.code }),
      statusCode: error.statusCode,
    };
  }
  if (error instanceof MwsServerError) {
    return {
      ...base,
      category: MwsFailureCategory.Transient,
      ...(error.code === undefined ? {} : { code: error.code }),
      statusCode: error.statusCode,
    };
  }
  if (error instanceof MwsCallError) {
    // Timeouts, network errors and unreadable answers: the outcome is unknown.
    return { ...base, category: MwsFailureCategory.Transient };
  }
  // Not a call at all (credentials that could not be loaded, say).
  return { ...base, category: MwsFailureCategory.Configuration };
}
