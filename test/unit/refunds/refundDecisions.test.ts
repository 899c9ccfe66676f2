import type { Order } from '../../../src/checkout/Order';
import type { OrderRefund } from '../../../src/checkout/OrderRefund';
import type { OrderStatus } from '../../../src/checkout/OrderStatus';
import {
  decideRefund,
  decideSettlement,
  refundHistoryOf,
  type RefundAmountRequest,
  type RefundDecision,
} from '../../../src/refunds/refundDecisions';
import { anOrder } from '../../support/orders';

const AT = '2026-03-02T09:00:00.000Z';
const ORDER_ID = 'Jq3kYx0bT2uVw8ZrN5sA1g';

/** A refund of an order's capture in USD; `amazonRefundId` unless `sent` is false. */
function aRefund(
  n: number,
  amountMinor: number,
  state: OrderRefund['state'],
  sent = true,
): OrderRefund {
  return {
    refundReferenceId: `${ORDER_ID}-r${n}`,
    amountMinor,
    currency: 'USD',
    requestedAt: AT,
    state,
    ...(sent && { amazonRefundId: `S02-1-1-R00000${n}` }),
    updatedAt: AT,
  };
}

/** A paid order whose capture took `capturedMinor` USD, with the given refunds. */
function aCapturedOrder(
  capturedMinor: number,
  refunds: ReadonlyArray<OrderRefund> = [],
  overrides: Partial<Order> = {},
): Order {
  return anOrder({
    orderId: ORDER_ID,
    status: refunds.some((r) => r.state === 'pending') ? 'refund-pending' : 'paid',
    totalMinor: capturedMinor,
    amazonCaptureId: 'S02-1-1-C000001',
    captured: { amountMinor: capturedMinor, currency: 'USD' },
    ...(refunds.length > 0 && { refunds, statusBeforeRefund: 'paid' }),
    ...overrides,
  });
}

const remaining: RefundAmountRequest = { kind: 'remaining' };
const decimal = (text: string): RefundAmountRequest => ({ kind: 'decimal', text });
const minor = (amountMinor: number): RefundAmountRequest => ({ kind: 'minor', amountMinor });

/** What a decision comes to, in a word and an amount, for the tables. */
function summary(decision: RefundDecision): string {
  switch (decision.kind) {
    case 'begin':
      return `begin ${decision.refund.amountMinor} as ${decision.refund.refundReferenceId}`;
    case 'resend':
      return `resend #${decision.index} ${decision.refund.amountMinor}`;
    case 'refused':
      return (
        `refused ${decision.refusal.kind}` +
        ('remainingMinor' in decision.refusal ? ` ${decision.refusal.remainingMinor}` : '')
      );
  }
}

