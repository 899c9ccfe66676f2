import { describeRefundOutcome, describeSyncReport } from '../../../src/refunds/describeRefunds';
import type { Order } from '../../../src/checkout/Order';
import type { OrderRefund } from '../../../src/checkout/OrderRefund';
import type { RefundOutcome, RefundSyncEntry } from '../../../src/refunds/RefundService';
import { anOrder } from '../../support/orders';

const ID = 'Jq3kYx0bT2uVw8ZrN5sA1g';

const order = (overrides: Partial<Order> = {}): Order =>
  anOrder({
    orderId: ID,
    status: 'refund-pending',
    amazonCaptureId: 'S02-1-1-C000001',
    captured: { amountMinor: 3497, currency: 'USD' },
    ...overrides,
  });

const refund = (overrides: Partial<OrderRefund> = {}): OrderRefund => ({
  refundReferenceId: `${ID}-r1`,
  amountMinor: 3497,
  currency: 'USD',
  requestedAt: '2026-03-02T09:00:00.000Z',
  state: 'pending',
  amazonRefundId: 'S02-1-1-R000002',
  updatedAt: '2026-03-02T09:00:00.000Z',
  ...overrides,
});

describe('describeRefundOutcome', () => {
  it.each<[string, RefundOutcome, 'stdout' | 'stderr', number, string]>([
    [
      'a requested refund',
      { kind: 'requested', order: order(), refund: refund(), resent: false },
      'stdout',
      0,
      `order ${ID}: refund of 34.97 USD requested (reference ${ID}-r1, Amazon refund S02-1-1-R000002); ` +
        'the order is refund-pending until sync-refunds sees the refund completed',
    ],
    [
      'a refund sent again',
      { kind: 'requested', order: order(), refund: refund(), resent: true },
      'stdout',
      0,
      `order ${ID}: refund ${ID}-r1 of 34.97 USD sent again with the same reference id and accepted, ` +
        'Amazon refund S02-1-1-R000002; the order is refund-pending until sync-refunds sees the ' +
        'refund completed',
    ],
    [
      'a resend answered completed',
      {
        kind: 'settled',
        order: order({ status: 'refunded' }),
        refund: refund({ state: 'completed' }),
        resent: true,
      },
      'stdout',
      0,
      `order ${ID}: refund ${ID}-r1 of 34.97 USD sent again; Amazon Pay reports it completed; ` +
        'the order is refunded',
    ],
    [
      'a resend answered declined',
      {
        kind: 'settled',
        order: order({ status: 'paid' }),
        refund: refund({ state: 'declined', reasonCode: 'AmazonRejected' }),
        resent: true,
      },
      'stderr',
      1,
      `order ${ID}: refund ${ID}-r1 of 34.97 USD sent again; Amazon Pay reports it declined ` +
        '(AmazonRejected); the order is paid',
    ],
    [
      'a refund MWS refused',
      {
        kind: 'rejected',
        order: order({ status: 'paid' }),
        refund: refund({ state: 'declined', reasonCode: 'InvalidRefundAmount' }),
        code: 'InvalidRefundAmount',
      },
      'stderr',
      1,
      `order ${ID}: Amazon Pay refused the refund of 34.97 USD (InvalidRefundAmount); recorded as ` +
        'declined; the order is paid',
    ],
    [
      'an unconfirmed refund',
      {
        kind: 'unconfirmed',
        order: order(),
        refund: refund({ amazonRefundId: undefined }),
        problem: 'MwsTimeoutError',
      },
      'stderr',
      1,
      `order ${ID}: the refund of 34.97 USD (reference ${ID}-r1) was not confirmed (MwsTimeoutError); ` +
        `it stays pending: run refund ${ID} again to send it with the same reference id, or sync-refunds`,
    ],
    ['an unknown order', { kind: 'notFound' }, 'stderr', 1, `no order with id ${ID}`],
    [
      'a race',
      { kind: 'conflict', order: order() },
      'stderr',
      1,
      `order ${ID} changed while the refund was being recorded; nothing was sent: run the command again`,
    ],
    [
      'an order that is not paid',
      {
        kind: 'refused',
        order: order({ status: 'declined' }),
        refusal: { kind: 'notRefundable', status: 'declined' },
      },
      'stderr',
      1,
      `order ${ID} is declined; only paid, shipped or held-for-review orders are refunded`,
    ],
    [
      'a refunded order',
      {
        kind: 'refused',
        order: order({ status: 'refunded' }),
        refusal: { kind: 'notRefundable', status: 'refunded' },
      },
      'stderr',
      1,
      `order ${ID} is refunded already; nothing was sent`,
    ],
    [
      'an order without a capture',
      { kind: 'refused', order: order({ captured: undefined }), refusal: { kind: 'noCapture' } },
      'stderr',
      1,
      `order ${ID} has no capture to refund (its Charge answer gave no capture id or amount); nothing was sent`,
    ],
    [
      'an amount with too many decimals',
      {
        kind: 'refused',
        order: order(),
        refusal: {
          kind: 'invalidAmount',
          problem: '1.234 has more than 2 decimals, the most USD has',
        },
      },
      'stderr',
      2,
      'AMOUNT 1.234 has more than 2 decimals, the most USD has',
    ],
    [
      'another amount while a refund is unsent',
      {
        kind: 'refused',
        order: order(),
        refusal: { kind: 'unsentRefundDiffers', refund: refund({ amazonRefundId: undefined }) },
      },
      'stderr',
      1,
      `order ${ID} has a refund of 34.97 USD (reference ${ID}-r1) that was never confirmed: run ` +
        `refund ${ID} without an AMOUNT to send it again first`,
    ],
    [
      'nothing left',
      { kind: 'refused', order: order(), refusal: { kind: 'nothingLeft' } },
      'stderr',
      1,
      `order ${ID}: nothing is left to refund of the 34.97 USD captured; nothing was sent`,
    ],
    [
      'an eleventh refund',
      { kind: 'refused', order: order(), refusal: { kind: 'tooManyRefunds', maxRefunds: 10 } },
      'stderr',
      1,
      `order ${ID}: a capture takes at most 10 refunds and this one has them; nothing was sent`,
    ],
    [
      'too much',
      {
        kind: 'refused',
        order: order(),
        refusal: { kind: 'exceedsRefundable', remainingMinor: 524 },
      },
      'stderr',
      1,
      `order ${ID}: that is more than the 5.24 USD that may still be refunded (the captured amount ` +
        "plus Amazon Pay's margin); nothing was sent",
    ],
  ])('says %s in one line', (_name, outcome, stream, exitCode, line) => {
    expect(describeRefundOutcome(ID, outcome)).toEqual({ stream, exitCode, line });
  });

  it('writes yen without decimals', () => {
    // Prepare
    const yen = refund({ amountMinor: 5480, currency: 'JPY' });

    // Act
    const message = describeRefundOutcome(ID, {
      kind: 'requested',
      order: order({ currency: 'JPY' }),
      refund: yen,
      resent: false,
    });

    // Assess
    expect(message.line).toContain('refund of 5480 JPY requested');
  });
});

