import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildRequestEnvelope, launchRequest } from '../../src/local/requestEnvelopes';
import { aContext } from '../fixtures/requests';

const root = path.resolve(__dirname, '..', '..');

describe('the Lambda bundle', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'bundle-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds into a folder of its own, stays under 1 MB, and answers a LaunchRequest', () => {
    // Prepare
    const outfile = path.join(dir, 'index.js');
    const built = spawnSync(
      process.execPath,
      ['scripts/build.mjs', '--lambda-out', outfile, '--lambda-only'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(built.status).toBe(0);
    const envelope = buildRequestEnvelope(aContext(), launchRequest(), { new: true });
    const script = `
      const { handler } = require(${JSON.stringify(outfile)});
      handler(JSON.parse(process.argv[1]), {}).then(
        (r) => { process.stdout.write(JSON.stringify(r)); },
        (e) => { process.stderr.write(String(e)); process.exitCode = 1; },
      );`;
    // Act: a fresh Node process loads the bundle as Lambda would (CommonJS, `handler` export)
    const run = spawnSync(process.execPath, ['-e', script, JSON.stringify(envelope)], {
      cwd: dir,
      encoding: 'utf8',
      env: {
        PATH: process.env['PATH'] ?? '',
        ORDERS_DB_DIR: path.join(dir, 'data'),
        LOG_LEVEL: 'silent',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    });
    // Assess
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const response = JSON.parse(run.stdout) as { response: { outputSpeech: { ssml: string } } };
    expect(response.response.outputSpeech.ssml).toContain('Welcome to Blue Kettle Coffee');
    expect(statSync(outfile).size).toBeLessThan(1024 * 1024);
  });

  it('fails to load with an error that names the variable when the config is invalid', () => {
    // Prepare
    const outfile = path.join(dir, 'index.js');
    // Act
    const run = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(outfile)})`], {
      cwd: dir,
      encoding: 'utf8',
      env: {
        PATH: process.env['PATH'] ?? '',
        AWS_LAMBDA_FUNCTION_NAME: 'shop',
        SANDBOX: 'maybe',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    });
    // Assess
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('SELLER_ID is required in Lambda');
    expect(run.stderr).toContain('ORDERS_TABLE is required in Lambda');
    expect(run.stderr).toContain('SANDBOX must be exactly true or false');
  });
});
