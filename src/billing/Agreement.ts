import type { Currency } from '../checkout/money';
import type { AgreementState } from './AgreementState';
import type { BillingPeriod } from './BillingPeriod';

/**
 * A billing job's hold on an agreement while it charges it: the run's id and when the hold lapses,
 * so that a run that crashed cannot keep the agreement from being charged by a later run.
 */
export type AgreementClaim = {
  readonly runId: string;
  readonly expiresAt: string;
};

/**
 * A usage charge of a pay-as-you-go agreement waiting to be charged: the merchant's usage id, the
 * amount in the agreement's currency, and the attempt whose reference id the next charge uses.
 */
export type QueuedUsage = {
  readonly usageId: string;
  readonly amountMinor: number;
  readonly attempt: number;
  readonly queuedAt: string;
};

/** What every agreement carries, whatever it is charged for. No personal data. */
type AgreementFields = {
  /** Amazon's id of the billing agreement, from the Setup result. */
  readonly billingAgreementId: string;
  /** Whose agreement it is: `buyer:<buyerId>` when the buyer id is known, else `user:<userId>`. */
  readonly customerKey: string;
  readonly productId: string;
  readonly currency: Currency;
  readonly state: AgreementState;
  /** Why the agreement is suspended or closed: an Amazon reason or error code. */
  readonly stateReason?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Increases by one with every write; each write is conditioned on the version it read. */
  readonly version: number;
  /** The Setup's `sellerNote` (the agreement's description shown to the buyer), kept as given. */
  readonly sellerNote?: string;
  /**
   * Sent as `SellerAuthorizationNote` with every charge (at most 255 characters). In the sandbox
   * this is where a simulation string goes, e.g.
   * `{"SandboxSimulation": {"State":"Declined", "ReasonCode":"AmazonRejected"}}`.
   */
  readonly sellerAuthorizationNote?: string;
  /** When the next charge is due; undefined when nothing is due (a pay-as-you-go agreement). */
  readonly nextChargeAt?: string;
  readonly claim?: AgreementClaim;
};

/**
 * A subscription: `amountMinor` charged every `period`, the first time at `firstChargeAt`.
 *
 * `periodIndex` is the period charged next (0 for the first) and `attempt` its attempt, from 1;
 * together with the agreement id they make the charge's reference id. `nextChargeAt` is the start
 * of that period, or a later retry time.
 */
export type SubscriptionAgreement = AgreementFields & {
  readonly kind: 'subscription';
  readonly amountMinor: number;
  readonly period: BillingPeriod;
  readonly firstChargeAt: string;
  readonly periodIndex: number;
  readonly attempt: number;
  readonly nextChargeAt: string;
};

/**
 * A pay-as-you-go agreement: the merchant records usage charges, which wait in `usageQueue`
 * (oldest first) until the billing job charges them.
 */
export type PayAsYouGoAgreement = AgreementFields & {
  readonly kind: 'payAsYouGo';
  readonly usageQueue: ReadonlyArray<QueuedUsage>;
};

/**
 * A billing agreement of a customer, as the billing job keeps it (one record per agreement in the
 * orders table). Amounts are integer minor units of `currency`.
 */
export type Agreement = SubscriptionAgreement | PayAsYouGoAgreement;
