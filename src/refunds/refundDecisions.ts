import type { RefundHistory } from '../amazonpay/mws/refundLimits';
import { checkRefundAllowed } from '../amazonpay/mws/refundLimits';
import type { Money } from '../checkout/money';
import type { Order } from '../checkout/Order';
import { OrderRefundState, type OrderRefund } from '../checkout/OrderRefund';
import { OrderStatus } from '../checkout/OrderStatus';
import { parseRefundAmount } from './parseRefundAmount';
import { REFUNDABLE_STATUSES } from './RefundStore';
import { toRefundReferenceId } from './refundReferenceId';
import { completedRefundMinor } from './refundTotals';

/**
 * How much a merchant asks to refund: what is left of the capture, a decimal typed in the
 * capture's currency (the command line), or minor units (a scripted scenario).
 */
export type RefundAmountRequest =
  | { readonly kind: 'remaining' }
  | { readonly kind: 'decimal'; readonly text: string }
  | { readonly kind: 'minor'; readonly amountMinor: number };

/** Why a refund is not sent. */
export type RefundRefusal =
  /** Only paid, shipped, held-for-review and refund-pending orders are refunded. */
  | { readonly kind: 'notRefundable'; readonly status: OrderStatus }
  /** The order has no capture id, or the captured amount is not known. */
  | { readonly kind: 'noCapture' }
  | { readonly kind: 'invalidAmount'; readonly problem: string }
  /**
   * A refund recorded earlier was never confirmed as sent, for another amount: it must be sent
   * again (same reference id and amount) before a new one is recorded.
   */
  | { readonly kind: 'unsentRefundDiffers'; readonly refund: OrderRefund }
  /** Everything captured is refunded or on its way. */
  | { readonly kind: 'nothingLeft' }
  | { readonly kind: 'tooManyRefunds'; readonly maxRefunds: number }
  /** More than the capture allows: `remainingMinor` may still be refunded (margin included). */
  | { readonly kind: 'exceedsRefundable'; readonly remainingMinor: number };

/** What to do about a merchant's refund of an order. */
export type RefundDecision =
  /** Record this new refund (the `refundNumber`-th), then send it. */
  | { readonly kind: 'begin'; readonly refund: OrderRefund; readonly refundNumber: number }
  /** Send again the refund at `index`, recorded before but never confirmed as sent. */
  | { readonly kind: 'resend'; readonly refund: OrderRefund; readonly index: number }
  | { readonly kind: 'refused'; readonly refusal: RefundRefusal };

/** The capture of an order, when both its id and its amount are known. */
export function captureOf(
  order: Order,
): { readonly amazonCaptureId: string; readonly captured: Money } | undefined {
  return order.amazonCaptureId === undefined || order.captured === undefined
    ? undefined
    : { amazonCaptureId: order.amazonCaptureId, captured: order.captured };
}

/**
 * Tells whether Amazon may hold a refund: every one but a refund MWS refused outright (declined
 * without an Amazon refund id), which never existed there.
 */
function mayExistAtAmazon(refund: OrderRefund): boolean {
  return !(refund.state === OrderRefundState.Declined && refund.amazonRefundId === undefined);
}

/**
 * What the refund limits see of an order's capture: the captured amount, the refunds not declined
 * (pending and completed) and how many refunds Amazon may hold (declined ones included).
 */
export function refundHistoryOf(order: Order, captured: Money): RefundHistory {
  const refunds = order.refunds ?? [];
  return {
    captured,
    refundedMinor: refunds
      .filter((refund) => refund.state !== OrderRefundState.Declined)
      .reduce((sum, refund) => sum + refund.amountMinor, 0),
    refundCount: refunds.filter(mayExistAtAmazon).length,
  };
}

/** A pending refund that has no Amazon refund id: its Refund call was never answered. */
function firstUnsentRefund(order: Order): { refund: OrderRefund; index: number } | undefined {
  const index = (order.refunds ?? []).findIndex(
    (refund) => refund.state === OrderRefundState.Pending && refund.amazonRefundId === undefined,
  );
  const refund = order.refunds?.[index];
  return refund === undefined ? undefined : { refund, index };
}

const refused = (refusal: RefundRefusal): RefundDecision => ({ kind: 'refused', refusal });

