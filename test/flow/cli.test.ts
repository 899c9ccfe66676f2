import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ORDER_CSV_HEADER } from '../../src/cli/formatOrders';
import type { Order } from '../../src/checkout/Order';
import type { OrderStatus } from '../../src/checkout/OrderStatus';
import { OrderStatus as Status } from '../../src/checkout/OrderStatus';
import { EMBEDDED_ORDERS_TABLE, openEmbeddedOrderStore } from '../../src/store/embeddedStore';
import type { TestOrderStore } from '../support/dynalite';
import { startTestOrderStore } from '../support/dynalite';
import { anOrder, CREATED_AT } from '../support/orders';
import { parseCsv } from '../unit/cli/parseCsv';

const root = path.resolve(__dirname, '..', '..');
const ALL_STATUSES: ReadonlyArray<OrderStatus> = Object.values(Status);
const SPAWN_TIMEOUT_MS = 30_000;

jest.setTimeout(60_000);

/** What one run of the order tools printed, and its exit code. */
type Run = { readonly status: number | null; readonly stdout: string; readonly stderr: string };

/** One order per status (`flow-<status>`), a second paid one to ship, created a minute apart. */
function seedOrders(): Order[] {
  const at = (minutes: number): string =>
    new Date(Date.parse(CREATED_AT) + minutes * 60_000).toISOString();
  const orders = ALL_STATUSES.map((status, i) =>
    anOrder({
      orderId: `flow-${status}`,
      status,
      createdAt: at(i),
      updatedAt: at(i + 60),
      totalMinor: 3305 + i,
      history: [
        { status: 'awaiting-confirmation', at: at(i) },
        ...(status === 'awaiting-confirmation' ? [] : [{ status, at: at(i + 60) }]),
      ],
    }),
  );
  orders.push(
    anOrder({
      orderId: 'flow-paid-to-ship',
      status: 'paid',
      createdAt: at(30),
      updatedAt: at(90),
      lines: [{ productId: 'mug', name: 'Mug, "large"', quantity: 1, unitPriceMinor: 1500 }],
      history: [{ status: 'paid', at: at(90) }],
    }),
  );
  return orders;
}

