import { AmazonPayError } from '../errors';
import type { BuyerApiOperation } from './BuyerApiOperation';

/** What went wrong in a Buyer ID or Buyer Address call: the `kind` of every `BuyerApiError`. */
export const BuyerApiErrorKind = {
  InvalidCall: 'invalidCall',
  Permission: 'permission',
  NotFound: 'notFound',
  Throttled: 'throttled',
  Unavailable: 'unavailable',
  Request: 'request',
  Timeout: 'timeout',
  Network: 'network',
  MalformedResponse: 'malformedResponse',
} as const;
export type BuyerApiErrorKind = (typeof BuyerApiErrorKind)[keyof typeof BuyerApiErrorKind];

/**
 * Base class of the failures of a Buyer ID or Buyer Address call; `kind` tells them apart.
 *
 * No message or field of these errors holds the access token, the sandbox email, the seller id or
 * the text of an answer body, so they can be logged as they are.
 */
export abstract class BuyerApiError extends AmazonPayError {
  // Optional fields are `declare`d, so they are absent (not undefined) when unknown.
  abstract readonly kind: BuyerApiErrorKind;
  readonly operation: BuyerApiOperation;
  /** The HTTP status of the answer, when one was read. */
  declare readonly status?: number;

  constructor(
    message: string,
    operation: BuyerApiOperation,
    status: number | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'BuyerApiError';
    this.operation = operation;
    if (status !== undefined) this.status = status;
  }
}

/**
 * The call was refused before anything was sent: the seller id is empty, or the token or sandbox
 * email is empty or has characters a header value cannot carry (spaces, line breaks, non-ASCII).
 */
export class BuyerApiValidationError extends BuyerApiError {
  readonly kind = BuyerApiErrorKind.InvalidCall;
  readonly field: 'apiAccessToken' | 'sellerId' | 'sandbox.customerEmail';

  constructor(
    operation: BuyerApiOperation,
    field: BuyerApiValidationError['field'],
    options?: ErrorOptions,
  ) {
    super(
      `${operation}: ${field} must be a non-empty string` +
        (field === 'sellerId' ? '' : ' of visible ASCII characters') +
        '; nothing was sent',
      operation,
      undefined,
      options,
    );
    this.name = 'BuyerApiValidationError';
    this.field = field;
  }
}

/** The facts of an error answer: its status and, when it names one, Amazon's reason code. */
export type BuyerApiErrorAnswer = {
  readonly status: number;
  readonly reasonCode?: string;
};

/** Base class of the errors for an answer with a non-2xx status. */
export abstract class BuyerApiStatusError extends BuyerApiError {
  declare readonly status: number;
  /** Amazon's `reasonCode`, when the error body had a code-like one. */
  declare readonly reasonCode?: string;

  constructor(operation: BuyerApiOperation, answer: BuyerApiErrorAnswer, options?: ErrorOptions) {
    super(
      `${operation} answered HTTP ${answer.status}` +
        (answer.reasonCode === undefined ? '' : ` ${answer.reasonCode}`),
      operation,
      answer.status,
      options,
    );
    this.name = 'BuyerApiStatusError';
    if (answer.reasonCode !== undefined) this.reasonCode = answer.reasonCode;
  }
}

/**
 * Amazon refused the token or the skill lacks the permission (401, 403).
 *
 * For Buyer Address, the customer may not have granted `payments:autopay_consent`.
 */
export class BuyerApiPermissionError extends BuyerApiStatusError {
  readonly kind = BuyerApiErrorKind.Permission;

  constructor(operation: BuyerApiOperation, answer: BuyerApiErrorAnswer, options?: ErrorOptions) {
    super(operation, answer, options);
    this.name = 'BuyerApiPermissionError';
  }
}

/** Amazon knows no such buyer or resource (404). */
export class BuyerApiNotFoundError extends BuyerApiStatusError {
  readonly kind = BuyerApiErrorKind.NotFound;

  constructor(operation: BuyerApiOperation, answer: BuyerApiErrorAnswer, options?: ErrorOptions) {
    super(operation, answer, options);
    this.name = 'BuyerApiNotFoundError';
  }
}

/** Amazon throttled the call (429); `retryAfterSeconds` is set when `Retry-After` was a number. */
export class BuyerApiThrottledError extends BuyerApiStatusError {
  readonly kind = BuyerApiErrorKind.Throttled;
  declare readonly retryAfterSeconds?: number;

