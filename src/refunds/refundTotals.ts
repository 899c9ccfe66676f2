import type { Order } from '../checkout/Order';
import { OrderRefundState } from '../checkout/OrderRefund';

/** The sum, in minor units, of an order's refunds in one state (0 when it has none). */
export function refundTotalMinor(order: Order, state: OrderRefundState): number {
  return (order.refunds ?? [])
    .filter((refund) => refund.state === state)
    .reduce((sum, refund) => sum + refund.amountMinor, 0);
}

/** The sum of an order's pending refunds: money on its way back to the shopper. */
export function pendingRefundMinor(order: Order): number {
  return refundTotalMinor(order, OrderRefundState.Pending);
}

/** The sum of an order's completed refunds: money returned to the shopper. */
export function completedRefundMinor(order: Order): number {
  return refundTotalMinor(order, OrderRefundState.Completed);
}
