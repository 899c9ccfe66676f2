import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as Tls from 'node:tls';
import { TimestampVerifier } from 'ask-sdk-express-adapter';
import { loadConfig, type Config } from '../../src/config/loadConfig';
import { createAlexaApp, MAX_REQUEST_BYTES } from '../../src/local/server/createAlexaApp';
import { ServerListenError } from '../../src/local/server/errors';
import { startServer, type RunningServer } from '../../src/local/server/startServer';
import { EMBEDDED_ORDERS_TABLE, openEmbeddedOrderStore } from '../../src/store/embeddedStore';
import { EmbeddedStoreLockedError } from '../../src/store/errors';
import { anEnvelope, intentRequest, launchRequest } from '../fixtures/requests';
import { startTestOrderStore, type TestOrderStore } from '../support/dynalite';
import { RecordingLogger, toReply, type Reply } from '../support/shop';
import {
  alexaSignatureHeaders,
  CERT_CHAIN_URL_PREFIX,
  createTestPki,
  createTestRootAuthority,
  generateRsaKeyPair,
  issueSigningCertificate,
  PreloadedCertificateVerifier,
  serveCertificatesFromMemory,
  signBody,
  type TestPki,
} from '../support/signing';

// The adapter's SkillRequestSignatureVerifier trusts `tls.rootCertificates`; here it trusts only
// the test root the tests put into `testRoots` (the property cannot be replaced in place).
jest.mock('tls', () => {
  const actual = jest.requireActual<typeof Tls>('tls');
  const testRoots: string[] = [];
  return {
    ...actual,
    testRoots,
    get rootCertificates(): ReadonlyArray<string> {
      return testRoots;
    },
  };
});

const root = path.resolve(__dirname, '..', '..');
const OTHER_SKILL_ID = 'amzn1.ask.skill.11111111-2222-3333-4444-555555555555';
const GOOD_CERT_URL = `${CERT_CHAIN_URL_PREFIX}echo-api-cert-test.pem`;
const EXPIRED_CERT_URL = `${CERT_CHAIN_URL_PREFIX}echo-api-cert-expired.pem`;
const WRONG_NAME_CERT_URL = `${CERT_CHAIN_URL_PREFIX}echo-api-cert-wrong-name.pem`;
const UNTRUSTED_CERT_URL = `${CERT_CHAIN_URL_PREFIX}echo-api-cert-untrusted.pem`;
const SPAWN_TIMEOUT_MS = 30_000;

type Answer = {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
};

/** Sends one request over loopback HTTP, as curl would: no connection reuse. */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'POST', headers: options.headers ?? {}, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Posts a body as Alexa does, signed with `privateKeyPem` for the certificate at `certUrl`. */
function sendSigned(
  url: string,
  body: string,
  signer: { privateKeyPem: string; certUrl: string },
  overrides: Record<string, string | undefined> = {},
): Promise<Answer> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json; charset=utf-8',
    ...alexaSignatureHeaders(body, signer.privateKeyPem, signer.certUrl),
  };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  return send(url, { headers, body });
}

function launchBody(options: { skillId?: string; ageMs?: number } = {}): string {
  const timestamp = new Date(Date.now() - (options.ageMs ?? 0)).toISOString();
  return JSON.stringify(
    anEnvelope(
      { ...launchRequest(), timestamp },
      options.skillId !== undefined ? { context: { skillId: options.skillId } } : {},
    ),
  );
}

function replyOf(answer: Answer): Reply {
  return toReply(JSON.parse(answer.body) as unknown);
}

function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ LOG_LEVEL: 'silent', ...env }, '/tmp');
}

/** The detail of the last verification refusal the endpoint logged. */
function lastRefusal(logger: RecordingLogger): string | undefined {
  const refusals = logger.lines.filter((line) => line.message === 'request refused');
  const detail = refusals.at(-1)?.fields['detail'];
  return typeof detail === 'string' ? detail : undefined;
}

