const MAX_LENGTH = 300;

// The store's own errors: their messages say what failed, in words meant for the operator.
const STORE_ERRORS: ReadonlySet<string> = new Set([
  'OrderStoreError',
  'OrderStoreUnavailableError',
  'OrderExistsError',
  'CorruptOrderItemError',
  'InvalidOrderQueryError',
  'InvalidRefundWriteError',
  'EmbeddedStoreLockedError',
  'EmbeddedStoreStartError',
]);

// Store errors that wrap an SDK or system error whose own words help (no region, no such file).
const WRAPPING_ERRORS: ReadonlySet<string> = new Set([
  'OrderStoreUnavailableError',
  'EmbeddedStoreStartError',
]);

type ErrorLike = { readonly name?: unknown; readonly message?: unknown; readonly cause?: unknown };

function shapeOf(value: unknown): ErrorLike {
  return typeof value === 'object' && value !== null ? value : {};
}

function firstLineOf(value: unknown): string | undefined {
  const line = typeof value === 'string' ? value.split(/\r?\n/, 1)[0]?.trim() : undefined;
  return line === undefined || line === '' ? undefined : line;
}

/**
 * Turns a thrown value into the one line that the order tools print for a runtime failure: no
 * stack trace, at most 300 characters.
 *
 * A store error prints its message; one that wraps an SDK or system error adds that error's first
 * line (it may say, for instance, that no AWS region is configured). Any other error prints its
 * name and message. The merchant runs these tools in their own terminal; nothing here is logged.
 */
export function toFailureMessage(error: unknown): string {
  const shape = shapeOf(error);
  const name = typeof shape.name === 'string' ? shape.name : undefined;
  const message = firstLineOf(shape.message) ?? firstLineOf(error) ?? 'unknown error';
  let line: string;
  if (name !== undefined && STORE_ERRORS.has(name)) {
    const cause = WRAPPING_ERRORS.has(name) ? firstLineOf(shapeOf(shape.cause).message) : undefined;
    line = cause === undefined || message.includes(cause) ? message : `${message}: ${cause}`;
  } else if (name === undefined || name === 'Error') {
    line = message;
  } else {
    line = `${name}: ${message}`;
  }
  return line.length > MAX_LENGTH ? `${line.slice(0, MAX_LENGTH - 3)}...` : line;
}
