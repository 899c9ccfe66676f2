import type { ParseResult } from '../mws/parseResponses';
import type { BuyerAddresses } from './BuyerAddresses';
import { BuyerApiOperation } from './BuyerApiOperation';
import { resolveBuyerApiOrigin } from './buyerApiOrigin';
import type { BuyerId } from './BuyerId';
import {
  BUYER_ADDRESSES_LIVE_PATH,
  BUYER_ADDRESSES_SANDBOX_PATH,
  BUYER_ID_PATH,
  DEFAULT_BUYER_API_TIMEOUT_MS,
  MAX_BUYER_API_BODY_BYTES,
  SANDBOX_EMAIL_HEADER,
} from './constants';
import type { BuyerApiErrorAnswer, BuyerApiStatusError } from './errors';
import {
  BuyerApiConfigError,
  BuyerApiMalformedResponseError,
  BuyerApiNetworkError,
  BuyerApiNotFoundError,
  BuyerApiPermissionError,
  BuyerApiRequestError,
  BuyerApiThrottledError,
  BuyerApiTimeoutError,
  BuyerApiUnavailableError,
  BuyerApiValidationError,
} from './errors';
import {
  parseBuyerAddressesBody,
  parseBuyerApiReasonCode,
  parseBuyerIdBody,
} from './parseBuyerResponses';
import type { ResponseTextResult } from './readResponseText';
import { readResponseText } from './readResponseText';

/** The HTTP function the client uses; Node's global `fetch` is the default. */
export type BuyerApiFetch = typeof fetch;

/** Injected dependencies and tuning of a `BuyerApiClient`; every one has a production default. */
export type BuyerApiClientOptions = {
  /** Defaults to `globalThis.fetch`, looked up at each call. */
  readonly fetch?: BuyerApiFetch;
  /**
   * Replaces the origin chosen from `apiEndpoint`, e.g. `http://127.0.0.1:4567` for the loopback
   * stand-in. The caller only passes it outside Lambda.
   */
  readonly originOverride?: string;
  /** The deadline of one call, default 1500 ms; it covers the connection, headers AND body. */
  readonly timeoutMs?: number;
};

/** What every call needs from the Alexa request, plus the caller's own cancellation. */
export type BuyerApiCall = {
  /** `context.System.apiEndpoint`: chooses the Amazon Pay host. */
  readonly apiEndpoint: string | undefined;
  /** `context.System.apiAccessToken`, sent as `Authorization: Bearer`. Never logged. */
  readonly apiAccessToken: string;
  /** Aborts the call early; combined with the client's deadline. */
  readonly signal?: AbortSignal;
};

/** A Buyer Address call: the seller, and the sandbox buyer when the skill runs in sandbox. */
export type BuyerAddressesCall = BuyerApiCall & {
  readonly sellerId: string;
  /** Given only in sandbox: selects the `sandbox` path and names the sandbox buyer. */
  readonly sandbox?: { readonly customerEmail: string };
};

// Header values must be printable ASCII: anything else would make fetch throw with the value in
// its message.
const HEADER_TOKEN_PATTERN = /^[\x21-\x7e]+$/;
const RETRY_AFTER_PATTERN = /^\d{1,9}$/;
const MAX_TIMER_MS = 2_147_483_647;

