import { AuthorizationReasonCode, BillingAgreementState } from '../amazonpay/mws/types';
import { BillingEvent } from './BillingEvent';
import type { ChargeDecision } from './ChargeDecision';
import type { ChargeOutcome } from './ChargeOutcome';
import { MwsFailureCategory } from './MwsFailureCategory';

/** How many attempts (reference ids) a period or usage charge gets before the agreement is suspended. */
export const MAX_CHARGE_ATTEMPTS = 3;

/** How long after a decline that may pass (TransactionTimedOut, ProcessingFailure) it is tried again. */
export const DECLINE_RETRY_DELAY_MS = 60 * 60_000;

/** The first wait before the same reference id is sent again after a transient failure. */
export const FIRST_RESEND_DELAY_MS = 15 * 60_000;

/** The longest wait between sends of the same reference id. */
export const MAX_RESEND_DELAY_MS = 6 * 60 * 60_000;

/** How long a refused request (the seller's keys or account) waits before it is sent again. */
export const CONFIGURATION_RETRY_DELAY_MS = 60 * 60_000;

/** What the decision needs to know besides the outcome. */
export type DecisionContext = {
  /** The attempt of the charge, from 1. */
  readonly attempt: number;
  /** How many times this reference id was sent again already. */
  readonly retries: number;
  /** Now, as an ISO instant. */
  readonly now: string;
  /** Defaults to MAX_CHARGE_ATTEMPTS. */
  readonly maxAttempts?: number;
};

const at = (now: string, delayMs: number): string =>
  new Date(Date.parse(now) + delayMs).toISOString();

/** The start of the next calendar month (UTC), when an agreement's monthly limit renews. */
function startOfNextMonth(now: string): string {
  const date = new Date(now);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)).toISOString();
}

function resendDelayMs(retries: number): number {
  return Math.min(FIRST_RESEND_DELAY_MS * 2 ** Math.min(retries, 20), MAX_RESEND_DELAY_MS);
}

function suspend(
  chargeState: 'declined' | 'failed',
  reason: string,
  logLevel: 'warn' | 'error',
  tally: 'declined' | 'errors' = 'declined',
): ChargeDecision {
  return {
    chargeState,
    agreementChange: { kind: 'suspend', reason },
    logLevel,
    event: BillingEvent.AgreementSuspended,
    notify: true,
    tally,
  };
}

function resend(chargeState: 'retry', retryAt: string): ChargeDecision {
  return {
    chargeState,
    agreementChange: { kind: 'retrySameCharge', retryAt },
    logLevel: 'warn',
    event: BillingEvent.ChargeRetryScheduled,
    notify: false,
    tally: 'retried',
  };
}

/** A later attempt with a new reference id, or a suspension once the attempts are used up. */
function retryOrSuspend(
  chargeState: 'declined' | 'failed',
  reason: string,
  retryAt: string,
  context: DecisionContext,
): ChargeDecision {
  if (context.attempt >= (context.maxAttempts ?? MAX_CHARGE_ATTEMPTS)) {
    return suspend(chargeState, reason, 'warn');
  }
  return {
    chargeState,
    agreementChange: { kind: 'retryNewAttempt', retryAt },
    logLevel: 'warn',
    event: BillingEvent.ChargeRetryScheduled,
    notify: false,
    tally: 'retried',
  };
}

function decideDecline(
  outcome: Extract<ChargeOutcome, { kind: 'declined' }>,
  context: DecisionContext,
): ChargeDecision {
  switch (outcome.reasonCode) {
    // Amazon suspends the agreement until the buyer updates the payment method.
    case AuthorizationReasonCode.InvalidPaymentMethod:
      return suspend('declined', outcome.reasonCode, 'warn');
    // The agreement stays Open, but an automatic retry is not advised: the merchant decides.
    case AuthorizationReasonCode.AmazonRejected:
      return suspend('declined', outcome.reasonCode, 'warn');
    // "Retry later" with a new reference id: the same one would get the same decline back.
    case AuthorizationReasonCode.TransactionTimedOut:
    case AuthorizationReasonCode.ProcessingFailure:
      return retryOrSuspend(
        'declined',
        outcome.reasonCode,
        at(context.now, DECLINE_RETRY_DELAY_MS),
        context,
      );
    default:
      return suspend('declined', outcome.reasonCode, 'error');
  }
}

