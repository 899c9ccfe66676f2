import type { BillingEvent } from './BillingEvent';
import type { ChargeState } from './ChargeState';

/**
 * What a charge's outcome does to its agreement:
 * - `advance`: the period (or usage charge) is paid; a subscription moves to its next period;
 * - `retrySameCharge`: charge the same reference id again at `retryAt`;
 * - `retryNewAttempt`: try the same period or usage charge again at `retryAt` with the next attempt
 *   number (a new reference id);
 * - `suspend`: stop charging until the merchant acts; `reason` is kept on the agreement;
 * - `close`: Amazon closed or canceled the agreement; never charge it again.
 */
export type AgreementChange =
  | { readonly kind: 'advance' }
  | { readonly kind: 'retrySameCharge'; readonly retryAt: string }
  | { readonly kind: 'retryNewAttempt'; readonly retryAt: string }
  | { readonly kind: 'suspend'; readonly reason: string }
  | { readonly kind: 'close'; readonly reason: string };

/** Which count of the run summary a charge adds to. */
export type ChargeTally = 'captured' | 'declined' | 'retried' | 'errors';

/**
 * The decision for one charge outcome: the charge's new state, the agreement's next step, how
 * loudly to log it (and as which event), whether to notify the merchant, and the summary count.
 */
export type ChargeDecision = {
  readonly chargeState: Extract<ChargeState, 'captured' | 'declined' | 'failed' | 'retry'>;
  readonly agreementChange: AgreementChange;
  readonly logLevel: 'info' | 'warn' | 'error';
  readonly event: BillingEvent;
  readonly notify: boolean;
  readonly tally: ChargeTally;
};
