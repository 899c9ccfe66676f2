import { inspect } from 'node:util';
import type { AmazonPayRegion } from '../regions';
import type { BackoffPolicy } from './backoff';
import { computeBackoffDelayMs, DEFAULT_BACKOFF_POLICY } from './backoff';
import type { ThrottleQuota } from './constants';
import {
  MWS_API_VERSION,
  MWS_HOST_OF_REGION,
  MWS_SIGNATURE_METHOD,
  MWS_SIGNATURE_VERSION,
  MWS_THROTTLE_QUOTAS,
} from './constants';
import type { MwsEndpoint } from './endpoint';
import { resolveMwsEndpoint } from './endpoint';
import type { MwsCallContext } from './errors';
import {
  MwsClientError,
  MwsMalformedResponseError,
  MwsNetworkError,
  MwsServerError,
  MwsThrottledError,
  MwsTimeoutError,
  MwsValidationError,
} from './errors';
import type { MwsCredentials } from './loadMwsCredentials';
import type { ParseResult } from './parseResponses';
import {
  parseAuthorizeOnBillingAgreementResponse,
  parseCloseBillingAgreementResponse,
  parseGetAuthorizationDetailsResponse,
  parseGetBillingAgreementDetailsResponse,
  parseGetCaptureDetailsResponse,
  parseGetRefundDetailsResponse,
  parseMwsErrorBody,
  parseMwsXml,
  parseRefundResponse,
} from './parseResponses';
import {
  buildAuthorizeOnBillingAgreementParameters,
  buildCloseBillingAgreementParameters,
  buildGetAuthorizationDetailsParameters,
  buildGetBillingAgreementDetailsParameters,
  buildGetCaptureDetailsParameters,
  buildGetRefundDetailsParameters,
  buildRefundParameters,
} from './requestParameters';
import type { MwsParameters } from './signatureV2';
import { buildFormBody, buildStringToSign, computeSignature } from './signatureV2';
import { TokenBucket } from './TokenBucket';
import type {
  AuthorizeOnBillingAgreementRequest,
  AuthorizeOnBillingAgreementResult,
  CloseBillingAgreementRequest,
  CloseBillingAgreementResult,
  GetAuthorizationDetailsRequest,
  GetAuthorizationDetailsResult,
  GetBillingAgreementDetailsRequest,
  GetBillingAgreementDetailsResult,
  GetCaptureDetailsRequest,
  GetCaptureDetailsResult,
  GetRefundDetailsRequest,
  GetRefundDetailsResult,
  RefundRequest,
  RefundResult,
} from './types';
import { MwsErrorCode, MwsOperation } from './types';

/**
 * What an MWS client is for: a seller's key pair, its seller id (merchant id), its region and
 * whether it talks to the sandbox. `mwsAuthToken` is only for a solution provider acting for the
 * seller.
 */
export type MwsClientConfig = MwsCredentials & {
  readonly sellerId: string;
  readonly region: AmazonPayRegion;
  readonly sandbox: boolean;
  readonly mwsAuthToken?: string;
};

/** The part of `fetch`'s init the client passes. */
export type MwsFetchInit = {
  readonly method: 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly signal: AbortSignal;
};

/** The part of a `fetch` response the client reads. */
export type MwsFetchResponse = {
  readonly status: number;
  text(): Promise<string>;
};

/** The HTTP function the client uses; Node's global `fetch` is one. */
export type MwsFetch = (url: string, init: MwsFetchInit) => Promise<MwsFetchResponse>;

/** Where the client reports retries: ids of ours, statuses and Amazon's codes only. */
export type MwsLogger = {
  warn(
    message: string,
    fields?: Readonly<Record<string, string | number | boolean | undefined>>,
  ): void;
};