describe('npm run orders (the merchant order tools)', () => {
  let dir: string;
  let dataDir: string;
  const seeded = seedOrders();

  /** Runs `node .build/orders.js ...` without blocking this process (a store here may answer). */
  const orders = (args: ReadonlyArray<string>, env: Record<string, string> = {}): Promise<Run> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['.build/orders.js', ...args], {
        cwd: root,
        env: { PATH: process.env['PATH'] ?? '', ORDERS_DB_DIR: dataDir, ...env },
        timeout: SPAWN_TIMEOUT_MS,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
      });
      child.once('error', reject);
      child.once('close', (status) => resolve({ status, stdout, stderr }));
    });

  const jsonOf = (run: Run): Array<Record<string, unknown>> =>
    JSON.parse(run.stdout) as Array<Record<string, unknown>>;

  beforeAll(async () => {
    const built = spawnSync(process.execPath, ['scripts/build.mjs'], {
      cwd: root,
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`);
    dir = mkdtempSync(path.join(tmpdir(), 'orders-cli-'));
    dataDir = path.join(dir, 'data');
    const embedded = openEmbeddedOrderStore({ dir: dataDir, tableName: EMBEDDED_ORDERS_TABLE });
    try {
      for (const order of seeded) await embedded.store.create(order);
    } finally {
      // Closed before any run: LevelDB lets one process at a time use the folder.
      await embedded.close();
    }
  }, 120_000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('--help', () => {
    it('prints the usage on stdout and exits 0', async () => {
      // Act
      const run = await orders(['--help']);

      // Assess
      expect(run.status).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^Usage: npm run --silent orders -- <command> \[options\]/);
    });
  });

  describe('list', () => {
    it('prints every order as a JSON array with id, status, total and createdAt', async () => {
      // Act
      const run = await orders(['list', '--json']);

      // Assess
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const listed = jsonOf(run);
      expect(listed.map((o) => o['orderId']).sort()).toEqual(seeded.map((o) => o.orderId).sort());
      expect(listed.find((o) => o['orderId'] === 'flow-paid')).toMatchObject({
        orderId: 'flow-paid',
        status: 'paid',
        total: { amountMinor: 3308, currency: 'USD', decimal: '33.08', formatted: '$33.08' },
        totalMinor: 3308,
        currency: 'USD',
        createdAt: '2026-03-01T10:03:00.000Z',
      });
      expect(run.stdout).not.toContain(anOrder().userId);
    });

    it('prints a table of one status, at most --limit rows', async () => {
      // Act
      const run = await orders(['list', '--status', 'paid', '--limit', '1']);

      // Assess
      expect(run.status).toBe(0);
      expect(run.stdout.split('\n')).toEqual([
        expect.stringMatching(/^ORDER ID +STATUS +TOTAL +CREATED$/),
        expect.stringMatching(/^flow-paid-to-ship +paid +\$33\.05 +2026-03-01T10:30:00\.000Z$/),
        '1 order',
        '',
      ]);
    });
  });

  describe('fulfilment', () => {
    it.each([['fulfilment'], ['to-ship']])(
      '(%s) lists only paid orders: never certification-test, held-for-review or unpaid',
      async (command) => {
        // Act
        const run = await orders([command, '--json']);

        // Assess
        expect(run.status).toBe(0);
        expect(jsonOf(run).map((o) => [o['orderId'], o['status']])).toEqual([
          ['flow-paid', 'paid'],
          ['flow-paid-to-ship', 'paid'],
        ]);
      },
    );
  });

  describe('show', () => {
    it('prints one order with its lines, totals, history and references, no user id', async () => {
      // Act
      const run = await orders(['show', 'flow-held-for-review', '--json']);

      // Assess
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({
        orderId: 'flow-held-for-review',
        status: 'held-for-review',
        releasedForFulfilment: false,
        lines: [{ productId: 'coffee-beans', quantity: 2, unitPrice: { decimal: '12.99' } }],
        subtotal: { decimal: '25.98' },
        history: [{ status: 'awaiting-confirmation' }, { status: 'held-for-review' }],
        references: {},
      });
      expect(run.stdout).not.toContain(anOrder().userId);
    });

    it('refuses an unknown order id with exit code 1', async () => {
      // Act
      const run = await orders(['show', 'no-such-order']);

      // Assess
      expect(run.status).toBe(1);
      expect(run.stderr).toBe('no order with id no-such-order\n');
    });
  });

  describe('ship', () => {
    it('ships a paid order once, refuses the second time, and drops it from fulfilment', async () => {
      // Act
      const first = await orders(['ship', 'flow-paid-to-ship']);
      const second = await orders(['ship', 'flow-paid-to-ship']);
      const toShip = await orders(['fulfilment', '--json']);
      const shown = await orders(['show', 'flow-paid-to-ship', '--json']);

      // Assess
      expect(first).toEqual({
        status: 0,
        stdout: 'order flow-paid-to-ship is marked shipped\n',
        stderr: '',
      });
      expect(second.status).toBe(1);
      expect(second.stderr).toMatch(
        /^order flow-paid-to-ship is shipped already \(.+\); nothing changed\n$/,
      );
      expect(jsonOf(toShip).map((o) => o['orderId'])).toEqual(['flow-paid']);
      expect(JSON.parse(shown.stdout)).toMatchObject({ status: 'shipped' });
    });

    it.each<[OrderStatus, RegExp]>([
      ['certification-test', /is a certification test order and is never shipped/],
      ['held-for-review', /is held for review/],
      ['awaiting-confirmation', /is awaiting-confirmation, not paid; only paid orders ship/],
      ['setup-pending', /is setup-pending, not paid/],
      ['charge-pending', /is charge-pending, not paid/],
      ['declined', /is declined, not paid/],
      ['failed', /is failed, not paid/],
      ['cancelled', /is cancelled, not paid/],
    ])(
      'refuses to ship an order in status %s (exit 1) and leaves it so',
      async (status, message) => {
        // Act
        const run = await orders(['ship', `flow-${status}`]);
        const shown = await orders(['show', `flow-${status}`, '--json']);

        // Assess
        expect(run.status).toBe(1);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(message);
        expect(JSON.parse(shown.stdout)).toMatchObject({ status });
      },
    );

    it('refuses an unknown order id with exit code 1', async () => {
      // Act
      const run = await orders(['ship', 'no-such-order']);

      // Assess
      expect(run.status).toBe(1);
      expect(run.stderr).toBe('no order with id no-such-order\n');
    });
  });

  describe('export-csv', () => {
    it('prints RFC 4180 CSV that parses back: a header, one row per order, decimal amounts', async () => {
      // Act
      const run = await orders(['export-csv']);

      // Assess
      expect(run.status).toBe(0);
      const [header, ...rows] = parseCsv(run.stdout);
      expect(header).toEqual(ORDER_CSV_HEADER);
      expect(rows).toHaveLength(seeded.length);
      const column = (name: string): number => ORDER_CSV_HEADER.indexOf(name);
      const mug = rows.find((row) => row[0] === 'flow-paid-to-ship');
      expect(mug?.[column('items')]).toBe('1 x Mug, "large"');
      expect(mug?.[column('total')]).toBe('33.05');
      expect(mug?.[column('currency')]).toBe('USD');
      expect(rows.map((row) => row[column('createdAt')])).toEqual(
        rows.map((row) => row[column('createdAt')]).sort(),
      );
    });

    it('writes the CSV of one status to --out', async () => {
      // Prepare
      const out = path.join(dir, 'declined.csv');

      // Act
      const run = await orders(['export-csv', '--status', 'declined', '--out', out]);

      // Assess
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(`wrote 1 order to ${out}\n`);
      const rows = parseCsv(readFileSync(out, 'utf8'));
      expect(rows.map((row) => [row[0], row[1]])).toEqual([
        ['orderId', 'status'],
        ['flow-declined', 'declined'],
      ]);
    });
  });

  describe('usage errors', () => {
    it.each<[string[], string]>([
      [[], 'missing command'],
      [['frobnicate'], 'unknown command: frobnicate'],
      [['list', '--frob'], 'unknown option: --frob'],
      [['list', '--status', 'sent'], 'unknown status: sent'],
      [['list', '--limit', 'ten'], '--limit needs a whole number'],
      [['show'], 'show needs an ORDER_ID'],
      [['ship', 'a', 'b'], 'unexpected argument: b'],
      [['export-csv', '--out'], '--out needs a value'],
    ])('exits 2 with the problem and the usage on stderr for %p', async (args, message) => {
      // Act
      const run = await orders(args);

      // Assess
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`orders: ${message}`);
      expect(run.stderr).toContain('Usage: npm run --silent orders');
    });

    it('exits 2 and names the variable for a configuration error', async () => {
      // Act
      const run = await orders(['list'], { MERCHANT_COUNTRY: 'GB' });

      // Assess
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^orders: Invalid configuration: MERCHANT_COUNTRY must be UK/);
    });
  });

  describe('a folder in use', () => {
    it('says that another process uses the embedded store folder, and exits 1', async () => {
      // Prepare: this process holds the folder with a started embedded store.
      const holder = openEmbeddedOrderStore({ dir: dataDir, tableName: EMBEDDED_ORDERS_TABLE });
      await holder.store.get('flow-paid');

      try {
        // Act
        const run = await orders(['list']);

        // Assess
        expect(run.status).toBe(1);
        expect(run.stdout).toBe('');
        expect(run.stderr).toBe(
          `orders: the embedded order store folder ${dataDir} is used by another process; ` +
            'stop that process or use another folder (ORDERS_DB_DIR)\n',
        );
      } finally {
        await holder.close();
      }
    });
  });

  describe('on a DynamoDB table (ORDERS_TABLE)', () => {
    let table: TestOrderStore;

    /** The environment of a run against the table, through the SDK's default configuration. */
    const tableEnv = (tableName: string): Record<string, string> => ({
      ORDERS_TABLE: tableName,
      AWS_REGION: 'local',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
      AWS_MAX_ATTEMPTS: '1',
    });

    beforeAll(async () => {
      table = await startTestOrderStore({ tableName: 'orders-cli-table' });
      for (const order of seeded) await table.store.create(order);
    });

    afterAll(async () => {
      await table.close();
    });

    it('lists, ships and refuses on the table just as on the embedded store', async () => {
      // Act
      const toShip = await orders(['fulfilment', '--json'], tableEnv(table.tableName));
      const shipped = await orders(['ship', 'flow-paid'], tableEnv(table.tableName));
      const again = await orders(['ship', 'flow-paid'], tableEnv(table.tableName));
      const test = await orders(['ship', 'flow-certification-test'], tableEnv(table.tableName));

      // Assess
      expect(toShip.stderr).toBe('');
      expect(jsonOf(toShip).map((o) => o['orderId'])).toEqual(['flow-paid', 'flow-paid-to-ship']);
      expect(shipped.status).toBe(0);
      expect(again.status).toBe(1);
      expect(test.status).toBe(1);
      await expect(table.store.get('flow-paid')).resolves.toMatchObject({ status: 'shipped' });
    });

    it('reports a store failure on one line, without a stack trace, and exits 1', async () => {
      // Act
      const run = await orders(['list'], tableEnv('no-such-table'));

      // Assess
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(
        /^orders: order store listOrders failed \(ResourceNotFoundException/,
      );
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    });
  });
});
