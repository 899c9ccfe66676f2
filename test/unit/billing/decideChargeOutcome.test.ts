import type { ChargeDecision } from '../../../src/billing/ChargeDecision';
import type { ChargeOutcome } from '../../../src/billing/ChargeOutcome';
import {
  CONFIGURATION_RETRY_DELAY_MS,
  DECLINE_RETRY_DELAY_MS,
  decideChargeOutcome,
  FIRST_RESEND_DELAY_MS,
  MAX_CHARGE_ATTEMPTS,
  MAX_RESEND_DELAY_MS,
} from '../../../src/billing/decideChargeOutcome';

const NOW = '2025-03-10T09:00:00.000Z';
const later = (ms: number): string => new Date(Date.parse(NOW) + ms).toISOString();
const AUTH = 'S01-1000002-0000002-A000002';

const declined = (reasonCode: string): ChargeOutcome => ({
  kind: 'declined',
  reasonCode,
  amazonAuthorizationId: AUTH,
});
const failure = (
  category: 'transient' | 'configuration' | 'agreementState' | 'request',
  code?: string,
): ChargeOutcome => ({
  kind: 'mwsFailure',
  operation: 'AuthorizeOnBillingAgreement',
  category,
  errorName: 'MwsClientError',
  ...(code === undefined ? {} : { code }),
});

const suspended = (
  chargeState: 'declined' | 'failed',
  reason: string,
  logLevel: 'warn' | 'error' = 'warn',
  tally: 'declined' | 'errors' = 'declined',
): ChargeDecision => ({
  chargeState,
  agreementChange: { kind: 'suspend', reason },
  logLevel,
  event: 'billing.agreement.suspended',
  notify: true,
  tally,
});
const newAttempt = (chargeState: 'declined' | 'failed', retryAt: string): ChargeDecision => ({
  chargeState,
  agreementChange: { kind: 'retryNewAttempt', retryAt },
  logLevel: 'warn',
  event: 'billing.charge.retry-scheduled',
  notify: false,
  tally: 'retried',
});
const resend = (retryAt: string): ChargeDecision => ({
  chargeState: 'retry',
  agreementChange: { kind: 'retrySameCharge', retryAt },
  logLevel: 'warn',
  event: 'billing.charge.retry-scheduled',
  notify: false,
  tally: 'retried',
});

