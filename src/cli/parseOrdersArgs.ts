import { isOrderId } from '../checkout/CheckoutService';
import type { OrderStatus } from '../checkout/OrderStatus';
import { isOrderStatus, OrderStatus as Status } from '../checkout/OrderStatus';
import { checkDecimalAmountText } from '../refunds/parseRefundAmount';
import type { RefundAmountRequest } from '../refunds/refundDecisions';

const STATUS_NAMES = Object.values(Status).join(', ');

/** Wraps words into lines of at most `width` characters, each after `indent`. */
function wrap(words: ReadonlyArray<string>, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.map((l) => `${indent}${l}`).join('\n');
}

/** The usage text of the merchant's order tools, printed by `--help` and after a usage error. */
export const ORDERS_USAGE = `Usage: npm run --silent orders -- <command> [options]

The merchant's order tools. They read the DynamoDB table ORDERS_TABLE when it is set, and
otherwise the embedded store in ORDERS_DB_DIR (default .data).

Commands:
  list [--status S] [--limit N] [--json]  orders, newest first
  fulfilment [--json]                     paid orders to ship, oldest payment first
                                          (alias: to-ship); never certification-test,
                                          held-for-review or unpaid orders
  show ORDER_ID [--json]                  one order: lines, totals, status history, references
  ship ORDER_ID                           mark a paid order shipped; any other status is refused
  export-csv [--status S] [--out FILE]    orders as CSV (RFC 4180), oldest first, to FILE or
                                          standard output
  refund ORDER_ID [AMOUNT]                refund a paid, shipped or held-for-review order's
                                          capture through Amazon Pay (MWS): AMOUNT is a decimal
                                          in the order's currency (12.50), by default all that
                                          is left; the order is refund-pending until
                                          sync-refunds sees its refunds completed or declined
  sync-refunds                            ask MWS about every pending refund, settle the
                                          completed and declined ones, send unanswered ones again
  help                                    print this text (also --help or -h)

Options:
  --status S   only orders in status S, one of:
${wrap(STATUS_NAMES.split(' '), 96, '               ')}
  --limit N    at most N orders (a whole number from 1)
  --json       print JSON instead of a table
  --out FILE   write the CSV to FILE (npm runs the tool in the project folder, so a relative
               FILE is relative to it)

Refunds read the MWS settings: MWS_ACCESS_KEY_ID and MWS_SECRET_KEY (or MWS_SECRET_ARN, a
Secrets Manager secret holding both), SELLER_ID, MERCHANT_COUNTRY (the region), SANDBOX, and
MWS_ENDPOINT (the loopback origin of the local MWS stand-in; never in Lambda).

Exit codes: 0 done; 1 refused or failed (unknown order, order not paid, refund refused by the
limits or by Amazon Pay or not confirmed, store unavailable, or the embedded store's folder used
by another process); 2 usage or configuration error.`;

/** A command of the merchant's order tools, parsed and checked. */
export type OrdersCommand =
  | { readonly kind: 'help' }
  | {
      readonly kind: 'list';
      readonly status: OrderStatus | undefined;
      readonly limit: number | undefined;
      readonly json: boolean;
    }
  | { readonly kind: 'fulfilment'; readonly json: boolean }
  | { readonly kind: 'show'; readonly orderId: string; readonly json: boolean }
  | { readonly kind: 'ship'; readonly orderId: string }
  | {
      readonly kind: 'export-csv';
      readonly status: OrderStatus | undefined;
      readonly out: string | undefined;
    }
  | { readonly kind: 'refund'; readonly orderId: string; readonly amount: RefundAmountRequest }
  | { readonly kind: 'sync-refunds' };

/** Command-line arguments that are not a valid command; `message` says what is wrong. */
export type OrdersUsageError = { readonly kind: 'usageError'; readonly message: string };

type Flag = 'status' | 'limit' | 'json' | 'out';

type CommandSpec = {
  readonly kind: OrdersCommand['kind'];
  readonly flags: ReadonlyArray<Flag>;
  readonly takesOrderId: boolean;
  /** Takes an AMOUNT after the ORDER_ID. */
  readonly takesAmount?: boolean;
};

const COMMANDS: Readonly<Record<string, CommandSpec>> = Object.freeze({
  list: { kind: 'list', flags: ['status', 'limit', 'json'], takesOrderId: false },
  fulfilment: { kind: 'fulfilment', flags: ['json'], takesOrderId: false },
  'to-ship': { kind: 'fulfilment', flags: ['json'], takesOrderId: false },
  show: { kind: 'show', flags: ['json'], takesOrderId: true },
  ship: { kind: 'ship', flags: [], takesOrderId: true },
  'export-csv': { kind: 'export-csv', flags: ['status', 'out'], takesOrderId: false },
  refund: { kind: 'refund', flags: [], takesOrderId: true, takesAmount: true },
  'sync-refunds': { kind: 'sync-refunds', flags: [], takesOrderId: false },
  help: { kind: 'help', flags: [], takesOrderId: false },
});

const VALUE_FLAGS: ReadonlySet<Flag> = new Set<Flag>(['status', 'limit', 'out']);
const ALL_FLAGS: ReadonlySet<string> = new Set<Flag>(['status', 'limit', 'json', 'out']);

const usageError = (message: string): OrdersUsageError => ({ kind: 'usageError', message });

