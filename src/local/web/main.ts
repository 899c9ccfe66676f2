import { ConfigError } from '../../config/errors';
import { EmbeddedStoreLockedError, EmbeddedStoreStartError } from '../../store/errors';
import { InteractionModelError } from './interactionModel';
import {
  DEFAULT_SIMULATOR_PORT,
  SimulatorListenError,
  startSimulatorServer,
  type RunningSimulator,
} from './startSimulatorServer';

const USAGE = `Usage: npm run simulator [-- --help]

Serves the browser simulator on http://127.0.0.1:SIM_PORT/ (default ${DEFAULT_SIMULATOR_PORT}; 0 picks a
free port): type what the shopper says, see what Alexa answers, how Amazon Pay answers each
Connections directive, every envelope, and the order's statuses. It drives the real Lambda handler
with the embedded order store (a temporary folder, or ORDERS_DB_DIR) and the offline Amazon Pay
simulator; nothing leaves this machine and nothing is charged.

Exit codes: 0 stopped with Ctrl-C or SIGTERM; 2 a usage or configuration error, a port in use, or
an embedded store folder used by another process.`;

// A shutdown that takes longer than this (a store that will not close) ends the process anyway.
const SHUTDOWN_LIMIT_MS = 10_000;

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}

function readPort(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return DEFAULT_SIMULATOR_PORT;
  if (!/^\d{1,5}$/.test(value.trim())) return undefined;
  const port = Number(value.trim());
  return port <= 65_535 ? port : undefined;
}

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.length > 0) return fail(`unknown argument: ${String(args[0])}\n\n${USAGE}`);
  const port = readPort(process.env['SIM_PORT']);
  if (port === undefined) {
    return fail(
      `SIM_PORT must be a port number from 0 to 65535, not "${process.env['SIM_PORT'] ?? ''}"`,
    );
  }
  // Node 20 is supported until early 2027; the SDK's reminder is noise in a local tool's output.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

  let running: RunningSimulator;
  try {
    running = await startSimulatorServer({ port, env: process.env });
  } catch (error) {
    if (
      error instanceof ConfigError ||
      error instanceof SimulatorListenError ||
      error instanceof EmbeddedStoreLockedError ||
      error instanceof EmbeddedStoreStartError ||
      error instanceof InteractionModelError
    ) {
      return fail(error.message);
    }
    throw error;
  }
  process.stdout.write(
    `Voice shop simulator on ${running.url} (orders in ${running.simulator.ordersDbDir}; Ctrl-C stops it)\n`,
  );
  await waitForSignal();
  const limit = setTimeout(() => {
    process.stderr.write('npm run simulator: the shutdown took too long\n');
    process.exit(1);
  }, SHUTDOWN_LIMIT_MS);
  limit.unref();
  await running.close();
  clearTimeout(limit);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `npm run simulator failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
