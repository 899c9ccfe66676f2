import { MwsCallError, MwsClientError, MwsValidationError } from '../amazonpay/mws/errors';
import type { MwsClient } from '../amazonpay/mws/MwsClient';
import type { RefundDetails } from '../amazonpay/mws/types';
import type { Logger } from '../checkout/Logger';
import type { Order } from '../checkout/Order';
import { OrderRefundState, type OrderRefund } from '../checkout/OrderRefund';
import { OrderStatus } from '../checkout/OrderStatus';
import {
  captureOf,
  decideRefund,
  decideSettlement,
  type RefundAmountRequest,
  type RefundRefusal,
} from './refundDecisions';
import type { RefundStore } from './RefundStore';

/** The part of the MWS client refunds use; `MwsClient` is one. */
export type RefundGateway = Pick<MwsClient, 'refund' | 'getRefundDetails'>;

/** What RefundService needs; all of it injected, so tests fix the clock and inject faults. */
export type RefundServiceDeps = {
  readonly store: RefundStore;
  readonly mws: RefundGateway;
  readonly clock: () => Date;
  readonly logger: Logger;
  /**
   * The `SellerRefundNote` of every refund (shown in the buyer's e-mail; in the sandbox, where a
   * simulation string goes). It is part of what a resend must repeat unchanged.
   */
  readonly sellerRefundNote?: string;
};

/** What came of a merchant's refund of one order. */
export type RefundOutcome =
  | { readonly kind: 'notFound' }
  | { readonly kind: 'refused'; readonly order: Order; readonly refusal: RefundRefusal }
  /** The order changed between its reading and the write: nothing was recorded or sent. */
  | { readonly kind: 'conflict'; readonly order: Order | undefined }
  /** Amazon took the refund (Pending): the order is refund-pending until sync-refunds settles it. */
  | {
      readonly kind: 'requested';
      readonly order: Order;
      readonly refund: OrderRefund;
      readonly resent: boolean;
    }
  /** A resend was answered with the refund's final state: it is settled. */
  | {
      readonly kind: 'settled';
      readonly order: Order;
      readonly refund: OrderRefund;
      readonly resent: boolean;
    }
  /** MWS refused the request (a 4xx error code): the refund is recorded as declined with it. */
  | {
      readonly kind: 'rejected';
      readonly order: Order;
      readonly refund: OrderRefund;
      readonly code: string;
    }
  /**
   * No answer was read (timeout, network, 5xx after the retries, an unreadable answer): the refund
   * stays pending with its reference id, to be sent again by `refund` or `syncRefunds`.
   */
  | {
      readonly kind: 'unconfirmed';
      readonly order: Order;
      readonly refund: OrderRefund;
      readonly problem: string;
    };

/** What `syncRefunds` did with one pending refund. */
export type RefundSyncEntry = {
  readonly orderId: string;
  readonly refund: OrderRefund;
  /**
   * `completed` or `declined`: settled now; `pending`: Amazon has not decided yet (or it was just
   * sent again and accepted); `failed`: MWS could not be asked, or the order changed meanwhile.
   */
  readonly result: 'completed' | 'declined' | 'pending' | 'failed';
  /** The order's status after this refund was looked at. */
  readonly orderStatus?: OrderStatus;
  /** What went wrong, for `failed`: an MWS error name and code, never personal data. */
  readonly problem?: string;
};

/** What `syncRefunds` found: one entry per pending refund, order by order. */
export type RefundSyncReport = {
  readonly entries: ReadonlyArray<RefundSyncEntry>;
};

/** How many times a settlement is decided again when the order changed under it. */
const SETTLE_ATTEMPTS = 3;

/** How many refund-pending orders one page of the status index holds. */
const SYNC_PAGE_SIZE = 100;

type Sent =
  | { readonly kind: 'answered'; readonly details: RefundDetails }
  | { readonly kind: 'rejected'; readonly code: string }
  | { readonly kind: 'unconfirmed'; readonly problem: string };

function describeMwsError(error: MwsCallError): string {
  const code = 'code' in error && typeof error.code === 'string' ? ` ${error.code}` : '';
  return `${error.name}${code}`;
}

