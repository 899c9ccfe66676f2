import { toAmazonPayAmount } from '../amazonpay/amount';
import { MAX_REFUNDS_PER_CAPTURE } from '../amazonpay/mws/constants';
import type { Currency } from '../checkout/money';
import type { Order } from '../checkout/Order';
import type { OrderRefund } from '../checkout/OrderRefund';
import { OrderStatus } from '../checkout/OrderStatus';
import { captureOf, type RefundRefusal } from './refundDecisions';
import type { RefundOutcome, RefundSyncEntry, RefundSyncReport } from './RefundService';

/** One line for the merchant, where it goes, and the exit code it comes with (0, 1 or 2). */
export type RefundMessage = {
  readonly stream: 'stdout' | 'stderr';
  readonly line: string;
  readonly exitCode: 0 | 1 | 2;
};

/** An amount for the merchant: the decimal and the currency code (`34.97 USD`, `5480 JPY`). */
function formatAmount(amountMinor: number, currency: Currency): string {
  return `${toAmazonPayAmount({ amountMinor, currency })} ${currency}`;
}

const money = (refund: Pick<OrderRefund, 'amountMinor' | 'currency'>): string =>
  formatAmount(refund.amountMinor, refund.currency);

const until = 'the order is refund-pending until sync-refunds sees the refund completed';

function refusalLine(order: Order, refusal: RefundRefusal): string {
  const id = order.orderId;
  const currency: Currency = order.captured?.currency ?? order.currency;
  switch (refusal.kind) {
    case 'notRefundable':
      return refusal.status === OrderStatus.Refunded
        ? `order ${id} is refunded already; nothing was sent`
        : `order ${id} is ${refusal.status}; only paid, shipped or held-for-review orders are refunded`;
    case 'noCapture':
      return (
        `order ${id} has no capture to refund (its Charge answer gave no capture id or amount); ` +
        'nothing was sent'
      );
    case 'invalidAmount':
      return `AMOUNT ${refusal.problem}`;
    case 'unsentRefundDiffers':
      return (
        `order ${id} has a refund of ${money(refusal.refund)} (reference ` +
        `${refusal.refund.refundReferenceId}) that was never confirmed: run refund ${id} without ` +
        'an AMOUNT to send it again first'
      );
    case 'nothingLeft': {
      const capture = captureOf(order);
      return (
        `order ${id}: nothing is left to refund` +
        (capture === undefined ? '' : ` of the ${money(capture.captured)} captured`) +
        '; nothing was sent'
      );
    }
    case 'tooManyRefunds':
      return (
        `order ${id}: a capture takes at most ${MAX_REFUNDS_PER_CAPTURE} refunds and this one has ` +
        'them; nothing was sent'
      );
    case 'exceedsRefundable':
      return (
        `order ${id}: that is more than the ${formatAmount(refusal.remainingMinor, currency)} that ` +
        "may still be refunded (the captured amount plus Amazon Pay's margin); nothing was sent"
      );
    default: {
      const unreachable: never = refusal;
      return unreachable;
    }
  }
}

/**
 * Says what came of a merchant's refund of one order, in one line for the merchant's tools (the
 * `refund` command, the scenario transcript), with where it goes and the exit code it means.
 */
export function describeRefundOutcome(orderId: string, outcome: RefundOutcome): RefundMessage {
  const failed = (line: string): RefundMessage => ({ stream: 'stderr', line, exitCode: 1 });
  switch (outcome.kind) {
    case 'notFound':
      return failed(`no order with id ${orderId}`);
    case 'refused':
      return {
        stream: 'stderr',
        line: refusalLine(outcome.order, outcome.refusal),
        exitCode: outcome.refusal.kind === 'invalidAmount' ? 2 : 1,
      };
    case 'conflict':
      return failed(
        `order ${orderId} changed while the refund was being recorded; nothing was sent: run the ` +
          'command again',
      );
    case 'requested': {
      const { refund } = outcome;
      const amazon =
        refund.amazonRefundId === undefined ? '' : `, Amazon refund ${refund.amazonRefundId}`;
      return {
        stream: 'stdout',
        line: outcome.resent
          ? `order ${orderId}: refund ${refund.refundReferenceId} of ${money(refund)} sent again ` +
            `with the same reference id and accepted${amazon}; ${until}`
          : `order ${orderId}: refund of ${money(refund)} requested (reference ` +
            `${refund.refundReferenceId}${amazon}); ${until}`,
        exitCode: 0,
      };
    }
    case 'settled': {
      const { refund, order } = outcome;
      const line =
        `order ${orderId}: refund ${refund.refundReferenceId} of ${money(refund)} sent again; ` +
        `Amazon Pay reports it ${refund.state}` +
        (refund.reasonCode === undefined ? '' : ` (${refund.reasonCode})`) +
        `; the order is ${order.status}`;
      return refund.state === 'completed' ? { stream: 'stdout', line, exitCode: 0 } : failed(line);
    }
    case 'rejected':
      return failed(
        `order ${orderId}: Amazon Pay refused the refund of ${money(outcome.refund)} ` +
          `(${outcome.code}); recorded as declined; the order is ${outcome.order.status}`,
      );
    case 'unconfirmed':
      return failed(
        `order ${orderId}: the refund of ${money(outcome.refund)} (reference ` +
          `${outcome.refund.refundReferenceId}) was not confirmed (${outcome.problem}); it stays ` +
          `pending: run refund ${orderId} again to send it with the same reference id, or ` +
          'sync-refunds',
      );
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}

function entryLine(entry: RefundSyncEntry): string {
  const head = `order ${entry.orderId}: refund ${entry.refund.refundReferenceId} of ${money(entry.refund)}`;
  const status = entry.orderStatus === undefined ? '' : `; the order is ${entry.orderStatus}`;
  switch (entry.result) {
    case 'completed':
      return `${head} completed${status}`;
    case 'declined':
      return (
        `${head} declined` +
        (entry.refund.reasonCode === undefined ? '' : ` (${entry.refund.reasonCode})`) +
        status
      );
    case 'pending':
      return `${head} still pending at Amazon Pay${status}`;
    case 'failed':
      return `${head} not settled (${entry.problem ?? 'unknown problem'}); nothing changed`;
    default: {
      const unreachable: never = entry.result;
      return unreachable;
    }
  }
}

/** Says what `syncRefunds` did: a line per pending refund, then a summary; exit 1 if any failed. */
export function describeSyncReport(report: RefundSyncReport): {
  readonly lines: ReadonlyArray<string>;
  readonly exitCode: 0 | 1;
} {
  const count = (result: RefundSyncEntry['result']): number =>
    report.entries.filter((entry) => entry.result === result).length;
  const failed = count('failed');
  const summary =
    report.entries.length === 0
      ? 'sync-refunds: no pending refunds'
      : `sync-refunds: ${report.entries.length} pending refund${report.entries.length === 1 ? '' : 's'}: ` +
        `${count('completed')} completed, ${count('declined')} declined, ` +
        `${count('pending')} still pending, ${failed} failed`;
  return { lines: [...report.entries.map(entryLine), summary], exitCode: failed > 0 ? 1 : 0 };
}
