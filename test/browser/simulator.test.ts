import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import {
  startSimulatorServer,
  type RunningSimulator,
} from '../../src/local/web/startSimulatorServer';

// Debian's chromium, installed by .ci/run; the tests fail (never skip) without it.
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const root = path.resolve(__dirname, '..', '..');
const SCREENSHOT = path.join(root, 'docs', 'simulator.png');
const STEP_TIMEOUT_MS = 10_000;

describe('the browser simulator (npm run simulator) in headless Chromium', () => {
  let dir: string;
  let server: RunningSimulator | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let pageErrors: Array<string>;

  const replay = (file: string): SpawnSyncReturns<string> =>
    spawnSync(process.execPath, ['.build/start.js', '--replay', file], {
      cwd: root,
      encoding: 'utf8',
      env: {
        PATH: process.env['PATH'] ?? '',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      timeout: 30_000,
    });

  /**
   * Types the words into the input with the keyboard and waits for the answer. With `keyboardOnly`
   * the input must have the focus already (the page keeps it there after each answer).
   */
  const say = async (words: string, options: { readonly keyboardOnly?: boolean } = {}) => {
    const before = await page.locator('#turns li.turn').count();
    if (options.keyboardOnly === true) {
      await expect(page.locator('#say-input:focus').count()).resolves.toBe(1);
    } else {
      await page.locator('#say-input').focus();
    }
    await page.keyboard.type(words);
    await page.keyboard.press('Enter');
    await page.locator(`#turn-${before + 1}`).waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.locator('#say-button:not([disabled])').waitFor({ timeout: STEP_TIMEOUT_MS });
  };

  const startFresh = async (): Promise<void> => {
    await page.goto(server?.url ?? 'about:blank');
    await page.locator('body[data-ready="true"]').waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.locator('#reset').click();
    await page
      .locator('#status', { hasText: 'store is empty' })
      .waitFor({ timeout: STEP_TIMEOUT_MS });
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: the browser tests need Debian's chromium (apt-get install -y chromium), ` +
          'which .ci/run installs. They fail rather than skip without it.',
      );
    }
    dir = mkdtempSync(path.join(tmpdir(), 'simulator-browser-'));
    // The replay runs the Lambda bundle and the start script, as `npm start -- --replay` does.
    const built = spawnSync(process.execPath, ['scripts/build.mjs'], {
      cwd: root,
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`);
    server = await startSimulatorServer({ port: 0, env: { LOG_LEVEL: 'silent' } });
    context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    page = context.pages()[0] ?? (await context.newPage());
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    // No script error and no refused request (the page's CSP included) in any test.
    const errors = pageErrors.splice(0);
    if (errors.length > 0) throw new Error(`the page reported errors:\n${errors.join('\n')}`);
  });

  it('takes a purchase typed with the keyboard alone to paid, with the order on the wire', async () => {
    // Arrange
    await startFresh();
    await page.reload();
    await page.locator('body[data-ready="true"]').waitFor({ timeout: STEP_TIMEOUT_MS });
    // The first Tab reaches the skip link, which leads straight to the input.
    await page.keyboard.press('Tab');
    await expect(page.locator('.skip-link:focus').count()).resolves.toBe(1);
    await page.keyboard.press('Enter');

    // Act
    await say('open blue kettle coffee', { keyboardOnly: true });
    await say('buy two bags of coffee', { keyboardOnly: true });
    await say('yes', { keyboardOnly: true });
    await page.locator('#order-status', { hasText: 'paid' }).waitFor({ timeout: STEP_TIMEOUT_MS });

    // Assess
    const turns = page.locator('#turns li.turn');
    await expect(turns.count()).resolves.toBe(5);
    await expect(page.locator('#turn-2 .heard').textContent()).resolves.toContain(
      'BuyIntent · product "bags of coffee" → house-blend · quantity = 2 ("two")',
    );
    await expect(page.locator('#turn-2 .speech').textContent()).resolves.toContain(
      'Your total is $34.97',
    );
    await expect(page.locator('#turn-4 .amazonpay .answer').textContent()).resolves.toMatch(
      /^Amazon Pay: Setup → 200 OK, OPEN agreement B02-\d{7}-\d{7} \(SANDBOX\)/,
    );
    await expect(page.locator('#turn-4 .turn-meta').textContent()).resolves.toContain(
      'Connections.Response · session',
    );
    await expect(page.locator('#turn-4 .turn-meta').textContent()).resolves.toContain('(new)');
    await expect(page.locator('#turn-5 .amazonpay .answer').textContent()).resolves.toContain(
      'Charge → 200 OK, authorization Closed (MaxCapturesProcessed), captured 34.97 USD',
    );
    await expect(page.locator('#turn-5 figure.alexa-card h4').textContent()).resolves.toBe(
      'Order confirmed: Blue Kettle Coffee',
    );
    await expect(page.locator('#timeline li strong').allTextContents()).resolves.toEqual([
      'awaiting-confirmation',
      'setup-pending',
      'charge-pending',
      'paid',
    ]);
    await expect(page.locator('#timeline time').first().getAttribute('datetime')).resolves.toMatch(
      /^\d{4}-\d{2}-\d{2}T/,
    );
    const order = await page.locator('#order dl.facts').innerText();
    const orderId = /Order id\s+(\S+)/.exec(order)?.[1] ?? 'no order id';
    expect(order).toContain(`authorizationReferenceId\n${orderId}-1`);
    const wire = await page.locator('#wire').innerText();
    expect(wire).toContain(`Setup (turn #3): token ${orderId} = the order id ✓`);
    expect(wire).toContain(`Charge (turn #4): token ${orderId}-1 = the authorizationReferenceId`);
    // The inspector: every envelope, the Connections ones marked, the size against 24 KB.
    await expect(page.locator('#envelopes > li').count()).resolves.toBe(10);
    await expect(page.locator('#envelopes > li.connections').count()).resolves.toBe(4);
    await expect(
      page.locator('#envelopes li[data-envelope="response"] .size').first().textContent(),
    ).resolves.toMatch(/KB of 24 KB \(\d+%\)/);
    await page.locator('#envelopes li[data-envelope="response"][data-turn="3"] summary').click();
    await expect(
      page
        .locator('#envelopes li[data-envelope="response"][data-turn="3"] pre')
        .first()
        .textContent(),
    ).resolves.toContain('"type": "Connections.SendRequest"');
    // The screenshot of the README.
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.locator('#turn-4').scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT });
    expect(readFileSync(SCREENSHOT).subarray(1, 4).toString('latin1')).toBe('PNG');
    // The raw SSML is one click away.
    await page.locator('#turn-2 details.ssml summary').first().click();
    await expect(page.locator('#turn-2 details.ssml pre').first().textContent()).resolves.toMatch(
      /^<speak>/,
    );
  }, 60_000);

  it('gives a shopper who denied the permission the consent card and sends no Setup', async () => {
    // Arrange
    await startFresh();
    await page.selectOption('#scenario', 'permission-denied');
    // The scenario's shopper has denied the permission: the control follows it.
    await expect(page.locator('#consent').inputValue()).resolves.toBe('DENIED');

    // Act
    await say('open blue kettle coffee');
    await say('buy two bags of coffee');

    // Assess
    const card = page.locator(
      '#turn-2 figure.alexa-card[data-card-type="AskForPermissionsConsent"]',
    );
    await expect(card.innerText()).resolves.toContain('payments:autopay_consent');
    await expect(page.locator('#turns .turn-amazonPay').count()).resolves.toBe(0);
    await expect(page.locator('#turns .directives li').count()).resolves.toBe(0);
    await expect(page.locator('#envelopes > li.connections').count()).resolves.toBe(0);
    await expect(page.locator('#order').innerText()).resolves.toContain('No order yet');
  }, 30_000);

  it('shows a declined charge (scenario charge-declined) as an unpaid order', async () => {
    // Arrange
    await startFresh();
    await page.selectOption('#scenario', 'charge-declined');

    // Act
    await say('open blue kettle coffee');
    await say('buy two bags of coffee');
    await say('yes');
    await page
      .locator('#order-status', { hasText: 'declined' })
      .waitFor({ timeout: STEP_TIMEOUT_MS });

    // Assess
    await expect(page.locator('#order-payment').textContent()).resolves.toBe('unpaid');
    await expect(page.locator('#turn-5 .amazonpay .answer').textContent()).resolves.toBe(
      'Amazon Pay: Charge → 400 InvalidPaymentMethod',
    );
    await expect(page.locator('#timeline li strong').allTextContents()).resolves.toEqual([
      'awaiting-confirmation',
      'setup-pending',
      'charge-pending',
      'declined',
    ]);
    await expect(page.locator('#order dl.facts').innerText()).resolves.toContain(
      'InvalidPaymentMethod',
    );
  }, 30_000);

  it('lets Amazon Pay answer Setup with VoicePurchaseNotEnabled when voice purchasing is off', async () => {
    // Arrange
    await startFresh();
    await page.locator('#voice-purchasing').focus();
    await page.keyboard.press('Space');
    await expect(page.locator('#voice-purchasing').isChecked()).resolves.toBe(false);

    // Act
    await say('open blue kettle coffee');
    await say('buy two bags of coffee');
    await say('yes');

    // Assess
    await expect(page.locator('#turn-4 .amazonpay .answer').textContent()).resolves.toMatch(
      /^Amazon Pay: Setup → 403 VoicePurchaseNotEnabled/,
    );
    await expect(page.locator('#order-status').textContent()).resolves.toBe('failed');
    await page.locator('#voice-purchasing').check();
  }, 30_000);

  it('exports the transcript, which replays as recorded and fails once edited', async () => {
    // Arrange
    await startFresh();
    await say('open blue kettle coffee');
    await say('buy two bags of coffee');
    await say('yes');
    await page.locator('#order-status', { hasText: 'paid' }).waitFor({ timeout: STEP_TIMEOUT_MS });

    // Act
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#export').click(),
    ]);
    const file = path.join(dir, 'transcript.json');
    await download.saveAs(file);
    const passing = replay(file);
    const transcript = JSON.parse(readFileSync(file, 'utf8')) as {
      turns: Array<{
        request: { request: { intent?: { slots?: Record<string, { value?: string }> } } };
      }>;
    };
    const quantity = transcript.turns[1]?.request.request.intent?.slots?.['quantity'];
    if (quantity === undefined) throw new Error('the transcript has no quantity slot in turn 2');
    quantity.value = '3';
    const edited = path.join(dir, 'edited.json');
    writeFileSync(edited, JSON.stringify(transcript));
    const failing = replay(edited);

    // Assess
    expect(download.suggestedFilename()).toMatch(/^simulator-transcript.*\.json$/);
    expect(passing.stderr).toBe('');
    expect(passing.stdout).toContain('Result:     OK: all 5 answer(s) as recorded');
    expect(passing.status).toBe(0);
    expect(failing.stdout).toContain('DIFFERS shopper "buy two bags of coffee"');
    expect(failing.stdout).toContain('three bags of House Blend coffee');
    expect(failing.status).toBe(1);
  }, 60_000);

  it('labels every control and announces new turns', async () => {
    // Arrange
    await startFresh();

    // Act
    const unlabelled: Array<string> = [];
    for (const control of await page.locator('input, select').all()) {
      const id = (await control.getAttribute('id')) ?? '(no id)';
      if ((await page.locator(`label[for="${id}"]`).count()) !== 1) unlabelled.push(id);
    }

    // Assess
    expect(unlabelled).toEqual([]);
    for (const label of ['Locale', 'Device', 'Amazon Pay permission', 'Voice purchasing on']) {
      await expect(page.getByLabel(label, { exact: true }).count()).resolves.toBe(1);
    }
    await expect(page.getByLabel('Amazon Pay scenario').count()).resolves.toBe(1);
    await expect(page.getByLabel('The shopper says').count()).resolves.toBe(1);
    await expect(page.locator('#turns').getAttribute('aria-live')).resolves.toBe('polite');
    await expect(page.locator('#turns').getAttribute('role')).resolves.toBe('log');
    await expect(page.locator('#status').getAttribute('aria-live')).resolves.toBe('polite');
  }, 30_000);
});