/**
 * The merchant's refunds of paid orders through the Amazon Pay MWS API.
 *
 * A refund is decided against the order's own record (the capture and its refunds) with the
 * limits MWS enforces, then recorded, pending, in one conditional write that also moves the order
 * to refund-pending, and only then sent with its deterministic reference id. A crash after the
 * record, a timeout or a 5xx leaves a pending refund that `refund` and `syncRefunds` send again
 * with the same reference id and amount, which MWS answers idempotently. `syncRefunds` asks
 * GetRefundDetails about every pending refund and settles the Completed and Declined ones. See
 * https://developer.amazon.com/docs/eu/amazon-pay-api/refund.html.
 *
 * @example
 * const refunds = new RefundService({ store, mws: client, clock: () => new Date(), logger });
 * const outcome = await refunds.refund({ orderId, amount: { kind: 'remaining' } });
 */
export class RefundService {
  constructor(private readonly deps: RefundServiceDeps) {}

  /** Refunds (part of) an order's capture: `amount` defaults to what is left of it. */
  async refund(request: {
    readonly orderId: string;
    readonly amount?: RefundAmountRequest;
  }): Promise<RefundOutcome> {
    const order = await this.deps.store.get(request.orderId);
    if (order === undefined) return { kind: 'notFound' };
    const at = this.now();
    const decision = decideRefund(order, request.amount ?? { kind: 'remaining' }, at);
    switch (decision.kind) {
      case 'refused':
        this.deps.logger.info('refund refused', {
          orderId: order.orderId,
          refusal: decision.refusal.kind,
        });
        return { kind: 'refused', order, refusal: decision.refusal };
      case 'resend':
        return this.send(order, decision.index, decision.refund, true);
      case 'begin': {
        // Recorded before it is sent: the condition on status, version and refund count lets only
        // one of two concurrent refunds through, and a crash after it leaves the refund to resend.
        const begun = await this.deps.store.beginRefund({
          orderId: order.orderId,
          from: order.status,
          expectedVersion: order.version,
          expectedRefundCount: order.refunds?.length ?? 0,
          refund: decision.refund,
          at,
        });
        if (begun.kind === 'rejected') return { kind: 'conflict', order: begun.current };
        return this.send(begun.order, decision.refundNumber - 1, decision.refund, false);
      }
      default: {
        const unreachable: never = decision;
        return unreachable;
      }
    }
  }

  /**
   * Looks at every pending refund of every refund-pending order: one never answered is sent again
   * (same reference id); one Amazon holds is read with GetRefundDetails and settled when Completed
   * or Declined, moving its order to refunded or back to its earlier status. Pending ones stay.
   */
  async syncRefunds(
    options: { readonly orderIds?: ReadonlyArray<string> } = {},
  ): Promise<RefundSyncReport> {
    const entries: RefundSyncEntry[] = [];
    if (options.orderIds !== undefined) {
      // Only these orders (a scenario's own): the other pending refunds of the store are not touched.
      for (const orderId of options.orderIds) {
        const order = await this.deps.store.get(orderId);
        if (order?.status === OrderStatus.RefundPending)
          entries.push(...(await this.syncOrder(order)));
      }
      return { entries };
    }
    let cursor: string | undefined;
    do {
      const page = await this.deps.store.listOrders({
        status: OrderStatus.RefundPending,
        limit: SYNC_PAGE_SIZE,
        ...(cursor !== undefined && { cursor }),
      });
      for (const listed of page.orders) entries.push(...(await this.syncOrder(listed)));
      cursor = page.cursor;
    } while (cursor !== undefined);
    return { entries };
  }

  private async syncOrder(listed: Order): Promise<ReadonlyArray<RefundSyncEntry>> {
    const entries: RefundSyncEntry[] = [];
    let order = listed;
    for (const [index, refund] of (listed.refunds ?? []).entries()) {
      if (refund.state !== OrderRefundState.Pending) continue;
      const entry = await this.syncRefund(order, index, refund);
      entries.push(entry.entry);
      order = entry.order;
    }
    return entries;
  }

