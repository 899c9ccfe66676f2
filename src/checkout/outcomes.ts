import type { ChargeResult, SetupResult } from '../amazonpay/connectionsResponse';
import { parseAmazonPayAmount } from '../amazonpay/amount';
import { OrderStatus } from './OrderStatus';

/** The Amazon Pay error codes that mean the shopper has not granted the payment permission. */
export const PERMISSION_ERROR_CODES: ReadonlySet<string> = new Set([
  'ACCESS_DENIED',
  'ACCESS_NOT_REQUESTED',
  'FORBIDDEN',
  'MissingPermissionsToAccessResource',
]);

/** Authorization decline reasons, as a `Declined` state's reasonCode or a 400 error's errorCode. */
export const DECLINE_REASONS: Readonly<
  Record<string, { readonly retryable: boolean; readonly amazonSpoke: boolean }>
> = Object.freeze({
  // Alexa itself tells the shopper to update the payment method (alexa-cookbook #162).
  InvalidPaymentMethod: { retryable: true, amazonSpoke: true },
  AmazonRejected: { retryable: false, amazonSpoke: false },
  TransactionTimedOut: { retryable: true, amazonSpoke: false },
  ProcessingFailure: { retryable: true, amazonSpoke: false },
});

/**
 * Setup errors for which Amazon Pay has already played its own prompt to the shopper
 * (protocol page 5.1): the skill's words must then be short and not repeat them.
 */
export const SETUP_ERRORS_SPOKEN_BY_AMAZON: ReadonlySet<string> = new Set([
  'UnsupportedClientPlatform',
  'InvalidShippingAddress',
  'InvalidAccountStatus',
  'InvalidMerchantAccountStatus',
  'RequestThrottled',
]);

/** The reason code Amazon puts on certification testers' orders: never shipped. */
export const CERTIFICATION_TEST_REASON = 'CertificationTestTransaction';

/** The reason code of a successful AuthorizeAndCapture. */
const CAPTURED_REASON = 'MaxCapturesProcessed';

/** What a Setup answer means for the order. */
export type SetupOutcome =
  | { readonly kind: 'approved'; readonly billingAgreementId: string }
  | { readonly kind: 'permissionRequired'; readonly code: string }
  | { readonly kind: 'voicePurchaseDisabled'; readonly code: string }
  | {
      readonly kind: 'failed';
      readonly category:
        'agreementNotOpen' | 'wrongEnvironment' | 'handledByAmazon' | 'error' | 'malformed';
      readonly code: string | undefined;
      /** Alexa or Amazon Pay has already spoken to the shopper about it. */
      readonly amazonSpoke: boolean;
    };

/** What a Charge answer means for the order. */
export type ChargeOutcome =
  | { readonly kind: 'approved' }
  | { readonly kind: 'certificationTest' }
  | { readonly kind: 'heldForReview'; readonly reason: string }
  | {
      readonly kind: 'declined';
      readonly reason: string;
      readonly retryable: boolean;
      readonly amazonSpoke: boolean;
    }
  | { readonly kind: 'permissionRequired'; readonly code: string }
  | { readonly kind: 'voicePurchaseDisabled'; readonly code: string }
  | {
      readonly kind: 'failed';
      readonly category: 'error' | 'malformed';
      readonly code: string | undefined;
    };

/**
 * Ends an exhaustive switch. The compiler proves that `unexpected` cannot occur; a value that still
 * arrives from untyped code gets the safe answer (never charged, never shipped) instead of being
 * passed through as if it were an outcome or a status.
 */
function failSafe<T>(unexpected: never, safe: T): T {
  return safe;
}

function own<T>(table: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.prototype.hasOwnProperty.call(table, key)
    ? table[key]
    : undefined;
}

/**
 * Maps a Setup answer to a SetupOutcome.
 *
 * Only status 200 with an `OPEN` agreement from the expected release environment may be charged: a
 * `SANDBOX` agreement under a live configuration (or the reverse) is never charged.
 * See https://developer.amazon.com/en-US/docs/alexa/amazon-pay-alexa/payment-declines-and-processing-errors.html
 */
export function classifySetupResult(
  result: SetupResult,
  expectedEnvironment: 'LIVE' | 'SANDBOX',
): SetupOutcome {
  switch (result.kind) {
    case 'agreement':
      // The environment first: a sandbox agreement on a live skill (or the reverse) is a merchant
      // misconfiguration, whatever the agreement's status, and must be recorded as such.
      if (result.releaseEnvironment !== expectedEnvironment) {
        return {
          kind: 'failed',
          category: 'wrongEnvironment',
          code: result.releaseEnvironment,
          amazonSpoke: false,
        };
      }
      if (result.billingAgreementStatus !== 'OPEN') {
        return {
          kind: 'failed',
          category: 'agreementNotOpen',
          code: result.billingAgreementStatus,
          amazonSpoke: false,
        };
      }
      return { kind: 'approved', billingAgreementId: result.billingAgreementId };
    case 'error':
      return classifySetupError(result.errorCode);
    case 'malformed':
      return { kind: 'failed', category: 'malformed', code: undefined, amazonSpoke: false };
    default:
      return failSafe<SetupOutcome>(result, {
        kind: 'failed',
        category: 'malformed',
        code: undefined,
        amazonSpoke: false,
      });
  }
}