/** Injected dependencies and tuning of an `MwsClient`; every one has a production default. */
export type MwsClientOptions = {
  /**
   * Sends requests to this origin (e.g. `http://127.0.0.1:4567`, the loopback stand-in) instead of
   * the region's host. The string to sign keeps the region's MWS host and path.
   */
  readonly endpointOrigin?: string;
  readonly fetch?: MwsFetch;
  /** The clock, in epoch milliseconds: request timestamps, deadlines and pacing. */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) for backoff jitter. */
  readonly random?: () => number;
  /** How long one HTTP request may take (default 10 s). */
  readonly attemptTimeoutMs?: number;
  /** How long a call may take in all, pacing, retries and backoff included (default 30 s). */
  readonly deadlineMs?: number;
  /** How many times a 500 or 503 answer is retried (default 3, as the official SDKs). */
  readonly maxRetries?: number;
  readonly backoff?: BackoffPolicy;
  /**
   * Client-side throttle pacing: `true` (default) uses the documented quotas of each operation,
   * `false` turns it off, an object overrides the quotas of some operations.
   */
  readonly pacing?: boolean | Partial<Readonly<Record<MwsOperation, ThrottleQuota>>>;
  readonly logger?: MwsLogger;
  readonly userAgent?: string;
};

/** Per-call tuning. */
export type MwsCallOptions = {
  /** Overrides the client's `deadlineMs` for this call, e.g. with a Lambda's remaining time. */
  readonly deadlineMs?: number;
};

const DEFAULT_ATTEMPT_TIMEOUT_MS = 10_000;
const DEFAULT_DEADLINE_MS = 30_000;
const DEFAULT_MAX_RETRIES = 3;
const DEFAULT_USER_AGENT = 'amazon-pay-voice-shop/0.1 (Language=TypeScript)';

/** Formats a time as the `Timestamp` parameter, UTC to the second: `2015-12-31T23:59:58Z`. */
export function toMwsTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Only 500 and 503 are retried, as in the official SDKs (fact sheet section 2). */
function isRetryableStatus(statusCode: number): boolean {
  return statusCode === 500 || statusCode === 503;
}

/** Refuses an answer about another reference id than the one sent: it cannot be ours. */
function echoProblem(echoed: string, sent: string, field: string): string | undefined {
  return echoed === sent ? undefined : `${field} differs from the one sent`;
}

function sleepFor(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function checkConfig(config: MwsClientConfig): void {
  for (const field of ['accessKeyId', 'secretKey', 'sellerId'] as const) {
    const value: unknown = config[field];
    if (typeof value !== 'string' || value === '') {
      throw new MwsValidationError('must be a non-empty string', field);
    }
  }
  if (!Object.prototype.hasOwnProperty.call(MWS_HOST_OF_REGION, config.region)) {
    throw new MwsValidationError('must be NA, EU, UK or FE', 'region');
  }
}

function toOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch (error) {
    throw new MwsValidationError('is not a URL', 'endpointOrigin', { cause: error });
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search !== '') {
    throw new MwsValidationError('must be an http(s) origin without a path', 'endpointOrigin');
  }
  return url.origin;
}

/**
 * A typed client of the Amazon Pay MWS API for charging stored billing agreements and refunding.
 *
 * Every call is signed with Signature Version 2, posted form-encoded, bounded by a deadline,
 * paced by a token bucket per operation, and retried with exponential backoff and jitter on
 * 500 and 503 only, each time with the same operation parameters (same reference id) and a
 * fresh timestamp and signature. Answers are parsed from XML into typed results; failures are
 * `MwsError`s. The secret key is held in a closure and never appears in `JSON.stringify`,
 * `String()` or `util.inspect` of the client, nor in its errors or log lines.
 *
 * @example
 * const config = { ...credentials, sellerId: 'A1EXAMPLE', region: 'NA', sandbox: true } as const;
 * const client = new MwsClient(config);
 * const { authorization } = await client.authorizeOnBillingAgreement({
 *   amazonBillingAgreementId: 'C01-1234567-1234567',
 *   authorizationReferenceId: 'sub-42-2015-12',
 *   authorizationAmount: { amountMinor: 999, currency: 'USD' },
 *   captureNow: true,
 *   transactionTimeoutMinutes: 0,
 * });
 */
export class MwsClient {
  readonly region: AmazonPayRegion;
  readonly sandbox: boolean;
  readonly sellerId: string;
  readonly endpoint: MwsEndpoint;