function toOrigin(value: string): string {
  if (!URL.canParse(value)) throw new BuyerApiConfigError('is not a URL', 'originOverride');
  const url = new URL(value);
  if (!['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search !== '') {
    throw new BuyerApiConfigError('must be an http(s) origin without a path', 'originOverride');
  }
  return url.origin;
}

function toTimeoutMs(value: number): number {
  if (!Number.isFinite(value) || value <= 0 || value > MAX_TIMER_MS) {
    throw new BuyerApiConfigError('must be a positive number of milliseconds', 'timeoutMs');
  }
  return value;
}

function isHeaderToken(value: unknown): value is string {
  return typeof value === 'string' && HEADER_TOKEN_PATTERN.test(value);
}

function toStatusError(
  operation: BuyerApiOperation,
  response: Response,
  reasonCode: string | undefined,
): BuyerApiStatusError {
  const { status } = response;
  const answer: BuyerApiErrorAnswer = {
    status,
    ...(reasonCode === undefined ? {} : { reasonCode }),
  };
  if (status === 401 || status === 403) return new BuyerApiPermissionError(operation, answer);
  if (status === 404) return new BuyerApiNotFoundError(operation, answer);
  if (status === 429) {
    const retryAfter = response.headers.get('retry-after')?.trim() ?? '';
    return new BuyerApiThrottledError(operation, {
      ...answer,
      ...(RETRY_AFTER_PATTERN.test(retryAfter) ? { retryAfterSeconds: Number(retryAfter) } : {}),
    });
  }
  if (status >= 500 && status <= 599) return new BuyerApiUnavailableError(operation, answer);
  return new BuyerApiRequestError(operation, answer);
}

/**
 * A typed client of the Amazon Pay for Alexa Buyer ID and Buyer Address APIs.
 *
 * The host follows `context.System.apiEndpoint` (NA, EU/UK, FE; unknown gives NA). Every call has
 * one deadline for connecting, the headers and the whole body, so a stuck server cannot hold the
 * Alexa turn; the caller's `AbortSignal` can end it sooner. Answers are parsed from unknown JSON
 * into typed results; failures are `BuyerApiError`s whose messages hold no token, email, seller id
 * or body text. Calls are never retried: the turn has no time for it. See amazon-pay-protocol.md
 * section 7 and https://developer.amazon.com/docs/amazon-pay-alexa/amazon-pay-apis-for-alexa.html.
 *
 * @example
 * const client = new BuyerApiClient();
 * const { apiEndpoint, apiAccessToken } = requestEnvelope.context.System;
 * const { buyerId } = await client.getBuyerId({ apiEndpoint, apiAccessToken });
 * const found = await client.getBuyerAddresses({ apiEndpoint, apiAccessToken, sellerId });
 * const shipTo = findDefaultShippingAddress(found);
 */
export class BuyerApiClient {
  readonly #fetch: BuyerApiFetch;
  readonly #originOverride: string | undefined;
  readonly #timeoutMs: number;

  constructor(options: BuyerApiClientOptions = {}) {
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#originOverride =
      options.originOverride === undefined ? undefined : toOrigin(options.originOverride);
    this.#timeoutMs = toTimeoutMs(options.timeoutMs ?? DEFAULT_BUYER_API_TIMEOUT_MS);
  }

  /**
   * Asks for the buyer's id: `GET {origin}/live/v1/buyer/id`, always `live` (sandbox skills too).
   * An unusable token rejects with `BuyerApiValidationError` before anything is sent.
   * See https://developer.amazon.com/docs/amazon-pay-alexa/amazon-pay-apis-for-alexa.html#buyer_id.
   */
  async getBuyerId(call: BuyerApiCall): Promise<BuyerId> {
    const operation = BuyerApiOperation.BuyerId;
    this.checkToken(operation, call);
    return await this.send(operation, call, BUYER_ID_PATH, {}, parseBuyerIdBody);
  }

  /**
   * Asks for the buyer's addresses:
   * `GET {origin}/{live|sandbox}/v1/buyer/addresses?sellerId=<URL-encoded>`, with the
   * `x-amz-pay-sandbox-email-id` header only when `sandbox` is given. Needs the customer's
   * `payments:autopay_consent`. An unusable token, seller id or sandbox email rejects with
   * `BuyerApiValidationError` before anything is sent. Pick the shipping address with `findDefaultShippingAddress`. See
   * https://developer.amazon.com/docs/amazon-pay-alexa/amazon-pay-apis-for-alexa.html#buyer_address.
   */
  async getBuyerAddresses(call: BuyerAddressesCall): Promise<BuyerAddresses> {
    const operation = BuyerApiOperation.BuyerAddress;
    this.checkToken(operation, call);
    const sellerId: unknown = call.sellerId;
    if (typeof sellerId !== 'string' || sellerId.trim() === '') {
      throw new BuyerApiValidationError(operation, 'sellerId');
    }
    const headers: Record<string, string> = {};
    if (call.sandbox !== undefined) {
      if (!isHeaderToken(call.sandbox.customerEmail)) {
        throw new BuyerApiValidationError(operation, 'sandbox.customerEmail');
      }
      headers[SANDBOX_EMAIL_HEADER] = call.sandbox.customerEmail;
    }
    const path =
      call.sandbox === undefined ? BUYER_ADDRESSES_LIVE_PATH : BUYER_ADDRESSES_SANDBOX_PATH;
    return await this.send(
      operation,
      call,
      `${path}?sellerId=${encodeURIComponent(sellerId)}`,
      headers,
      parseBuyerAddressesBody,
    );
  }

  private checkToken(operation: BuyerApiOperation, call: BuyerApiCall): void {
    if (!isHeaderToken(call.apiAccessToken)) {
      throw new BuyerApiValidationError(operation, 'apiAccessToken');
    }
  }

  private async send<T>(
    operation: BuyerApiOperation,
    call: BuyerApiCall,
    pathAndQuery: string,
    extraHeaders: Readonly<Record<string, string>>,
    parse: (body: unknown) => ParseResult<T>,
  ): Promise<T> {
    const timeoutMs = this.#timeoutMs;
    if (call.signal?.aborted === true) {
      throw new BuyerApiTimeoutError(operation, timeoutMs, 'callerSignal');
    }
    const origin = this.#originOverride ?? resolveBuyerApiOrigin(call.apiEndpoint);
    const controller = new AbortController();
    let trigger: BuyerApiTimeoutError['trigger'] | undefined;
    let rejectAborted: (reason: Error) => void = () => undefined;
    // Raced against every await, so the deadline holds even if fetch or the body ignores the signal.
    const aborted = new Promise<never>((_, reject) => {
      rejectAborted = reject;
    });
    aborted.catch(() => undefined);
    const abort = (why: BuyerApiTimeoutError['trigger']): void => {
      if (trigger !== undefined) return;
      trigger = why;
      const reason = new DOMException(`The ${operation} call was aborted`, 'AbortError');
      controller.abort(reason);
      rejectAborted(reason);
    };
    const timer = setTimeout(() => abort('deadline'), timeoutMs);
    const onCallerAbort = (): void => abort('callerSignal');
    call.signal?.addEventListener('abort', onCallerAbort, { once: true });
    // A failed fetch or body read after an abort is the abort; before one, the network.
    const failure = (cause: unknown): BuyerApiTimeoutError | BuyerApiNetworkError =>
      trigger === undefined
        ? new BuyerApiNetworkError(operation, { cause })
        : new BuyerApiTimeoutError(operation, timeoutMs, trigger, { cause });
    try {
      let response: Response;
      try {
        response = await Promise.race([
          this.#fetch(`${origin}${pathAndQuery}`, {
            method: 'GET',
            headers: {
              accept: 'application/json',
              authorization: `Bearer ${call.apiAccessToken}`,
              ...extraHeaders,
            },
            redirect: 'manual',
            signal: controller.signal,
          }),
          aborted,
        ]);
      } catch (error) {
        throw failure(error);
      }
      if (response.status < 200 || response.status > 299) {
        throw toStatusError(operation, response, await this.readReasonCode(response, aborted));
      }
      let read: ResponseTextResult;
      try {
        read = await readResponseText(response, MAX_BUYER_API_BODY_BYTES, aborted);
      } catch (error) {
        throw failure(error);
      }
      if (!read.ok) {
        throw new BuyerApiMalformedResponseError(
          operation,
          response.status,
          read.problem === 'tooLarge'
            ? `the body is over ${MAX_BUYER_API_BODY_BYTES} bytes`
            : 'the body is not UTF-8',
        );
      }
      let json: unknown;
      try {
        json = JSON.parse(read.text);
      } catch {
        // JSON.parse's message quotes the body, so it is not kept as the cause.
        throw new BuyerApiMalformedResponseError(
          operation,
          response.status,
          'the body is not JSON',
        );
      }
      const parsed = parse(json);
      if (!parsed.ok) {
        throw new BuyerApiMalformedResponseError(operation, response.status, parsed.problem);
      }
      return parsed.value;
    } finally {
      clearTimeout(timer);
      call.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /** Reads a code-like `reasonCode` from an error answer; any failure to read just gives none. */
  private async readReasonCode(
    response: Response,
    aborted: Promise<never>,
  ): Promise<string | undefined> {
    try {
      const read = await readResponseText(response, MAX_BUYER_API_BODY_BYTES, aborted);
      return read.ok ? parseBuyerApiReasonCode(JSON.parse(read.text)) : undefined;
    } catch {
      return undefined;
    }
  }
}
