import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Order } from '../../src/checkout/Order';
import { MwsStandIn, type MwsStandInAccount } from '../../src/local/mws/MwsStandIn';
import type { MwsStandInServer } from '../../src/local/mws/startMwsStandInServer';
import { startMwsStandInServer } from '../../src/local/mws/startMwsStandInServer';
import type { TestOrderStore } from '../support/dynalite';
import { startTestOrderStore } from '../support/dynalite';
import { anOrder, CREATED_AT } from '../support/orders';

const root = path.resolve(__dirname, '..', '..');
const SPAWN_TIMEOUT_MS = 30_000;
const PAID_AT = '2026-03-01T10:02:00.000Z';
/** The default local seller of loadConfig, with the test keys of the fact sheet's vectors. */
const ACCOUNT: MwsStandInAccount = {
  accessKeyId: 'TEST_ACCESS_KEY',
  secretKey: 'TEST_SECRET_KEY',
  sellerId: 'A1EXAMPLESELLER',
};

jest.setTimeout(60_000);

type Run = { readonly status: number | null; readonly stdout: string; readonly stderr: string };

// The merchant's refunds through `npm run orders`: the built tool in its own process, against a
// DynamoDB table (dynalite) and the MWS stand-in over loopback HTTP, both in this process.
describe('npm run orders -- refund and sync-refunds', () => {
  let table: TestOrderStore;
  let standIn: MwsStandIn;
  let server: MwsStandInServer;
  let sequence = 0;

  beforeAll(async () => {
    const built = spawnSync(process.execPath, ['scripts/build.mjs'], {
      cwd: root,
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`);
    table = await startTestOrderStore({ tableName: 'orders-refunds-cli' });
    standIn = new MwsStandIn({ accounts: [ACCOUNT], throttling: 'off' });
    server = await startMwsStandInServer(standIn);
  }, 120_000);

  afterAll(async () => {
    await server.close();
    await table.close();
  });

  /** The environment of a run: the table, the stand-in, the test keys. */
  const envOf = (extra: Record<string, string> = {}): Record<string, string> => ({
    PATH: process.env['PATH'] ?? '',
    ORDERS_TABLE: table.tableName,
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
    AWS_MAX_ATTEMPTS: '1',
    MWS_ACCESS_KEY_ID: ACCOUNT.accessKeyId,
    MWS_SECRET_KEY: ACCOUNT.secretKey,
    MWS_ENDPOINT: server.origin,
    ...extra,
  });

  /** Runs `node .build/orders.js ...` without blocking this process, which serves the stand-in. */
  const orders = (args: ReadonlyArray<string>, env = envOf()): Promise<Run> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['.build/orders.js', ...args], {
        cwd: root,
        env,
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

  /** A paid order of 34.97 USD in the table whose capture the stand-in knows. */
  const aPaidOrder = async (overrides: Partial<Order> = {}): Promise<Order> => {
    sequence += 1;
    const orderId = `cli-refund-${sequence}`;
    const amazonCaptureId = `S02-2000000-${String(sequence).padStart(7, '0')}-C000001`;
    const order = anOrder({
      orderId,
      status: 'paid',
      version: 4,
      attempt: 1,
      totalMinor: 3497,
      amazonCaptureId,
      captured: { amountMinor: 3497, currency: 'USD' },
      history: [
        { status: 'awaiting-confirmation', at: CREATED_AT },
        { status: 'paid', at: PAID_AT },
      ],
      ...overrides,
    });
    await table.store.create(order);
    standIn.seedCapture({
      amazonCaptureId,
      amount: { amountMinor: 3497, currency: 'USD' },
      sellerId: ACCOUNT.sellerId,
    });
    return order;
  };

  const refundsOf = (order: Order) =>
    standIn.refunds().filter((refund) => refund.amazonCaptureId === order.amazonCaptureId);

  const statusOf = async (order: Order) => (await table.store.get(order.orderId))?.status;

  it('refunds a part, syncs it back to paid, then refunds the rest to refunded', async () => {
    // Prepare
    const order = await aPaidOrder();

    // Act
    const part = await orders(['refund', order.orderId, '10.00']);
    const firstSync = await orders(['sync-refunds']);
    const afterPart = await statusOf(order);
    const rest = await orders(['refund', order.orderId]);
    const secondSync = await orders(['sync-refunds']);

    // Assess
    expect(part.stderr).toBe('');
    expect(part.status).toBe(0);
    expect(part.stdout).toMatch(
      new RegExp(
        `^order ${order.orderId}: refund of 10\\.00 USD requested \\(reference ${order.orderId}-r1, `,
      ),
    );
    expect(firstSync.status).toBe(0);
    expect(firstSync.stdout).toContain(
      `order ${order.orderId}: refund ${order.orderId}-r1 of 10.00 USD completed; the order is paid`,
    );
    expect(afterPart).toBe('paid');
    expect(rest.status).toBe(0);
    expect(rest.stdout).toContain('refund of 24.97 USD requested');
    expect(secondSync.stdout).toContain(
      `order ${order.orderId}: refund ${order.orderId}-r2 of 24.97 USD completed; the order is refunded`,
    );
    await expect(statusOf(order)).resolves.toBe('refunded');
    expect(refundsOf(order).map((r) => [r.refundReferenceId, r.amount.amountMinor])).toEqual([
      [`${order.orderId}-r1`, 1000],
      [`${order.orderId}-r2`, 2497],
    ]);
  });

  it('refuses more than the capture plus its margin with exit 1, and sends nothing', async () => {
    // Prepare
    const order = await aPaidOrder();

    // Act
    const run = await orders(['refund', order.orderId, '40.22']);

    // Assess
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `order ${order.orderId}: that is more than the 40.21 USD that may still be refunded (the ` +
        "captured amount plus Amazon Pay's margin); nothing was sent\n",
    );
    expect(refundsOf(order)).toEqual([]);
    await expect(statusOf(order)).resolves.toBe('paid');
  });

  it('refuses the amount 1e3 with exit 2 before reading anything', async () => {
    // Act
    const run = await orders(['refund', 'cli-refund-none', '1e3']);

    // Assess
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('orders: AMOUNT 1e3 is not a plain decimal number');
  });

  it('exits 2 for too many decimals of the order currency', async () => {
    // Prepare
    const order = await aPaidOrder();

    // Act
    const run = await orders(['refund', order.orderId, '1.234']);

    // Assess
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('AMOUNT 1.234 has more than 2 decimals, the most USD has\n');
    expect(refundsOf(order)).toEqual([]);
  });

  it('records a refund the sandbox declines (MWS_REFUND_SIMULATION) and moves the order back to shipped', async () => {
    // Prepare
    const order = await aPaidOrder({ status: 'shipped' });
    const env = envOf({ MWS_REFUND_SIMULATION: 'AmazonRejected' });

    // Act
    const run = await orders(['refund', order.orderId], env);
    const sync = await orders(['sync-refunds'], env);

    // Assess
    expect(run.status).toBe(0);
    expect(sync.stdout).toContain(
      `order ${order.orderId}: refund ${order.orderId}-r1 of 34.97 USD declined (AmazonRejected); ` +
        'the order is shipped',
    );
    const stored = await table.store.get(order.orderId);
    expect(stored?.status).toBe('shipped');
    expect(stored?.refunds?.[0]).toMatchObject({ state: 'declined', reasonCode: 'AmazonRejected' });
  });

  it('sends the same reference id again for a refund a crash left unsent, refunding once', async () => {
    // Prepare: the order as a crash right after the write leaves it, recorded but never sent
    const order = await aPaidOrder();
    const begun = await table.store.beginRefund({
      orderId: order.orderId,
      from: 'paid',
      expectedVersion: order.version,
      expectedRefundCount: 0,
      refund: {
        refundReferenceId: `${order.orderId}-r1`,
        amountMinor: 3497,
        currency: 'USD',
        requestedAt: PAID_AT,
        state: 'pending',
        updatedAt: PAID_AT,
      },
      at: PAID_AT,
    });
    expect(begun.kind).toBe('applied');

    // Act
    const retry = await orders(['refund', order.orderId]);

    // Assess
    expect(retry.status).toBe(0);
    expect(retry.stdout).toContain(
      `refund ${order.orderId}-r1 of 34.97 USD sent again with the same reference id and accepted`,
    );
    expect(refundsOf(order).map((r) => r.refundReferenceId)).toEqual([`${order.orderId}-r1`]);
  });

  it('lets one of two refunds run at once on one order through: one refund at Amazon', async () => {
    // Prepare
    const order = await aPaidOrder();

    // Act
    const runs = await Promise.all([
      orders(['refund', order.orderId]),
      orders(['refund', order.orderId]),
    ]);

    // Assess
    expect(runs.filter((run) => run.status === 0).length).toBeGreaterThanOrEqual(1);
    expect(refundsOf(order)).toHaveLength(1);
    expect((await table.store.get(order.orderId))?.refunds).toHaveLength(1);
  });

  it('exits 2 and names the variable when the MWS keys are missing', async () => {
    // Act
    const run = await orders(
      ['sync-refunds'],
      envOf({ MWS_ACCESS_KEY_ID: '', MWS_SECRET_KEY: '' }),
    );

    // Assess
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('orders: Invalid configuration: MWS_ACCESS_KEY_ID is not set\n');
  });

  it('refuses MWS_ENDPOINT in Lambda with exit 2', async () => {
    // Act
    const run = await orders(
      ['sync-refunds'],
      envOf({
        AWS_LAMBDA_FUNCTION_NAME: 'shop',
        SELLER_ID: 'A1EXAMPLESELLER',
        SKILL_ID: 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000',
        MERCHANT_COUNTRY: 'US',
        LEDGER_CURRENCY: 'USD',
        SANDBOX: 'true',
        SANDBOX_CUSTOMER_EMAIL: 'sandbox-buyer@example.com',
      }),
    );

    // Assess
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('MWS_ENDPOINT is for the local MWS stand-in only');
  });
});
