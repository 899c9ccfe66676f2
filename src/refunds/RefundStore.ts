import type { Order } from '../checkout/Order';
import type { OrderRefund } from '../checkout/OrderRefund';
import { OrderStatus } from '../checkout/OrderStatus';
import type { OrderListQuery, OrderPage, TransitionResult } from '../checkout/OrderStore';

/**
 * The statuses from which a refund may begin: the charged orders a merchant may refund (paid,
 * shipped, held-for-review) and an order whose earlier refund is still pending.
 */
export const REFUNDABLE_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>([
  OrderStatus.Paid,
  OrderStatus.Shipped,
  OrderStatus.HeldForReview,
  OrderStatus.RefundPending,
]);

/**
 * A request to record a new refund before it is sent to MWS: the refund is appended, pending, and
 * the order moves to refund-pending, in one conditional write.
 */
export type BeginRefundRequest = {
  readonly orderId: string;
  /** The status the order had when it was read; one of REFUNDABLE_STATUSES. */
  readonly from: OrderStatus;
  /** The `version` the order had when it was read. */
  readonly expectedVersion: number;
  /** How many refunds the order held when it was read. */
  readonly expectedRefundCount: number;
  /** The new refund, in state `pending`. */
  readonly refund: OrderRefund;
  /** The time of the write (ISO 8601). */
  readonly at: string;
};

/** A request to record Amazon's refund id on a pending refund, once a Refund call was answered. */
export type RecordRefundCallRequest = {
  readonly orderId: string;
  /** The refund's position in `refunds`. */
  readonly index: number;
  /** Must be the reference id of the refund at `index`. */
  readonly refundReferenceId: string;
  readonly amazonRefundId: string;
  readonly at: string;
};

/**
 * A request to settle a pending refund as completed or declined, and to move the order on: to
 * `to`, which is refund-pending while another refund is pending, else refunded or the status the
 * order had before its refunds.
 */
export type SettleRefundRequest = {
  readonly orderId: string;
  /** The `version` the order had when it was read: the status `to` was decided on it. */
  readonly expectedVersion: number;
  readonly index: number;
  readonly refundReferenceId: string;
  readonly state: 'completed' | 'declined';
  readonly amazonRefundId?: string;
  readonly reasonCode?: string;
  readonly to: OrderStatus;
  readonly at: string;
};

/**
 * The port through which refunds keep their records on the order. The DynamoDB adapter in
 * `store/` implements it; each write is one conditional UpdateItem, so two refunds of one order
 * racing each other cannot both pass the limits, and a stale decision writes nothing.
 *
 * A rejected write returns the order as stored now (`current`), or undefined for an unknown id.
 */
export interface RefundStore {
  /** Reads one order by id with a strongly consistent read. */
  get(orderId: string): Promise<Order | undefined>;
  /** Lists one page of orders of one status (read from an index). */
  listOrders(query?: OrderListQuery): Promise<OrderPage>;
  /**
   * Appends a pending refund and moves the order to refund-pending, if and only if the order still
   * has status `from`, version `expectedVersion` and `expectedRefundCount` refunds. The status it
   * leaves (not refund-pending itself) is kept as `statusBeforeRefund`.
   */
  beginRefund(request: BeginRefundRequest): Promise<TransitionResult>;
  /**
   * Records Amazon's refund id on the pending refund at `index`, if it still is that refund, is
   * pending, and has no other Amazon id.
   */
  recordRefundCall(request: RecordRefundCallRequest): Promise<TransitionResult>;
  /**
   * Settles the pending refund at `index` and moves the order to `to` (removing
   * `statusBeforeRefund` when it leaves refund-pending), if the order still has version
   * `expectedVersion`, status refund-pending, and that refund pending.
   */
  settleRefund(request: SettleRefundRequest): Promise<TransitionResult>;
}
