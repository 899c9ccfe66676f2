import { loadConfig } from '../../config/loadConfig';
import { startLocalBuyerApiFor } from '../buyer/startLocalBuyerApi';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Difference } from './normalize';
import { replayTranscript, type ReplayHandler } from './replayTranscript';
import { SHOP_CONFIG_VARIABLES } from './shopEnv';
import { parseTranscript, TranscriptError, type Transcript } from './transcript';

/** Where the replay writes and which bundle it loads. */
export type RunReplayOptions = {
  /** The Lambda bundle, `lambda/index.js`, loaded as Lambda loads it. */
  readonly bundle: string;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
};

type Bundle = {
  readonly handler: ReplayHandler;
  readonly shutdown: () => Promise<void>;
};

function isBundle(value: unknown): value is Bundle {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { handler?: unknown }).handler === 'function' &&
    typeof (value as { shutdown?: unknown }).shutdown === 'function'
  );
}

function show(value: unknown): string {
  const text = value === undefined ? '(nothing)' : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

function describeDifference(difference: Difference): string {
  return `${difference.path}: recorded ${show(difference.expected)}, now ${show(difference.actual)}`;
}

function readTranscriptFile(file: string): Transcript | string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`;
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    return `${file} is not JSON`;
  }
  try {
    return parseTranscript(json);
  } catch (error) {
    if (error instanceof TranscriptError)
      return `${file} is not a simulator transcript: ${error.message}`;
    throw error;
  }
}

/**
 * Loads the bundle once per configuration: the transcript's shop variables plus a turn's scenario
 * variables, all others of SHOP_CONFIG_VARIABLES cleared, the embedded store in `dir`. The
 * previous load is shut down first (its store releases the folder), since the bundle reads its
 * configuration once, when it loads.
 */
class BundleLoader {
  private current: { readonly key: string; readonly bundle: Bundle } | undefined;

  constructor(
    private readonly file: string,
    private readonly shopEnv: Readonly<Record<string, string>>,
    private readonly dir: string,
    private readonly buyerApiOrigin: string | undefined,
  ) {}

  async handlerFor(scenarioEnv: Readonly<Record<string, string>>): Promise<ReplayHandler> {
    const env = { ...this.shopEnv, ...scenarioEnv };
    const key = JSON.stringify(Object.entries(env).sort());
    if (this.current?.key === key) return this.current.bundle.handler;
    await this.shutdown();
    for (const name of SHOP_CONFIG_VARIABLES) delete process.env[name];
    delete process.env['ORDERS_TABLE'];
    delete process.env['AWS_LAMBDA_FUNCTION_NAME'];
    for (const [name, value] of Object.entries(env)) process.env[name] = value;
    process.env['ORDERS_DB_DIR'] = this.dir;
    if (this.buyerApiOrigin !== undefined) process.env['BUYER_API_ORIGIN'] = this.buyerApiOrigin;
    delete require.cache[require.resolve(this.file)];
    // The built bundle, loaded at run time exactly as Lambda loads it (not bundled into this tool).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded: unknown = require(this.file);
    if (!isBundle(loaded)) throw new Error(`${this.file} exports no handler and shutdown`);
    this.current = { key, bundle: loaded };
    return loaded.handler;
  }

  async shutdown(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    await current?.bundle.shutdown();
  }
}

/**
 * `npm start -- --replay FILE`: plays a transcript saved by the browser simulator again through
 * the Lambda bundle, with a fresh embedded store and Amazon Pay simulator, and prints each turn.
 *
 * Returns the exit code: 0 when every answer is as recorded, 1 when any differs, 2 when the file
 * cannot be read or is not a transcript (or its configuration is invalid).
 */
export async function runReplay(file: string, options: RunReplayOptions): Promise<number> {
  const { out, err } = options;
  const transcript = readTranscriptFile(file);
  if (typeof transcript === 'string') {
    err(transcript);
    return 2;
  }
  if (!existsSync(options.bundle)) {
    err(`${options.bundle} is missing: run npm run build first (npm start does it).`);
    return 2;
  }
  process.env['LOG_LEVEL'] ??= 'warn';
  const dir = mkdtempSync(path.join(tmpdir(), 'voice-shop-replay-'));
  // The Buyer ID and Buyer Address APIs: the loopback stand-in's sandbox buyer, as when recorded.
  const shopConfig = (() => {
    try {
      return loadConfig({ ...transcript.shop.env, ORDERS_DB_DIR: dir });
    } catch {
      return undefined;
    }
  })();
  const buyerApi = shopConfig === undefined ? undefined : await startLocalBuyerApiFor(shopConfig);
  const loader = new BundleLoader(options.bundle, transcript.shop.env, dir, buyerApi?.origin);
  out(
    `Replay:     ${file}: ${transcript.turns.length} turn(s) recorded ${transcript.createdAt || '(no date)'}`,
  );
  out(
    `Skill:      ${path.relative(process.cwd(), options.bundle) || options.bundle}, a new embedded store, the offline Amazon Pay simulator`,
  );
  out('');
  try {
    let result;
    try {
      result = await replayTranscript(transcript, {
        handlerFor: (env) => loader.handlerFor(env),
      });
    } catch (error) {
      if (error instanceof Error && error.name === 'ConfigError') {
        err(`the transcript's configuration is invalid: ${error.message}`);
        return 2;
      }
      throw error;
    }
    for (const turn of result.turns) {
      const ok = turn.differences.length === 0;
      out(`Turn ${String(turn.index).padStart(2)}:    ${ok ? 'same   ' : 'DIFFERS'} ${turn.label}`);
      for (const difference of turn.differences)
        out(`              ${describeDifference(difference)}`);
    }
    const failed = result.turns.filter((t) => t.differences.length > 0).length;
    out('');
    out(
      failed === 0
        ? `Result:     OK: all ${result.turns.length} answer(s) as recorded`
        : `Result:     DIFFERENT: ${failed} of ${result.turns.length} turn(s) answered otherwise`,
    );
    return failed === 0 ? 0 : 1;
  } finally {
    await loader.shutdown().catch(() => undefined);
    await buyerApi?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
