import type { Agreement } from './Agreement';
import type { Charge } from './Charge';
import type { NewAgreement } from './NewAgreement';

/**
 * The answer of `createAgreement`: `created`; `unchanged` when the same agreement was created
 * before (a re-delivered Setup), with the stored record; `conflict` when an agreement with this
 * id exists with other content (nothing is written).
 */
export type CreateAgreementResult =
  | { readonly kind: 'created'; readonly agreement: Agreement }
  | { readonly kind: 'unchanged'; readonly agreement: Agreement }
  | { readonly kind: 'conflict'; readonly existing: Agreement };

/**
 * The answer of `recordUsageCharge`:
 * - `queued`: the usage charge waits for the billing job, under `authorizationReferenceId`;
 * - `alreadyRecorded`: this usage id was recorded before with the same amount (nothing new);
 * - `conflict`: this usage id was recorded before with another amount (nothing written);
 * - `notFound`, `notPayAsYouGo`, `notActive`: the agreement is missing, is a subscription, or is
 *   suspended or closed (nothing written);
 * - `queueFull`: the agreement already has `MAX_QUEUED_USAGE` usage charges waiting.
 */
export type RecordUsageResult =
  | { readonly kind: 'queued'; readonly authorizationReferenceId: string }
  | { readonly kind: 'alreadyRecorded'; readonly authorizationReferenceId: string }
  | { readonly kind: 'conflict' }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'notPayAsYouGo' }
  | { readonly kind: 'notActive' }
  | { readonly kind: 'queueFull' };

/** A usage charge of a pay-as-you-go agreement, as the merchant records it. */
export type UsageCharge = {
  readonly billingAgreementId: string;
  /** The merchant's own id of the usage; recording it twice charges it once. */
  readonly usageId: string;
  readonly amountMinor: number;
  /** When it was recorded, an ISO instant. */
  readonly at: string;
};

/** The answer of a conditional write: `replaced`, or `stale` when the record's version moved on. */
export type ReplaceResult = 'replaced' | 'stale';

/**
 * The store of billing agreements and their charges (the port; the DynamoDB adapter keeps them in
 * the orders table as non-order records).
 *
 * Every write is a single-item conditional write: a new record only if its key is free, a change
 * only if the record still has the version that was read.
 */
export interface AgreementStore {
  /**
   * Stores the agreement of a successful charge-later Setup. Idempotent: the same agreement again
   * answers `unchanged`; other content under the same id answers `conflict`.
   */
  createAgreement(agreement: NewAgreement): Promise<CreateAgreementResult>;

  /** Reads one agreement (strongly consistent); undefined when there is none. */
  getAgreement(billingAgreementId: string): Promise<Agreement | undefined>;

  /**
   * Lists up to `limit` active agreements with a charge due at or before `now`, earliest first.
   * Read from an index, so a record may lag its last write by a moment: read the agreement again
   * before acting on it.
   */
  listDueAgreements(now: string, limit: number): Promise<ReadonlyArray<Agreement>>;

  /** Lists a customer's agreements, oldest first. */
  agreementsOfCustomer(customerKey: string): Promise<ReadonlyArray<Agreement>>;

  /**
   * Writes an agreement if the stored one still has `expectedVersion`; `next.version` must be
   * `expectedVersion + 1`.
   */
  replaceAgreement(next: Agreement, expectedVersion: number): Promise<ReplaceResult>;

  /**
   * Records a usage charge of a pay-as-you-go agreement and queues it for the billing job, with its
   * own reference id. Recording the same usage id again charges it once.
   */
  recordUsageCharge(usage: UsageCharge): Promise<RecordUsageResult>;

  /** Stores a new charge if its reference id is free; otherwise answers the stored one. */
  createCharge(
    charge: Charge,
  ): Promise<{ readonly kind: 'created' } | { readonly kind: 'exists'; readonly charge: Charge }>;

  /** Reads one charge by its reference id (strongly consistent). */
  getCharge(authorizationReferenceId: string): Promise<Charge | undefined>;

  /**
   * Writes a charge if the stored one still has `expectedVersion`; `next.version` must be
   * `expectedVersion + 1`.
   */
  replaceCharge(next: Charge, expectedVersion: number): Promise<ReplaceResult>;
}
