import type { Order } from '../../../src/checkout/Order';
import type { OrderRefund } from '../../../src/checkout/OrderRefund';
import type { OrderStatus } from '../../../src/checkout/OrderStatus';
import type { BeginRefundRequest, SettleRefundRequest } from '../../../src/refunds/RefundStore';
import { InvalidRefundWriteError } from '../../../src/store/errors';
import type { TestOrderStore } from '../../support/dynalite';
import { startTestOrderStore } from '../../support/dynalite';
import { anOrder, CREATED_AT } from '../../support/orders';

const PAID_AT = '2026-03-01T10:02:00.000Z';
const REFUND_AT = '2026-03-02T09:00:00.000Z';
const SETTLED_AT = '2026-03-02T12:00:00.000Z';

let sequence = 0;

/** A paid order of 33.05 USD with its capture, under a fresh id. */
function aPaidOrder(overrides: Partial<Order> = {}): Order {
  sequence += 1;
  return anOrder({
    orderId: `refund-write-${sequence}`,
    status: 'paid',
    version: 4,
    attempt: 1,
    amazonCaptureId: 'S02-1234567-1234567-C000001',
    captured: { amountMinor: 3305, currency: 'USD' },
    history: [
      { status: 'awaiting-confirmation', at: CREATED_AT },
      { status: 'paid', at: PAID_AT },
    ],
    ...overrides,
  });
}

function aPendingRefund(orderId: string, n: number, amountMinor = 1000): OrderRefund {
  return {
    refundReferenceId: `${orderId}-r${n}`,
    amountMinor,
    currency: 'USD',
    requestedAt: REFUND_AT,
    state: 'pending',
    updatedAt: REFUND_AT,
  };
}

