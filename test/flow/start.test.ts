import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SCENARIOS } from '../../src/local/scenarios';
import { startEmbeddedDynamo } from '../../src/store/embeddedStore';

const root = path.resolve(__dirname, '..', '..');

describe('npm start (the main job)', () => {
  let dir: string;

  const start = (args: string[], env: Record<string, string> = {}): SpawnSyncReturns<string> =>
    spawnSync(process.execPath, ['.build/start.js', ...args], {
      cwd: root,
      encoding: 'utf8',
      env: {
        PATH: process.env['PATH'] ?? '',
        ORDERS_DB_DIR: path.join(dir, 'data'),
        ...env,
      },
    });

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'start-'));
    const built = spawnSync(process.execPath, ['scripts/build.mjs'], {
      cwd: root,
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('plays the happy path to a paid order and exits 0', () => {
    // Act
    const run = start([]);
    // Assess
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Shopper:    "buy two bags of coffee"');
    expect(run.stdout).toMatch(
      /-> Connections\.SendRequest Setup token=\S+ sellerId=A1EXAMPLESELLER/,
    );
    expect(run.stdout).toMatch(
      /-> Connections\.SendRequest Charge token=(\S+)-1 AuthorizeAndCapture 34\.97 USD authorizationReferenceId=\1-1/,
    );
    expect(run.stdout).toMatch(
      /Order \S+: paid {2}\(awaiting-confirmation -> setup-pending -> charge-pending -> paid\)/,
    );
    expect(run.stdout).toContain('Result:     OK: final status paid, expected paid');
  });

  it("plays the refund scenario: the purchase, the merchant's refund through MWS and its sync", () => {
    // Act
    const run = start(['--scenario', 'refund']);
    // Assess
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/MWS: {8}loopback stand-in at http:\/\/127\.0\.0\.1:\d+ /);
    expect(run.stdout).toMatch(
      /Merchant: {3}npm run orders -- refund (\S+)\nMWS: {8}Refund -> 200\n/,
    );
    expect(run.stdout).toMatch(
      /Orders: {5}order (\S+): refund of 34\.97 USD requested \(reference \1-r1, Amazon refund S02-/,
    );
    expect(run.stdout).toMatch(
      /Merchant: {3}npm run orders -- sync-refunds  \(this order only\)\nMWS: {8}GetRefundDetails -> 200\n/,
    );
    expect(run.stdout).toMatch(
      /Orders: {5}order (\S+): refund \1-r1 of 34\.97 USD completed; the order is refunded/,
    );
    expect(run.stdout).toMatch(
      /Order \S+: refunded {2}\(awaiting-confirmation -> setup-pending -> charge-pending -> paid -> refund-pending -> refunded\)/,
    );
    expect(run.stdout).toContain('Result:     OK: final status refunded, expected refunded');
  });

  it("plays the subscription scenario: the voice subscription, then the billing job's periods", () => {
    // Act
    const run = start(['--scenario', 'subscription']);
    // Assess: the Setup asks for a merchant-initiated agreement and no Charge follows
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /Setup token=\S+ .*billingAgreementType=MerchantInitiatedTransaction subscriptionAmount=18\.98 USD/,
    );
    expect(run.stdout).not.toContain('Connections.SendRequest Charge');
    expect(run.stdout).toContain('Amazon Pay will charge it every month');
    // Assess: period 0, then period 1 a period later, then nothing more at that time
    expect(run.stdout).toMatch(
      /Billing: {4}billing run \S+: 1 due, 1 captured, 0 declined, 0 retried, 0 skipped, 0 errors\nBilling: {4}(B02-\S+) {2}bp-(\S+)-0-1 {2}captured {2}advance\n/,
    );
    expect(run.stdout).toMatch(
      /Merchant: {3}npm run billing -- run-due {2}\[clock 1 period\(s\) later: [^\]]+\]\nMWS: {8}GetBillingAgreementDetails -> 200\nMWS: {8}AuthorizeOnBillingAgreement -> 200\nBilling: {4}billing run \S+: 1 due, 1 captured[^\n]*\nBilling: {4}B02-\S+ {2}bp-\S+-1-1 {2}captured {2}advance\n/,
    );
    expect(run.stdout).toMatch(
      /\]\nBilling: {4}billing run \S+: 0 due, 0 captured, 0 declined, 0 retried, 0 skipped, 0 errors\n\nOrder /,
    );
    expect(run.stdout).toMatch(
      /Order \S+: subscribed {2}\(awaiting-confirmation -> setup-pending -> subscribed\)/,
    );
    expect(run.stdout).toContain('Amazon Pay: 0 authorization(s) made');
    expect(run.stdout).toContain('Billing:    2 charge(s) captured by the billing job');
    expect(run.stdout).toContain(
      'Result:     OK: final status subscribed, expected subscribed; 2 charges captured, expected 2',
    );
  });

  it('lists the scenarios one per line', () => {
    // Act
    const run = start(['--list']);
    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual(SCENARIOS.map((s) => s.name));
  });

  // The scenarios with merchant backend steps have their own test above.
  it.each(SCENARIOS.filter((s) => s.backend === undefined).map((s) => [s.name, s.expectedStatus]))(
    'plays %s to its expected end (%s)',
    (name) => {
      // Act
      const run = start(['--scenario', name]);
      // Assess
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('Result:     OK');
    },
  );

  it.each([
    [['--scenario', 'no-such-thing'], 'unknown scenario'],
    [['--scenario'], 'needs a scenario name'],
    [['--frobnicate'], 'unknown argument'],
  ])('exits 2 for %p', (args, message) => {
    // Act
    const run = start(args);
    // Assess
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('exits 2 with a message, and plays nothing, when another process holds the store folder', async () => {
    // Prepare
    const held = path.join(dir, 'held');
    const holder = await startEmbeddedDynamo({ dir: held });
    try {
      // Act
      const run = start([], { ORDERS_DB_DIR: held });
      // Assess
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('is used by another process');
      expect(run.stdout).not.toContain('Shopper:');
    } finally {
      await holder.close();
    }
  });

  it('exits 2 when --list is given other arguments', () => {
    expect(start(['--list', '--bogus']).status).toBe(2);
  });

  it('exits 2 with the variable named for a configuration error', () => {
    // Act
    const run = start([], { MERCHANT_COUNTRY: 'US', LEDGER_CURRENCY: 'JPY' });
    // Assess
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('LEDGER_CURRENCY must be USD for MERCHANT_COUNTRY=US');
  });
});
