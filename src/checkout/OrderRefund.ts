import type { Currency } from './money';

/**
 * Where one refund of an order stands, as the merchant's backend records it.
 *
 * `pending` from the moment it is recorded (before the MWS Refund call) until GetRefundDetails
 * reports Completed or Declined; `declined` also records a refund that MWS refused outright (a 4xx
 * answer, with its error code as the reason). See
 * https://developer.amazon.com/docs/eu/amazon-pay-api/refund-states-and-reason-codes.html.
 */
export const OrderRefundState = {
  Pending: 'pending',
  Completed: 'completed',
  Declined: 'declined',
} as const;
export type OrderRefundState = (typeof OrderRefundState)[keyof typeof OrderRefundState];

/**
 * One refund of an order's capture, kept on the order in the order it was requested.
 *
 * `refundReferenceId` is ours (sent as `RefundReferenceId`, reused unchanged on every resend);
 * `amazonRefundId` is Amazon's, known once a Refund call was answered.
 */
export type OrderRefund = {
  readonly refundReferenceId: string;
  readonly amountMinor: number;
  readonly currency: Currency;
  /** When the refund was recorded, before it was first sent (ISO 8601). */
  readonly requestedAt: string;
  readonly state: OrderRefundState;
  readonly amazonRefundId?: string;
  /** Amazon's reason code of a decline, or the MWS error code of a refused request. */
  readonly reasonCode?: string;
  readonly updatedAt: string;
};

/** Tells whether a value is a refund state. */
export function isOrderRefundState(value: unknown): value is OrderRefundState {
  return (
    value === OrderRefundState.Pending ||
    value === OrderRefundState.Completed ||
    value === OrderRefundState.Declined
  );
}
