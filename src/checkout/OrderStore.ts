import type { DeliveryBasis } from './deliveryQuote';
import type { Money } from './money';
import type { Order, OrderOutcomeRecord, ShippingAddress } from './Order';
import type { OrderStatus } from './OrderStatus';

/** Fields a status change may set besides the status itself. */
export type OrderChanges = {
  readonly attempt?: number;
  readonly authorizationReferenceId?: string;
  readonly billingAgreementId?: string;
  readonly amazonAuthorizationId?: string;
  readonly amazonOrderReferenceId?: string;
  readonly lastOutcome?: OrderOutcomeRecord;
  readonly shippingAddress?: ShippingAddress;
  readonly amazonCaptureId?: string;
  readonly captured?: Money;
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
  /**
   * When set, the write also requires the order's reference id (and, when given, its total and
   * currency) to be these: a Charge answer is recorded only on the order it answers.
   */
  readonly expectedCharge?: {
    readonly authorizationReferenceId: string;
    readonly totalMinor?: number;
    readonly currency?: string;
  };
  /** When set, the write also requires the stored `version` (the order was read just before). */
  readonly expectedVersion?: number;
  /**
   * When set, the write also requires the order to have been priced for this delivery zone, or
   * with the flat rate (which any deliverable address may take), or before delivery zones.
   */
  readonly expectedDelivery?: DeliveryBasis;
  /** When true, the write also requires a charge-now order (one without `chargeLater`). */
  readonly expectedChargeNow?: boolean;
  /** When set, the write also requires `expiresAt` to be later than this instant (ISO 8601). */
  readonly notExpiredAt?: string;
  readonly changes?: OrderChanges;
};

/** What came of a conditional status change. */
export type TransitionResult =
  | { readonly kind: 'applied'; readonly order: Order }
  /** The condition failed; `current` is the order as stored now, or undefined if there is none. */
  | { readonly kind: 'rejected'; readonly current: Order | undefined };

/** A query of the merchant's order listing: one page, optionally of one status only. */
export type OrderListQuery = {
  /** Only orders in this status (read from an index); every order when absent. */
  readonly status?: OrderStatus;
  /** At most this many orders in the page, from 1 to 1000; default 100. */
  readonly limit?: number;
  /** The `cursor` of the previous page, to read the page after it. */
  readonly cursor?: string;
};

/** One page of a listing; `cursor` is present when more orders may follow. */
export type OrderPage = {
  readonly orders: ReadonlyArray<Order>;
  /** Opaque; pass it back as `OrderListQuery.cursor` to read the next page. */
  readonly cursor?: string;
};

/** A merchant's request to mark a paid order shipped, at an instant (ISO 8601). */
export type ShipRequest = {
  readonly orderId: string;
  readonly at: string;
};

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

/**
 * The order store with its queries and the merchant's ship: what the merchant's tools, and any
 * lookup of a shopper's orders, need on top of the checkout port. The DynamoDB adapter
 * implements it.
 *
 * Kept apart from OrderStore so that the checkout port stays the three calls that a purchase
 * makes, and wrappers of it (fault injection in tests) need not forward these.
 */
export interface QueryableOrderStore extends OrderStore {
  /**
   * Finds a shopper's most recently created order, read back consistently; undefined when the
   * shopper has none.
   *
   * The lookup goes through an index that may lag a write by a moment, so an order created an
   * instant ago may not be found yet; the order returned is always read as stored now.
   */
  latestOrderForUser(userId: string): Promise<Order | undefined>;
  /**
   * Finds a buyer's most recently created order (placed with that Amazon Pay buyer id, by any
   * Alexa user id), read back consistently; undefined when there is none. Index lag as above.
   */
  latestOrderForBuyer(buyerId: string): Promise<Order | undefined>;
  /** Lists one page of orders, of one status or of every status, for the merchant's tools. */
  listOrders(query?: OrderListQuery): Promise<OrderPage>;
  /**
   * Moves a `paid` order to `shipped` with one conditional write; any other status (including
   * `certification-test` and `held-for-review`) or an unknown id is rejected and nothing changes.
   */
  markShipped(request: ShipRequest): Promise<TransitionResult>;
}