  private async syncRefund(
    order: Order,
    index: number,
    refund: OrderRefund,
  ): Promise<{ entry: RefundSyncEntry; order: Order }> {
    const { orderId } = order;
    const failed = (problem: string, current: Order = order) => ({
      entry: { orderId, refund, result: 'failed' as const, orderStatus: current.status, problem },
      order: current,
    });
    if (refund.amazonRefundId === undefined) {
      const outcome = await this.send(order, index, refund, true);
      switch (outcome.kind) {
        case 'requested':
          return {
            entry: {
              orderId,
              refund: outcome.refund,
              result: 'pending',
              orderStatus: outcome.order.status,
            },
            order: outcome.order,
          };
        case 'settled':
          return {
            entry: {
              orderId,
              refund: outcome.refund,
              result:
                outcome.refund.state === OrderRefundState.Completed ? 'completed' : 'declined',
              orderStatus: outcome.order.status,
            },
            order: outcome.order,
          };
        case 'rejected':
          return {
            entry: {
              orderId,
              refund: outcome.refund,
              result: 'declined',
              orderStatus: outcome.order.status,
            },
            order: outcome.order,
          };
        case 'unconfirmed':
          return failed(outcome.problem, outcome.order);
        default:
          return failed('the order changed while its refund was sent');
      }
    }
    let details: RefundDetails;
    try {
      ({ refund: details } = await this.deps.mws.getRefundDetails({
        amazonRefundId: refund.amazonRefundId,
      }));
    } catch (error) {
      if (!(error instanceof MwsCallError)) throw error;
      this.log('refund details not read', order, refund, { problem: describeMwsError(error) });
      return failed(describeMwsError(error));
    }
    if (details.refundReferenceId !== refund.refundReferenceId) {
      return failed('GetRefundDetails answered about another refund');
    }
    if (details.status.state === 'Pending') {
      return { entry: { orderId, refund, result: 'pending', orderStatus: order.status }, order };
    }
    const state = details.status.state === 'Completed' ? 'completed' : 'declined';
    const settled = await this.settle(order, index, refund, {
      state,
      amazonRefundId: details.amazonRefundId,
      ...(details.status.reasonCode !== undefined && { reasonCode: details.status.reasonCode }),
    });
    if (settled === undefined) return failed('the order changed while its refund was settled');
    return {
      entry: { orderId, refund: settled.refund, result: state, orderStatus: settled.order.status },
      order: settled.order,
    };
  }

  /** Sends the refund at `index` of an order and records what came of it. */
  private async send(
    order: Order,
    index: number,
    refund: OrderRefund,
    resent: boolean,
  ): Promise<RefundOutcome> {
    const capture = captureOf(order);
    if (capture === undefined) return { kind: 'refused', order, refusal: { kind: 'noCapture' } };
    const sent = await this.callRefund(capture.amazonCaptureId, refund);
    switch (sent.kind) {
      case 'unconfirmed':
        this.log('refund unconfirmed', order, refund, { problem: sent.problem, resent });
        return { kind: 'unconfirmed', order, refund, problem: sent.problem };
      case 'rejected': {
        this.log('refund rejected by MWS', order, refund, { code: sent.code, resent });
        const settled = await this.settle(order, index, refund, {
          state: 'declined',
          reasonCode: sent.code,
        });
        return settled === undefined
          ? { kind: 'conflict', order: await this.deps.store.get(order.orderId) }
          : { kind: 'rejected', ...settled, code: sent.code };
      }
      case 'answered':
        break;
    }
    const { details } = sent;
    if (details.status.state === 'Pending') {
      const recorded = await this.deps.store.recordRefundCall({
        orderId: order.orderId,
        index,
        refundReferenceId: refund.refundReferenceId,
        amazonRefundId: details.amazonRefundId,
        at: this.now(),
      });
      // Rejected only when the refund was settled or changed meanwhile (a concurrent sync).
      const current = recorded.kind === 'applied' ? recorded.order : recorded.current;
      if (current === undefined) return { kind: 'conflict', order: current };
      this.log('refund requested', current, refund, { resent });
      return {
        kind: 'requested',
        order: current,
        refund: current.refunds?.[index] ?? refund,
        resent,
      };
    }
    const settled = await this.settle(order, index, refund, {
      state: details.status.state === 'Completed' ? 'completed' : 'declined',
      amazonRefundId: details.amazonRefundId,
      ...(details.status.reasonCode !== undefined && { reasonCode: details.status.reasonCode }),
    });
    if (settled === undefined) {
      return { kind: 'conflict', order: await this.deps.store.get(order.orderId) };
    }
    this.log('refund settled on resend', settled.order, settled.refund, { resent });
    return { kind: 'settled', ...settled, resent };
  }