function classifySetupError(code: string | undefined): SetupOutcome {
  if (code !== undefined && PERMISSION_ERROR_CODES.has(code)) {
    return { kind: 'permissionRequired', code };
  }
  if (code === 'VoicePurchaseNotEnabled') return { kind: 'voicePurchaseDisabled', code };
  if (code !== undefined && SETUP_ERRORS_SPOKEN_BY_AMAZON.has(code)) {
    return { kind: 'failed', category: 'handledByAmazon', code, amazonSpoke: true };
  }
  return { kind: 'failed', category: 'error', code, amazonSpoke: false };
}

/** What the order expects a Charge answer to confirm. */
export type ChargeExpectation = {
  readonly authorizationReferenceId: string;
  readonly totalMinor: number;
  readonly currency: string;
};

/**
 * Maps a Charge answer to a ChargeOutcome.
 *
 * Approved means status 200, state `Closed` (AuthorizeAndCapture captured), reason
 * `MaxCapturesProcessed` or none, our reference id echoed, and a captured amount equal to the
 * order total. A `CertificationTestTransaction` reason anywhere marks a certification test. Any
 * other approval with an unknown reason, a mismatched amount or reference, or a `Pending` or
 * `Open` state is held for review. Declines arrive as state `Declined` or as a 400 error.
 * See https://developer.amazon.com/en-US/docs/alexa/amazon-pay-alexa/payment-declines-and-processing-errors.html
 */
export function classifyChargeResult(
  result: ChargeResult,
  expected: ChargeExpectation,
): ChargeOutcome {
  switch (result.kind) {
    case 'authorization':
      return classifyAuthorization(result, expected);
    case 'error': {
      const code = result.errorCode;
      if (code === CERTIFICATION_TEST_REASON) return { kind: 'certificationTest' };
      const decline = own(DECLINE_REASONS, code);
      if (decline !== undefined && code !== undefined) {
        return { kind: 'declined', reason: code, ...decline };
      }
      if (code !== undefined && PERMISSION_ERROR_CODES.has(code)) {
        return { kind: 'permissionRequired', code };
      }
      if (code === 'VoicePurchaseNotEnabled') return { kind: 'voicePurchaseDisabled', code };
      return { kind: 'failed', category: 'error', code };
    }
    case 'malformed':
      return { kind: 'failed', category: 'malformed', code: undefined };
    default:
      return failSafe<ChargeOutcome>(result, {
        kind: 'failed',
        category: 'malformed',
        code: undefined,
      });
  }
}

function classifyAuthorization(
  result: Extract<ChargeResult, { kind: 'authorization' }>,
  expected: ChargeExpectation,
): ChargeOutcome {
  if (result.reasonCode === CERTIFICATION_TEST_REASON) return { kind: 'certificationTest' };
  switch (result.state) {
    case 'Declined': {
      const reason = result.reasonCode ?? 'Unspecified';
      const known = own(DECLINE_REASONS, result.reasonCode);
      return {
        kind: 'declined',
        reason,
        retryable: known?.retryable ?? false,
        amazonSpoke: known?.amazonSpoke ?? false,
      };
    }
    case 'Closed': {
      if (result.reasonCode !== undefined && result.reasonCode !== CAPTURED_REASON) {
        return { kind: 'heldForReview', reason: `reason:${result.reasonCode}` };
      }
      if (result.authorizationReferenceId !== expected.authorizationReferenceId) {
        return { kind: 'heldForReview', reason: 'referenceMismatch' };
      }
      const captured =
        result.capturedAmount?.currencyCode === expected.currency
          ? parseAmazonPayAmount(result.capturedAmount.amount, expected.currency)
          : undefined;
      if (captured !== expected.totalMinor) {
        return { kind: 'heldForReview', reason: 'amountMismatch' };
      }
      return { kind: 'approved' };
    }
    // Open means authorized but not captured; Pending should not happen with a timeout of 0.
    // Neither is paid: a merchant decides.
    case 'Open':
    case 'Pending':
      return { kind: 'heldForReview', reason: `state:${result.state}` };
    default:
      return { kind: 'heldForReview', reason: 'state:unknown' };
  }
}

/** The order status that a Charge outcome leaves the order in. */
export function toChargeStatus(outcome: ChargeOutcome): OrderStatus {
  switch (outcome.kind) {
    case 'approved':
      return OrderStatus.Paid;
    case 'certificationTest':
      return OrderStatus.CertificationTest;
    case 'heldForReview':
      return OrderStatus.HeldForReview;
    case 'declined':
      return OrderStatus.Declined;
    case 'permissionRequired':
    case 'voicePurchaseDisabled':
    case 'failed':
      return OrderStatus.Failed;
    default:
      return failSafe<OrderStatus>(outcome, OrderStatus.Failed);
  }
}
