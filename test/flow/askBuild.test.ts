import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { isRecord, readPath, readString } from '../../src/amazonpay/readUnknown';
import { ConfigError } from '../../src/config/errors';
import { loadConfig } from '../../src/config/loadConfig';
import { anEnvelope, intentRequest, launchRequest, TEST_SKILL_ID } from '../fixtures/requests';
import { startTestOrderStore, type TestOrderStore } from '../support/dynalite';

const root = path.resolve(__dirname, '..', '..');
const HOOK = path.join(root, 'hooks', 'build.sh');
const RUN_TIMEOUT_MS = 60_000;

type Run = { readonly status: number | null; readonly stdout: string; readonly stderr: string };

/** Runs a command without blocking this process: the test's DynamoDB server must keep answering. */
function run(
  command: string,
  args: ReadonlyArray<string>,
  options: { cwd: string; env: Record<string, string> },
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, timeout: RUN_TIMEOUT_MS });
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

/** Runs the build hook as the ASK CLI does: `hooks/build.sh [OUT_FILE DO_DEBUG]` from `cwd`. */
function runHook(cwd: string, lambdaDir: string, args: ReadonlyArray<string>) {
  return spawnSync('bash', [HOOK, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', LAMBDA_DIR: lambdaDir },
  });
}

async function unzip(file: string, into: string): Promise<ReadonlyArray<string>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const names: string[] = [];
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const target = path.join(into, entry.name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, await entry.async('nodebuffer'));
    names.push(entry.name);
  }
  return names;
}

function readResources(): unknown {
  return JSON.parse(readFileSync(path.join(root, 'ask-resources.json'), 'utf8')) as unknown;
}