/**
 * Decides a merchant's refund of an order, before anything is written or sent.
 *
 * The limits are the ones MWS enforces (`checkRefundAllowed`: at most 10 refunds per capture, a
 * total no higher than the captured amount plus the margin), checked on the order's own record.
 * Without an amount, the refund is what is left of the captured amount, never more; an amount
 * above it is allowed only within the margin. A refund recorded earlier and never confirmed as
 * sent comes first: it is sent again with its own reference id and amount.
 */
export function decideRefund(
  order: Order,
  amount: RefundAmountRequest,
  at: string,
): RefundDecision {
  if (!REFUNDABLE_STATUSES.has(order.status)) {
    return refused({ kind: 'notRefundable', status: order.status });
  }
  const capture = captureOf(order);
  if (capture === undefined) return refused({ kind: 'noCapture' });
  const { captured } = capture;
  let requestedMinor: number | undefined;
  if (amount.kind === 'decimal') {
    const reading = parseRefundAmount(amount.text, captured.currency);
    if (reading.kind === 'invalid') {
      return refused({ kind: 'invalidAmount', problem: `${amount.text} ${reading.problem}` });
    }
    requestedMinor = reading.amountMinor;
  } else if (amount.kind === 'minor') {
    if (!Number.isSafeInteger(amount.amountMinor) || amount.amountMinor < 1) {
      return refused({
        kind: 'invalidAmount',
        problem: 'must be a whole number of minor units from 1',
      });
    }
    requestedMinor = amount.amountMinor;
  }

  const unsent = firstUnsentRefund(order);
  if (unsent !== undefined) {
    return requestedMinor === undefined || requestedMinor === unsent.refund.amountMinor
      ? { kind: 'resend', ...unsent }
      : refused({ kind: 'unsentRefundDiffers', refund: unsent.refund });
  }

  const history = refundHistoryOf(order, captured);
  const remainingOfCapture = Math.max(0, captured.amountMinor - history.refundedMinor);
  if (requestedMinor === undefined && remainingOfCapture === 0) {
    return refused({ kind: 'nothingLeft' });
  }
  const amountMinor = requestedMinor ?? remainingOfCapture;
  const allowance = checkRefundAllowed(history, { amountMinor, currency: captured.currency });
  switch (allowance.kind) {
    case 'tooManyRefunds':
      return refused({ kind: 'tooManyRefunds', maxRefunds: allowance.maxRefunds });
    case 'exceedsRefundable':
      return allowance.remainingMinor === 0
        ? refused({ kind: 'nothingLeft' })
        : refused({ kind: 'exceedsRefundable', remainingMinor: allowance.remainingMinor });
    // The amount is in the capture's own currency, so this cannot happen; kept for the switch.
    case 'currencyMismatch':
      return refused({ kind: 'noCapture' });
    case 'allowed':
      break;
  }
  const refundNumber = (order.refunds?.length ?? 0) + 1;
  return {
    kind: 'begin',
    refundNumber,
    refund: {
      refundReferenceId: toRefundReferenceId(order.orderId, refundNumber),
      amountMinor,
      currency: captured.currency,
      requestedAt: at,
      state: OrderRefundState.Pending,
      updatedAt: at,
    },
  };
}

/**
 * Decides where a refund-pending order goes once its refund at `index` is settled: it stays
 * refund-pending while another refund is pending; it is refunded once the completed refunds add
 * up to the captured amount; otherwise it goes back to the status it had before its refunds (a
 * held order never to paid: without a recorded status it stays held for review).
 */
export function decideSettlement(
  order: Order,
  index: number,
  state: 'completed' | 'declined',
): OrderStatus {
  const refunds = (order.refunds ?? []).map((refund, i) =>
    i === index ? { ...refund, state } : refund,
  );
  if (refunds.some((refund) => refund.state === OrderRefundState.Pending)) {
    return OrderStatus.RefundPending;
  }
  const capture = captureOf(order);
  const completed = completedRefundMinor({ ...order, refunds });
  if (capture !== undefined && completed >= capture.captured.amountMinor) {
    return OrderStatus.Refunded;
  }
  const before = order.statusBeforeRefund;
  return before === OrderStatus.Paid || before === OrderStatus.Shipped
    ? before
    : OrderStatus.HeldForReview;
}