// Not a type guard: its false branch must leave the string a string, for the message.
const isOurOrderId = (value: string): boolean => isOrderId(value);

function isFlag(name: string): name is Flag {
  return ALL_FLAGS.has(name);
}

function commandOf(name: string): CommandSpec | undefined {
  return Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
}

/**
 * Parses the arguments of `npm run orders -- ...` (without the node and script paths) into a
 * command, or a usage error that says what is wrong.
 *
 * `--help` or `-h` anywhere asks for help. Options take their value as the next argument or after
 * `=` (`--status paid`, `--status=paid`); each may be given once; an option that the command does
 * not take, an unknown option, a missing or extra argument is a usage error.
 *
 * @example
 * parseOrdersArgs(['list', '--status', 'paid', '--json']);
 * // { kind: 'list', status: 'paid', limit: undefined, json: true }
 */
export function parseOrdersArgs(argv: ReadonlyArray<string>): OrdersCommand | OrdersUsageError {
  if (argv.some((arg) => arg === '--help' || arg === '-h')) {
    return { kind: 'help' };
  }
  const [name, ...rest] = argv;
  if (name === undefined || name === '') {
    return usageError('missing command');
  }
  const spec = commandOf(name);
  if (spec === undefined) {
    return usageError(
      name.startsWith('-') ? `expected a command before ${name}` : `unknown command: ${name}`,
    );
  }

  const values = new Map<Flag, string | true>();
  let orderId: string | undefined;
  let amountText: string | undefined;
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i] ?? '';
    // A negative AMOUNT is an amount, refused as such, not an unknown option.
    const negativeAmount = spec.takesAmount === true && orderId !== undefined && /^-\d/.test(arg);
    if (!arg.startsWith('-') || arg === '-' || negativeAmount) {
      if (spec.takesOrderId && orderId === undefined) {
        orderId = arg;
      } else if (spec.takesAmount === true && amountText === undefined) {
        amountText = arg;
      } else {
        return usageError(`unexpected argument: ${arg}`);
      }
      continue;
    }
    if (!arg.startsWith('--')) {
      return usageError(`unknown option: ${arg}`);
    }
    const equals = arg.indexOf('=');
    const flag = arg.slice(2, equals < 0 ? undefined : equals);
    if (!isFlag(flag)) {
      return usageError(`unknown option: --${flag}`);
    }
    if (!spec.flags.includes(flag)) {
      return usageError(`${name} does not take --${flag}`);
    }
    if (values.has(flag)) {
      return usageError(`--${flag} is given more than once`);
    }
    if (!VALUE_FLAGS.has(flag)) {
      if (equals >= 0) {
        return usageError(`--${flag} takes no value`);
      }
      values.set(flag, true);
      continue;
    }
    let value: string | undefined;
    if (equals >= 0) {
      value = arg.slice(equals + 1);
    } else {
      value = rest[i + 1];
      i += 1;
    }
    if (value === undefined || value === '' || value.startsWith('--')) {
      return usageError(`--${flag} needs a value`);
    }
    values.set(flag, value);
  }

  const text = (flag: Flag): string | undefined => {
    const value = values.get(flag);
    return typeof value === 'string' ? value : undefined;
  };
  const json = values.get('json') === true;

  const statusText = text('status');
  if (statusText !== undefined && !isOrderStatus(statusText)) {
    return usageError(`unknown status: ${statusText} (one of ${STATUS_NAMES})`);
  }
  const status = statusText;

  const limitText = text('limit');
  let limit: number | undefined;
  if (limitText !== undefined) {
    limit = /^[1-9]\d*$/.test(limitText) ? Number(limitText) : Number.NaN;
    if (!Number.isSafeInteger(limit)) {
      return usageError(`--limit needs a whole number from 1 (got ${limitText})`);
    }
  }

  switch (spec.kind) {
    case 'help':
      return { kind: 'help' };
    case 'list':
      return { kind: 'list', status, limit, json };
    case 'fulfilment':
      return { kind: 'fulfilment', json };
    case 'show':
    case 'ship':
      if (orderId === undefined) {
        return usageError(`${name} needs an ORDER_ID`);
      }
      if (!isOurOrderId(orderId)) {
        return usageError(`not an order id: ${orderId} (1 to 26 of A-Z a-z 0-9 _ -)`);
      }
      return spec.kind === 'show' ? { kind: 'show', orderId, json } : { kind: 'ship', orderId };
    case 'export-csv':
      return { kind: 'export-csv', status, out: text('out') };
    case 'refund': {
      if (orderId === undefined) {
        return usageError(`${name} needs an ORDER_ID`);
      }
      if (!isOurOrderId(orderId)) {
        return usageError(`not an order id: ${orderId} (1 to 26 of A-Z a-z 0-9 _ -)`);
      }
      if (amountText === undefined)
        return { kind: 'refund', orderId, amount: { kind: 'remaining' } };
      const problem = checkDecimalAmountText(amountText);
      if (problem !== undefined) return usageError(`AMOUNT ${amountText} ${problem}`);
      return { kind: 'refund', orderId, amount: { kind: 'decimal', text: amountText } };
    }
    case 'sync-refunds':
      return { kind: 'sync-refunds' };
    default: {
      const unreachable: never = spec.kind;
      return unreachable;
    }
  }
}