describe('the ASK CLI deployment', () => {
  let dir: string;
  let orders: TestOrderStore;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ask-build-'));
    orders = await startTestOrderStore();
  }, 60_000);

  afterAll(async () => {
    await orders.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('hooks/build.sh', () => {
    it(
      'zips a package whose index.js answers as the Lambda function, with no node_modules',
      async () => {
        // Prepare: the ASK CLI runs the hook from its copy of the code folder, .ask/lambda
        const askCopy = path.join(dir, 'project', '.ask', 'lambda');
        mkdirSync(askCopy, { recursive: true });
        const out = path.join(askCopy, 'build.zip');
        const hook = runHook(askCopy, path.join(dir, 'lambda'), [out, 'false']);
        expect(hook.stderr).toContain('zipped 1 file(s)');
        expect(hook.status).toBe(0);
        const extracted = path.join(dir, 'extracted');
        const names = await unzip(out, extracted);
        const launch = anEnvelope(launchRequest());
        const buy = anEnvelope(intentRequest('BuyIntent', { product: 'coffee', quantity: '2' }), {
          attributes: {},
        });
        const script = `
        const { handler } = require(${JSON.stringify(path.join(extracted, 'index.js'))});
        (async () => {
          const [launch, buy] = JSON.parse(process.argv[1]);
          const first = await handler(launch, {});
          buy.session.attributes = first.sessionAttributes || {};
          const second = await handler(buy, {});
          process.stdout.write(JSON.stringify([first, second]));
          process.exit(0);
        })().catch((e) => { process.stderr.write(String((e && e.stack) || e)); process.exit(1); });`;
        // Act: a fresh Node process loads the package as Lambda would, with Lambda's configuration
        const lambda = await run(process.execPath, ['-e', script, JSON.stringify([launch, buy])], {
          cwd: extracted,
          env: {
            PATH: process.env['PATH'] ?? '',
            AWS_LAMBDA_FUNCTION_NAME: 'voice-shop-ask-build-test',
            SELLER_ID: 'A1EXAMPLESELLER',
            SKILL_ID: TEST_SKILL_ID,
            ORDERS_TABLE: orders.tableName,
            MERCHANT_COUNTRY: 'US',
            LEDGER_CURRENCY: 'USD',
            SANDBOX: 'true',
            SANDBOX_CUSTOMER_EMAIL: 'sandbox-buyer@example.com',
            LOG_LEVEL: 'silent',
            // The table lives in this test's DynamoDB server on loopback.
            AWS_ENDPOINT_URL_DYNAMODB: orders.endpoint,
            AWS_REGION: 'us-east-1',
            AWS_ACCESS_KEY_ID: 'local',
            AWS_SECRET_ACCESS_KEY: 'local',
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          },
        });
        // Assess
        expect(names).toEqual(['index.js']);
        expect(lambda.stderr).toBe('');
        expect(lambda.status).toBe(0);
        const [welcome, summary] = JSON.parse(lambda.stdout) as [unknown, unknown];
        expect(readString(welcome, 'response', 'outputSpeech', 'ssml')).toContain(
          'Welcome to Blue Kettle Coffee',
        );
        const orderId = readString(summary, 'sessionAttributes', 'pendingOrderId');
        expect(orderId).toBeDefined();
        // The order was written to the DynamoDB table named by ORDERS_TABLE
        expect((await orders.store.get(orderId ?? ''))?.status).toBe('awaiting-confirmation');
      },
      RUN_TIMEOUT_MS,
    );

    it(
      'writes build.zip into the code folder by default, leaves zips out, and repeats bytes',
      () => {
        // Prepare
        const lambdaDir = path.join(dir, 'default-out', 'lambda');
        // Act
        const first = runHook(dir, lambdaDir, []);
        const firstBytes = readFileSync(path.join(lambdaDir, 'build.zip'));
        const second = runHook(dir, lambdaDir, []);
        const secondBytes = readFileSync(path.join(lambdaDir, 'build.zip'));
        // Assess
        expect(first.status).toBe(0);
        expect(second.status).toBe(0);
        expect(second.stderr).toContain('zipped 1 file(s)');
        expect(secondBytes.equals(firstBytes)).toBe(true);
      },
      RUN_TIMEOUT_MS,
    );

    it('refuses to package a folder without index.js', () => {
      // Prepare
      const empty = path.join(dir, 'empty');
      mkdirSync(empty, { recursive: true });
      writeFileSync(path.join(empty, 'README.txt'), 'not a handler');
      const out = path.join(dir, 'empty.zip');
      // Act
      const zipped = spawnSync(process.execPath, ['scripts/zipLambda.mjs', empty, out], {
        cwd: root,
        encoding: 'utf8',
      });
      // Assess
      expect(zipped.status).toBe(1);
      expect(zipped.stderr).toContain('has no index.js');
      expect(existsSync(out)).toBe(false);
    });
  });

  describe('ask-resources.json', () => {
    it('deploys lambda/ with the Lambda deployer on nodejs22.x, handler index.handler', () => {
      // Act
      const resources = readResources();
      // Assess
      expect(resources).toMatchObject({
        askcliResourcesVersion: '2020-03-31',
        profiles: {
          default: {
            skillMetadata: { src: './skill-package' },
            code: { default: { src: './lambda' } },
            skillInfrastructure: {
              type: '@ask-cli/lambda-deployer',
              userConfig: {
                runtime: 'nodejs22.x',
                handler: 'index.handler',
                awsRegion: 'us-east-1',
              },
            },
          },
        },
      });
      expect(existsSync(path.join(root, 'skill-package', 'skill.json'))).toBe(true);
    });

    it('ships placeholders that stop the function at start until the merchant replaces them', () => {
      // Prepare
      const variables = readPath(
        readResources(),
        'profiles',
        'default',
        'skillInfrastructure',
        'userConfig',
        'lambda',
        'environmentVariables',
      );
      if (!isRecord(variables)) throw new Error('no environmentVariables');
      const env = Object.fromEntries(
        Object.entries(variables).map(([name, value]) => [name, String(value)]),
      );
      // Act
      let error: unknown;
      try {
        loadConfig({ ...env, AWS_LAMBDA_FUNCTION_NAME: 'voice-shop' }, '/tmp');
      } catch (caught) {
        error = caught;
      }
      // Assess
      expect(error).toBeInstanceOf(ConfigError);
      expect(error instanceof ConfigError ? [...error.variables].sort() : []).toEqual([
        'ORDERS_TABLE',
        'SANDBOX_CUSTOMER_EMAIL',
        'SELLER_ID',
        'SKILL_ID',
      ]);
    });
  });
});
