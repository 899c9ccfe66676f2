import type { OrderStoreOperation } from './errors';
import { OrderStoreError, OrderStoreUnavailableError } from './errors';

// Error names for which the same request may succeed later. Names, not classes: `instanceof`
// breaks when two copies of the SDK are loaded (bundles, test module registries).
const RETRYABLE_NAMES: ReadonlySet<string> = new Set([
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'LimitExceededException',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TransactionInProgressException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

// Node socket errors that say the server could not be reached or dropped the connection.
const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

const SOCKET_CODES: ReadonlySet<string> = new Set([...RETRYABLE_CODES, 'ENOTFOUND']);

type ErrorShape = {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly $retryable?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
};

function shapeOf(error: unknown): ErrorShape {
  return typeof error === 'object' && error !== null ? error : {};
}

/**
 * Reads the Node socket error code of a thrown value. When the socket error came from another
 * realm (as under Jest), the SDK's retry layer rewraps it into a plain Error that keeps only the
 * message, so the code is looked for in the message too.
 */
function nodeCodeOf(shape: ErrorShape): string | undefined {
  if (typeof shape.code === 'string') {
    return shape.code;
  }
  const message = typeof shape.message === 'string' ? shape.message : '';
  return message.match(/\bE[A-Z_]{3,}\b/g)?.find((word) => SOCKET_CODES.has(word));
}

/** Reads the SDK error name (`ConditionalCheckFailedException`, ...) of a thrown value. */
export function errorName(error: unknown): string | undefined {
  const { name } = shapeOf(error);
  return typeof name === 'string' ? name : undefined;
}

/** Tells whether a thrown value is DynamoDB's answer to a failed condition expression. */
export function isConditionalCheckFailed(error: unknown): boolean {
  return errorName(error) === 'ConditionalCheckFailedException';
}

/** Tells whether an SDK or network error may go away if the same request is sent again. */
export function isRetryableSdkError(error: unknown): boolean {
  const shape = shapeOf(error);
  const status = shape.$metadata?.httpStatusCode;
  return (
    (typeof shape.name === 'string' && RETRYABLE_NAMES.has(shape.name)) ||
    RETRYABLE_CODES.has(nodeCodeOf(shape) ?? '') ||
    (typeof shape.$retryable === 'object' && shape.$retryable !== null) ||
    (typeof status === 'number' && status >= 500)
  );
}

/**
 * Wraps an error thrown by the SDK into an OrderStoreUnavailableError, keeping it as `cause`.
 *
 * Errors that are already OrderStoreErrors pass through unchanged. The message names the
 * operation and the error code only: SDK messages may quote request contents.
 */
export function toUnavailableError(
  error: unknown,
  operation: OrderStoreOperation,
): OrderStoreError {
  if (error instanceof OrderStoreError) {
    return error;
  }
  const shape = shapeOf(error);
  const name = typeof shape.name === 'string' ? shape.name : undefined;
  const nodeCode = nodeCodeOf(shape);
  // Network errors surface as a plain Error whose `code` says more than its name.
  const code = nodeCode !== undefined && (name === undefined || name === 'Error') ? nodeCode : name;
  const status = shape.$metadata?.httpStatusCode;
  const statusCode = typeof status === 'number' ? status : undefined;
  const retryable = isRetryableSdkError(error);
  const detail = [code, statusCode === undefined ? undefined : `HTTP ${statusCode}`]
    .filter((part) => part !== undefined)
    .join(', ');
  return new OrderStoreUnavailableError(
    `order store ${operation} failed${detail === '' ? '' : ` (${detail})`}${
      retryable ? '; retryable' : ''
    }`,
    { operation, retryable, code, statusCode },
    { cause: error },
  );
}