  /** Calls MWS Refund; every MWS failure becomes a value, anything else is thrown. */
  private async callRefund(amazonCaptureId: string, refund: OrderRefund): Promise<Sent> {
    try {
      const { refund: details } = await this.deps.mws.refund({
        amazonCaptureId,
        refundReferenceId: refund.refundReferenceId,
        refundAmount: { amountMinor: refund.amountMinor, currency: refund.currency },
        ...(this.deps.sellerRefundNote !== undefined && {
          sellerRefundNote: this.deps.sellerRefundNote,
        }),
      });
      return { kind: 'answered', details };
    } catch (error) {
      if (error instanceof MwsClientError) {
        return { kind: 'rejected', code: error.code ?? `HTTP ${error.statusCode}` };
      }
      // Nothing was sent: the request broke an MWS rule, as MWS itself would have answered.
      if (error instanceof MwsValidationError)
        return { kind: 'rejected', code: 'InvalidParameterValue' };
      if (error instanceof MwsCallError)
        return { kind: 'unconfirmed', problem: describeMwsError(error) };
      throw error;
    }
  }

  /**
   * Settles the refund at `index`, deciding the order's next status on the order as stored; when
   * another write came first, decides again on the order it left (at most three times). Returns
   * undefined when the refund is no longer that pending refund.
   */
  private async settle(
    read: Order,
    index: number,
    refund: OrderRefund,
    settlement: {
      readonly state: 'completed' | 'declined';
      readonly amazonRefundId?: string;
      readonly reasonCode?: string;
    },
  ): Promise<{ order: Order; refund: OrderRefund } | undefined> {
    let order: Order | undefined = read;
    for (let attempt = 0; attempt < SETTLE_ATTEMPTS && order !== undefined; attempt += 1) {
      const current = order.refunds?.[index];
      if (current?.refundReferenceId !== refund.refundReferenceId) return undefined;
      if (current.state !== OrderRefundState.Pending) {
        // Settled by a concurrent sync: what it recorded is the answer.
        return current.state === settlement.state ? { order, refund: current } : undefined;
      }
      const result = await this.deps.store.settleRefund({
        orderId: order.orderId,
        expectedVersion: order.version,
        index,
        refundReferenceId: refund.refundReferenceId,
        state: settlement.state,
        ...(settlement.amazonRefundId !== undefined && {
          amazonRefundId: settlement.amazonRefundId,
        }),
        ...(settlement.reasonCode !== undefined && { reasonCode: settlement.reasonCode }),
        to: decideSettlement(order, index, settlement.state),
        at: this.now(),
      });
      if (result.kind === 'applied') {
        const settled = result.order.refunds?.[index] ?? refund;
        this.log('refund settled', result.order, settled, {});
        return { order: result.order, refund: settled };
      }
      order = result.current;
    }
    return undefined;
  }

  private log(
    message: string,
    order: Order,
    refund: OrderRefund,
    fields: Readonly<Record<string, string | boolean | undefined>>,
  ): void {
    this.deps.logger.info(message, {
      orderId: order.orderId,
      refundReferenceId: refund.refundReferenceId,
      amountMinor: refund.amountMinor,
      currency: refund.currency,
      refundState: refund.state,
      reasonCode: refund.reasonCode,
      orderStatus: order.status,
      ...fields,
    });
  }

  private now(): string {
    return this.deps.clock().toISOString();
  }
}
