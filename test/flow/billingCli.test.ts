import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openAgreementStore } from '../../src/billing/cli/openAgreementStore';
import type { BillingRunSummary } from '../../src/billing/runDueCharges';
import type { BillingAgreementSeed } from '../../src/local/mws/MwsStandIn';
import { MWS_TEST_ACCOUNT, MwsStandIn } from '../../src/local/mws/MwsStandIn';
import type { MwsStandInServer } from '../../src/local/mws/startMwsStandInServer';
import { startMwsStandInServer } from '../../src/local/mws/startMwsStandInServer';
import { aNewSubscription } from '../support/billing';

const root = path.resolve(__dirname, '..', '..');
const SPAWN_TIMEOUT_MS = 30_000;

jest.setTimeout(60_000);

/** What one run printed, and its exit code. */
type Run = { readonly status: number | null; readonly stdout: string; readonly stderr: string };

/** Runs a built script without blocking this process (the MWS stand-in here must answer it). */
function runNode(args: ReadonlyArray<string>, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { PATH: process.env['PATH'] ?? '', ...env },
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
}

describe('the billing entry points', () => {
  let dir: string;
  let standIn: MwsStandIn;
  let server: MwsStandInServer;
  let folders = 0;

  /** The environment of a local run against the stand-in, on a data folder. */
  const localEnv = (dataDir: string): Record<string, string> => ({
    SELLER_ID: MWS_TEST_ACCOUNT.sellerId,
    MWS_ACCESS_KEY_ID: MWS_TEST_ACCOUNT.accessKeyId,
    MWS_SECRET_KEY: MWS_TEST_ACCOUNT.secretKey,
    MWS_ENDPOINT: server.origin,
    ORDERS_DB_DIR: dataDir,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });

  const billing = (args: ReadonlyArray<string>, env: Record<string, string>): Promise<Run> =>
    runNode(['.build/billing.js', ...args], env);

  /** A data folder whose store holds one subscription, due a day ago, per stand-in seed. */
  async function aDataFolder(seeds: ReadonlyArray<Partial<BillingAgreementSeed>>): Promise<{
    readonly dataDir: string;
    readonly ids: ReadonlyArray<string>;
  }> {
    folders += 1;
    const dataDir = path.join(dir, `data-${folders}`);
    const opened = openAgreementStore({ ordersTable: undefined, ordersDbDir: dataDir });
    const dayAgo = new Date(Date.now() - 86_400_000).toISOString();
    const ids: string[] = [];
    try {
      for (const seed of seeds) {
        const id = standIn.seedBillingAgreement({ currency: 'USD', ...seed });
        ids.push(id);
        await opened.store.createAgreement(
          aNewSubscription({ billingAgreementId: id, firstChargeAt: dayAgo, createdAt: dayAgo }),
        );
      }
    } finally {
      // Closed before any run: LevelDB lets one process at a time use the folder.
      await opened.close();
    }
    return { dataDir, ids };
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'billing-cli-'));
    const built = spawnSync(
      process.execPath,
      ['scripts/build.mjs', '--lambda-out', path.join(dir, 'lambda', 'index.js')],
      { cwd: root, encoding: 'utf8' },
    );
    if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`);
    standIn = new MwsStandIn({ throttling: 'off' });
    server = await startMwsStandInServer(standIn);
  }, 120_000);

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('npm run billing -- run-due', () => {
    it('charges the due agreements once, prints the summary and exits 0', async () => {
      // Prepare
      const { dataDir, ids } = await aDataFolder([{}, { state: 'Closed' }]);

      // Act
      const first = await billing(['run-due'], localEnv(dataDir));
      const second = await billing(['run-due'], localEnv(dataDir));

      // Assess
      expect(first.status).toBe(0);
      // Warnings and errors are logged to stderr, as JSON lines without customer data.
      expect(
        first.stderr
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as unknown),
      ).toEqual([
        expect.objectContaining({
          level: 'warn',
          message: 'billing.agreement.closed',
          reason: 'Closed',
        }),
      ]);
      expect(first.stderr).not.toContain('TESTBUYER');
      expect(first.stdout).toMatch(
        /^billing run [0-9a-f-]{36}: 2 due, 1 captured, 1 declined, 0 retried, 0 skipped, 0 errors\n/,
      );
      expect(first.stdout).toContain(`  ${ids[0]}  bp-`);
      expect(first.stdout).toContain('captured  advance');
      expect(first.stdout).toContain('failed (Closed)  close');
      expect(second.stdout).toMatch(/: 0 due, 0 captured/);
      expect(
        standIn.authorizations().filter((a) => ids.includes(a.amazonBillingAgreementId)),
      ).toEqual([expect.objectContaining({ amazonBillingAgreementId: ids[0], state: 'Closed' })]);
    });

    it('prints the summary as JSON with --json, and takes --limit', async () => {
      // Prepare
      const { dataDir } = await aDataFolder([{}, {}]);

      // Act
      const run = await billing(['run-due', '--limit', '1', '--json'], localEnv(dataDir));

      // Assess
      expect(run.status).toBe(0);
      const summary = JSON.parse(run.stdout) as BillingRunSummary;
      expect(summary).toMatchObject({ due: 1, captured: 1, errors: 0 });
      expect(summary.charges).toEqual([expect.objectContaining({ chargeState: 'captured' })]);
    });

    it('exits 1 when the run has errors: keys MWS refuses', async () => {
      // Prepare
      const { dataDir } = await aDataFolder([{}]);

      // Act
      const run = await billing(['run-due'], {
        ...localEnv(dataDir),
        MWS_SECRET_KEY: 'NOT_THE_TEST_SECRET',
        LOG_LEVEL: 'error',
      });

      // Assess
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/: 1 due, 0 captured, 0 declined, 0 retried, 0 skipped, 1 errors/);
      expect(run.stdout).toContain('retry (SignatureDoesNotMatch)  retrySameCharge');
      expect(run.stderr).toContain('"message":"billing.charge.refused"');
      expect(run.stderr + run.stdout).not.toContain('NOT_THE_TEST_SECRET');
    });

    it('runs against an offline stand-in of its own with --stand-in, without MWS keys', async () => {
      // Prepare: agreements the shared stand-in does not know
      folders += 1;
      const dataDir = path.join(dir, `data-${folders}`);
      const opened = openAgreementStore({ ordersTable: undefined, ordersDbDir: dataDir });
      const dayAgo = new Date(Date.now() - 86_400_000).toISOString();
      try {
        await opened.store.createAgreement(
          aNewSubscription({
            billingAgreementId: 'C01-LOCAL-1',
            firstChargeAt: dayAgo,
            createdAt: dayAgo,
          }),
        );
        await opened.store.createAgreement(
          aNewSubscription({
            billingAgreementId: 'C01-LOCAL-2',
            firstChargeAt: dayAgo,
            createdAt: dayAgo,
            sellerAuthorizationNote:
              '{"SandboxSimulation": {"State":"Declined", "ReasonCode":"AmazonRejected"}}',
          }),
        );
      } finally {
        await opened.close();
      }
      const before = standIn.requests.length;

      // Act
      const run = await billing(['run-due', '--stand-in'], {
        ORDERS_DB_DIR: dataDir,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      });

      // Assess
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/: 2 due, 1 captured, 1 declined, 0 retried, 0 skipped, 0 errors/);
      expect(run.stdout).toContain('declined (AmazonRejected)  suspend');
      expect(run.stderr).toMatch(
        /^billing: MWS calls go to an offline stand-in on http:\/\/127\.0\.0\.1:\d+, seeded with 2 Open agreement\(s\); nothing is charged\n/,
      );
      expect(standIn.requests.length).toBe(before);
    });

    it('refuses --stand-in in Lambda', async () => {
      // Act
      const run = await billing(['run-due', '--stand-in'], {
        AWS_LAMBDA_FUNCTION_NAME: 'shop-billing',
      });

      // Assess
      expect(run.status).toBe(2);
      expect(run.stderr).toBe('billing: --stand-in is for local runs and is refused in Lambda\n');
    });

    it('exits 2 naming the variable when the MWS keys are missing', async () => {
      // Prepare
      const env = localEnv(path.join(dir, 'unused'));
      delete env['MWS_SECRET_KEY'];

      // Act
      const run = await billing(['run-due'], env);

      // Assess
      expect(run.status).toBe(2);
      expect(run.stderr).toBe('billing: MwsCredentialsError: MWS_SECRET_KEY: is not set\n');
    });

    it('exits 2 with the usage for a wrong argument', async () => {
      // Act
      const run = await billing(['run-due', '--limit', 'all'], {});

      // Assess
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('billing: --limit needs a whole number from 1 to 1000');
      expect(run.stderr).toContain('Usage: npm run --silent billing -- <command> [options]');
    });
  });

  describe('the billing Lambda bundle', () => {
    const loadIn = (env: Record<string, string>): Promise<Run> =>
      runNode(['-e', `require(${JSON.stringify(path.join(dir, 'lambda', 'billing.js'))})`], {
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...env,
      });

    it('is built next to the skill bundle, which holds none of it', () => {
      // Prepare
      const skill = readFileSync(path.join(dir, 'lambda', 'index.js'), 'utf8');
      const job = readFileSync(path.join(dir, 'lambda', 'billing.js'), 'utf8');

      // Assess
      expect(job).toContain('billing.agreement.suspended');
      expect(skill).not.toContain('billing.agreement.suspended');
      expect(skill).not.toContain('GetSecretValue');
    });

    it('fails to load in Lambda with an error that names each missing variable', async () => {
      // Act
      const run = await loadIn({ AWS_LAMBDA_FUNCTION_NAME: 'shop-billing' });

      // Assess
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain(
        'SELLER_ID is required: the Amazon Pay merchant id of the MWS keys; ' +
          'MERCHANT_COUNTRY is required in Lambda; SANDBOX is required in Lambda; ' +
          'ORDERS_TABLE is required in Lambda',
      );
    });

    it('refuses MWS_ENDPOINT in Lambda', async () => {
      // Act
      const run = await loadIn({
        AWS_LAMBDA_FUNCTION_NAME: 'shop-billing',
        SELLER_ID: 'A1EXAMPLESELLER',
        MERCHANT_COUNTRY: 'US',
        SANDBOX: 'true',
        ORDERS_TABLE: 'orders',
        MWS_ENDPOINT: server.origin,
      });

      // Assess
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain(
        'MWS_ENDPOINT is for the local MWS stand-in and is refused in Lambda',
      );
    });

    it('loads with a valid Lambda configuration and exports an async handler', async () => {
      // Act
      const run = await runNode(
        [
          '-e',
          `const { handler } = require(${JSON.stringify(path.join(dir, 'lambda', 'billing.js'))});` +
            'process.stdout.write(typeof handler);',
        ],
        {
          AWS_LAMBDA_FUNCTION_NAME: 'shop-billing',
          SELLER_ID: 'A1EXAMPLESELLER',
          MERCHANT_COUNTRY: 'US',
          SANDBOX: 'true',
          ORDERS_TABLE: 'orders',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
      );

      // Assess
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe('function');
    });
  });
});