describe('DynamoDbOrderStore refund writes', () => {
  let t: TestOrderStore;

  beforeAll(async () => {
    t = await startTestOrderStore();
  });

  afterAll(async () => {
    await t.close();
  });

  const stored = async (order: Order): Promise<Order> => {
    await t.store.create(order);
    return order;
  };

  const begin = (
    order: Order,
    overrides: Partial<BeginRefundRequest> = {},
  ): Promise<Awaited<ReturnType<TestOrderStore['store']['beginRefund']>>> =>
    t.store.beginRefund({
      orderId: order.orderId,
      from: order.status,
      expectedVersion: order.version,
      expectedRefundCount: order.refunds?.length ?? 0,
      refund: aPendingRefund(order.orderId, (order.refunds?.length ?? 0) + 1),
      at: REFUND_AT,
      ...overrides,
    });

  const settle = (
    order: Order,
    overrides: Partial<SettleRefundRequest> = {},
  ): ReturnType<TestOrderStore['store']['settleRefund']> =>
    t.store.settleRefund({
      orderId: order.orderId,
      expectedVersion: order.version,
      index: 0,
      refundReferenceId: `${order.orderId}-r1`,
      state: 'completed',
      amazonRefundId: 'S02-1234567-1234567-R000002',
      to: 'refunded',
      at: SETTLED_AT,
      ...overrides,
    });

  /** An order moved to refund-pending by one refund of 10.00 USD. */
  const refunding = async (overrides: Partial<Order> = {}): Promise<Order> => {
    const order = await stored(aPaidOrder(overrides));
    const result = await begin(order);
    if (result.kind !== 'applied') throw new Error('beginRefund was rejected');
    return result.order;
  };

  describe('beginRefund', () => {
    it.each<OrderStatus>(['paid', 'shipped', 'held-for-review'])(
      'appends a pending refund to a %s order and moves it to refund-pending in one write',
      async (status) => {
        // Prepare
        const order = await stored(aPaidOrder({ status }));

        // Act
        const result = await begin(order);

        // Assess
        expect(result.kind).toBe('applied');
        const after = await t.store.get(order.orderId);
        expect(after).toMatchObject({
          status: 'refund-pending',
          statusBeforeRefund: status,
          version: order.version + 1,
          updatedAt: REFUND_AT,
          refunds: [aPendingRefund(order.orderId, 1)],
        });
        expect(after?.history.at(-1)).toEqual({ status: 'refund-pending', at: REFUND_AT });
        expect(result.kind === 'applied' && result.order).toEqual(after);
      },
    );

    it('appends a second refund to a refund-pending order without touching its former status', async () => {
      // Prepare
      const order = await refunding({ status: 'shipped' });

      // Act
      const result = await begin(order, { at: SETTLED_AT });

      // Assess
      expect(result.kind).toBe('applied');
      const after = await t.store.get(order.orderId);
      expect(after?.refunds?.map((r) => r.refundReferenceId)).toEqual([
        `${order.orderId}-r1`,
        `${order.orderId}-r2`,
      ]);
      expect(after?.statusBeforeRefund).toBe('shipped');
      expect(after?.history).toHaveLength(order.history.length);
    });

    it.each<[string, Partial<BeginRefundRequest>]>([
      ['an older version', { expectedVersion: 3 }],
      ['another refund count', { expectedRefundCount: 1 }],
      ['another status', { from: 'shipped' }],
    ])('writes nothing when the order no longer has %s', async (_name, overrides) => {
      // Prepare
      const order = await stored(aPaidOrder());

      // Act
      const result = await begin(order, overrides);

      // Assess
      expect(result).toEqual({ kind: 'rejected', current: order });
      await expect(t.store.get(order.orderId)).resolves.toEqual(order);
    });

    it('lets exactly one of two refunds of the same reading through', async () => {
      // Prepare
      const order = await stored(aPaidOrder());

      // Act
      const results = await Promise.all([
        begin(order, { refund: aPendingRefund(order.orderId, 1, 3305) }),
        begin(order, { refund: aPendingRefund(order.orderId, 1, 500) }),
      ]);

      // Assess
      expect(results.map((r) => r.kind).sort()).toEqual(['applied', 'rejected']);
      expect((await t.store.get(order.orderId))?.refunds).toHaveLength(1);
    });

    it('rejects an unknown order with no current order', async () => {
      await expect(begin(aPaidOrder())).resolves.toEqual({ kind: 'rejected', current: undefined });
    });

    it.each<[string, Partial<BeginRefundRequest>, string]>([
      ['a declined order', { from: 'declined' }, 'from'],
      ['a refunded order', { from: 'refunded' }, 'from'],
      [
        'a refund that is not pending',
        { refund: { ...aPendingRefund('x', 1), state: 'completed' } },
        'refund.state',
      ],
      ['a negative refund count', { expectedRefundCount: -1 }, 'index'],
    ])('refuses %s before writing', async (_name, overrides, field) => {
      // Prepare
      const order = await stored(aPaidOrder());

      // Act
      const act = begin(order, overrides);

      // Assess
      await expect(act).rejects.toBeInstanceOf(InvalidRefundWriteError);
      await expect(begin(order, overrides)).rejects.toMatchObject({ field });
      await expect(t.store.get(order.orderId)).resolves.toEqual(order);
    });
  });

  describe('recordRefundCall', () => {
    const record = (order: Order, amazonRefundId: string, reference = `${order.orderId}-r1`) =>
      t.store.recordRefundCall({
        orderId: order.orderId,
        index: 0,
        refundReferenceId: reference,
        amazonRefundId,
        at: SETTLED_AT,
      });

    it('records the Amazon refund id on the pending refund, and again the same id', async () => {
      // Prepare
      const order = await refunding();

      // Act
      const first = await record(order, 'S02-1-1-R000002');
      const again = await record(order, 'S02-1-1-R000002');

      // Assess
      expect(first.kind).toBe('applied');
      expect(again.kind).toBe('applied');
      const after = await t.store.get(order.orderId);
      expect(after?.refunds?.[0]).toEqual({
        ...aPendingRefund(order.orderId, 1),
        amazonRefundId: 'S02-1-1-R000002',
        updatedAt: SETTLED_AT,
      });
      expect(after?.status).toBe('refund-pending');
    });

    it.each<[string, (order: Order) => ReturnType<typeof record>]>([
      [
        'another Amazon id',
        async (order) => {
          await record(order, 'S02-1-1-R000002');
          return record(order, 'S02-9-9-R000009');
        },
      ],
      ['another reference id', (order) => record(order, 'S02-1-1-R000002', 'someone-else-r1')],
      [
        'a position past the list',
        (order) =>
          t.store.recordRefundCall({
            orderId: order.orderId,
            index: 5,
            refundReferenceId: `${order.orderId}-r1`,
            amazonRefundId: 'S02-1-1-R000002',
            at: SETTLED_AT,
          }),
      ],
    ])('writes nothing for %s', async (_name, act) => {
      // Prepare
      const order = await refunding();

      // Act
      const result = await act(order);

      // Assess
      expect(result.kind).toBe('rejected');
    });

    it('writes nothing on a refund that is settled', async () => {
      // Prepare
      const order = await refunding();
      const settled = await settle(order, { to: 'paid', state: 'declined' });
      if (settled.kind !== 'applied') throw new Error('settle was rejected');

      // Act
      const result = await record(order, 'S02-1-1-R000002');

      // Assess
      expect(result).toEqual({ kind: 'rejected', current: settled.order });
    });
  });

  describe('settleRefund', () => {
    it('completes the refund and moves the order to refunded, dropping its former status', async () => {
      // Prepare
      const order = await refunding();

      // Act
      const result = await settle(order);

      // Assess
      expect(result.kind).toBe('applied');
      const after = await t.store.get(order.orderId);
      expect(after).toMatchObject({ status: 'refunded', version: order.version + 1 });
      expect(after).not.toHaveProperty('statusBeforeRefund');
      expect(after?.refunds?.[0]).toEqual({
        ...aPendingRefund(order.orderId, 1),
        state: 'completed',
        amazonRefundId: 'S02-1234567-1234567-R000002',
        updatedAt: SETTLED_AT,
      });
      expect(after?.history.at(-1)).toEqual({ status: 'refunded', at: SETTLED_AT });
    });

    it('declines the refund with its reason and moves the order back', async () => {
      // Prepare
      const order = await refunding({ status: 'held-for-review' });

      // Act
      await settle(order, {
        state: 'declined',
        reasonCode: 'AmazonRejected',
        to: 'held-for-review',
      });

      // Assess
      const after = await t.store.get(order.orderId);
      expect(after?.status).toBe('held-for-review');
      expect(after?.refunds?.[0]).toMatchObject({
        state: 'declined',
        reasonCode: 'AmazonRejected',
      });
    });

    it('keeps the order refund-pending while another refund is pending', async () => {
      // Prepare
      const first = await refunding();
      const second = await begin(first);
      if (second.kind !== 'applied') throw new Error('beginRefund was rejected');

      // Act
      const result = await settle(second.order, {
        to: 'refund-pending',
        amazonRefundId: undefined,
      });

      // Assess
      expect(result.kind).toBe('applied');
      const after = await t.store.get(first.orderId);
      expect(after).toMatchObject({ status: 'refund-pending', statusBeforeRefund: 'paid' });
      expect(after?.refunds?.map((r) => r.state)).toEqual(['completed', 'pending']);
      expect(after?.history).toHaveLength(first.history.length);
    });

    it.each<[string, Partial<SettleRefundRequest>]>([
      ['a decision on an older version', { expectedVersion: 1 }],
      ['another reference id', { refundReferenceId: 'someone-else-r1' }],
      ['a position past the list', { index: 3 }],
    ])('writes nothing for %s', async (_name, overrides) => {
      // Prepare
      const order = await refunding();

      // Act
      const result = await settle(order, overrides);

      // Assess
      expect(result).toEqual({ kind: 'rejected', current: order });
    });

    it('writes nothing on a refund settled already', async () => {
      // Prepare
      const order = await refunding();
      const settled = await settle(order);
      if (settled.kind !== 'applied') throw new Error('settle was rejected');

      // Act
      const again = await settle(settled.order, { to: 'paid' });

      // Assess
      expect(again).toEqual({ kind: 'rejected', current: settled.order });
    });

    it.each<[string, Partial<SettleRefundRequest>, string]>([
      ['a status refunds never end in', { to: 'declined' }, 'to'],
      ['a negative position', { index: -1 }, 'index'],
      ['a fractional position', { index: 0.5 }, 'index'],
    ])('refuses %s before writing', async (_name, overrides, field) => {
      // Prepare
      const order = await refunding();

      // Act
      const act = settle(order, overrides);

      // Assess
      await expect(act).rejects.toMatchObject({ name: 'InvalidRefundWriteError', field });
      await expect(t.store.get(order.orderId)).resolves.toEqual(order);
    });
  });
});
