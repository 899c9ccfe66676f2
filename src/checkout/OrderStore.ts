import type { Order, OrderOutcomeRecord } from './Order';
import type { OrderStatus } from './OrderStatus';

/** Fields a status change may set besides the status itself. */
export type OrderChanges = {
  readonly attempt?: number;
  readonly authorizationReferenceId?: string;
  readonly billingAgreementId?: string;
  readonly amazonAuthorizationId?: string;
  readonly amazonOrderReferenceId?: string;
  readonly lastOutcome?: OrderOutcomeRecord;
};

/**
 * A request to change an order's status, applied only if the order still is as expected.
 *
 * The write is one conditional update: it succeeds only when the stored order belongs to `userId`,
 * has status `from`, and (when given) the `attempt` and the not-yet-expired deadline still hold.
 */
export type StatusTransition = {
  readonly orderId: string;
  readonly userId: string;
  readonly from: OrderStatus;
  readonly to: OrderStatus;
  /** The time of the change (ISO 8601), recorded in `updatedAt` and the history. */
  readonly at: string;
  readonly expectedAttempt?: number;
  /** When set, the write also requires `expiresAt` to be later than this instant (ISO 8601). */
  readonly notExpiredAt?: string;
  readonly changes?: OrderChanges;
};

/** What came of a conditional status change. */
export type TransitionResult =
  | { readonly kind: 'applied'; readonly order: Order }
  /** The condition failed; `current` is the order as stored now, or undefined if there is none. */
  | { readonly kind: 'rejected'; readonly current: Order | undefined };

/**
 * The port through which the checkout domain keeps orders. The DynamoDB adapter in `store/`
 * implements it; every status change is a single conditional write.
 */
export interface OrderStore {
  /** Stores a new order; fails if an order with this id exists already. */
  create(order: Order): Promise<void>;
  /** Reads one order by id with a strongly consistent read. */
  get(orderId: string): Promise<Order | undefined>;
  /** Applies a status change if and only if its conditions hold. */
  transition(change: StatusTransition): Promise<TransitionResult>;
}
