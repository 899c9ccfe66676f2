import type { MinorAmount } from '../amount';
import {
  MAX_REFUNDS_PER_CAPTURE,
  REFUND_MARGIN_CAP_MINOR,
  REFUND_MARGIN_PERCENT,
} from './constants';

/**
 * Returns the most that may be refunded in total on a capture, in its minor units.
 *
 * The captured amount plus 15% or 75 USD/GBP/EUR, whichever is less
 * (https://developer.amazon.com/docs/eu/amazon-pay-api/refund.html). The 15% is rounded down to
 * a whole minor unit; a currency without a documented cap (JPY) gets no margin.
 */
export function maxRefundTotalMinor(captured: MinorAmount): number {
  const cap = Object.prototype.hasOwnProperty.call(REFUND_MARGIN_CAP_MINOR, captured.currency)
    ? REFUND_MARGIN_CAP_MINOR[captured.currency]
    : undefined;
  const percent = Math.floor((captured.amountMinor * REFUND_MARGIN_PERCENT) / 100);
  return captured.amountMinor + Math.min(percent, cap ?? 0);
}

/** What is known of a capture before refunding it again. */
export type RefundHistory = {
  /** The captured amount. */
  readonly captured: MinorAmount;
  /** The sum of the refunds not declined so far (pending and completed), in minor units. */
  readonly refundedMinor: number;
  /** How many refunds were requested on the capture so far, declined ones included. */
  readonly refundCount: number;
};

/** Whether a refund is within the limits, and if not, which limit it breaks. */
export type RefundAllowance =
  | { readonly kind: 'allowed' }
  | { readonly kind: 'currencyMismatch'; readonly captureCurrency: string }
  | { readonly kind: 'tooManyRefunds'; readonly maxRefunds: number }
  | { readonly kind: 'exceedsRefundable'; readonly remainingMinor: number };

/**
 * Checks a refund against the Amazon Pay limits before it is sent: the capture's currency, at most
 * 10 refunds per capture, and a total no higher than `maxRefundTotalMinor`.
 *
 * @example
 * const captured = { amountMinor: 1000, currency: 'USD' };
 * const history = { captured, refundedMinor: 0, refundCount: 0 };
 * checkRefundAllowed(history, { ...captured, amountMinor: 1150 });
 * // { kind: 'allowed' }
 */
export function checkRefundAllowed(history: RefundHistory, refund: MinorAmount): RefundAllowance {
  if (refund.currency !== history.captured.currency) {
    return { kind: 'currencyMismatch', captureCurrency: history.captured.currency };
  }
  if (history.refundCount >= MAX_REFUNDS_PER_CAPTURE) {
    return { kind: 'tooManyRefunds', maxRefunds: MAX_REFUNDS_PER_CAPTURE };
  }
  const remainingMinor = Math.max(0, maxRefundTotalMinor(history.captured) - history.refundedMinor);
  if (refund.amountMinor > remainingMinor) return { kind: 'exceedsRefundable', remainingMinor };
  return { kind: 'allowed' };
}
