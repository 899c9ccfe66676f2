import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Normalizer } from '../../src/local/replay/normalize';
import type { Transcript } from '../../src/local/replay/transcript';
import { ShopSimulator, type SimulatorSettings } from '../../src/local/web/ShopSimulator';

const root = path.resolve(__dirname, '..', '..');

const SETTINGS: SimulatorSettings = {
  locale: 'en-US',
  device: 'screen',
  consent: 'GRANTED',
  voicePurchasing: true,
  scenario: 'happy-path',
};

type Json = Record<string, unknown>;

/** Reads a nested field of a JSON object for editing, failing the test when it is not there. */
function at(value: unknown, ...keys: ReadonlyArray<string | number>): Json {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) throw new Error(`no ${keys.join('.')}`);
    current = (current as Record<string | number, unknown>)[key];
  }
  if (typeof current !== 'object' || current === null) throw new Error(`no ${keys.join('.')}`);
  return current as Json;
}

describe('npm start -- --replay FILE (transcripts of the browser simulator)', () => {
  let dir: string;
  let simulator: ShopSimulator;

  const replay = (file: string): SpawnSyncReturns<string> =>
    spawnSync(process.execPath, ['.build/start.js', '--replay', file], {
      cwd: root,
      encoding: 'utf8',
      env: {
        PATH: process.env['PATH'] ?? '',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        // The shell's configuration must not change the answers: the transcript's wins.
        STORE_NAME: 'Another Shop',
      },
      timeout: 30_000,
    });

  const save = (name: string, value: unknown): string => {
    const file = path.join(dir, name);
    writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
    return file;
  };

  /** Plays the words in order with the given settings and returns the transcript. */
  const play = async (
    steps: ReadonlyArray<string | { readonly newSession: true }>,
    settings: Partial<SimulatorSettings> = {},
  ): Promise<Transcript> => {
    await simulator.reset();
    for (const step of steps) {
      if (typeof step === 'string') await simulator.say(step, { ...SETTINGS, ...settings });
      else await simulator.newSession({ ...SETTINGS, ...settings });
    }
    return simulator.transcript();
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'replay-'));
    const built = spawnSync(process.execPath, ['scripts/build.mjs'], {
      cwd: root,
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`);
    simulator = await ShopSimulator.open({ env: { LOG_LEVEL: 'silent' } });
  }, 60_000);

  afterAll(async () => {
    await simulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('replays a recorded purchase through lambda/index.js and exits 0', async () => {
    // Arrange
    const file = save(
      'purchase.json',
      await play(['open blue kettle coffee', 'buy two bags of coffee', 'yes']),
    );

    // Act
    const run = replay(file);

    // Assess
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Turn  2:    same    shopper "buy two bags of coffee"');
    expect(run.stdout).toContain('Turn  4:    same    Amazon Pay answers Setup');
    expect(run.stdout).toContain('Turn  5:    same    Amazon Pay answers Charge');
    expect(run.stdout).toContain('Result:     OK: all 5 answer(s) as recorded');
    expect(run.status).toBe(0);
  });

  it('replays scenarios with their own configuration, sessions and settings', async () => {
    // Arrange: a declined charge (SANDBOX_SIMULATION), then a new session, a visit back that
    // retries under the happy path, a voice-only device and voice purchasing off.
    await simulator.reset();
    const declined = { ...SETTINGS, scenario: 'charge-declined' };
    await simulator.say('open blue kettle coffee', declined);
    await simulator.say('buy 3 espresso cups', declined);
    await simulator.say('yes', declined);
    await simulator.say('open blue kettle coffee', { ...SETTINGS, device: 'voice' });
    await simulator.newSession(SETTINGS);
    await simulator.say('buy a pour over kit', { ...SETTINGS, voicePurchasing: false });
    await simulator.say('yes', { ...SETTINGS, voicePurchasing: false });
    await simulator.say('ask blue kettle coffee for help', SETTINGS);
    const transcript = simulator.transcript();
    const file = save('scenarios.json', transcript);

    // Act
    const run = replay(file);

    // Assess
    expect(transcript.turns.map((t) => t.kind)).toContain('sessionEnded');
    expect(
      transcript.turns.some(
        (t) =>
          t.kind === 'amazonPay' &&
          t.behaviour.setup?.kind === 'error' &&
          t.behaviour.setup.errorCode === 'VoicePurchaseNotEnabled',
      ),
    ).toBe(true);
    expect(transcript.turns[0]?.settings.env).toEqual({
      SANDBOX_SIMULATION: 'InvalidPaymentMethod',
    });
    expect(run.stdout).toContain(
      `Result:     OK: all ${transcript.turns.length} answer(s) as recorded`,
    );
    expect(run.status).toBe(0);
  });

  it('replays a shopper without the permission (consent card, no Setup)', async () => {
    // Arrange
    const file = save(
      'denied.json',
      await play(['open blue kettle coffee', 'buy two bags of coffee'], { consent: 'DENIED' }),
    );

    // Act
    const run = replay(file);

    // Assess
    expect(run.stdout).toContain('Result:     OK: all 2 answer(s) as recorded');
    expect(run.status).toBe(0);
  });

  it('exits 1 and names the difference when a recorded answer was edited', async () => {
    // Arrange
    const transcript = await play(['open blue kettle coffee', 'buy two bags of coffee', 'yes']);
    const edited = structuredClone(transcript) as unknown;
    at(edited, 'turns', 1, 'response', 'response', 'outputSpeech')['ssml'] =
      '<speak>Something else entirely.</speak>';
    const file = save('edited-answer.json', edited);

    // Act
    const run = replay(file);

    // Assess
    expect(run.stdout).toContain('Turn  2:    DIFFERS shopper "buy two bags of coffee"');
    expect(run.stdout).toContain(
      'response.outputSpeech.ssml: recorded "<speak>Something else entirely.</speak>", now "<speak>Here\'s your order',
    );
    expect(run.stdout).toContain('Result:     DIFFERENT: 1 of 5 turn(s) answered otherwise');
    expect(run.status).toBe(1);
  });

  it('exits 1 when an edited request changes the answers that follow', async () => {
    // Arrange
    const transcript = await play(['open blue kettle coffee', 'buy two bags of coffee', 'yes']);
    const edited = structuredClone(transcript) as unknown;
    at(edited, 'turns', 1, 'request', 'request', 'intent', 'slots', 'quantity')['value'] = '3';
    const file = save('edited-request.json', edited);

    // Act
    const run = replay(file);

    // Assess
    expect(run.stdout).toContain('three bags of House Blend coffee');
    expect(run.stdout).toMatch(/authorizationAmount\.amount: recorded "34\.97", now "49\.96"/);
    expect(run.status).toBe(1);
  });

  it('exits 1 when the recorded Amazon Pay behaviour was edited', async () => {
    // Arrange
    const transcript = await play(['open blue kettle coffee', 'buy two bags of coffee', 'yes']);
    const edited = structuredClone(transcript) as unknown;
    at(edited, 'turns', 4)['behaviour'] = {
      charge: { kind: 'declined', reasonCode: 'AmazonRejected', form: 'state' },
    };
    const file = save('edited-behaviour.json', edited);

    // Act
    const run = replay(file);

    // Assess
    expect(run.stdout).toContain('Turn  5:    DIFFERS Amazon Pay answers Charge');
    expect(run.stdout).toContain(
      'amazonPayAnswer.payload.authorizationDetails.authorizationStatus',
    );
    expect(run.status).toBe(1);
  });

  it.each([
    ['not JSON', 'not json {', 'is not JSON'],
    ['another JSON file', { hello: 'world' }, 'format must be'],
    [
      'a transcript of another version',
      { format: 'amazon-pay-voice-shop/simulator-transcript', version: 99, turns: [] },
      'version must be 1',
    ],
    [
      'a transcript without turns',
      { format: 'amazon-pay-voice-shop/simulator-transcript', version: 1, turns: [] },
      'turns must hold at least one turn',
    ],
  ])('exits 2 for %s', (_, content, message) => {
    // Arrange
    const file = save('bad.json', content);

    // Act
    const run = replay(file);

    // Assess
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
    expect(run.status).toBe(2);
  });

  it('exits 2 for a turn with an unknown behaviour, and for a missing file', async () => {
    // Arrange
    const transcript = await play(['open blue kettle coffee', 'buy two bags of coffee', 'yes']);
    const edited = structuredClone(transcript) as unknown;
    at(edited, 'turns', 3)['behaviour'] = { setup: { kind: 'explode' } };
    const file = save('bad-behaviour.json', edited);

    // Act
    const badBehaviour = replay(file);
    const missing = replay(path.join(dir, 'no-such-file.json'));

    // Assess
    expect(badBehaviour.stderr).toContain('turns[3].behaviour.setup.kind must be one of');
    expect(badBehaviour.status).toBe(2);
    expect(missing.stderr).toContain('cannot read');
    expect(missing.status).toBe(2);
  });

  it('exits 2 for --replay without a file or with other arguments', () => {
    // Act
    const noFile = spawnSync(process.execPath, ['.build/start.js', '--replay'], {
      cwd: root,
      encoding: 'utf8',
    });
    const extra = spawnSync(
      process.execPath,
      ['.build/start.js', '--replay', 'x.json', '--scenario', 'happy-path'],
      { cwd: root, encoding: 'utf8' },
    );

    // Assess
    expect(noFile.stderr).toContain('--replay needs a transcript file');
    expect(noFile.status).toBe(2);
    expect(extra.stderr).toContain('--replay takes no other arguments');
    expect(extra.status).toBe(2);
  });

  it('normalises ids and times consistently: same shape, same result', () => {
    // Arrange
    const answer = (orderId: string, agreement: string, at: string): unknown => ({
      sessionAttributes: { pendingOrderId: orderId },
      response: {
        directives: [
          {
            type: 'Connections.SendRequest',
            name: 'Charge',
            token: `${orderId}-1`,
            payload: { billingAgreementId: `B02-${agreement}`, note: `order ${orderId} at ${at}` },
          },
        ],
      },
    });
    const left = new Normalizer();
    const right = new Normalizer();

    // Act
    const a = left.normalize(
      answer('AAAAAAAAAAAAAAAAAAAAAA', '1111111-1111111', '2026-01-01T00:00:00.000Z'),
    );
    const b = right.normalize(
      answer('BBBBBBBBBBBBBBBBBBBBBB', '2222222-2222222', '2026-12-03T10:11:12.131Z'),
    );

    // Assess
    expect(a).toEqual(b);
    expect(JSON.stringify(a)).toContain('"token":"<order-1>-1"');
    expect(JSON.stringify(a)).toContain('B02-<amazon-1>');
    expect(JSON.stringify(a)).toContain('order <order-1> at <timestamp>');
  });
});