describe('decideRefund', () => {
  it.each<[string, Order, RefundAmountRequest, string]>([
    [
      'the whole capture by default',
      aCapturedOrder(3497),
      remaining,
      `begin 3497 as ${ORDER_ID}-r1`,
    ],
    ['a part of it', aCapturedOrder(3497), decimal('10.00'), `begin 1000 as ${ORDER_ID}-r1`],
    [
      'what is left after a completed partial refund',
      aCapturedOrder(3497, [aRefund(1, 1000, 'completed')]),
      remaining,
      `begin 2497 as ${ORDER_ID}-r2`,
    ],
    [
      'what is left after a pending partial refund',
      aCapturedOrder(3497, [aRefund(1, 1000, 'pending')]),
      remaining,
      `begin 2497 as ${ORDER_ID}-r2`,
    ],
    [
      'the whole capture again after a declined refund',
      aCapturedOrder(3497, [aRefund(1, 3497, 'declined')]),
      remaining,
      `begin 3497 as ${ORDER_ID}-r2`,
    ],
    [
      'up to the 15% margin when asked',
      aCapturedOrder(1000),
      decimal('11.50'),
      `begin 1150 as ${ORDER_ID}-r1`,
    ],
    [
      'more than what is left, within the margin',
      aCapturedOrder(3497, [aRefund(1, 3000, 'completed')]),
      decimal('10.21'),
      `begin 1021 as ${ORDER_ID}-r2`,
    ],
    [
      'more than the capture within the margin',
      aCapturedOrder(1000),
      minor(1100),
      `begin 1100 as ${ORDER_ID}-r1`,
    ],
    [
      'the margin capped at 75 USD',
      aCapturedOrder(100_000),
      decimal('1075.00'),
      `begin 107500 as ${ORDER_ID}-r1`,
    ],
    [
      'a tenth refund',
      aCapturedOrder(
        10_000,
        Array.from({ length: 9 }, (_, i) => aRefund(i + 1, 100, 'completed')),
      ),
      decimal('1'),
      `begin 100 as ${ORDER_ID}-r10`,
    ],
    [
      'an eleventh refund when MWS refused one outright',
      aCapturedOrder(10_000, [
        ...Array.from({ length: 9 }, (_, i) => aRefund(i + 1, 100, 'completed')),
        aRefund(10, 100, 'declined', false),
      ]),
      decimal('1'),
      `begin 100 as ${ORDER_ID}-r11`,
    ],
  ])('begins %s', (_name, order, amount, expected) => {
    expect(summary(decideRefund(order, amount, AT))).toBe(expected);
  });

  it.each<[string, Order, RefundAmountRequest, string]>([
    [
      'more than the capture plus 15%',
      aCapturedOrder(1000),
      decimal('11.51'),
      'refused exceedsRefundable 1150',
    ],
    [
      'more than what is left',
      aCapturedOrder(3497, [aRefund(1, 3000, 'completed')]),
      decimal('10.22'),
      'refused exceedsRefundable 1021',
    ],
    [
      'an eleventh refund',
      aCapturedOrder(
        10_000,
        Array.from({ length: 10 }, (_, i) => aRefund(i + 1, 100, 'completed')),
      ),
      decimal('1'),
      'refused tooManyRefunds',
    ],
    [
      'an eleventh refund when one was declined by Amazon',
      aCapturedOrder(10_000, [
        ...Array.from({ length: 9 }, (_, i) => aRefund(i + 1, 100, 'completed')),
        aRefund(10, 100, 'declined'),
      ]),
      remaining,
      'refused tooManyRefunds',
    ],
    [
      'nothing left by default',
      aCapturedOrder(3497, [aRefund(1, 3497, 'pending')]),
      remaining,
      'refused nothingLeft',
    ],
    [
      'an amount when the margin is used up',
      aCapturedOrder(1000, [aRefund(1, 1150, 'completed')], { status: 'refunded' }),
      decimal('1'),
      'refused notRefundable',
    ],
    [
      'an amount when everything and the margin are pending',
      aCapturedOrder(1000, [aRefund(1, 1150, 'pending')]),
      decimal('1'),
      'refused nothingLeft',
    ],
    ['too many decimals', aCapturedOrder(3497), decimal('1.234'), 'refused invalidAmount'],
    ['an exponent', aCapturedOrder(3497), decimal('1e3'), 'refused invalidAmount'],
    ['zero minor units', aCapturedOrder(3497), minor(0), 'refused invalidAmount'],
    ['a fraction of a minor unit', aCapturedOrder(3497), minor(1.5), 'refused invalidAmount'],
    [
      'an order without a capture id',
      aCapturedOrder(3497, [], { amazonCaptureId: undefined }),
      remaining,
      'refused noCapture',
    ],
    [
      'a capture of unknown amount',
      aCapturedOrder(3497, [], { captured: undefined }),
      remaining,
      'refused noCapture',
    ],
  ])('refuses %s', (_name, order, amount, expected) => {
    expect(summary(decideRefund(order, amount, AT))).toBe(expected);
  });

  it.each<OrderStatus>([
    'awaiting-confirmation',
    'setup-pending',
    'charge-pending',
    'declined',
    'failed',
    'cancelled',
    'certification-test',
    'refunded',
  ])('refuses to refund a %s order', (status) => {
    expect(decideRefund(aCapturedOrder(3497, [], { status }), remaining, AT)).toEqual({
      kind: 'refused',
      refusal: { kind: 'notRefundable', status },
    });
  });

  it.each<[string, RefundAmountRequest, string]>([
    ['no amount', remaining, 'resend #1 2497'],
    ['the same amount', decimal('24.97'), 'resend #1 2497'],
    ['the same amount in minor units', minor(2497), 'resend #1 2497'],
    ['another amount', decimal('5'), 'refused unsentRefundDiffers'],
  ])(
    'sends an unanswered refund again before anything new, given %s',
    (_name, amount, expected) => {
      // Prepare
      const order = aCapturedOrder(3497, [
        aRefund(1, 1000, 'pending'),
        aRefund(2, 2497, 'pending', false),
      ]);

      // Act, Assess
      expect(summary(decideRefund(order, amount, AT))).toBe(expected);
    },
  );

  it('records the new refund as pending, in the capture currency, at the given time', () => {
    expect(decideRefund(aCapturedOrder(3497), remaining, AT)).toEqual({
      kind: 'begin',
      refundNumber: 1,
      refund: {
        refundReferenceId: `${ORDER_ID}-r1`,
        amountMinor: 3497,
        currency: 'USD',
        requestedAt: AT,
        state: 'pending',
        updatedAt: AT,
      },
    });
  });

  it('reads a typed amount in the currency of the capture', () => {
    // Prepare
    const order = aCapturedOrder(5480, [], {
      currency: 'JPY',
      captured: { amountMinor: 5480, currency: 'JPY' },
    });

    // Act, Assess
    expect(summary(decideRefund(order, decimal('1000'), AT))).toBe(`begin 1000 as ${ORDER_ID}-r1`);
    expect(summary(decideRefund(order, decimal('10.00'), AT))).toBe('refused invalidAmount');
  });
});