  readonly #sign: (stringToSign: string) => string;
  readonly #commonParameters: MwsParameters;
  readonly #url: string;
  readonly #fetch: MwsFetch;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #random: () => number;
  readonly #attemptTimeoutMs: number;
  readonly #deadlineMs: number;
  readonly #maxRetries: number;
  readonly #backoff: BackoffPolicy;
  readonly #quotas: Readonly<Record<MwsOperation, ThrottleQuota>> | undefined;
  readonly #buckets = new Map<MwsOperation, TokenBucket>();
  readonly #logger: MwsLogger | undefined;
  readonly #userAgent: string;

  constructor(config: MwsClientConfig, options: MwsClientOptions = {}) {
    checkConfig(config);
    this.region = config.region;
    this.sandbox = config.sandbox;
    this.sellerId = config.sellerId;
    this.endpoint = resolveMwsEndpoint(config.region, config.sandbox);
    // The key lives only in this closure: no field of the client holds it.
    const secretKey = config.secretKey;
    this.#sign = (stringToSign) => computeSignature(stringToSign, secretKey);
    this.#commonParameters = {
      AWSAccessKeyId: config.accessKeyId,
      SellerId: config.sellerId,
      SignatureMethod: MWS_SIGNATURE_METHOD,
      SignatureVersion: MWS_SIGNATURE_VERSION,
      Version: MWS_API_VERSION,
      ...(config.mwsAuthToken === undefined ? {} : { MWSAuthToken: config.mwsAuthToken }),
    };
    this.#url =
      options.endpointOrigin === undefined
        ? this.endpoint.url
        : `${toOrigin(options.endpointOrigin)}${this.endpoint.path}`;
    this.#fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? sleepFor;
    this.#random = options.random ?? Math.random;
    this.#attemptTimeoutMs = options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
    this.#deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    this.#maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    this.#backoff = options.backoff ?? DEFAULT_BACKOFF_POLICY;
    const pacing = options.pacing ?? true;
    const documented = MWS_THROTTLE_QUOTAS[config.sandbox ? 'sandbox' : 'production'];
    this.#quotas =
      pacing === false ? undefined : pacing === true ? documented : { ...documented, ...pacing };
    this.#logger = options.logger;
    this.#userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  }

  /**
   * Reads a billing agreement: its state, constraints and monthly limit (remaining balance).
   * See https://developer.amazon.com/docs/eu/amazon-pay-api/getbillingagreementdetails.html.
   */
  getBillingAgreementDetails(
    request: GetBillingAgreementDetailsRequest,
    options?: MwsCallOptions,
  ): Promise<GetBillingAgreementDetailsResult> {
    return this.call(
      MwsOperation.GetBillingAgreementDetails,
      buildGetBillingAgreementDetailsParameters(request),
      parseGetBillingAgreementDetailsResponse,
      options,
    );
  }

  /**
   * Authorizes (and with `captureNow`, captures) an amount on an Open billing agreement.
   *
   * A decline is a result, not an error: read `authorization.status`. A resend with the same
   * `authorizationReferenceId` and parameters answers the same authorization. See
   * https://developer.amazon.com/docs/eu/amazon-pay-api/authorizeonbillingagreement.html.
   */
  authorizeOnBillingAgreement(
    request: AuthorizeOnBillingAgreementRequest,
    options?: MwsCallOptions,
  ): Promise<AuthorizeOnBillingAgreementResult> {
    return this.call(
      MwsOperation.AuthorizeOnBillingAgreement,
      buildAuthorizeOnBillingAgreementParameters(request),
      parseAuthorizeOnBillingAgreementResponse,
      options,
      (result) =>
        echoProblem(
          result.authorization.authorizationReferenceId,
          request.authorizationReferenceId,
          'AuthorizationReferenceId',
        ),
    );
  }

  /** Reads an authorization (state, reason code, capture ids). */
  getAuthorizationDetails(
    request: GetAuthorizationDetailsRequest,
    options?: MwsCallOptions,
  ): Promise<GetAuthorizationDetailsResult> {
    return this.call(
      MwsOperation.GetAuthorizationDetails,
      buildGetAuthorizationDetailsParameters(request),
      parseGetAuthorizationDetailsResponse,
      options,
    );
  }

