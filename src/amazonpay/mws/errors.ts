import { AmazonPayError } from '../errors';
import type { MwsOperation } from './types';

/**
 * Base class of errors raised by the MWS client and its credential loader.
 *
 * No message, field or cause of these errors ever holds the secret key or a request's parameters.
 */
export class MwsError extends AmazonPayError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MwsError';
  }
}

/** A request broke a documented MWS rule and was not sent; `field` names the request field. */
export class MwsValidationError extends MwsError {
  readonly field: string;

  constructor(message: string, field: string, options?: ErrorOptions) {
    super(`${field}: ${message}`, options);
    this.name = 'MwsValidationError';
    this.field = field;
  }
}

/** The MWS credentials are missing or unusable; `variable` names the setting at fault. */
export class MwsCredentialsError extends MwsError {
  readonly variable: string;

  constructor(message: string, variable: string, options?: ErrorOptions) {
    super(`${variable}: ${message}`, options);
    this.name = 'MwsCredentialsError';
    this.variable = variable;
  }
}

/** Where a failed call stood: the operation, how many requests were sent, and what is known. */
export type MwsCallContext = {
  readonly operation: MwsOperation;
  readonly attempts: number;
  /**
   * True when Amazon may have carried the request out although no success was read (timeout,
   * lost connection, 5xx, unreadable answer): resend it later with the same reference id, never a
   * new one.
   */
  readonly outcomeUnknown: boolean;
};

/** Base class of the failures of a call that was attempted; carries its `MwsCallContext`. */
export class MwsCallError extends MwsError {
  readonly operation: MwsOperation;
  readonly attempts: number;
  readonly outcomeUnknown: boolean;

  constructor(message: string, context: MwsCallContext, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MwsCallError';
    this.operation = context.operation;
    this.attempts = context.attempts;
    this.outcomeUnknown = context.outcomeUnknown;
  }
}

/** The fields of an MWS `ErrorResponse` body, and the HTTP status it came with. */
export type MwsErrorDetails = {
  readonly statusCode: number;
  readonly code?: string;
  readonly errorType?: string;
  readonly amazonMessage?: string;
  readonly requestId?: string;
};

/**
 * MWS answered with an error status; base of the client, server and throttling errors.
 *
 * See https://developer.amazon.com/docs/eu/amazon-pay-api/error-codes.html for the codes.
 */
export class MwsServiceError extends MwsCallError {
  readonly statusCode: number;
  readonly code: string | undefined;
  readonly errorType: string | undefined;
  readonly amazonMessage: string | undefined;
  readonly requestId: string | undefined;

  constructor(details: MwsErrorDetails, context: MwsCallContext, options?: ErrorOptions) {
    super(
      `${context.operation} failed with HTTP ${details.statusCode}` +
        (details.code === undefined ? '' : ` ${details.code}`) +
        (details.amazonMessage === undefined ? '' : `: ${details.amazonMessage}`),
      context,
      options,
    );
    this.name = 'MwsServiceError';
    this.statusCode = details.statusCode;
    this.code = details.code;
    this.errorType = details.errorType;
    this.amazonMessage = details.amazonMessage;
    this.requestId = details.requestId;
  }
}

/**
 * MWS refused the request (4xx with an `Error/Code`): never retried, fix the request or the state.
 *
 * Amazon did not carry the request out, so `outcomeUnknown` is false.
 */
export class MwsClientError extends MwsServiceError {
  constructor(details: MwsErrorDetails, context: MwsCallContext, options?: ErrorOptions) {
    super(details, context, options);
    this.name = 'MwsClientError';
  }
}

/** MWS failed on its side (5xx); 500 and 503 were retried with the same parameters first. */
export class MwsServerError extends MwsServiceError {
  constructor(details: MwsErrorDetails, context: MwsCallContext, options?: ErrorOptions) {
    super(details, context, options);
    this.name = 'MwsServerError';
  }
}

/** MWS throttled the request (503 `RequestThrottled`) on every attempt the deadline allowed. */
export class MwsThrottledError extends MwsServerError {
  constructor(details: MwsErrorDetails, context: MwsCallContext, options?: ErrorOptions) {
    super(details, context, options);
    this.name = 'MwsThrottledError';
  }
}

/** No answer arrived before the deadline; the request is aborted and its outcome unknown. */
export class MwsTimeoutError extends MwsCallError {
  readonly timeoutMs: number;

  constructor(message: string, timeoutMs: number, context: MwsCallContext, options?: ErrorOptions) {
    super(message, context, options);
    this.name = 'MwsTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** The connection failed before an answer was read (refused, reset, DNS). */
export class MwsNetworkError extends MwsCallError {
  constructor(message: string, context: MwsCallContext, options?: ErrorOptions) {
    super(message, context, options);
    this.name = 'MwsNetworkError';
  }
}

/**
 * The answer could not be read: not XML, not the documented shape, or a field we must act on is
 * missing. `problem` says what, without echoing values.
 */
export class MwsMalformedResponseError extends MwsCallError {
  readonly statusCode: number;
  readonly problem: string;

  constructor(
    statusCode: number,
    problem: string,
    context: MwsCallContext,
    options?: ErrorOptions,
  ) {
    super(
      `${context.operation} answered HTTP ${statusCode} with an unreadable body: ${problem}`,
      context,
      options,
    );
    this.name = 'MwsMalformedResponseError';
    this.statusCode = statusCode;
    this.problem = problem;
  }
}
