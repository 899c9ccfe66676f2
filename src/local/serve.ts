import { ConfigError } from '../config/errors';
import { loadConfig, type Config } from '../config/loadConfig';
import { EmbeddedStoreLockedError, EmbeddedStoreStartError } from '../store/errors';
import { ServerListenError } from './server/errors';
import { NO_VERIFY_FLAG, parseServeArgs, SERVE_USAGE } from './server/parseServeArgs';
import { startServer, type RunningServer } from './server/startServer';

// A shutdown that takes longer than this (a store that will not close) ends the process anyway.
const SHUTDOWN_LIMIT_MS = 10_000;

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    // `once`: a second Ctrl-C while closing gets Node's default behaviour and ends the process.
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

async function main(): Promise<number> {
  const args = parseServeArgs(process.argv.slice(2), process.env);
  if (args.kind === 'help') {
    out(SERVE_USAGE);
    return 0;
  }
  if (args.kind === 'error') return fail(`${args.message}\n\n${SERVE_USAGE}`);

  // Node 20 is supported until early 2027; the SDK's reminder is noise in a local server's output.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) return fail(error.message);
    throw error;
  }

  let server: RunningServer;
  try {
    server = await startServer({
      config,
      port: args.port,
      verification: args.verify ? { kind: 'on' } : { kind: 'off' },
    });
  } catch (error) {
    if (
      error instanceof ServerListenError ||
      error instanceof EmbeddedStoreLockedError ||
      error instanceof EmbeddedStoreStartError
    ) {
      return fail(error.message);
    }
    throw error;
  }

  out(
    `Alexa endpoint listening on ${server.url} (request verification ${
      args.verify ? 'on' : `OFF (${NO_VERIFY_FLAG}): for local tests only`
    })`,
  );
  await waitForSignal();
  const limit = setTimeout(() => {
    process.stderr.write('npm run serve: the shutdown took too long\n');
    process.exit(1);
  }, SHUTDOWN_LIMIT_MS);
  limit.unref();
  await server.close();
  clearTimeout(limit);
  return 0;
}

main().then(
  (code) => {
    // Explicitly: a stray handle (a keep-alive socket of the SDK, say) must not keep a stopped
    // server's process alive.
    process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(
      `npm run serve failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`,
    );
    process.exit(1);
  },
);
