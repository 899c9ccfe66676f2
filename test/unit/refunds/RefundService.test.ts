import { MwsClient } from '../../../src/amazonpay/mws/MwsClient';
import type { Order } from '../../../src/checkout/Order';
import type { OrderStatus } from '../../../src/checkout/OrderStatus';
import type { MwsStandInOptions } from '../../../src/local/mws/MwsStandIn';
import { MWS_TEST_ACCOUNT, MwsStandIn } from '../../../src/local/mws/MwsStandIn';
import type { MwsStandInServer } from '../../../src/local/mws/startMwsStandInServer';
import { startMwsStandInServer } from '../../../src/local/mws/startMwsStandInServer';
import type { RefundAmountRequest } from '../../../src/refunds/refundDecisions';
import {
  RefundService,
  type RefundOutcome,
  type RefundServiceDeps,
} from '../../../src/refunds/RefundService';
import type { RefundStore } from '../../../src/refunds/RefundStore';
import { createOrdersTable, DynamoDbOrderStore } from '../../../src/store/DynamoDbOrderStore';
import type { TestOrderStore } from '../../support/dynalite';
import { startTestOrderStore } from '../../support/dynalite';
import { anOrder, CREATED_AT } from '../../support/orders';
import { RecordingLogger } from '../../support/shop';

const START = Date.parse('2026-03-02T09:00:00.000Z');
const PAID_AT = '2026-03-01T10:02:00.000Z';
/** The sandbox simulation string of a declined refund (backend fact sheet, section 7). */
const DECLINE_SIMULATION =
  '{"SandboxSimulation": {"State":"Declined", "ReasonCode":"AmazonRejected"}}';

/** A stand-in behind loopback HTTP, a client of it and a clock they share with the service. */
type Rig = {
  readonly standIn: MwsStandIn;
  readonly server: MwsStandInServer;
  readonly client: MwsClient;
  readonly clock: { now: number };
  readonly logger: RecordingLogger;
  /** A table of this test's own, so that syncRefunds sees only its orders. */
  readonly store: DynamoDbOrderStore;
  readonly service: (overrides?: Partial<RefundServiceDeps>) => RefundService;
};

