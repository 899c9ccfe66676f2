import { ORDER_CSV_HEADER } from '../../../src/cli/formatOrders';
import type { OrdersCommand } from '../../../src/cli/parseOrdersArgs';
import type { OrdersCommandDeps } from '../../../src/cli/runOrdersCommand';
import { runOrdersCommand } from '../../../src/cli/runOrdersCommand';
import type { Order } from '../../../src/checkout/Order';
import type { OrderStatus } from '../../../src/checkout/OrderStatus';
import { OrderStatus as Status } from '../../../src/checkout/OrderStatus';
import { createOrdersTable, DynamoDbOrderStore } from '../../../src/store/DynamoDbOrderStore';
import type { TestOrderStore } from '../../support/dynalite';
import { startTestOrderStore } from '../../support/dynalite';
import { anOrder, CREATED_AT } from '../../support/orders';
import { parseCsv } from './parseCsv';
import { RefundsNotConfiguredError } from '../../../src/cli/errors';
import { MwsClient } from '../../../src/amazonpay/mws/MwsClient';
import { MWS_TEST_ACCOUNT, MwsStandIn } from '../../../src/local/mws/MwsStandIn';
import type { MwsStandInServer } from '../../../src/local/mws/startMwsStandInServer';
import { startMwsStandInServer } from '../../../src/local/mws/startMwsStandInServer';
import { RefundService } from '../../../src/refunds/RefundService';
import { RecordingLogger } from '../../support/shop';

const NOW = new Date('2026-03-05T12:00:00.000Z');

/** An ISO instant `minutes` after CREATED_AT. */
const minutesLater = (minutes: number): string =>
  new Date(Date.parse(CREATED_AT) + minutes * 60_000).toISOString();

/** One order of each status, created a minute apart, in the order of OrderStatus. */
const seeds = (): Order[] =>
  Object.values(Status).map((status, i) =>
    anOrder({
      orderId: `o-${status}`,
      status,
      createdAt: minutesLater(i),
      updatedAt: minutesLater(i + 100),
      totalMinor: 1000 + i,
      history: [
        { status: 'awaiting-confirmation', at: minutesLater(i) },
        ...(status === 'awaiting-confirmation' ? [] : [{ status, at: minutesLater(i + 100) }]),
      ],
    }),
  );

type Run = { readonly code: number; readonly out: string; readonly err: string };

