/**
 * The structured log events of the billing job (the `message` of a log line). Their fields are ids
 * of ours and Amazon's (billing agreement, reference, authorization), states and codes: never a
 * customer key, buyer id, name, address or note.
 */
export const BillingEvent = {
  RunStarted: 'billing.run.started',
  RunFinished: 'billing.run.finished',
  ChargeCaptured: 'billing.charge.captured',
  ChargeRetryScheduled: 'billing.charge.retry-scheduled',
  ChargeRefused: 'billing.charge.refused',
  AgreementSuspended: 'billing.agreement.suspended',
  AgreementClosed: 'billing.agreement.closed',
  AgreementSkipped: 'billing.agreement.skipped',
  AgreementError: 'billing.agreement.error',
  NotifyFailed: 'billing.notify.failed',
} as const;
export type BillingEvent = (typeof BillingEvent)[keyof typeof BillingEvent];