describe('describeSyncReport', () => {
  const entry = (overrides: Partial<RefundSyncEntry>): RefundSyncEntry => ({
    orderId: ID,
    refund: refund(),
    result: 'completed',
    orderStatus: 'refunded',
    ...overrides,
  });

  it('says what came of each pending refund, then sums up', () => {
    // Act
    const report = describeSyncReport({
      entries: [
        entry({ refund: refund({ state: 'completed' }) }),
        entry({
          result: 'declined',
          orderStatus: 'paid',
          refund: refund({ state: 'declined', reasonCode: 'AmazonRejected' }),
        }),
        entry({ result: 'pending', orderStatus: 'refund-pending' }),
        entry({ result: 'failed', orderStatus: 'refund-pending', problem: 'MwsServerError' }),
      ],
    });

    // Assess
    expect(report).toEqual({
      exitCode: 1,
      lines: [
        `order ${ID}: refund ${ID}-r1 of 34.97 USD completed; the order is refunded`,
        `order ${ID}: refund ${ID}-r1 of 34.97 USD declined (AmazonRejected); the order is paid`,
        `order ${ID}: refund ${ID}-r1 of 34.97 USD still pending at Amazon Pay; the order is refund-pending`,
        `order ${ID}: refund ${ID}-r1 of 34.97 USD not settled (MwsServerError); nothing changed`,
        'sync-refunds: 4 pending refunds: 1 completed, 1 declined, 1 still pending, 1 failed',
      ],
    });
  });

  it('exits 0 when nothing failed', () => {
    expect(describeSyncReport({ entries: [entry({})] })).toEqual({
      exitCode: 0,
      lines: [
        `order ${ID}: refund ${ID}-r1 of 34.97 USD completed; the order is refunded`,
        'sync-refunds: 1 pending refund: 1 completed, 0 declined, 0 still pending, 0 failed',
      ],
    });
  });

  it('says so when there is no pending refund', () => {
    expect(describeSyncReport({ entries: [] })).toEqual({
      exitCode: 0,
      lines: ['sync-refunds: no pending refunds'],
    });
  });
});