describe('decideChargeOutcome', () => {
  const first = { attempt: 1, retries: 0, now: NOW };
  const last = { attempt: MAX_CHARGE_ATTEMPTS, retries: 0, now: NOW };

  it.each<
    [string, ChargeOutcome, { attempt: number; retries: number; now: string }, ChargeDecision]
  >([
    [
      'a capture advances the agreement and logs at info',
      {
        kind: 'captured',
        amazonAuthorizationId: AUTH,
        amazonOrderReferenceId: 'S01-1000002-0000002',
        amazonCaptureIds: ['S01-1000002-0000002-C000002'],
      },
      first,
      {
        chargeState: 'captured',
        agreementChange: { kind: 'advance' },
        logLevel: 'info',
        event: 'billing.charge.captured',
        notify: false,
        tally: 'captured',
      },
    ],
    [
      'InvalidPaymentMethod declines the charge, suspends the agreement and notifies',
      declined('InvalidPaymentMethod'),
      first,
      suspended('declined', 'InvalidPaymentMethod'),
    ],
    [
      'AmazonRejected declines the charge and stops: the agreement is left to the merchant',
      declined('AmazonRejected'),
      first,
      suspended('declined', 'AmazonRejected'),
    ],
    [
      'TransactionTimedOut tries again later with a new attempt',
      declined('TransactionTimedOut'),
      first,
      newAttempt('declined', later(DECLINE_RETRY_DELAY_MS)),
    ],
    [
      'ProcessingFailure tries again later with a new attempt',
      declined('ProcessingFailure'),
      { attempt: 2, retries: 0, now: NOW },
      newAttempt('declined', later(DECLINE_RETRY_DELAY_MS)),
    ],
    [
      'TransactionTimedOut on the last attempt suspends',
      declined('TransactionTimedOut'),
      last,
      suspended('declined', 'TransactionTimedOut'),
    ],
    [
      'ProcessingFailure on the last attempt suspends',
      declined('ProcessingFailure'),
      last,
      suspended('declined', 'ProcessingFailure'),
    ],
    [
      'a decline reason Amazon may add suspends and logs at error',
      declined('SomethingNew'),
      first,
      suspended('declined', 'SomethingNew', 'error'),
    ],
    [
      'an authorization Closed without a capture suspends and logs at error',
      {
        kind: 'notCaptured',
        authorizationState: 'Closed',
        reasonCode: 'AmazonClosed',
        amazonAuthorizationId: AUTH,
      },
      first,
      suspended('failed', 'AmazonClosed', 'error'),
    ],
    [
      'an authorization Open without a capture suspends and logs at error',
      { kind: 'notCaptured', authorizationState: 'Open', amazonAuthorizationId: AUTH },
      first,
      suspended('failed', 'OpenWithoutCapture', 'error'),
    ],
    [
      'a Pending authorization is sent again with the same reference id',
      { kind: 'authorizationPending', amazonAuthorizationId: AUTH },
      first,
      resend(later(FIRST_RESEND_DELAY_MS)),
    ],
    [
      'an agreement Amazon reports Closed is closed, without an authorization',
      { kind: 'agreementNotOpen', agreementState: 'Closed', reasonCode: 'BuyerCanceled' },
      first,
      {
        chargeState: 'failed',
        agreementChange: { kind: 'close', reason: 'Closed/BuyerCanceled' },
        logLevel: 'warn',
        event: 'billing.agreement.closed',
        notify: true,
        tally: 'declined',
      },
    ],
    [
      'an agreement Amazon reports Canceled is closed',
      { kind: 'agreementNotOpen', agreementState: 'Canceled' },
      first,
      {
        chargeState: 'failed',
        agreementChange: { kind: 'close', reason: 'Canceled' },
        logLevel: 'warn',
        event: 'billing.agreement.closed',
        notify: true,
        tally: 'declined',
      },
    ],
    [
      'an agreement Amazon reports Suspended is suspended with its reason',
      {
        kind: 'agreementNotOpen',
        agreementState: 'Suspended',
        reasonCode: 'InvalidPaymentMethod',
      },
      first,
      suspended('failed', 'Suspended/InvalidPaymentMethod'),
    ],
    [
      'an agreement still in Draft is suspended and logged at error',
      { kind: 'agreementNotOpen', agreementState: 'Draft' },
      first,
      suspended('failed', 'Draft', 'error'),
    ],
    [
      'the monthly limit waits for the end of the limit period with a new attempt',
      { kind: 'limitExceeded', remainingMinor: 500, periodEndsAt: '2025-04-01T00:00:00Z' },
      first,
      newAttempt('failed', '2025-04-01T00:00:00.000Z'),
    ],
    [
      'PeriodicAmountExceeded without a known period end waits for the next calendar month',
      { kind: 'limitExceeded' },
      first,
      newAttempt('failed', '2025-04-01T00:00:00.000Z'),
    ],
    [
      'a limit period end in the past is replaced by the next calendar month',
      { kind: 'limitExceeded', periodEndsAt: '2025-03-01T00:00:00Z' },
      first,
      newAttempt('failed', '2025-04-01T00:00:00.000Z'),
    ],
    [
      'the monthly limit on the last attempt suspends',
      { kind: 'limitExceeded', remainingMinor: 0 },
      last,
      suspended('failed', 'PeriodicAmountExceeded'),
    ],
    [
      'a transient failure is sent again with the same reference id after 15 minutes',
      failure('transient', 'ServiceUnavailable'),
      first,
      resend(later(FIRST_RESEND_DELAY_MS)),
    ],
    [
      'a transient failure backs off with each resend',
      failure('transient'),
      { attempt: 1, retries: 2, now: NOW },
      resend(later(4 * FIRST_RESEND_DELAY_MS)),
    ],
    [
      'a transient failure waits at most six hours',
      failure('transient'),
      { attempt: 1, retries: 60, now: NOW },
      resend(later(MAX_RESEND_DELAY_MS)),
    ],
    [
      'a configuration failure is sent again later and counted as an error',
      failure('configuration', 'InvalidAccountStatus'),
      last,
      {
        chargeState: 'retry',
        agreementChange: { kind: 'retrySameCharge', retryAt: later(CONFIGURATION_RETRY_DELAY_MS) },
        logLevel: 'error',
        event: 'billing.charge.refused',
        notify: false,
        tally: 'errors',
      },
    ],
    [
      'an agreement-state failure suspends with the code',
      failure('agreementState', 'InvalidBillingAgreementStatus'),
      first,
      suspended('failed', 'InvalidBillingAgreementStatus'),
    ],
    [
      'a request failure suspends, logs at error and counts as an error',
      failure('request', 'DuplicateRequest'),
      first,
      suspended('failed', 'DuplicateRequest', 'error', 'errors'),
    ],
    [
      'a request failure without a code names the error class',
      failure('request'),
      first,
      suspended('failed', 'MwsClientError', 'error', 'errors'),
    ],
  ])('%s', (_name, outcome, context, expected) => {
    expect(decideChargeOutcome(outcome, context)).toEqual(expected);
  });

  it('honours a smaller number of attempts', () => {
    expect(
      decideChargeOutcome(declined('TransactionTimedOut'), { ...first, maxAttempts: 1 }),
    ).toEqual(suspended('declined', 'TransactionTimedOut'));
  });
});