describe('runOrdersCommand', () => {
  let t: TestOrderStore;
  let store: DynamoDbOrderStore;
  let tables = 0;
  const written = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestOrderStore({ tableName: 'cli-orders' });
  });

  afterAll(async () => {
    await t.close();
  });

  beforeEach(async () => {
    // A fresh table per test, so that ship and listings see only their own orders.
    tables += 1;
    const tableName = `cli-orders-${tables}`;
    await createOrdersTable(t.client, tableName);
    store = new DynamoDbOrderStore({ client: t.client, tableName });
    for (const order of seeds()) await store.create(order);
    written.clear();
  });

  async function run(command: OrdersCommand, overrides: Partial<OrdersCommandDeps> = {}) {
    let out = '';
    let err = '';
    const code = await runOrdersCommand(command, {
      store,
      clock: () => NOW,
      stdout: (text) => {
        out += text;
      },
      stderr: (text) => {
        err += text;
      },
      writeFile: (file, text) => {
        written.set(file, text);
        return Promise.resolve();
      },
      ...overrides,
    });
    return { code, out, err } satisfies Run;
  }

  const jsonOf = (r: Run): Array<Record<string, unknown>> =>
    JSON.parse(r.out) as Array<Record<string, unknown>>;

  describe('list', () => {
    it('prints every order as JSON, newest first', async () => {
      // Act
      const r = await run({ kind: 'list', status: undefined, limit: undefined, json: true });

      // Assess
      expect(r.code).toBe(0);
      expect(r.err).toBe('');
      const ids = jsonOf(r).map((o) => o['orderId']);
      expect(ids).toEqual(
        Object.values(Status)
          .map((s) => `o-${s}`)
          .reverse(),
      );
    });

    it('prints only the asked status, at most the limit', async () => {
      // Prepare
      await store.create(
        anOrder({ orderId: 'o-paid-2', status: 'paid', createdAt: minutesLater(50) }),
      );

      // Act
      const all = await run({ kind: 'list', status: 'paid', limit: undefined, json: true });
      const one = await run({ kind: 'list', status: 'paid', limit: 1, json: true });

      // Assess
      expect(jsonOf(all).map((o) => o['orderId'])).toEqual(['o-paid-2', 'o-paid']);
      expect(jsonOf(one).map((o) => o['orderId'])).toEqual(['o-paid-2']);
    });

    it('prints a table with a count', async () => {
      // Act
      const r = await run({ kind: 'list', status: 'cancelled', limit: undefined, json: false });

      // Assess
      expect(r.out).toMatch(/^ORDER ID +STATUS +TOTAL +CREATED\n/);
      expect(r.out).toMatch(/\no-cancelled +cancelled +\$10\.\d\d +2026-03-01T/);
      expect(r.out.endsWith('1 order\n')).toBe(true);
    });

    it('prints an empty JSON array when nothing matches', async () => {
      // Prepare
      const tableName = 'cli-orders-empty';
      await createOrdersTable(t.client, tableName);

      // Act
      const r = await run(
        { kind: 'list', status: undefined, limit: undefined, json: true },
        { store: new DynamoDbOrderStore({ client: t.client, tableName }) },
      );

      // Assess
      expect(r.out).toBe('[]\n');
    });
  });

  describe('fulfilment', () => {
    it('lists only paid orders, never certification-test, held-for-review or unpaid', async () => {
      // Act
      const r = await run({ kind: 'fulfilment', json: true });

      // Assess
      expect(r.code).toBe(0);
      expect(jsonOf(r).map((o) => [o['orderId'], o['status']])).toEqual([['o-paid', 'paid']]);
    });

    it('lists paid orders oldest payment first, and drops one as soon as it ships', async () => {
      // Prepare
      await store.create(
        anOrder({
          orderId: 'o-paid-early',
          status: 'paid',
          updatedAt: minutesLater(1),
          history: [{ status: 'paid', at: minutesLater(1) }],
        }),
      );
      await store.create(
        anOrder({ orderId: 'o-paid-late', status: 'paid', updatedAt: minutesLater(999) }),
      );
      await store.markShipped({ orderId: 'o-paid', at: NOW.toISOString() });

      // Act
      const r = await run({ kind: 'fulfilment', json: false });

      // Assess
      const rows = r.out.split('\n').filter((line) => line.startsWith('o-'));
      expect(rows.map((line) => line.split(' ')[0])).toEqual(['o-paid-early', 'o-paid-late']);
      expect(r.out.endsWith('2 orders to ship\n')).toBe(true);
    });
  });

  describe('show', () => {
    it('prints one order as JSON with its lines, totals and history', async () => {
      // Act
      const r = await run({ kind: 'show', orderId: 'o-paid', json: true });

      // Assess
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({
        orderId: 'o-paid',
        status: 'paid',
        releasedForFulfilment: true,
        lines: [{ productId: 'coffee-beans', quantity: 2 }],
        history: [{ status: 'awaiting-confirmation' }, { status: 'paid' }],
      });
      expect(r.out).not.toContain(anOrder().userId);
    });

    it('prints the order as text', async () => {
      // Act
      const r = await run({ kind: 'show', orderId: 'o-held-for-review', json: false });

      // Assess
      expect(r.out).toContain('Order o-held-for-review\n');
      expect(r.out).toContain('a merchant decides');
    });

    it('refuses an unknown order with exit code 1', async () => {
      // Act
      const r = await run({ kind: 'show', orderId: 'nope', json: true });

      // Assess
      expect(r).toEqual({ code: 1, out: '', err: 'no order with id nope\n' });
    });
  });

  describe('ship', () => {
    it('marks a paid order shipped at the clock time, once', async () => {
      // Act
      const first = await run({ kind: 'ship', orderId: 'o-paid' });
      const second = await run({ kind: 'ship', orderId: 'o-paid' });

      // Assess
      expect(first).toEqual({ code: 0, out: 'order o-paid is marked shipped\n', err: '' });
      expect(second.code).toBe(1);
      expect(second.err).toBe(
        `order o-paid is shipped already (${NOW.toISOString()}); nothing changed\n`,
      );
      await expect(store.get('o-paid')).resolves.toMatchObject({
        status: 'shipped',
        updatedAt: NOW.toISOString(),
      });
    });

    it.each<[OrderStatus, string]>([
      ['certification-test', 'is a certification test order and is never shipped'],
      ['held-for-review', 'is held for review'],
      ['awaiting-confirmation', 'is awaiting-confirmation, not paid; only paid orders ship'],
      ['charge-pending', 'is charge-pending, not paid'],
      ['declined', 'is declined, not paid'],
      ['refunded', 'is refunded, not paid'],
    ])('refuses an order in status %s with exit code 1', async (status, message) => {
      // Act
      const r = await run({ kind: 'ship', orderId: `o-${status}` });

      // Assess
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toContain(`order o-${status} ${message}`);
      await expect(store.get(`o-${status}`)).resolves.toMatchObject({ status });
    });

    it('refuses an unknown order with exit code 1', async () => {
      // Act
      const r = await run({ kind: 'ship', orderId: 'nope' });

      // Assess
      expect(r).toEqual({ code: 1, out: '', err: 'no order with id nope\n' });
    });
  });

  describe('export-csv', () => {
    it('prints CSV with a header and one row per order, oldest first', async () => {
      // Act
      const r = await run({ kind: 'export-csv', status: undefined, out: undefined });

      // Assess
      expect(r.code).toBe(0);
      const rows = parseCsv(r.out);
      expect(rows[0]).toEqual(ORDER_CSV_HEADER);
      expect(rows.slice(1).map((row) => row[0])).toEqual(
        Object.values(Status).map((s) => `o-${s}`),
      );
      expect(rows[1]?.[ORDER_CSV_HEADER.indexOf('total')]).toBe('10.00');
      expect(rows[1]?.[ORDER_CSV_HEADER.indexOf('currency')]).toBe('USD');
    });

    it('writes the CSV of one status to the file asked for', async () => {
      // Act
      const r = await run({ kind: 'export-csv', status: 'paid', out: 'paid.csv' });

      // Assess
      expect(r).toEqual({ code: 0, out: 'wrote 1 order to paid.csv\n', err: '' });
      const rows = parseCsv(written.get('paid.csv') ?? '');
      expect(rows.map((row) => row[0])).toEqual(['orderId', 'o-paid']);
    });
  });

  describe('help', () => {
    it('prints the usage and exits 0', async () => {
      // Act
      const r = await run({ kind: 'help' });

      // Assess
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^Usage: npm run --silent orders -- <command>/);
    });
  });

  describe('refund and sync-refunds', () => {
    let server: MwsStandInServer | undefined;

    afterEach(async () => {
      await server?.close();
      server = undefined;
    });

    /** The refunds through a stand-in behind loopback HTTP that knows the capture of `o-refund`. */
    const refundsOf = async (): Promise<RefundService> => {
      const standIn = new MwsStandIn({ throttling: 'off', now: () => NOW.getTime() });
      server = await startMwsStandInServer(standIn);
      standIn.seedCapture({
        amazonCaptureId: 'S02-1-1-C000001',
        amount: { amountMinor: 3497, currency: 'USD' },
      });
      await store.create(
        anOrder({
          orderId: 'o-refund',
          status: 'paid',
          totalMinor: 3497,
          amazonCaptureId: 'S02-1-1-C000001',
          captured: { amountMinor: 3497, currency: 'USD' },
        }),
      );
      const mws = new MwsClient(
        { ...MWS_TEST_ACCOUNT, region: 'NA', sandbox: true },
        { endpointOrigin: server.origin, now: () => NOW.getTime(), pacing: false },
      );
      return new RefundService({ store, mws, clock: () => NOW, logger: new RecordingLogger() });
    };

    it('refunds part of an order, syncs it back to paid, and refuses more than is left', async () => {
      // Prepare
      const refunds = await refundsOf();

      // Act
      const part = await run(
        { kind: 'refund', orderId: 'o-refund', amount: { kind: 'decimal', text: '30' } },
        { refunds },
      );
      const sync = await run({ kind: 'sync-refunds' }, { refunds });
      const tooMuch = await run(
        { kind: 'refund', orderId: 'o-refund', amount: { kind: 'decimal', text: '10.22' } },
        { refunds },
      );

      // Assess
      expect(part).toMatchObject({ code: 0, err: '' });
      expect(part.out).toMatch(
        /^order o-refund: refund of 30\.00 USD requested \(reference o-refund-r1, Amazon refund S02-\S+\); /,
      );
      expect(sync).toEqual({
        code: 0,
        err: '',
        out:
          'order o-refund: refund o-refund-r1 of 30.00 USD completed; the order is paid\n' +
          'sync-refunds: 1 pending refund: 1 completed, 0 declined, 0 still pending, 0 failed\n',
      });
      expect(tooMuch.code).toBe(1);
      expect(tooMuch.err).toContain('more than the 10.21 USD that may still be refunded');
      await expect(store.get('o-refund')).resolves.toMatchObject({ status: 'paid' });
    });

    it('exits 2 for an amount with more decimals than the currency has', async () => {
      // Prepare
      const refunds = await refundsOf();

      // Act
      const r = await run(
        { kind: 'refund', orderId: 'o-refund', amount: { kind: 'decimal', text: '1.234' } },
        { refunds },
      );

      // Assess
      expect(r).toEqual({
        code: 2,
        out: '',
        err: 'AMOUNT 1.234 has more than 2 decimals, the most USD has\n',
      });
    });

    it('throws when the refund service is missing', async () => {
      await expect(run({ kind: 'sync-refunds' })).rejects.toBeInstanceOf(RefundsNotConfiguredError);
    });
  });

  describe('store failures', () => {
    it('throws them to the entry point, which reports them', async () => {
      // Prepare
      const missing = new DynamoDbOrderStore({ client: t.client, tableName: 'no-such-table' });

      // Act
      const r = run({ kind: 'fulfilment', json: true }, { store: missing });

      // Assess
      await expect(r).rejects.toMatchObject({ name: 'OrderStoreUnavailableError' });
    });
  });
});