  constructor(
    operation: BuyerApiOperation,
    answer: BuyerApiErrorAnswer & { readonly retryAfterSeconds?: number },
    options?: ErrorOptions,
  ) {
    super(operation, answer, options);
    this.name = 'BuyerApiThrottledError';
    if (answer.retryAfterSeconds !== undefined) this.retryAfterSeconds = answer.retryAfterSeconds;
  }
}

/** Amazon failed on its side (5xx). */
export class BuyerApiUnavailableError extends BuyerApiStatusError {
  readonly kind = BuyerApiErrorKind.Unavailable;

  constructor(operation: BuyerApiOperation, answer: BuyerApiErrorAnswer, options?: ErrorOptions) {
    super(operation, answer, options);
    this.name = 'BuyerApiUnavailableError';
  }
}

/** Any other non-2xx answer (400, 405, a redirect): the request itself is at fault. */
export class BuyerApiRequestError extends BuyerApiStatusError {
  readonly kind = BuyerApiErrorKind.Request;

  constructor(operation: BuyerApiOperation, answer: BuyerApiErrorAnswer, options?: ErrorOptions) {
    super(operation, answer, options);
    this.name = 'BuyerApiRequestError';
  }
}

/**
 * The call did not finish in time and was aborted, connection, headers and body included.
 *
 * `trigger` says why: `deadline` for the client's own `timeoutMs`, `callerSignal` when the
 * caller's `AbortSignal` aborted first (the caller's own deadline, as a rule). Both are one kind,
 * `timeout`, because both mean "no answer in time".
 */
export class BuyerApiTimeoutError extends BuyerApiError {
  readonly kind = BuyerApiErrorKind.Timeout;
  readonly timeoutMs: number;
  readonly trigger: 'deadline' | 'callerSignal';

  constructor(
    operation: BuyerApiOperation,
    timeoutMs: number,
    trigger: BuyerApiTimeoutError['trigger'],
    options?: ErrorOptions,
  ) {
    super(
      trigger === 'deadline'
        ? `${operation} got no complete answer within ${timeoutMs} ms`
        : `${operation} was aborted by the caller`,
      operation,
      undefined,
      options,
    );
    this.name = 'BuyerApiTimeoutError';
    this.timeoutMs = timeoutMs;
    this.trigger = trigger;
  }
}

/** The connection failed before an answer was read (refused, reset, DNS). */
export class BuyerApiNetworkError extends BuyerApiError {
  readonly kind = BuyerApiErrorKind.Network;

  constructor(operation: BuyerApiOperation, options?: ErrorOptions) {
    super(`${operation} could not reach Amazon Pay`, operation, undefined, options);
    this.name = 'BuyerApiNetworkError';
  }
}

/**
 * A 2xx answer could not be read: too big, not UTF-8 JSON, or not the documented shape.
 *
 * `problem` says what, without echoing any value of the body.
 */
export class BuyerApiMalformedResponseError extends BuyerApiError {
  readonly kind = BuyerApiErrorKind.MalformedResponse;
  declare readonly status: number;
  readonly problem: string;

  constructor(
    operation: BuyerApiOperation,
    status: number,
    problem: string,
    options?: ErrorOptions,
  ) {
    super(
      `${operation} answered HTTP ${status} with an unreadable body: ${problem}`,
      operation,
      status,
      options,
    );
    this.name = 'BuyerApiMalformedResponseError';
    this.problem = problem;
  }
}

/** Every concrete `BuyerApiError`, for an exhaustive `switch (error.kind)`. */
export type KnownBuyerApiError =
  | BuyerApiValidationError
  | BuyerApiPermissionError
  | BuyerApiNotFoundError
  | BuyerApiThrottledError
  | BuyerApiUnavailableError
  | BuyerApiRequestError
  | BuyerApiTimeoutError
  | BuyerApiNetworkError
  | BuyerApiMalformedResponseError;

/** Tells whether a caught value is one of the Buyer API errors, narrowed for a switch on `kind`. */
export function isBuyerApiError(value: unknown): value is KnownBuyerApiError {
  return value instanceof BuyerApiError;
}

/**
 * The client's options are unusable (an origin that is not one, a non-positive timeout).
 *
 * A programming or configuration error raised by the constructor, not a call failure, so it is
 * not a `BuyerApiError` and has no `operation`.
 */
export class BuyerApiConfigError extends AmazonPayError {
  readonly field: 'originOverride' | 'timeoutMs';

  constructor(message: string, field: BuyerApiConfigError['field'], options?: ErrorOptions) {
    super(`${field}: ${message}`, options);
    this.name = 'BuyerApiConfigError';
    this.field = field;
  }
}