  /** Reads a capture (state, refunded amount, refund ids). */
  getCaptureDetails(
    request: GetCaptureDetailsRequest,
    options?: MwsCallOptions,
  ): Promise<GetCaptureDetailsResult> {
    return this.call(
      MwsOperation.GetCaptureDetails,
      buildGetCaptureDetailsParameters(request),
      parseGetCaptureDetailsResponse,
      options,
    );
  }

  /**
   * Refunds (part of) a capture. The answer is always `Pending`; poll `getRefundDetails` for
   * Completed or Declined. Check `checkRefundAllowed` first. See
   * https://developer.amazon.com/docs/eu/amazon-pay-api/refund.html.
   */
  refund(request: RefundRequest, options?: MwsCallOptions): Promise<RefundResult> {
    return this.call(
      MwsOperation.Refund,
      buildRefundParameters(request),
      parseRefundResponse,
      options,
      (result) =>
        echoProblem(
          result.refund.refundReferenceId,
          request.refundReferenceId,
          'RefundReferenceId',
        ),
    );
  }

  /** Reads a refund (Pending, Completed or Declined with its reason). */
  getRefundDetails(
    request: GetRefundDetailsRequest,
    options?: MwsCallOptions,
  ): Promise<GetRefundDetailsResult> {
    return this.call(
      MwsOperation.GetRefundDetails,
      buildGetRefundDetailsParameters(request),
      parseGetRefundDetailsResponse,
      options,
    );
  }

  /** Closes a billing agreement, e.g. when the customer cancels a subscription. */
  closeBillingAgreement(
    request: CloseBillingAgreementRequest,
    options?: MwsCallOptions,
  ): Promise<CloseBillingAgreementResult> {
    return this.call(
      MwsOperation.CloseBillingAgreement,
      buildCloseBillingAgreementParameters(request),
      parseCloseBillingAgreementResponse,
      options,
    );
  }

  /** Describes the client without any credential. */
  toJSON(): Readonly<Record<string, string | boolean>> {
    return {
      region: this.region,
      sandbox: this.sandbox,
      sellerId: this.sellerId,
      endpoint: this.#url,
    };
  }

  /** Describes the client without any credential. */
  toString(): string {
    const environment = this.sandbox ? 'sandbox' : 'live';
    return `MwsClient(${this.region}, ${environment}, seller ${this.sellerId})`;
  }

  /** What `util.inspect` (and so `console.log`) shows: the same credential-free description. */
  [inspect.custom](): Readonly<Record<string, string | boolean>> {
    return this.toJSON();
  }