describe('the HTTP endpoint (npm run serve)', () => {
  let pki: TestPki;
  let orders: TestOrderStore;
  const requested: string[] = [];
  let httpsGet: jest.SpyInstance;

  beforeAll(async () => {
    pki = createTestPki();
    jest.requireMock<{ testRoots: string[] }>('tls').testRoots.push(pki.root.certPem);
    const stranger = createTestRootAuthority('Some Other Root CA');
    const chains = new Map([
      [GOOD_CERT_URL, pki.signing.chainPem],
      [
        EXPIRED_CERT_URL,
        issueSigningCertificate(pki.intermediate, {
          key: pki.signing.key,
          notBefore: new Date(Date.now() - 10 * 86_400_000),
          notAfter: new Date(Date.now() - 86_400_000),
        }).chainPem,
      ],
      [
        WRONG_NAME_CERT_URL,
        issueSigningCertificate(pki.intermediate, {
          key: pki.signing.key,
          altNames: ['echo-api.example.com'],
        }).chainPem,
      ],
      [UNTRUSTED_CERT_URL, issueSigningCertificate(stranger, { key: pki.signing.key }).chainPem],
    ]);
    // Every certificate download is answered from memory: nothing leaves the machine.
    httpsGet = jest
      .spyOn(https, 'get')
      .mockImplementation(
        serveCertificatesFromMemory(chains, requested) as unknown as typeof https.get,
      );
    orders = await startTestOrderStore();
  }, 60_000);

  afterAll(async () => {
    httpsGet.mockRestore();
    await orders.close();
  });

  beforeEach(() => {
    requested.length = 0;
  });

  describe("with verification on (Amazon's verifiers, a test certificate authority)", () => {
    let server: RunningServer;
    const logger = new RecordingLogger();
    const signer = (): { privateKeyPem: string; certUrl: string } => ({
      privateKeyPem: pki.signing.key.privateKeyPem,
      certUrl: GOOD_CERT_URL,
    });

    beforeAll(async () => {
      server = await startServer({
        config: testConfig(),
        port: 0,
        verification: { kind: 'on' },
        store: orders.store,
        logger,
      });
    });

    afterAll(() => server.close());

    beforeEach(() => {
      logger.lines.length = 0;
    });

    it('answers a validly signed LaunchRequest with the welcome', async () => {
      // Act
      const answer = await sendSigned(server.url, launchBody(), signer());
      // Assess
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      expect(replyOf(answer).speech).toContain('Welcome to Blue Kettle Coffee');
      expect(requested.every((url) => url === GOOD_CERT_URL)).toBe(true);
    });

    it('downloads the certificate chain from its URL and checks it up to the trusted root', async () => {
      // Prepare: a verifier of its own, so that nothing is cached yet
      const fresh = await startServer({
        config: testConfig(),
        port: 0,
        verification: { kind: 'on' },
        store: orders.store,
        logger,
      });
      try {
        // Act
        const answer = await sendSigned(fresh.url, launchBody(), signer());
        // Assess
        expect(answer.status).toBe(200);
        expect(requested).toEqual([GOOD_CERT_URL]);
      } finally {
        await fresh.close();
      }
    });

    it('accepts a request signed 100 seconds ago', async () => {
      // Act
      const answer = await sendSigned(server.url, launchBody({ ageMs: 100_000 }), signer());
      // Assess
      expect(answer.status).toBe(200);
    });

    it('refuses a body changed after it was signed', async () => {
      // Prepare
      const body = launchBody();
      const headers = alexaSignatureHeaders(body, pki.signing.key.privateKeyPem, GOOD_CERT_URL);
      const tampered = body.replace('LaunchRequest', 'SessionEndedRequest');
      // Act
      const answer = await send(server.url, {
        headers: { 'Content-Type': 'application/json', ...headers },
        body: tampered,
      });
      // Assess
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toEqual({ error: 'request verification failed' });
      expect(lastRefusal(logger)).toContain('signature does not match');
    });

    it('refuses a request whose timestamp is more than 150 seconds old', async () => {
      // Act
      const answer = await sendSigned(server.url, launchBody({ ageMs: 200_000 }), signer());
      // Assess
      expect(answer.status).toBe(400);
      expect(lastRefusal(logger)).toContain('Timestamp verification failed');
    });

    it('refuses a request signed by a key that does not match the certificate', async () => {
      // Prepare
      const impostor = generateRsaKeyPair();
      // Act
      const answer = await sendSigned(server.url, launchBody(), {
        privateKeyPem: impostor.privateKeyPem,
        certUrl: GOOD_CERT_URL,
      });
      // Assess
      expect(answer.status).toBe(400);
      expect(lastRefusal(logger)).toContain('signature does not match');
    });

    it.each([
      [
        'no Signature-256 header (only the legacy SHA-1 Signature)',
        { 'Signature-256': undefined },
        'Missing Signature',
      ],
      [
        'no SignatureCertChainUrl header',
        { SignatureCertChainUrl: undefined },
        'Missing Certificate',
      ],
      [
        'no signature headers at all',
        { 'Signature-256': undefined, Signature: undefined, SignatureCertChainUrl: undefined },
        'Missing Certificate',
      ],
      [
        'a certificate URL on another host',
        { SignatureCertChainUrl: 'https://s3.example.com/echo.api/echo-api-cert-test.pem' },
        'invalid host name',
      ],
      [
        'a certificate URL on another path',
        { SignatureCertChainUrl: 'https://s3.amazonaws.com/other.api/echo-api-cert-test.pem' },
        'invalid path',
      ],
      [
        'a certificate URL over http',
        { SignatureCertChainUrl: 'http://s3.amazonaws.com/echo.api/echo-api-cert-test.pem' },
        'unsupported protocol',
      ],
      [
        'a certificate URL on another port',
        { SignatureCertChainUrl: 'https://s3.amazonaws.com:563/echo.api/echo-api-cert-test.pem' },
        'invalid port',
      ],
    ])('refuses a request with %s', async (_case, overrides, reason) => {
      // Act
      const answer = await sendSigned(server.url, launchBody(), signer(), overrides);
      // Assess
      expect(answer.status).toBe(400);
      expect(lastRefusal(logger)).toContain(reason);
      expect(requested.filter((url) => url !== GOOD_CERT_URL)).toEqual([]);
    });

    it.each([
      ['has expired', EXPIRED_CERT_URL, 'expired'],
      ['is not for echo-api.amazon.com', WRONG_NAME_CERT_URL, 'echo-api.amazon.com domain missing'],
      ['is issued by an authority that is not trusted', UNTRUSTED_CERT_URL, 'not trusted'],
    ])('refuses a request whose signing certificate %s', async (_case, certUrl, reason) => {
      // Act
      const answer = await sendSigned(server.url, launchBody(), {
        privateKeyPem: pki.signing.key.privateKeyPem,
        certUrl,
      });
      // Assess
      expect(answer.status).toBe(400);
      expect(lastRefusal(logger)).toContain(reason);
      expect(requested).toEqual([certUrl]);
    });

    it('refuses a validly signed request for another skill id with 400', async () => {
      // Act
      const answer = await sendSigned(
        server.url,
        launchBody({ skillId: OTHER_SKILL_ID }),
        signer(),
      );
      // Assess
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toEqual({ error: 'request is not for this skill' });
    });

    it('refuses an unsigned curl-like POST', async () => {
      // Act
      const answer = await send(server.url, {
        headers: { 'Content-Type': 'application/json' },
        body: launchBody(),
      });
      // Assess
      expect(answer.status).toBe(400);
      expect(requested).toEqual([]);
    });
  });

  describe('with an injected verifier setup (a preloaded certificate cache)', () => {
    let server: RunningServer;

    beforeAll(async () => {
      server = await startServer({
        config: testConfig(),
        port: 0,
        verification: {
          kind: 'on',
          verifiers: [
            new PreloadedCertificateVerifier(new Map([[GOOD_CERT_URL, pki.signing.chainPem]])),
            new TimestampVerifier(),
          ],
        },
        store: orders.store,
        logger: new RecordingLogger(),
      });
    });

    afterAll(() => server.close());

    it('runs the injected verifiers instead of the defaults', async () => {
      // Prepare
      const body = launchBody();
      const signer = { privateKeyPem: pki.signing.key.privateKeyPem, certUrl: GOOD_CERT_URL };
      // Act
      const valid = await sendSigned(server.url, body, signer);
      const tampered = await sendSigned(server.url, body, signer, {
        'Signature-256': signBody(`${body} `, pki.signing.key.privateKeyPem),
      });
      // Assess
      expect(valid.status).toBe(200);
      expect(tampered.status).toBe(400);
      expect(requested).toEqual([]);
    });
  });

  describe('with verification off', () => {
    let server: RunningServer;

    beforeAll(async () => {
      server = await startServer({
        config: testConfig(),
        port: 0,
        verification: { kind: 'off' },
        store: orders.store,
        logger: new RecordingLogger(),
      });
    });

    afterAll(() => server.close());

    it('answers a plain curl-like POST of a LaunchRequest', async () => {
      // Act
      const json = await send(server.url, {
        headers: { 'Content-Type': 'application/json' },
        body: launchBody(),
      });
      // `curl -d @launch.json` sends application/x-www-form-urlencoded
      const form = await send(server.url, {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: launchBody(),
      });
      // Assess
      expect(json.status).toBe(200);
      expect(replyOf(json).speech).toContain('Welcome to Blue Kettle Coffee');
      expect(form.status).toBe(200);
      expect(requested).toEqual([]);
    });

    it('plays a whole purchase: launch, buy, yes, then the Setup directive', async () => {
      // Prepare
      const context = { userId: 'amzn1.ask.account.HTTP-BUYER' };
      const post = async (envelope: unknown): Promise<Reply> => {
        const answer = await send(server.url, {
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(envelope),
        });
        expect(answer.status).toBe(200);
        return replyOf(answer);
      };
      // Act
      const launched = await post(anEnvelope(launchRequest(), { context }));
      const summary = await post(
        anEnvelope(intentRequest('BuyIntent', { product: 'coffee', quantity: '2' }), {
          context,
          attributes: launched.attributes ?? {},
        }),
      );
      const confirmed = await post(
        anEnvelope(intentRequest('AMAZON.YesIntent'), {
          context,
          attributes: summary.attributes ?? {},
        }),
      );
      // Assess
      expect(summary.speech).toContain('Shall I place the order?');
      const orderId = summary.attributes?.['pendingOrderId'];
      expect(typeof orderId).toBe('string');
      expect(confirmed.directives[0]).toMatchObject({
        type: 'Connections.SendRequest',
        name: 'Setup',
        token: orderId,
      });
      expect((await orders.store.get(String(orderId)))?.status).toBe('setup-pending');
    });

    it('still refuses a request for another skill id with 400', async () => {
      // Act
      const answer = await send(server.url, { body: launchBody({ skillId: OTHER_SKILL_ID }) });
      // Assess
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toEqual({ error: 'request is not for this skill' });
    });

    it.each([
      ['a body that is not JSON', Buffer.from('{"version":'), 'request body is not JSON'],
      ['an empty body', Buffer.alloc(0), 'request body is not JSON'],
      [
        'a body that is not UTF-8',
        Buffer.from([0x7b, 0xff, 0x7d]),
        'request body is not UTF-8 text',
      ],
    ])('answers %s with 400', async (_case, body, message) => {
      // Act
      const answer = await send(server.url, { body });
      // Assess
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toEqual({ error: message });
    });

    it('answers a body over the size limit with 413', async () => {
      // Act
      const answer = await send(server.url, { body: Buffer.alloc(MAX_REQUEST_BYTES + 1, 0x20) });
      // Assess
      expect(answer.status).toBe(413);
    });

    it('answers GET /healthz with ok', async () => {
      // Act
      const answer = await send(new URL('/healthz', server.url).href, { method: 'GET' });
      // Assess
      expect(answer.status).toBe(200);
      expect(answer.body).toBe('ok');
    });

    it('answers another method on /alexa with 405 and another path with 404', async () => {
      // Act
      const get = await send(server.url, { method: 'GET' });
      const elsewhere = await send(new URL('/', server.url).href, { body: launchBody() });
      // Assess
      expect(get.status).toBe(405);
      expect(get.headers['allow']).toBe('POST');
      expect(elsewhere.status).toBe(404);
    });
  });

  describe('createAlexaApp', () => {
    it('answers a failing handler with 500 and no internals', async () => {
      // Prepare
      const logger = new RecordingLogger();
      const app = createAlexaApp({
        handler: () => Promise.reject(new Error('table orders-secret at 10.0.0.7 is gone')),
        verifiers: [],
        logger,
      });
      const server: Server = createServer(app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      try {
        // Act
        const answer = await send(`http://127.0.0.1:${port}/alexa`, { body: launchBody() });
        // Assess
        expect(answer.status).toBe(500);
        expect(JSON.parse(answer.body)).toEqual({ error: 'internal error' });
        expect(answer.body).not.toContain('secret');
        expect(logger.lines).toEqual([
          { level: 'error', message: 'request failed', fields: { error: 'Error' } },
        ]);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });

  describe('startServer', () => {
    let dir: string;

    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'serve-store-'));
    });

    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('refuses to start on an embedded store folder that another store holds', async () => {
      // Prepare
      const dataDir = path.join(dir, 'held');
      const holder = openEmbeddedOrderStore({ dir: dataDir, tableName: EMBEDDED_ORDERS_TABLE });
      await holder.store.get('hold');
      const config = testConfig({ ORDERS_DB_DIR: dataDir });
      // Act
      const refused = startServer({ config, port: 0, verification: { kind: 'off' } });
      // Assess
      await expect(refused).rejects.toBeInstanceOf(EmbeddedStoreLockedError);
      await holder.close();
      const server = await startServer({ config, port: 0, verification: { kind: 'off' } });
      await server.close();
      // close() released the folder: it opens again
      const after = openEmbeddedOrderStore({ dir: dataDir, tableName: EMBEDDED_ORDERS_TABLE });
      await expect(after.store.get('hold')).resolves.toBeUndefined();
      await after.close();
    }, 30_000);

    it('rejects a port in use with ServerListenError', async () => {
      // Prepare
      const first = await startServer({
        config: testConfig(),
        port: 0,
        verification: { kind: 'off' },
        store: orders.store,
      });
      try {
        // Act
        const second = startServer({
          config: testConfig(),
          port: first.port,
          verification: { kind: 'off' },
          store: orders.store,
        });
        // Assess
        await expect(second).rejects.toMatchObject({
          name: 'ServerListenError',
          code: 'EADDRINUSE',
        });
        await expect(second).rejects.toBeInstanceOf(ServerListenError);
      } finally {
        await first.close();
      }
    });
  });
});

