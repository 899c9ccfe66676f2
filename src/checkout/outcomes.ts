import { parseAmazonPayAmount } from '../amazonpay/amount';
import type { ChargeResult, SetupResult } from '../amazonpay/connectionsResponse';
import {
  AGREEMENT_STATUS_ROWS,
  APPROVAL_ROWS,
  AUTHORIZATION_STATE_ROWS,
  CHARGE_ERROR_ROWS,
  DECLINE_REASON_ROWS,
  ENVIRONMENT_ROWS,
  FALLBACK_ROWS,
  lookUpRow,
  SETUP_APPROVED_ROW,
  SETUP_ERROR_ROWS,
  type OutcomeRow,
} from './outcomeTable';

/** The reason code Amazon puts on certification testers' orders: never shipped. */
export const CERTIFICATION_TEST_REASON = 'CertificationTestTransaction';

/** The reason code of a successful AuthorizeAndCapture. */
export const CAPTURED_REASON = 'MaxCapturesProcessed';

/** A classified Setup answer: its row, and the agreement id when the row lets Charge go ahead. */
export type SetupClassification = {
  readonly row: OutcomeRow;
  readonly billingAgreementId?: string;
  /** Where the order ships, when the row lets Charge go ahead. */
  readonly shippingAddress?: Readonly<Record<string, string>>;
  /** Amazon's own code (error code, agreement status or environment), for the merchant's log. */
  readonly code?: string;
};

/** A classified Charge answer. */
export type ChargeClassification = {
  readonly row: OutcomeRow;
  /** Amazon's own code (error code, reason code or state), for the merchant's log. */
  readonly code?: string;
};

/** What the order expects a Charge answer to confirm. */
export type ChargeExpectation = {
  readonly authorizationReferenceId: string;
  readonly totalMinor: number;
  readonly currency: string;
};

function withCode<T extends { row: OutcomeRow }>(value: T, code: string | undefined): T {
  return code === undefined ? value : { ...value, code };
}

/**
 * Maps a Setup answer to its row of the classification table.
 *
 * Only status 200 with an `OPEN` agreement from the expected release environment may be charged: a
 * `SANDBOX` agreement under a live configuration (or the reverse) never is. Errors are looked up by
 * `payload.errorCode`, falling back to `status.message`; an unknown code is a failure.
 * See https://developer.amazon.com/en-US/docs/alexa/amazon-pay-alexa/payment-declines-and-processing-errors.html
 */
export function classifySetupResult(
  result: SetupResult,
  expectedEnvironment: 'LIVE' | 'SANDBOX',
): SetupClassification {
  if (result.kind === 'malformed') return { row: FALLBACK_ROWS.setupMalformed };
  if (result.kind === 'error') {
    return withCode(
      { row: lookUpRow(SETUP_ERROR_ROWS, result.errorCode) ?? FALLBACK_ROWS.setupUnknownCode },
      result.errorCode,
    );
  }
  // The environment first: a sandbox agreement in production is the merchant's misconfiguration,
  // whatever its status.
  if (result.releaseEnvironment !== expectedEnvironment) {
    return {
      row:
        expectedEnvironment === 'LIVE'
          ? ENVIRONMENT_ROWS.SandboxUnderLive
          : ENVIRONMENT_ROWS.LiveUnderSandbox,
      code: result.releaseEnvironment,
    };
  }
  if (result.billingAgreementStatus === 'OPEN') {
    // Real-world goods: the Setup asked for the shipping address, and without it nothing ships.
    if (!result.hasDestination) return { row: AGREEMENT_STATUS_ROWS.NoShippingAddress };
    return {
      row: SETUP_APPROVED_ROW,
      billingAgreementId: result.billingAgreementId,
      ...(result.shippingAddress !== undefined && { shippingAddress: result.shippingAddress }),
    };
  }
  return {
    row:
      lookUpRow(AGREEMENT_STATUS_ROWS, result.billingAgreementStatus) ??
      AGREEMENT_STATUS_ROWS.Unknown,
    code: result.billingAgreementStatus,
  };
}

/**
 * Maps a Charge answer to its row of the classification table.
 *
 * Paid means status 200, state `Closed` (AuthorizeAndCapture captured), reason
 * `MaxCapturesProcessed` or none, our reference id echoed, and a captured amount equal to the
 * order total. A `CertificationTestTransaction` reason anywhere marks a certification test.
 * Declines arrive as state `Declined` with a reasonCode, or as a non-200 error whose code is the
 * reason; the state and reason are read from `authorizationDetails.authorizationStatus`.
 * See https://developer.amazon.com/en-US/docs/alexa/amazon-pay-alexa/payment-declines-and-processing-errors.html
 */
export function classifyChargeResult(
  result: ChargeResult,
  expected: ChargeExpectation,
): ChargeClassification {
  if (result.kind === 'malformed') return { row: FALLBACK_ROWS.chargeMalformed };
  if (result.kind === 'error') {
    return withCode(
      { row: lookUpRow(CHARGE_ERROR_ROWS, result.errorCode) ?? FALLBACK_ROWS.chargeUnknownCode },
      result.errorCode,
    );
  }
  const reason = result.reasonCode;
  if (reason === CERTIFICATION_TEST_REASON) {
    return { row: APPROVAL_ROWS.CertificationTestTransaction, code: reason };
  }
  const state = AUTHORIZATION_STATE_ROWS;
  switch (result.state) {
    case 'Declined':
      return withCode(
        {
          row: lookUpRow(DECLINE_REASON_ROWS, reason) ?? state.DeclinedUnknownReason,
        },
        reason,
      );
    case 'Closed': {
      if (reason !== undefined && reason !== CAPTURED_REASON) {
        return { row: state.ClosedUnknownReason, code: reason };
      }
      if (result.authorizationReferenceId !== expected.authorizationReferenceId) {
        return { row: state.ReferenceMismatch };
      }
      const captured =
        result.capturedAmount?.currencyCode === expected.currency
          ? parseAmazonPayAmount(result.capturedAmount.amount, expected.currency)
          : undefined;
      if (captured !== expected.totalMinor) {
        return { row: state.AmountMismatch };
      }
      return { row: APPROVAL_ROWS.MaxCapturesProcessed };
    }
    case 'Open':
    case 'Pending':
      return withCode({ row: state[result.state] }, reason);
    default:
      return { row: state.Unknown, code: result.state.slice(0, 64) };
  }
}