  private bucket(operation: MwsOperation): TokenBucket | undefined {
    if (this.#quotas === undefined) return undefined;
    let bucket = this.#buckets.get(operation);
    if (bucket === undefined) {
      bucket = new TokenBucket(this.#quotas[operation], this.#now());
      this.#buckets.set(operation, bucket);
    }
    return bucket;
  }

  private async call<T>(
    operation: MwsOperation,
    operationParameters: MwsParameters,
    parse: (xml: unknown) => ParseResult<T>,
    options: MwsCallOptions | undefined,
    verify?: (value: T) => string | undefined,
  ): Promise<T> {
    const deadlineMs = options?.deadlineMs ?? this.#deadlineMs;
    const startedAt = this.#now();
    const remainingMs = (): number => deadlineMs - (this.#now() - startedAt);
    const context = (attempts: number, outcomeUnknown = attempts > 0): MwsCallContext => ({
      operation,
      attempts,
      outcomeUnknown,
    });
    let attempts = 0;
    for (let retry = 0; ; retry += 1) {
      const bucket = this.bucket(operation);
      if (bucket !== undefined) {
        const waitMs = bucket.reserve(this.#now(), remainingMs());
        if (waitMs === undefined) {
          throw new MwsTimeoutError(
            `${operation} would wait for its throttling quota beyond its ${deadlineMs} ms deadline`,
            deadlineMs,
            context(attempts),
          );
        }
        if (waitMs > 0) await this.#sleep(waitMs);
      }
      const timeoutMs = Math.min(this.#attemptTimeoutMs, remainingMs());
      if (timeoutMs <= 0) {
        throw new MwsTimeoutError(
          `${operation} reached its ${deadlineMs} ms deadline`,
          deadlineMs,
          context(attempts),
        );
      }
      attempts += 1;
      const answer = await this.send(operation, operationParameters, timeoutMs, context(attempts));
      const xml = parseMwsXml(answer.body);
      if (answer.status === 200) {
        if (xml === undefined) {
          throw new MwsMalformedResponseError(200, 'not well-formed XML', context(attempts));
        }
        const parsed = parse(xml);
        if (!parsed.ok) {
          throw new MwsMalformedResponseError(200, parsed.problem, context(attempts));
        }
        const problem = verify?.(parsed.value);
        if (problem !== undefined) {
          throw new MwsMalformedResponseError(200, problem, context(attempts));
        }
        return parsed.value;
      }
      const error = this.toErrorAnswer(answer.status, xml, context(attempts));
      if (
        !(error instanceof MwsServerError) ||
        !isRetryableStatus(error.statusCode) ||
        retry >= this.#maxRetries
      ) {
        throw error;
      }
      if (error instanceof MwsThrottledError) bucket?.drain(this.#now());
      const delayMs = computeBackoffDelayMs(retry, this.#random(), this.#backoff);
      if (delayMs >= remainingMs()) throw error;
      this.#logger?.warn('MWS call retried', {
        operation,
        attempt: attempts,
        statusCode: error.statusCode,
        code: error.code,
        delayMs,
      });
      await this.#sleep(delayMs);
    }
  }

  private toErrorAnswer(
    statusCode: number,
    xml: unknown,
    context: MwsCallContext,
  ): MwsClientError | MwsServerError | MwsMalformedResponseError {
    const body = xml === undefined ? undefined : parseMwsErrorBody(xml);
    const details = {
      statusCode,
      ...(body === undefined
        ? {}
        : {
            code: body.code,
            ...(body.errorType === undefined ? {} : { errorType: body.errorType }),
            ...(body.message === undefined ? {} : { amazonMessage: body.message }),
            ...(body.requestId === undefined ? {} : { requestId: body.requestId }),
          }),
    };
    if (statusCode === 503 && body?.code === MwsErrorCode.RequestThrottled) {
      return new MwsThrottledError(details, context);
    }
    if (statusCode >= 500 && statusCode <= 599) return new MwsServerError(details, context);
    if (statusCode >= 400 && statusCode <= 499 && body !== undefined) {
      return new MwsClientError(details, { ...context, outcomeUnknown: false });
    }
    return new MwsMalformedResponseError(
      statusCode,
      body === undefined ? 'not an MWS ErrorResponse' : 'an unexpected HTTP status',
      context,
    );
  }

  private async send(
    operation: MwsOperation,
    operationParameters: MwsParameters,
    timeoutMs: number,
    context: MwsCallContext,
  ): Promise<{ readonly status: number; readonly body: string }> {
    // A fresh Timestamp and Signature per attempt; the operation parameters never change.
    const parameters: MwsParameters = {
      ...this.#commonParameters,
      Action: operation,
      Timestamp: toMwsTimestamp(this.#now()),
      ...operationParameters,
    };
    const signature = this.#sign(
      buildStringToSign({ host: this.endpoint.host, path: this.endpoint.path }, parameters),
    );
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await this.#fetch(this.#url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'user-agent': this.#userAgent,
        },
        body: buildFormBody(parameters, signature),
        signal: controller.signal,
      });
      return { status: response.status, body: await response.text() };
    } catch (error) {
      if (controller.signal.aborted) {
        throw new MwsTimeoutError(
          `${operation} got no answer within ${timeoutMs} ms`,
          timeoutMs,
          context,
          { cause: error },
        );
      }
      throw new MwsNetworkError(`${operation} could not reach MWS`, context, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }
}
