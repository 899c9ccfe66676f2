import type { Currency } from '../checkout/money';
import type { ChargeOutcome } from './ChargeOutcome';
import type { ChargeState } from './ChargeState';

/**
 * One charge of an agreement, keyed by its `authorizationReferenceId` (ours, sent to Amazon) and
 * persisted before AuthorizeOnBillingAgreement is sent, so that a crash and a retry send the same
 * reference id and can never charge twice.
 *
 * A `period` charge is period `periodIndex` of a subscription; a `usage` charge is the usage
 * `usageId` of a pay-as-you-go agreement. `attempt` counts new reference ids for the same period
 * or usage (a decline that may pass later is tried again with the next attempt); `retries` counts
 * sends of this same reference id.
 */
export type Charge = {
  readonly authorizationReferenceId: string;
  readonly billingAgreementId: string;
  readonly attempt: number;
  readonly amountMinor: number;
  readonly currency: Currency;
  /** Sent as `SellerAuthorizationNote`; part of the parameters a resend repeats exactly. */
  readonly sellerAuthorizationNote?: string;
  readonly state: ChargeState;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
  readonly retries: number;
  /** When a `retry` charge is sent again. */
  readonly retryAt?: string;
  /** The last classified outcome; absent while queued or pending. */
  readonly outcome?: ChargeOutcome;
} & (
  | { readonly kind: 'period'; readonly periodIndex: number }
  | { readonly kind: 'usage'; readonly usageId: string }
);
