/** The port `npm run serve` listens on when PORT is unset. */
export const DEFAULT_PORT = 3000;

/** The flag that turns request verification off, for local curl tests only. */
export const NO_VERIFY_FLAG = '--no-verify';

/** The usage text of `npm run serve`. */
export const SERVE_USAGE = `Usage: npm run serve -- [${NO_VERIFY_FLAG} | --help]

Serves the skill as a web service endpoint: POST http://127.0.0.1:PORT/alexa, behind the request
signature and timestamp verifiers of ask-sdk-express-adapter, with the same handler, configuration
and order store as the Lambda function (Alexa reaches it through an HTTPS proxy or tunnel in front).
GET /healthz answers "ok".

  ${NO_VERIFY_FLAG}   accept requests that are not signed by Alexa (local curl tests only;
                refused when NODE_ENV=production)
  --help        print this text

Environment: PORT (default ${DEFAULT_PORT}; 0 picks a free port), NODE_ENV, and the skill's own
variables (SKILL_ID, SELLER_ID, ..., ORDERS_TABLE or ORDERS_DB_DIR).

Exit codes: 0 stopped by SIGINT or SIGTERM; 1 an unexpected failure; 2 a usage or configuration
error, a refused ${NO_VERIFY_FLAG}, a port in use, or an order store folder used by another process.`;

/** What `npm run serve` was asked to do. */
export type ServeArgs =
  | { readonly kind: 'serve'; readonly port: number; readonly verify: boolean }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

type Env = Readonly<Record<string, string | undefined>>;

function parsePort(raw: string | undefined): number | undefined {
  const value = raw?.trim() ?? '';
  if (value === '') return DEFAULT_PORT;
  if (!/^\d{1,5}$/.test(value)) return undefined;
  const port = Number(value);
  return port <= 65_535 ? port : undefined;
}

/**
 * Reads the command line and the environment of `npm run serve` into what to do.
 *
 * `--no-verify` is refused when `NODE_ENV` is `production`: a production endpoint must check that
 * every request was signed by Alexa, recently (Amazon's web service requirements).
 */
export function parseServeArgs(argv: ReadonlyArray<string>, env: Env): ServeArgs {
  let verify = true;
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') {
      return argv.length === 1
        ? { kind: 'help' }
        : { kind: 'error', message: `${arg} takes no other arguments` };
    }
    if (arg === NO_VERIFY_FLAG) {
      verify = false;
    } else {
      return { kind: 'error', message: `unknown argument: ${arg}` };
    }
  }
  const port = parsePort(env['PORT']);
  if (port === undefined) {
    return { kind: 'error', message: 'PORT must be a port number from 0 to 65535' };
  }
  if (!verify && (env['NODE_ENV'] ?? '').trim().toLowerCase() === 'production') {
    return {
      kind: 'error',
      message:
        `${NO_VERIFY_FLAG} is refused when NODE_ENV=production: ` +
        'every request to a production endpoint must have its Alexa signature and timestamp checked',
    };
  }
  return { kind: 'serve', port, verify };
}