function decideAgreementNotOpen(
  outcome: Extract<ChargeOutcome, { kind: 'agreementNotOpen' }>,
): ChargeDecision {
  const reason =
    outcome.reasonCode === undefined
      ? outcome.agreementState
      : `${outcome.agreementState}/${outcome.reasonCode}`;
  switch (outcome.agreementState) {
    case BillingAgreementState.Closed:
    case BillingAgreementState.Canceled:
      return {
        chargeState: 'failed',
        agreementChange: { kind: 'close', reason },
        logLevel: 'warn',
        event: BillingEvent.AgreementClosed,
        notify: true,
        tally: 'declined',
      };
    case BillingAgreementState.Suspended:
      return suspend('failed', reason, 'warn');
    default:
      return suspend('failed', reason, 'error');
  }
}

function decideMwsFailure(
  outcome: Extract<ChargeOutcome, { kind: 'mwsFailure' }>,
  context: DecisionContext,
): ChargeDecision {
  const reason = outcome.code ?? outcome.errorName;
  switch (outcome.category) {
    case MwsFailureCategory.Transient:
      return resend('retry', at(context.now, resendDelayMs(context.retries)));
    case MwsFailureCategory.Configuration:
      return {
        chargeState: 'retry',
        agreementChange: {
          kind: 'retrySameCharge',
          retryAt: at(context.now, CONFIGURATION_RETRY_DELAY_MS),
        },
        logLevel: 'error',
        event: BillingEvent.ChargeRefused,
        notify: false,
        tally: 'errors',
      };
    case MwsFailureCategory.AgreementState:
      return suspend('failed', reason, 'warn');
    case MwsFailureCategory.Request:
      return suspend('failed', reason, 'error', 'errors');
    default: {
      const unreachable: never = outcome.category;
      return unreachable;
    }
  }
}

/**
 * Decides what one charge outcome means: the charge's state, the agreement's next step, the log
 * level and event, whether to notify, and the run summary count. Pure: the same outcome and
 * context always give the same decision.
 *
 * The rules follow the backend fact sheet and Amazon's declined-authorization guide
 * (https://developer.amazon.com/docs/eu/amazon-pay-automatic/prepare-declined-authorizations.html):
 * InvalidPaymentMethod suspends (Amazon suspends the agreement too); AmazonRejected stops and
 * leaves the agreement to the merchant; TransactionTimedOut and ProcessingFailure are tried again
 * later with a new reference id, up to MAX_CHARGE_ATTEMPTS; an agreement that is not Open is
 * closed or suspended without an authorization; the monthly limit waits for the next limit
 * period; an answer that was lost (timeout, 5xx, throttling) is sent again with the same reference
 * id, so it can never charge twice.
 */
export function decideChargeOutcome(
  outcome: ChargeOutcome,
  context: DecisionContext,
): ChargeDecision {
  switch (outcome.kind) {
    case 'captured':
      return {
        chargeState: 'captured',
        agreementChange: { kind: 'advance' },
        logLevel: 'info',
        event: BillingEvent.ChargeCaptured,
        notify: false,
        tally: 'captured',
      };
    case 'declined':
      return decideDecline(outcome, context);
    case 'notCaptured':
      // Authorized without a capture although CaptureNow was asked: a merchant must look.
      return suspend(
        'failed',
        outcome.reasonCode ?? `${outcome.authorizationState}WithoutCapture`,
        'error',
      );
    case 'authorizationPending':
      return resend('retry', at(context.now, resendDelayMs(context.retries)));
    case 'agreementNotOpen':
      return decideAgreementNotOpen(outcome);
    case 'limitExceeded': {
      const renewsAt =
        outcome.periodEndsAt !== undefined &&
        Date.parse(outcome.periodEndsAt) > Date.parse(context.now)
          ? new Date(outcome.periodEndsAt).toISOString()
          : startOfNextMonth(context.now);
      return retryOrSuspend('failed', 'PeriodicAmountExceeded', renewsAt, context);
    }
    case 'mwsFailure':
      return decideMwsFailure(outcome, context);
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}