describe('the serve command (node .build/serve.js)', () => {
  let dir: string;

  const env = (extra: Record<string, string> = {}): Record<string, string> => ({
    PATH: process.env['PATH'] ?? '',
    ORDERS_DB_DIR: path.join(dir, 'data'),
    PORT: '0',
    LOG_LEVEL: 'silent',
    ...extra,
  });

  const serveSync = (args: string[], extra: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['.build/serve.js', ...args], {
      cwd: root,
      encoding: 'utf8',
      env: env(extra),
      timeout: SPAWN_TIMEOUT_MS,
    });

  /** Starts the command and resolves with the URL of its start line. */
  const serveUntilListening = (
    args: string[],
  ): Promise<{ child: ChildProcessWithoutNullStreams; url: string; line: string }> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['.build/serve.js', ...args], {
        cwd: root,
        env: env(),
      });
      let stdout = '';
      let stderr = '';
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`no start line: ${stdout}${stderr}`));
      }, SPAWN_TIMEOUT_MS);
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
      });
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        const match = /^Alexa endpoint listening on (http:\/\/127\.0\.0\.1:\d+\/alexa) .*$/m.exec(
          stdout,
        );
        if (match?.[1] !== undefined) {
          clearTimeout(timer);
          resolve({ child, url: match[1], line: match[0] });
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`exited ${String(code)} before listening: ${stderr}`));
      });
    });

  const exitOf = (child: ChildProcessWithoutNullStreams): Promise<number | null> =>
    new Promise((resolve) => {
      if (child.exitCode !== null) resolve(child.exitCode);
      else child.once('exit', (code) => resolve(code));
    });

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'serve-cli-'));
    const built = spawnSync(process.execPath, ['scripts/build.mjs'], {
      cwd: root,
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`);
  }, 120_000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses --no-verify when NODE_ENV=production and exits 2', () => {
    // Act
    const run = serveSync(['--no-verify'], { NODE_ENV: 'production' });
    // Assess
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--no-verify is refused when NODE_ENV=production');
    expect(run.stdout).toBe('');
  });

  it.each([
    ['an invalid configuration', [], { SANDBOX: 'maybe' }, 'SANDBOX must be exactly true or false'],
    ['an invalid PORT', [], { PORT: '70000' }, 'PORT must be a port number'],
    ['an unknown argument', ['--verify=false'], {}, 'unknown argument: --verify=false'],
  ])('exits 2 with a message on %s', (_case, args, extra, message) => {
    // Act
    const run = serveSync(args, extra);
    // Assess
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it(
    'exits 2 with a message when another process holds the store folder',
    async () => {
      // Prepare
      const dataDir = path.join(dir, 'locked');
      const holder = openEmbeddedOrderStore({ dir: dataDir, tableName: EMBEDDED_ORDERS_TABLE });
      await holder.store.get('hold');
      try {
        // Act
        const run = serveSync([], { ORDERS_DB_DIR: dataDir });
        // Assess
        expect(run.status).toBe(2);
        expect(run.stderr).toContain('is used by another process');
      } finally {
        await holder.close();
      }
    },
    SPAWN_TIMEOUT_MS,
  );

  it(
    'starts with verification on, refuses an unsigned request and stops cleanly on SIGTERM',
    async () => {
      // Prepare
      const { child, url, line } = await serveUntilListening([]);
      // Act
      const health = await send(new URL('/healthz', url).href, { method: 'GET' });
      const unsigned = await send(url, { body: launchBody() });
      child.kill('SIGTERM');
      const code = await exitOf(child);
      // Assess
      expect(line).toContain('(request verification on)');
      expect(health.body).toBe('ok');
      expect(unsigned.status).toBe(400);
      expect(code).toBe(0);
      // The store was closed: this process can open its folder
      const after = openEmbeddedOrderStore({
        dir: path.join(dir, 'data'),
        tableName: EMBEDDED_ORDERS_TABLE,
      });
      await expect(after.store.get('none')).resolves.toBeUndefined();
      await after.close();
    },
    SPAWN_TIMEOUT_MS,
  );

  it(
    'answers a curl-like POST with --no-verify and stops cleanly on SIGINT',
    async () => {
      // Prepare
      const { child, url, line } = await serveUntilListening(['--no-verify']);
      // Act
      const answer = await send(url, { body: launchBody() });
      child.kill('SIGINT');
      const code = await exitOf(child);
      // Assess
      expect(line).toContain('request verification OFF');
      expect(answer.status).toBe(200);
      expect(replyOf(answer).speech).toContain('Welcome to Blue Kettle Coffee');
      expect(code).toBe(0);
    },
    SPAWN_TIMEOUT_MS,
  );
});