describe('refundHistoryOf', () => {
  it('counts pending and completed refunds toward the total, and every refund Amazon holds', () => {
    // Prepare
    const order = aCapturedOrder(3497, [
      aRefund(1, 100, 'completed'),
      aRefund(2, 200, 'pending'),
      aRefund(3, 400, 'declined'),
      aRefund(4, 800, 'declined', false),
      aRefund(5, 1600, 'pending', false),
    ]);

    // Act
    const history = refundHistoryOf(order, { amountMinor: 3497, currency: 'USD' });

    // Assess
    expect(history).toEqual({
      captured: { amountMinor: 3497, currency: 'USD' },
      refundedMinor: 1900,
      refundCount: 4,
    });
  });
});

describe('decideSettlement', () => {
  it.each<
    [string, ReadonlyArray<OrderRefund>, Partial<Order>, 'completed' | 'declined', OrderStatus]
  >([
    ['the whole capture completed', [aRefund(1, 3497, 'pending')], {}, 'completed', 'refunded'],
    ['a part completed', [aRefund(1, 1000, 'pending')], {}, 'completed', 'paid'],
    [
      'a part completed on a shipped order',
      [aRefund(1, 1000, 'pending')],
      { statusBeforeRefund: 'shipped' },
      'completed',
      'shipped',
    ],
    [
      'the rest completed after a partial refund',
      [aRefund(1, 1000, 'completed'), aRefund(2, 2497, 'pending')],
      {},
      'completed',
      'refunded',
    ],
    [
      'the capture and the margin completed',
      [aRefund(1, 3497, 'completed'), aRefund(2, 300, 'pending')],
      {},
      'completed',
      'refunded',
    ],
    ['the whole capture declined', [aRefund(1, 3497, 'pending')], {}, 'declined', 'paid'],
    [
      'a held order declined',
      [aRefund(1, 3497, 'pending')],
      { statusBeforeRefund: 'held-for-review' },
      'declined',
      'held-for-review',
    ],
    [
      'an order with no former status',
      [aRefund(1, 100, 'pending')],
      { statusBeforeRefund: undefined },
      'completed',
      'held-for-review',
    ],
    [
      'one of two pending refunds',
      [aRefund(1, 3000, 'pending'), aRefund(2, 497, 'pending')],
      {},
      'completed',
      'refund-pending',
    ],
  ])('moves %s to the right status', (_name, refunds, overrides, state, expected) => {
    // Prepare
    const order = aCapturedOrder(3497, refunds, overrides);
    const index = refunds.findIndex((r) => r.state === 'pending');

    // Act, Assess
    expect(decideSettlement(order, index, state)).toBe(expected);
  });

  it('never calls an order refunded when its captured amount is unknown', () => {
    // Prepare
    const order = aCapturedOrder(3497, [aRefund(1, 3497, 'pending')], { captured: undefined });

    // Act, Assess
    expect(decideSettlement(order, 0, 'completed')).toBe('paid');
  });
});