describe('RefundService', () => {
  let t: TestOrderStore;
  let rig: Rig | undefined;
  let sequence = 0;
  let tables = 0;

  beforeAll(async () => {
    t = await startTestOrderStore();
  });

  afterAll(async () => {
    await t.close();
  });

  afterEach(async () => {
    await rig?.server.close();
    rig = undefined;
  });

  const aRig = async (standInOptions: MwsStandInOptions = {}): Promise<Rig> => {
    const clock = { now: START };
    const logger = new RecordingLogger();
    tables += 1;
    const tableName = `refund-service-${tables}`;
    await createOrdersTable(t.client, tableName);
    const store = new DynamoDbOrderStore({ client: t.client, tableName });
    const standIn = new MwsStandIn({ throttling: 'off', now: () => clock.now, ...standInOptions });
    const server = await startMwsStandInServer(standIn);
    const client = new MwsClient(
      { ...MWS_TEST_ACCOUNT, region: 'NA', sandbox: true },
      {
        endpointOrigin: server.origin,
        now: () => clock.now,
        sleep: (ms) => {
          clock.now += ms;
          return Promise.resolve();
        },
        random: () => 0.5,
        pacing: false,
      },
    );
    const service = (overrides: Partial<RefundServiceDeps> = {}): RefundService =>
      new RefundService({
        store,
        mws: client,
        clock: () => new Date(clock.now),
        logger,
        ...overrides,
      });
    rig = { standIn, server, client, clock, logger, store, service };
    return rig;
  };

  /** A paid order whose capture of `capturedMinor` USD the stand-in knows, stored. */
  const aPaidOrder = async (
    r: Rig,
    capturedMinor = 3497,
    overrides: Partial<Order> = {},
    standInCapturedMinor = capturedMinor,
  ): Promise<Order> => {
    sequence += 1;
    const orderId = `refund-svc-${sequence}`;
    const amazonCaptureId = `S02-1000000-${String(sequence).padStart(7, '0')}-C000001`;
    const order = anOrder({
      orderId,
      status: 'paid',
      version: 4,
      attempt: 1,
      totalMinor: capturedMinor,
      amazonCaptureId,
      captured: { amountMinor: capturedMinor, currency: 'USD' },
      history: [
        { status: 'awaiting-confirmation', at: CREATED_AT },
        { status: 'paid', at: PAID_AT },
      ],
      ...overrides,
    });
    await r.store.create(order);
    r.standIn.seedCapture({
      amazonCaptureId,
      amount: { amountMinor: standInCapturedMinor, currency: 'USD' },
    });
    return order;
  };

  const refund = (
    service: RefundService,
    order: Order,
    amount?: RefundAmountRequest,
  ): Promise<RefundOutcome> =>
    service.refund({ orderId: order.orderId, ...(amount !== undefined && { amount }) });

  const stored = async (order: Order): Promise<Order> => {
    const found = await rig?.store.get(order.orderId);
    if (found === undefined) throw new Error(`order ${order.orderId} is gone`);
    return found;
  };

  const refundsAtAmazon = (r: Rig, order: Order) =>
    r.standIn.refunds().filter((x) => x.amazonCaptureId === order.amazonCaptureId);

  describe('refund', () => {
    it('refunds the whole capture by default: recorded, sent, and the order refund-pending', async () => {
      // Prepare
      const r = await aRig();
      const order = await aPaidOrder(r);

      // Act
      const outcome = await refund(r.service(), order);

      // Assess
      expect(outcome).toMatchObject({ kind: 'requested', resent: false });
      const after = await stored(order);
      expect(after).toMatchObject({ status: 'refund-pending', statusBeforeRefund: 'paid' });
      const atAmazon = refundsAtAmazon(r, order);
      expect(atAmazon).toEqual([
        expect.objectContaining({
          refundReferenceId: `${order.orderId}-r1`,
          amount: { amountMinor: 3497, currency: 'USD' },
        }),
      ]);
      expect(after.refunds).toEqual([
        {
          refundReferenceId: `${order.orderId}-r1`,
          amountMinor: 3497,
          currency: 'USD',
          requestedAt: new Date(START).toISOString(),
          state: 'pending',
          amazonRefundId: atAmazon[0]?.amazonRefundId,
          updatedAt: new Date(START).toISOString(),
        },
      ]);
    });

    it('syncs only the orders it is given, leaving the other pending refunds as they are', async () => {
      // Prepare: two orders with a refund pending each
      const r = await aRig();
      const mine = await aPaidOrder(r);
      const other = await aPaidOrder(r);
      const service = r.service();
      await refund(service, mine);
      await refund(service, other);

      // Act
      const report = await service.syncRefunds({
        orderIds: [mine.orderId, 'noSuchOrder000000001'],
      });

      // Assess
      expect(report.entries.map((e) => e.orderId)).toEqual([mine.orderId]);
      expect((await stored(mine)).status).toBe('refunded');
      expect((await stored(other)).status).toBe('refund-pending');
    });

    it('refunds a part, then the rest, and the order ends refunded', async () => {
      // Prepare
      const r = await aRig();
      const order = await aPaidOrder(r);
      const service = r.service();

      // Act
      const part = await refund(service, order, { kind: 'decimal', text: '10.00' });
      const firstSync = await service.syncRefunds();
      const afterPart = await stored(order);
      const rest = await refund(service, order);
      await service.syncRefunds();

      // Assess
      expect(part.kind).toBe('requested');
      expect(firstSync.entries).toContainEqual(
        expect.objectContaining({
          orderId: order.orderId,
          result: 'completed',
          orderStatus: 'paid',
        }),
      );
      expect(afterPart.status).toBe('paid');
      expect(rest).toMatchObject({ kind: 'requested', refund: { amountMinor: 2497 } });
      const after = await stored(order);
      expect(after.status).toBe('refunded');
      expect(after.refunds?.map((x) => [x.amountMinor, x.state])).toEqual([
        [1000, 'completed'],
        [2497, 'completed'],
      ]);
      expect(refundsAtAmazon(r, order).map((x) => x.state)).toEqual(['Completed', 'Completed']);
    });

    it('refuses more than the capture plus its margin before sending anything', async () => {
      // Prepare
      const r = await aRig();
      const order = await aPaidOrder(r, 1000);

      // Act
      const over = await refund(r.service(), order, { kind: 'decimal', text: '11.51' });
      const within = await refund(r.service(), order, { kind: 'decimal', text: '11.50' });

      // Assess
      expect(over).toMatchObject({
        kind: 'refused',
        refusal: { kind: 'exceedsRefundable', remainingMinor: 1150 },
      });
      expect(within.kind).toBe('requested');
      expect(refundsAtAmazon(r, order).map((x) => x.amount.amountMinor)).toEqual([1150]);
    });

    it('refuses an eleventh refund of one capture before sending it', async () => {
      // Prepare
      const r = await aRig();
      const order = await aPaidOrder(r, 10_000);
      const service = r.service();
      const ten: RefundOutcome[] = [];
      for (let i = 0; i < 10; i += 1) {
        ten.push(await refund(service, order, { kind: 'decimal', text: '1.00' }));
      }

      // Act
      const eleventh = await refund(service, order, { kind: 'decimal', text: '1.00' });

      // Assess
      expect(ten.map((x) => x.kind)).toEqual(Array(10).fill('requested'));
      expect(eleventh).toMatchObject({
        kind: 'refused',
        refusal: { kind: 'tooManyRefunds', maxRefunds: 10 },
      });
      expect(refundsAtAmazon(r, order)).toHaveLength(10);
      expect((await stored(order)).refunds).toHaveLength(10);
    });

    it('sends the same reference id again after a crash between recording and calling, refunding once', async () => {
      // Prepare
      const r = await aRig();
      const order = await aPaidOrder(r);
      const crashing: RefundStore = {
        get: (orderId) => r.store.get(orderId),
        listOrders: (query) => r.store.listOrders(query),
        beginRefund: async (request) => {
          await r.store.beginRefund(request);
          throw new Error('the process died right after the write');
        },
        recordRefundCall: (request) => r.store.recordRefundCall(request),
        settleRefund: (request) => r.store.settleRefund(request),
      };
      const crashed = refund(r.service({ store: crashing }), order);
      await expect(crashed).rejects.toThrow('the process died');
      const afterCrash = await stored(order);
      const atAmazonAfterCrash = refundsAtAmazon(r, order).length;

      // Act
      const retry = await refund(r.service(), order);

      // Assess
      expect(afterCrash).toMatchObject({
        status: 'refund-pending',
        refunds: [{ refundReferenceId: `${order.orderId}-r1`, state: 'pending' }],
      });
      expect(afterCrash.refunds?.[0]).not.toHaveProperty('amazonRefundId');
      expect(atAmazonAfterCrash).toBe(0);
      expect(retry).toMatchObject({
        kind: 'requested',
        resent: true,
        refund: { refundReferenceId: `${order.orderId}-r1` },
      });
      expect(refundsAtAmazon(r, order)).toEqual([
        expect.objectContaining({ refundReferenceId: `${order.orderId}-r1` }),
      ]);
      expect((await stored(order)).refunds).toHaveLength(1);
    });

    it('lets one of two concurrent refunds of one order through: one refund at Amazon', async () => {
      // Prepare
      const r = await aRig();
      const order = await aPaidOrder(r);

      // Act
      const outcomes = await Promise.all([refund(r.service(), order), refund(r.service(), order)]);

      // Assess
      // The loser finds the order changed, the same refund still unsent (and sends it again with
      // its reference id), or nothing left to refund; whichever, Amazon holds one refund.
      const first = outcomes.filter((o) => o.kind === 'requested' && !o.resent);
      const loser = outcomes.find((o) => !(o.kind === 'requested' && !o.resent));
      expect(first).toHaveLength(1);
      expect(
        loser?.kind === 'conflict' ||
          (loser?.kind === 'refused' && loser.refusal.kind === 'nothingLeft') ||
          (loser?.kind === 'requested' && loser.refund.refundReferenceId === `${order.orderId}-r1`),
      ).toBe(true);
      expect(refundsAtAmazon(r, order)).toHaveLength(1);
      expect((await stored(order)).refunds).toHaveLength(1);
    });

    it('goes through two 500 answers with the client retrying the same reference id', async () => {
      // Prepare
      const r = await aRig();
      const order = await aPaidOrder(r);
      r.standIn.injectFault({ action: 'Refund', kind: 'error', statusCode: 500, times: 2 });

      // Act
      const outcome = await refund(r.service(), order);

      // Assess
      expect(outcome.kind).toBe('requested');
      const sent = r.standIn.requests.filter((x) => x.action === 'Refund');
      expect(sent.map((x) => x.status)).toEqual([500, 500, 200]);
      expect(new Set(sent.map((x) => x.parameters['RefundReferenceId']))).toEqual(
        new Set([`${order.orderId}-r1`]),
      );
    });

    it('keeps a refund whose answers were all lost pending, and refunds once when sent again', async () => {
      // Prepare: MWS carries the refund out each time, but every answer is a 503
      const r = await aRig();
      const order = await aPaidOrder(r);
      r.standIn.injectFault({
        action: 'Refund',
        kind: 'error',
        statusCode: 503,
        when: 'after',
        times: 4,
      });
      const lost = await refund(r.service(), order);
      const afterLoss = await stored(order);

      // Act
      const again = await refund(r.service(), order);

      // Assess
      expect(lost).toMatchObject({
        kind: 'unconfirmed',
        problem: 'MwsServerError ServiceUnavailable',
      });
      expect(afterLoss.status).toBe('refund-pending');
      expect(afterLoss.refunds?.[0]).toMatchObject({ state: 'pending' });
      expect(afterLoss.refunds?.[0]).not.toHaveProperty('amazonRefundId');
      // The resend is answered with the refund as it stands: completed already.
      expect(again).toMatchObject({
        kind: 'settled',
        resent: true,
        refund: { state: 'completed' },
      });
      expect((await stored(order)).status).toBe('refunded');
      expect(refundsAtAmazon(r, order)).toHaveLength(1);
      expect((await stored(order)).refunds?.[0]?.amazonRefundId).toBe(
        refundsAtAmazon(r, order)[0]?.amazonRefundId,
      );
    });

    it('records a refund MWS refuses (4xx) as declined with its code, and the order paid again', async () => {
      // Prepare: Amazon captured less than the order says, so MWS refuses the amount
      const r = await aRig();
      const order = await aPaidOrder(r, 3497, {}, 2000);

      // Act
      const outcome = await refund(r.service(), order);

      // Assess
      expect(outcome).toMatchObject({ kind: 'rejected', code: 'InvalidRefundAmount' });
      const after = await stored(order);
      expect(after.status).toBe('paid');
      expect(after).not.toHaveProperty('statusBeforeRefund');
      expect(after.refunds).toEqual([
        expect.objectContaining({ state: 'declined', reasonCode: 'InvalidRefundAmount' }),
      ]);
      expect(after.refunds?.[0]).not.toHaveProperty('amazonRefundId');
    });

    it('refunds a held order and sends it back to held-for-review, never to paid', async () => {
      // Prepare
      const r = await aRig();
      const order = await aPaidOrder(r, 3497, { status: 'held-for-review' });
      const service = r.service();

      // Act
      await refund(service, order, { kind: 'decimal', text: '5' });
      await service.syncRefunds();

      // Assess
      expect((await stored(order)).status).toBe('held-for-review');
    });

    it.each<[string, Partial<Order>, string]>([
      ['a declined order', { status: 'declined' }, 'notRefundable'],
      ['a certification test', { status: 'certification-test' }, 'notRefundable'],
      ['a paid order without a capture id', { amazonCaptureId: undefined }, 'noCapture'],
    ])('refuses %s and sends nothing', async (_name, overrides, refusal) => {
      // Prepare
      const r = await aRig();
      const order = await aPaidOrder(r, 3497, overrides);

      // Act
      const outcome = await refund(r.service(), order);

      // Assess
      expect(outcome).toMatchObject({ kind: 'refused', refusal: { kind: refusal } });
      expect(r.standIn.requests).toHaveLength(0);
      await expect(stored(order)).resolves.toEqual(order);
    });

    it('answers notFound for an unknown order', async () => {
      // Prepare
      const r = await aRig();

      // Act, Assess
      await expect(r.service().refund({ orderId: 'no-such-order' })).resolves.toEqual({
        kind: 'notFound',
      });
    });
  });

  describe('syncRefunds', () => {
    it('settles a completed refund and moves the order to refunded', async () => {
      // Prepare
      const r = await aRig();
      const order = await aPaidOrder(r);
      const service = r.service();
      await refund(service, order);

      // Act
      const report = await service.syncRefunds();

      // Assess
      expect(report.entries.filter((e) => e.orderId === order.orderId)).toEqual([
        expect.objectContaining({ result: 'completed', orderStatus: 'refunded' }),
      ]);
      const after = await stored(order);
      expect(after.status).toBe('refunded');
      expect(after.history.at(-1)?.status).toBe('refunded');
    });

    it('records a refund declined by the sandbox simulation and moves the order back to paid', async () => {
      // Prepare
      const r = await aRig();
      const order = await aPaidOrder(r);
      const service = r.service({ sellerRefundNote: DECLINE_SIMULATION });
      await refund(service, order);

      // Act
      const report = await service.syncRefunds();

      // Assess
      expect(report.entries.filter((e) => e.orderId === order.orderId)).toEqual([
        expect.objectContaining({ result: 'declined', orderStatus: 'paid' }),
      ]);
      const after = await stored(order);
      expect(after.status).toBe('paid');
      expect(after.refunds?.[0]).toMatchObject({ state: 'declined', reasonCode: 'AmazonRejected' });
      expect(r.standIn.requests.find((x) => x.action === 'Refund')?.parameters).toMatchObject({
        SellerRefundNote: DECLINE_SIMULATION,
      });
    });

    it('leaves a refund Amazon has not decided pending, and settles it later', async () => {
      // Prepare
      const r = await aRig({ refundSettleMs: 3_600_000 });
      const order = await aPaidOrder(r, 3497, { status: 'shipped' });
      const service = r.service();
      await refund(service, order);

      // Act
      const early = await service.syncRefunds();
      r.clock.now += 3_600_000;
      const later = await service.syncRefunds();

      // Assess
      expect(early.entries.filter((e) => e.orderId === order.orderId)).toEqual([
        expect.objectContaining({ result: 'pending', orderStatus: 'refund-pending' }),
      ]);
      expect(later.entries.filter((e) => e.orderId === order.orderId)).toEqual([
        expect.objectContaining({ result: 'completed', orderStatus: 'refunded' }),
      ]);
    });

    it('sends a refund that was never answered again, with the same reference id', async () => {
      // Prepare
      const r = await aRig();
      const order = await aPaidOrder(r);
      r.standIn.injectFault({ action: 'Refund', kind: 'error', statusCode: 503, times: 4 });
      const lost = await refund(r.service(), order);

      // Act
      const report = await r.service().syncRefunds();

      // Assess
      expect(lost.kind).toBe('unconfirmed');
      expect(report.entries.filter((e) => e.orderId === order.orderId)).toEqual([
        expect.objectContaining({ result: 'pending', orderStatus: 'refund-pending' }),
      ]);
      expect(refundsAtAmazon(r, order)).toEqual([
        expect.objectContaining({ refundReferenceId: `${order.orderId}-r1` }),
      ]);
      expect((await stored(order)).refunds?.[0]?.amazonRefundId).toBeDefined();
    });

    it('reports a refund it could not ask about as failed and changes nothing', async () => {
      // Prepare
      const r = await aRig();
      const order = await aPaidOrder(r);
      const service = r.service();
      await refund(service, order);
      const before = await stored(order);
      r.standIn.injectFault({
        action: 'GetRefundDetails',
        kind: 'error',
        statusCode: 503,
        times: 4,
      });

      // Act
      const report = await service.syncRefunds();

      // Assess
      expect(report.entries.filter((e) => e.orderId === order.orderId)).toEqual([
        expect.objectContaining({
          result: 'failed',
          problem: 'MwsServerError ServiceUnavailable',
          orderStatus: 'refund-pending',
        }),
      ]);
      await expect(stored(order)).resolves.toEqual(before);
    });

    it('settles two pending refunds of one order in one run', async () => {
      // Prepare
      const r = await aRig();
      const order = await aPaidOrder(r);
      const service = r.service();
      await refund(service, order, { kind: 'decimal', text: '30' });
      await refund(service, order);

      // Act
      const report = await service.syncRefunds();

      // Assess
      expect(
        report.entries
          .filter((e) => e.orderId === order.orderId)
          .map((e): [string, OrderStatus | undefined] => [e.result, e.orderStatus]),
      ).toEqual([
        ['completed', 'refund-pending'],
        ['completed', 'refunded'],
      ]);
    });
  });
});
