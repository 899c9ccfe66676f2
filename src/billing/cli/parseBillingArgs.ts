import { MAX_RUN_LIMIT } from '../loadBillingConfig';

/** The usage text of the billing tool, printed by `--help` and after a usage error. */
export const BILLING_USAGE = `Usage: npm run --silent billing -- <command> [options]

The merchant's billing job for stored billing agreements (Amazon Pay MWS). It reads the DynamoDB
table ORDERS_TABLE when it is set, and otherwise the embedded store in ORDERS_DB_DIR (default
.data); MWS_ENDPOINT sends the MWS calls to a local stand-in instead of Amazon.

Commands:
  run-due [--limit N] [--json] [--stand-in]
        charge the agreements that are due now, once each, and print what happened (the
        scheduled Lambda runs the same job)
  help  print this text (also --help or -h)

Options:
  --limit N    at most N due agreements (1 to ${MAX_RUN_LIMIT}; default BILLING_RUN_LIMIT or 100)
  --json       print the run summary as JSON
  --stand-in   send the MWS calls to an offline MWS stand-in started for this run, with the test
               keys and an Open agreement for each due one (no MWS keys needed; nothing is
               charged anywhere); refused in Lambda

Environment: SELLER_ID, MWS_ACCESS_KEY_ID and MWS_SECRET_KEY (or MWS_SECRET_ARN),
MERCHANT_COUNTRY (default US), SANDBOX (default true), ORDERS_TABLE or ORDERS_DB_DIR,
MWS_ENDPOINT, LOG_LEVEL (logs go to stderr), BILLING_RUN_LIMIT.

Exit codes: 0 done, every due charge handled; 1 a run with errors (see the summary and the
logs), or the store unavailable; 2 usage or configuration error.`;

/** A command of the billing tool, parsed and checked. */
export type BillingCommand =
  | { readonly kind: 'help' }
  | {
      readonly kind: 'run-due';
      readonly limit: number | undefined;
      readonly json: boolean;
      readonly standIn: boolean;
    };

/** Command-line arguments that are not a valid command; `message` says what is wrong. */
export type BillingUsageError = { readonly kind: 'usageError'; readonly message: string };

const usageError = (message: string): BillingUsageError => ({ kind: 'usageError', message });

/**
 * Parses the arguments of `npm run billing -- ...` (without the node and script paths).
 *
 * `--help` or `-h` anywhere asks for help; `--limit` takes its value as the next argument or after
 * `=`; an option given twice, an unknown option or an extra argument is a usage error.
 *
 * @example
 * parseBillingArgs(['run-due', '--limit', '50']);
 * // { kind: 'run-due', limit: 50, json: false, standIn: false }
 */
export function parseBillingArgs(argv: ReadonlyArray<string>): BillingCommand | BillingUsageError {
  if (argv.some((arg) => arg === '--help' || arg === '-h')) return { kind: 'help' };
  const [name, ...rest] = argv;
  if (name === undefined || name === '') return usageError('missing command');
  if (name === 'help') {
    return rest.length === 0 ? { kind: 'help' } : usageError(`unexpected argument: ${rest[0]}`);
  }
  if (name !== 'run-due') {
    return usageError(
      name.startsWith('-') ? `expected a command before ${name}` : `unknown command: ${name}`,
    );
  }
  let limit: number | undefined;
  let json = false;
  let standIn = false;
  const seen = new Set<string>();
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i] ?? '';
    const equals = arg.indexOf('=');
    const flag = arg.startsWith('--') ? arg.slice(2, equals < 0 ? undefined : equals) : undefined;
    if (flag === undefined) return usageError(`unexpected argument: ${arg}`);
    if (flag !== 'limit' && flag !== 'json' && flag !== 'stand-in') {
      return usageError(`unknown option: --${flag}`);
    }
    if (seen.has(flag)) return usageError(`--${flag} is given twice`);
    seen.add(flag);
    if (flag === 'json' || flag === 'stand-in') {
      if (equals >= 0) return usageError(`--${flag} takes no value`);
      if (flag === 'json') json = true;
      else standIn = true;
      continue;
    }
    let value: string | undefined;
    if (equals >= 0) {
      value = arg.slice(equals + 1);
    } else {
      value = rest[i + 1];
      i += 1;
    }
    if (value === undefined || !/^\d+$/.test(value)) {
      return usageError(`--limit needs a whole number from 1 to ${MAX_RUN_LIMIT}`);
    }
    limit = Number(value);
    if (limit < 1 || limit > MAX_RUN_LIMIT) {
      return usageError(`--limit needs a whole number from 1 to ${MAX_RUN_LIMIT}`);
    }
  }
  return { kind: 'run-due', limit, json, standIn };
}
