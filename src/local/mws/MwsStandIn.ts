import { timingSafeEqual } from 'node:crypto';
import type { MinorAmount } from '../../amazonpay/amount';
import {
  currencyExponent,
  DEFAULT_MAX_AUTHORIZATION_MINOR,
  parseAmazonPayAmount,
  toAmazonPayAmount,
} from '../../amazonpay/amount';
import type { AmazonPayRegion } from '../../amazonpay/regions';
import {
  MAX_REFUNDS_PER_CAPTURE,
  MAX_SELLER_NOTE_LENGTH,
  MAX_SOFT_DESCRIPTOR_LENGTH,
  MWS_API_VERSION,
  MWS_HOST_OF_REGION,
  MWS_LIVE_PATH,
  MWS_SANDBOX_PATH,
  MWS_SIGNATURE_METHOD,
  MWS_SIGNATURE_VERSION,
  MWS_THROTTLE_QUOTAS,
  MWS_TIMESTAMP_TOLERANCE_MS,
} from '../../amazonpay/mws/constants';
import { checkRefundAllowed } from '../../amazonpay/mws/refundLimits';
import { isMwsReferenceId } from '../../amazonpay/mws/requestParameters';
import { signParameters } from '../../amazonpay/mws/signatureV2';
import { TokenBucket } from '../../amazonpay/mws/TokenBucket';
import type {
  AuthorizationState,
  BillingAgreementState,
  CaptureState,
  RefundState,
  ReleaseEnvironment,
} from '../../amazonpay/mws/types';
import { MwsErrorCode, MwsOperation } from '../../amazonpay/mws/types';
import { MwsStandInError } from './errors';
import type { XmlElement } from './mwsXml';
import { amountElement, renderError, renderSuccess, renderThrottled } from './mwsXml';
import { readAuthorizationSimulation, readRefundSimulation } from './sandboxSimulations';

/** A key pair the stand-in accepts, and the seller it belongs to. */
export type MwsStandInAccount = {
  readonly accessKeyId: string;
  readonly secretKey: string;
  readonly sellerId: string;
};

/** The test credentials of the backend fact sheet's Signature Version 2 vectors. */
export const MWS_TEST_ACCOUNT: MwsStandInAccount = Object.freeze({
  accessKeyId: 'TEST_ACCESS_KEY',
  secretKey: 'TEST_SECRET_KEY',
  sellerId: 'TEST_MERCHANT_ID',
});

/**
 * How the stand-in throttles: `quota` applies the documented quotas per seller and operation,
 * `off` never throttles, `always` throttles every request.
 */
export const MwsStandInThrottling = {
  Quota: 'quota',
  Off: 'off',
  Always: 'always',
} as const;
export type MwsStandInThrottling = (typeof MwsStandInThrottling)[keyof typeof MwsStandInThrottling];

/** How the stand-in is set up; every field has a default. */
export type MwsStandInOptions = {
  /** The accepted key pairs (default `MWS_TEST_ACCOUNT` only). */
  readonly accounts?: ReadonlyArray<MwsStandInAccount>;
  /** The region whose host requests are signed for (default NA). */
  readonly region?: AmazonPayRegion;
  /** The clock, in epoch milliseconds. */
  readonly now?: () => number;
  readonly throttling?: MwsStandInThrottling;
  /** How long a refund stays Pending before it is Completed or Declined (default 0). */
  readonly refundSettleMs?: number;
};

/** A billing agreement to create, as Alexa's Setup would have. */
export type BillingAgreementSeed = {
  readonly amazonBillingAgreementId?: string;
  readonly sellerId?: string;
  readonly currency: string;
  /** The monthly limit in minor units (default 500 major units, as in Amazon's fixture). */
  readonly monthlyLimitMinor?: number;
  readonly state?: BillingAgreementState;
  readonly releaseEnvironment?: ReleaseEnvironment;
  readonly billingAgreementType?: 'CustomerInitiatedTransaction' | 'MerchantInitiatedTransaction';
  readonly subscriptionAmountMinor?: number;
  readonly constraints?: ReadonlyArray<{
    readonly constraintId: string;
    readonly description: string;
  }>;
};

/**
 * A capture to create, as an Alexa Charge (AuthorizeAndCapture) that the stand-in did not see
 * would have made it: a Completed capture of `amount`, its Closed authorization and its billing
 * agreement (created unless `amazonBillingAgreementId` names one the stand-in holds).
 */
export type CaptureSeed = {
  readonly amazonCaptureId: string;
  readonly amount: MinorAmount;
  readonly amazonBillingAgreementId?: string;
  /** Default: the capture id with its `-C` suffix turned into `-A`. */
  readonly amazonAuthorizationId?: string;
  readonly authorizationReferenceId?: string;
  readonly sellerId?: string;
  readonly releaseEnvironment?: ReleaseEnvironment;
};

/**
 * A fault the stand-in injects into the next matching requests (after signature and throttling
 * checks):
 * - `error`: answer this status and code, `before` (nothing is done) or `after` (the operation is
 *   carried out, then the answer is lost in an error);
 * - `delay`: carry the operation out and answer after `delayMs` (a client deadline fires first);
 * - `malformed`: carry the operation out and answer 200 with a body that is not XML.
 */
export type MwsStandInFault = {
  /** The `Action` it applies to (default: any). */
  readonly action?: string;
  /** How many requests it hits (default 1). */
  readonly times?: number;
} & (
  | {
      readonly kind: 'error';
      readonly statusCode: 500 | 503;
      readonly code?: string;
      readonly when?: 'before' | 'after';
    }
  | { readonly kind: 'delay'; readonly delayMs: number }
  | { readonly kind: 'malformed' }
);

/** An HTTP request as the stand-in sees it. */
export type MwsStandInRequest = {
  readonly method: string;
  readonly path: string;
  readonly body: string;
};

/** The answer: a status and an XML (or plain) body. */
export type MwsStandInResponse = {
  readonly status: number;
  readonly body: string;
};

/** A request the stand-in answered: its parameters without `Signature`, and the answer status. */
export type MwsRecordedRequest = {
  readonly action: string | undefined;
  readonly parameters: Readonly<Record<string, string>>;
  readonly status: number;
  readonly code?: string;
};

/** A billing agreement as the stand-in holds it. */
export type StandInBillingAgreement = {
  readonly amazonBillingAgreementId: string;
  readonly sellerId: string;
  readonly currency: string;
  readonly monthlyLimitMinor: number;
  readonly state: BillingAgreementState;
  readonly reasonCode?: string;
  readonly releaseEnvironment: ReleaseEnvironment;
};

/** An authorization as the stand-in holds it. */
export type StandInAuthorization = {
  readonly amazonAuthorizationId: string;
  readonly amazonOrderReferenceId: string;
  readonly authorizationReferenceId: string;
  readonly amazonBillingAgreementId: string;
  readonly amount: MinorAmount;
  readonly state: AuthorizationState;
  readonly reasonCode?: string;
  readonly captureIds: ReadonlyArray<string>;
};

/** A capture as the stand-in holds it. */
export type StandInCapture = {
  readonly amazonCaptureId: string;
  readonly amazonAuthorizationId: string;
  readonly amount: MinorAmount;
  readonly state: CaptureState;
  readonly reasonCode?: string;
  readonly refundIds: ReadonlyArray<string>;
};

/** A refund as the stand-in holds it. */
export type StandInRefund = {
  readonly amazonRefundId: string;
  readonly amazonCaptureId: string;
  readonly refundReferenceId: string;
  readonly amount: MinorAmount;
  readonly state: RefundState;
  readonly reasonCode?: string;
};

type AgreementRecord = {
  readonly id: string;
  readonly sellerId: string;
  readonly currency: string;
  readonly monthlyLimitMinor: number;
  readonly environment: ReleaseEnvironment;
  readonly createdAt: number;
  readonly billingAgreementType?: string;
  readonly subscriptionAmountMinor?: number;
  readonly constraints: ReadonlyArray<{
    readonly constraintId: string;
    readonly description: string;
  }>;
  state: BillingAgreementState;
  reasonCode?: string;
  updatedAt: number;
  reopensAt?: number;
};

type AuthorizationRecord = {
  readonly id: string;
  readonly orderReferenceId: string;
  readonly referenceId: string;
  readonly agreementId: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly captureNow: boolean;
  readonly createdAt: number;
  readonly note?: string;
  readonly softDescriptor?: string;
  readonly softDecline?: boolean;
  readonly countsTowardLimit: boolean;
  /** An asynchronous authorization answers Pending first, whatever its outcome. */
  readonly asynchronous: boolean;
  readonly captureIds: string[];
  state: AuthorizationState;
  reasonCode?: string;
  updatedAt: number;
  closesAt?: number;
};

type CaptureRecord = {
  readonly id: string;
  readonly authorizationId: string;
  readonly referenceId: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly createdAt: number;
  readonly softDescriptor?: string;
  readonly refundIds: string[];
  state: CaptureState;
  reasonCode?: string;
  updatedAt: number;
};

type RefundRecord = {
  readonly id: string;
  readonly captureId: string;
  readonly referenceId: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly createdAt: number;
  readonly settlesAt: number;
  readonly finalState: 'Completed' | 'Declined';
  readonly finalReasonCode?: string;
  readonly note?: string;
  readonly softDescriptor?: string;
};

type IdempotencyEntry = {
  readonly target: string;
  readonly fingerprint: string;
  readonly resultId: string;
};

type Context = {
  readonly environment: ReleaseEnvironment;
  readonly sellerId: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly now: number;
};

/** An MWS error answer, raised inside the stand-in and rendered by `handle`. */
class ErrorAnswer extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
    this.name = 'ErrorAnswer';
  }
}

const COMMON_PARAMETERS = new Set([
  'AWSAccessKeyId',
  'Action',
  'MWSAuthToken',
  'SellerId',
  'Signature',
  'SignatureMethod',
  'SignatureVersion',
  'Timestamp',
  'Version',
]);

const OPERATIONS: ReadonlyArray<string> = Object.values(MwsOperation);

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** An Amazon-style id: prefix, then two groups of seven digits (`S01-1000002-0000002`). */
function amazonId(prefix: string, sequence: number): string {
  return `${prefix}-${pad(1_000_000 + sequence, 7)}-${pad(sequence, 7)}`;
}

function formatMoney(amountMinor: number, currency: string): string {
  return `${toAmazonPayAmount({ amountMinor, currency })} ${currency}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function missing(name: string): ErrorAnswer {
  return new ErrorAnswer(400, MwsErrorCode.MissingParameter, `${name} is a required parameter.`);
}

function invalid(name: string, value: string): ErrorAnswer {
  return new ErrorAnswer(
    400,
    MwsErrorCode.InvalidParameterValue,
    `The value '${value}' provided for ${name} is invalid.`,
  );
}

function required(parameters: Readonly<Record<string, string>>, name: string): string {
  const value = parameters[name];
  if (value === undefined || value === '') throw missing(name);
  return value;
}

function optionalBoolean(
  parameters: Readonly<Record<string, string>>,
  name: string,
): boolean | undefined {
  const value = parameters[name];
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw invalid(name, value);
  return value === 'true';
}

function optionalText(
  parameters: Readonly<Record<string, string>>,
  name: string,
  maxLength: number,
): string | undefined {
  const value = parameters[name];
  if (value === undefined) return undefined;
  if ([...value].length > maxLength) {
    throw new ErrorAnswer(
      400,
      MwsErrorCode.InvalidParameterValue,
      `${name} exceeds ${maxLength} characters.`,
    );
  }
  return value;
}

function referenceId(parameters: Readonly<Record<string, string>>, name: string): string {
  const value = required(parameters, name);
  if (!isMwsReferenceId(value)) throw invalid(name, value);
  return value;
}

function amount(parameters: Readonly<Record<string, string>>, prefix: string): MinorAmount {
  const decimal = required(parameters, `${prefix}.Amount`);
  const currency = required(parameters, `${prefix}.CurrencyCode`);
  if (currencyExponent(currency) === undefined) {
    throw invalid(`${prefix}.CurrencyCode`, currency);
  }
  const amountMinor = parseAmazonPayAmount(decimal, currency);
  if (amountMinor === undefined || amountMinor === 0) throw invalid(`${prefix}.Amount`, decimal);
  return { amountMinor, currency };
}

/** The operation parameters in a stable order: what "the same parameters" compares. */
function fingerprintOf(parameters: Readonly<Record<string, string>>): string {
  return JSON.stringify(
    Object.keys(parameters)
      .filter((name) => !COMMON_PARAMETERS.has(name) || name === 'Action')
      .sort()
      .map((name) => [name, parameters[name]]),
  );
}

function monthOf(now: number): { start: number; end: number } {
  const date = new Date(now);
  return {
    start: Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1),
    end: Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1),
  };
}

function toPeriodDate(ms: number): string {
  return iso(ms).replace(/\.\d{3}Z$/, 'Z');
}

function statusElement(
  name: string,
  state: string,
  reasonCode: string | undefined,
  updatedAt: number,
  timestampName = 'LastUpdateTimestamp',
): XmlElement {
  return [
    name,
    [
      ['State', state],
      ['ReasonCode', reasonCode],
      [timestampName, iso(updatedAt)],
    ],
  ];
}

function softDescriptorElement(softDescriptor: string | undefined): XmlElement {
  return ['SoftDescriptor', softDescriptor === undefined ? undefined : `AMZ*${softDescriptor}`];
}

/**
 * A loopback stand-in of the Amazon Pay MWS API, for tests and the offline scenarios.
 *
 * It verifies the Signature Version 2 of every request with its accounts' keys, keeps billing
 * agreements, authorizations, captures and refunds in memory, and answers in MWS's XML shapes:
 * idempotent replays, DuplicateRequest and DuplicateReferenceId, the monthly limit
 * (PeriodicAmountExceeded), the refund limits, throttling with the documented quotas, and the
 * sandbox simulation strings of the notes. Faults can be injected. Put it behind HTTP with
 * `startMwsStandInServer`.
 *
 * Where the fact sheet gives no HTTP status or code, the stand-in's choice is noted at the rule.
 */
export class MwsStandIn {
  private readonly accounts: ReadonlyArray<MwsStandInAccount>;
  private readonly host: string;
  private readonly now: () => number;
  private readonly refundSettleMs: number;
  private throttling: MwsStandInThrottling;
  private readonly agreements = new Map<string, AgreementRecord>();
  private readonly authorizationRecords = new Map<string, AuthorizationRecord>();
  private readonly captureRecords = new Map<string, CaptureRecord>();
  private readonly refundRecords = new Map<string, RefundRecord>();
  private readonly idempotency = new Map<string, IdempotencyEntry>();
  private readonly buckets = new Map<string, TokenBucket>();
  private faults: Array<MwsStandInFault & { remaining: number }> = [];
  private readonly recorded: MwsRecordedRequest[] = [];
  private sequence = 0;
  private requestSequence = 0;

  constructor(options: MwsStandInOptions = {}) {
    this.accounts = options.accounts ?? [MWS_TEST_ACCOUNT];
    this.host = MWS_HOST_OF_REGION[options.region ?? 'NA'];
    this.now = options.now ?? Date.now;
    this.throttling = options.throttling ?? MwsStandInThrottling.Quota;
    this.refundSettleMs = options.refundSettleMs ?? 0;
  }

  /** Every request answered so far, oldest first. */
  get requests(): ReadonlyArray<MwsRecordedRequest> {
    return [...this.recorded];
  }

  /** Switches throttling on, off, or to always. */
  setThrottling(mode: MwsStandInThrottling): void {
    this.throttling = mode;
  }

  /** Queues a fault for the next matching requests. */
  injectFault(fault: MwsStandInFault): void {
    this.faults.push({ ...fault, remaining: fault.times ?? 1 });
  }

  /**
   * Creates a billing agreement, Open by default, and returns its id.
   *
   * @example
   * const id = standIn.seedBillingAgreement({ currency: 'USD', monthlyLimitMinor: 50_000 });
   */
  seedBillingAgreement(seed: BillingAgreementSeed): string {
    const exponent = currencyExponent(seed.currency);
    if (exponent === undefined) throw new MwsStandInError(`unsupported currency ${seed.currency}`);
    const environment = seed.releaseEnvironment ?? 'Sandbox';
    this.sequence += 1;
    const id =
      seed.amazonBillingAgreementId ??
      amazonId(environment === 'Sandbox' ? 'C01' : 'B01', this.sequence);
    if (this.agreements.has(id)) throw new MwsStandInError(`billing agreement ${id} exists`);
    const now = this.now();
    this.agreements.set(id, {
      id,
      sellerId: seed.sellerId ?? this.accounts[0]?.sellerId ?? MWS_TEST_ACCOUNT.sellerId,
      currency: seed.currency,
      monthlyLimitMinor: seed.monthlyLimitMinor ?? 500 * 10 ** exponent,
      environment,
      createdAt: now,
      updatedAt: now,
      state: seed.state ?? 'Open',
      constraints: seed.constraints ?? [],
      ...(seed.billingAgreementType === undefined
        ? {}
        : { billingAgreementType: seed.billingAgreementType }),
      ...(seed.subscriptionAmountMinor === undefined
        ? {}
        : { subscriptionAmountMinor: seed.subscriptionAmountMinor }),
    });
    return id;
  }

  /**
   * Creates a Completed capture that MWS Refund and GetCaptureDetails then know, e.g. the capture
   * of a Charge the offline Alexa simulator answered; returns its id.
   *
   * @example
   * standIn.seedCapture({
   *   amazonCaptureId: 'S02-1234567-1234567-C000001',
   *   amount: { amountMinor: 3497, currency: 'USD' },
   * });
   */
  seedCapture(seed: CaptureSeed): string {
    const { amazonCaptureId: id, amount: captured } = seed;
    if (currencyExponent(captured.currency) === undefined) {
      throw new MwsStandInError(`unsupported currency ${captured.currency}`);
    }
    if (!Number.isSafeInteger(captured.amountMinor) || captured.amountMinor <= 0) {
      throw new MwsStandInError('a captured amount is a positive whole number of minor units');
    }
    if (this.captureRecords.has(id)) throw new MwsStandInError(`capture ${id} exists`);
    const authorizationId =
      seed.amazonAuthorizationId ??
      (/-C\d+$/.test(id) ? id.replace(/-C(\d+)$/, '-A$1') : `${id}-A`);
    if (this.authorizationRecords.has(authorizationId)) {
      throw new MwsStandInError(`authorization ${authorizationId} exists`);
    }
    const environment = seed.releaseEnvironment ?? 'Sandbox';
    const sellerId = seed.sellerId ?? this.accounts[0]?.sellerId ?? MWS_TEST_ACCOUNT.sellerId;
    const existing =
      seed.amazonBillingAgreementId === undefined
        ? undefined
        : this.agreements.get(seed.amazonBillingAgreementId);
    if (
      existing !== undefined &&
      (existing.sellerId !== sellerId ||
        existing.environment !== environment ||
        existing.currency !== captured.currency)
    ) {
      throw new MwsStandInError(
        `billing agreement ${existing.id} belongs to another seller, environment or currency`,
      );
    }
    const agreementId =
      existing?.id ??
      this.seedBillingAgreement({
        currency: captured.currency,
        sellerId,
        releaseEnvironment: environment,
        ...(seed.amazonBillingAgreementId !== undefined && {
          amazonBillingAgreementId: seed.amazonBillingAgreementId,
        }),
      });
    this.sequence += 1;
    const now = this.now();
    this.authorizationRecords.set(authorizationId, {
      id: authorizationId,
      orderReferenceId: id.replace(/-C\d+$/, ''),
      referenceId: seed.authorizationReferenceId ?? `seeded-${this.sequence}`,
      agreementId,
      amountMinor: captured.amountMinor,
      currency: captured.currency,
      captureNow: true,
      createdAt: now,
      updatedAt: now,
      asynchronous: false,
      countsTowardLimit: true,
      captureIds: [id],
      state: 'Closed',
      reasonCode: 'MaxCapturesProcessed',
    });
    this.captureRecords.set(id, {
      id,
      authorizationId,
      referenceId: seed.authorizationReferenceId ?? `seeded-${this.sequence}`,
      amountMinor: captured.amountMinor,
      currency: captured.currency,
      createdAt: now,
      updatedAt: now,
      refundIds: [],
      state: 'Completed',
    });
    return id;
  }

  /** Returns a Suspended agreement to Open, as when the buyer updates the payment method. */
  reopenBillingAgreement(id: string): void {
    const agreement = this.agreements.get(id);
    if (agreement === undefined) throw new MwsStandInError(`no billing agreement ${id}`);
    agreement.state = 'Open';
    delete agreement.reasonCode;
    delete agreement.reopensAt;
    agreement.updatedAt = this.now();
  }

  /** A billing agreement as it stands now, or undefined. */
  billingAgreement(id: string): StandInBillingAgreement | undefined {
    const agreement = this.agreements.get(id);
    if (agreement === undefined) return undefined;
    this.refreshAgreement(agreement, this.now());
    return {
      amazonBillingAgreementId: agreement.id,
      sellerId: agreement.sellerId,
      currency: agreement.currency,
      monthlyLimitMinor: agreement.monthlyLimitMinor,
      state: agreement.state,
      ...(agreement.reasonCode === undefined ? {} : { reasonCode: agreement.reasonCode }),
      releaseEnvironment: agreement.environment,
    };
  }

  /** Every authorization as it stands now, oldest first. */
  authorizations(): ReadonlyArray<StandInAuthorization> {
    const now = this.now();
    return [...this.authorizationRecords.values()].map((record) => {
      this.refreshAuthorization(record, now);
      return {
        amazonAuthorizationId: record.id,
        amazonOrderReferenceId: record.orderReferenceId,
        authorizationReferenceId: record.referenceId,
        amazonBillingAgreementId: record.agreementId,
        amount: { amountMinor: record.amountMinor, currency: record.currency },
        state: record.state,
        ...(record.reasonCode === undefined ? {} : { reasonCode: record.reasonCode }),
        captureIds: [...record.captureIds],
      };
    });
  }

  /** Every capture, oldest first. */
  captures(): ReadonlyArray<StandInCapture> {
    return [...this.captureRecords.values()].map((record) => ({
      amazonCaptureId: record.id,
      amazonAuthorizationId: record.authorizationId,
      amount: { amountMinor: record.amountMinor, currency: record.currency },
      state: record.state,
      ...(record.reasonCode === undefined ? {} : { reasonCode: record.reasonCode }),
      refundIds: [...record.refundIds],
    }));
  }

  /** Every refund as it stands now, oldest first. */
  refunds(): ReadonlyArray<StandInRefund> {
    const now = this.now();
    return [...this.refundRecords.values()].map((record) => {
      const { state, reasonCode } = this.refundStatus(record, now);
      return {
        amazonRefundId: record.id,
        amazonCaptureId: record.captureId,
        refundReferenceId: record.referenceId,
        amount: { amountMinor: record.amountMinor, currency: record.currency },
        state,
        ...(reasonCode === undefined ? {} : { reasonCode }),
      };
    });
  }

  /** Answers one HTTP request; never throws for anything a client sends. */
  async handle(request: MwsStandInRequest): Promise<MwsStandInResponse> {
    const environment =
      request.path === MWS_SANDBOX_PATH
        ? 'Sandbox'
        : request.path === MWS_LIVE_PATH
          ? 'Live'
          : undefined;
    if (environment === undefined) return { status: 404, body: 'Not Found' };
    if (request.method !== 'POST') return { status: 405, body: 'Method Not Allowed' };
    const parameters: Record<string, string> = {};
    let duplicate: string | undefined;
    for (const [name, value] of new URLSearchParams(request.body)) {
      if (Object.prototype.hasOwnProperty.call(parameters, name)) duplicate = name;
      parameters[name] = value;
    }
    const { Signature: signature, ...signed } = parameters;
    const action = parameters.Action;
    const answer = (response: MwsStandInResponse, code?: string): MwsStandInResponse => {
      this.recorded.push({
        action,
        parameters: signed,
        status: response.status,
        ...(code === undefined ? {} : { code }),
      });
      return response;
    };
    const requestId = this.nextRequestId();
    const now = this.now();
    try {
      if (duplicate !== undefined) throw invalid(duplicate, 'repeated parameter');
      const sellerId = this.authenticate(request.path, parameters, signature, now);
      if (action === undefined || !OPERATIONS.includes(action)) {
        throw invalid('Action', action ?? '');
      }
      if (this.isThrottled(environment, sellerId, action, now)) {
        return answer({ status: 503, body: renderThrottled(requestId) }, 'RequestThrottled');
      }
      const fault = this.takeFault(action);
      if (fault?.kind === 'error' && fault.when !== 'after') {
        throw this.faultAnswer(fault);
      }
      const context: Context = { environment, sellerId, parameters: signed, now };
      const result = this.dispatch(action, context);
      const body = renderSuccess(action, result, requestId);
      if (fault?.kind === 'error') throw this.faultAnswer(fault);
      if (fault?.kind === 'malformed') return answer({ status: 200, body: 'this is not XML' });
      if (fault?.kind === 'delay') {
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      }
      return answer({ status: 200, body });
    } catch (error) {
      if (!(error instanceof ErrorAnswer)) throw error;
      if (error.code === 'RequestThrottled') {
        return answer({ status: error.status, body: renderThrottled(requestId) }, error.code);
      }
      return answer({ status: error.status, body: renderError(error, requestId) }, error.code);
    }
  }

  private nextRequestId(): string {
    this.requestSequence += 1;
    return `00000000-0000-4000-8000-${pad(this.requestSequence, 12)}`;
  }

  private faultAnswer(fault: { statusCode: 500 | 503; code?: string }): ErrorAnswer {
    const code =
      fault.code ??
      (fault.statusCode === 500
        ? MwsErrorCode.InternalServerError
        : MwsErrorCode.ServiceUnavailable);
    return new ErrorAnswer(fault.statusCode, code, 'Injected by the stand-in.', 'Receiver');
  }

  private takeFault(action: string): MwsStandInFault | undefined {
    const fault = this.faults.find((f) => f.action === undefined || f.action === action);
    if (fault === undefined) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  /**
   * Checks the common parameters and the signature; returns the seller id. Codes the fact sheet
   * does not give are the stand-in's choice: InvalidAccessKeyId (403) for an unknown key and
   * RequestExpired (400) for a timestamp more than 15 minutes off.
   */
  private authenticate(
    path: string,
    parameters: Readonly<Record<string, string>>,
    signature: string | undefined,
    now: number,
  ): string {
    for (const name of [
      'AWSAccessKeyId',
      'Action',
      'SellerId',
      'SignatureMethod',
      'SignatureVersion',
      'Timestamp',
      'Version',
    ]) {
      required(parameters, name);
    }
    if (signature === undefined || signature === '') throw missing('Signature');
    const { AWSAccessKeyId: accessKeyId = '', SellerId: sellerId = '' } = parameters;
    if (parameters.SignatureMethod !== MWS_SIGNATURE_METHOD) {
      throw invalid('SignatureMethod', parameters.SignatureMethod ?? '');
    }
    if (parameters.SignatureVersion !== MWS_SIGNATURE_VERSION) {
      throw invalid('SignatureVersion', parameters.SignatureVersion ?? '');
    }
    if (parameters.Version !== MWS_API_VERSION) throw invalid('Version', parameters.Version ?? '');
    const account = this.accounts.find((a) => a.accessKeyId === accessKeyId);
    if (account === undefined) {
      throw new ErrorAnswer(
        403,
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records.',
      );
    }
    const expected = Buffer.from(
      signParameters({ host: this.host, path }, parameters, account.secretKey),
    );
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new ErrorAnswer(
        403,
        MwsErrorCode.SignatureDoesNotMatch,
        'The request signature we calculated does not match the signature you provided. ' +
          'Check your AWS Secret Access Key and signing method. ' +
          'Consult the service documentation for details.',
      );
    }
    const timestamp = Date.parse(parameters.Timestamp ?? '');
    if (Number.isNaN(timestamp) || Math.abs(now - timestamp) > MWS_TIMESTAMP_TOLERANCE_MS) {
      throw new ErrorAnswer(400, 'RequestExpired', 'Request has expired.');
    }
    if (account.sellerId !== sellerId) {
      throw this.accounts.some((a) => a.sellerId === sellerId)
        ? new ErrorAnswer(401, MwsErrorCode.UnauthorizedAccess, 'Access to the seller is denied.')
        : new ErrorAnswer(400, MwsErrorCode.InvalidSellerId, 'The seller id is invalid.');
    }
    return sellerId;
  }

  private isThrottled(
    environment: ReleaseEnvironment,
    sellerId: string,
    action: string,
    now: number,
  ): boolean {
    if (this.throttling === 'off') return false;
    if (this.throttling === 'always') return true;
    const key = `${environment}|${sellerId}|${action}`;
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      const quotas = MWS_THROTTLE_QUOTAS[environment === 'Sandbox' ? 'sandbox' : 'production'];
      bucket = new TokenBucket(quotas[action as MwsOperation], now);
      this.buckets.set(key, bucket);
    }
    return !bucket.tryTake(now);
  }

  private dispatch(action: string, context: Context): ReadonlyArray<XmlElement> {
    switch (action) {
      case MwsOperation.GetBillingAgreementDetails:
        return this.getBillingAgreementDetails(context);
      case MwsOperation.AuthorizeOnBillingAgreement:
        return this.authorizeOnBillingAgreement(context);
      case MwsOperation.GetAuthorizationDetails:
        return this.getAuthorizationDetails(context);
      case MwsOperation.GetCaptureDetails:
        return this.getCaptureDetails(context);
      case MwsOperation.Refund:
        return this.refund(context);
      case MwsOperation.GetRefundDetails:
        return this.getRefundDetails(context);
      default:
        return this.closeBillingAgreement(context);
    }
  }

  /** Finds an agreement of this seller in this environment; InvalidBillingAgreementId otherwise. */
  private agreementFor(context: Context): AgreementRecord {
    const id = required(context.parameters, 'AmazonBillingAgreementId');
    const agreement = this.agreements.get(id);
    if (
      agreement === undefined ||
      agreement.sellerId !== context.sellerId ||
      agreement.environment !== context.environment
    ) {
      throw new ErrorAnswer(
        400,
        MwsErrorCode.InvalidBillingAgreementId,
        `The billing agreement ID ${id} is invalid.`,
      );
    }
    this.refreshAgreement(agreement, context.now);
    return agreement;
  }

  private refreshAgreement(agreement: AgreementRecord, now: number): void {
    if (agreement.reopensAt !== undefined && now >= agreement.reopensAt) {
      agreement.state = 'Open';
      delete agreement.reasonCode;
      agreement.updatedAt = agreement.reopensAt;
      delete agreement.reopensAt;
    }
  }

  private refreshAuthorization(record: AuthorizationRecord, now: number): void {
    if (record.closesAt !== undefined && now >= record.closesAt) {
      record.state = 'Closed';
      record.reasonCode = 'ExpiredUnused';
      record.updatedAt = record.closesAt;
      delete record.closesAt;
    }
  }

  /** The sum of the authorizations that count toward an agreement's limit this calendar month. */
  private usedThisMonth(agreement: AgreementRecord, now: number): number {
    const { start, end } = monthOf(now);
    let used = 0;
    for (const record of this.authorizationRecords.values()) {
      if (
        record.agreementId === agreement.id &&
        record.countsTowardLimit &&
        record.createdAt >= start &&
        record.createdAt < end
      ) {
        used += record.amountMinor;
      }
    }
    return used;
  }

  /**
   * Checks a reference id against the earlier requests: undefined when it is new, the earlier
   * result id when this is a replay. The same id on another object is DuplicateReferenceId, the
   * same id and object with other parameters DuplicateRequest (fact sheet section 6).
   */
  private replayOf(kind: string, id: string, target: string, context: Context): string | undefined {
    const entry = this.idempotency.get(`${context.environment}|${context.sellerId}|${kind}|${id}`);
    if (entry === undefined) return undefined;
    if (entry.target !== target) {
      throw new ErrorAnswer(
        400,
        MwsErrorCode.DuplicateReferenceId,
        `The reference ID ${id} has already been used.`,
      );
    }
    if (entry.fingerprint !== fingerprintOf(context.parameters)) {
      throw new ErrorAnswer(
        400,
        MwsErrorCode.DuplicateRequest,
        `A request with reference ID ${id} was already processed with different parameters.`,
      );
    }
    return entry.resultId;
  }

  private remember(
    kind: string,
    id: string,
    target: string,
    resultId: string,
    context: Context,
  ): void {
    this.idempotency.set(`${context.environment}|${context.sellerId}|${kind}|${id}`, {
      target,
      fingerprint: fingerprintOf(context.parameters),
      resultId,
    });
  }

  private getBillingAgreementDetails(context: Context): ReadonlyArray<XmlElement> {
    if (
      context.parameters.AddressConsentToken !== undefined &&
      context.parameters.AccessToken !== undefined
    ) {
      throw new ErrorAnswer(
        400,
        MwsErrorCode.AmbiguousToken,
        'Both AddressConsentToken and AccessToken were given.',
      );
    }
    const agreement = this.agreementFor(context);
    const { start, end } = monthOf(context.now);
    const remaining = Math.max(
      0,
      agreement.monthlyLimitMinor - this.usedThisMonth(agreement, context.now),
    );
    const money = (amountMinor: number): MinorAmount => ({
      amountMinor,
      currency: agreement.currency,
    });
    return [
      [
        'BillingAgreementDetails',
        [
          ['AmazonBillingAgreementId', agreement.id],
          [
            'BillingAgreementLimits',
            [
              amountElement('AmountLimitPerTimePeriod', money(agreement.monthlyLimitMinor)),
              amountElement('CurrentRemainingBalance', money(remaining)),
              ['TimePeriodStartDate', toPeriodDate(start)],
              ['TimePeriodEndDate', toPeriodDate(end)],
            ],
          ],
          statusElement(
            'BillingAgreementStatus',
            agreement.state,
            agreement.reasonCode,
            agreement.updatedAt,
            'LastUpdatedTimestamp',
          ),
          ['ReleaseEnvironment', agreement.environment],
          ['CreationTimestamp', iso(agreement.createdAt)],
          ['BillingAgreementConsent', 'true'],
          ['BillingAgreementType', agreement.billingAgreementType],
          agreement.subscriptionAmountMinor === undefined
            ? ['SubscriptionAmount', undefined]
            : amountElement('SubscriptionAmount', money(agreement.subscriptionAmountMinor)),
          [
            'Constraints',
            agreement.constraints.length === 0
              ? undefined
              : agreement.constraints.map((c): XmlElement => [
                  'Constraint',
                  [
                    ['ConstraintID', c.constraintId],
                    ['Description', c.description],
                  ],
                ]),
          ],
          // Personal data a real answer carries; the client must ignore it.
          [
            'Buyer',
            [
              ['Name', 'Sandbox Buyer'],
              ['Email', 'buyer@example.com'],
            ],
          ],
        ],
      ],
    ];
  }

  /**
   * AuthorizeOnBillingAgreement. Codes without a documented status are the stand-in's choice:
   * InvalidBillingAgreementStatus 405 (like the other "wrong state" codes), PeriodicAmountExceeded
   * and TransactionAmountExceeded 400.
   */
  private authorizeOnBillingAgreement(context: Context): ReadonlyArray<XmlElement> {
    const { parameters, now } = context;
    const agreementId = required(parameters, 'AmazonBillingAgreementId');
    const reference = referenceId(parameters, 'AuthorizationReferenceId');
    const requested = amount(parameters, 'AuthorizationAmount');
    const captureNow = optionalBoolean(parameters, 'CaptureNow') ?? false;
    optionalBoolean(parameters, 'InheritShippingAddress');
    const timeout = parameters.TransactionTimeout;
    if (timeout !== undefined && !/^\d+$/.test(timeout))
      throw invalid('TransactionTimeout', timeout);
    const note = optionalText(parameters, 'SellerAuthorizationNote', MAX_SELLER_NOTE_LENGTH);
    const softDescriptor = optionalText(parameters, 'SoftDescriptor', MAX_SOFT_DESCRIPTOR_LENGTH);

    const replay = this.replayOf('authorization', reference, agreementId, context);
    if (replay !== undefined) return this.authorizationResult(replay, now, false);

    const agreement = this.agreementFor(context);
    if (agreement.state !== 'Open') {
      throw new ErrorAnswer(
        405,
        MwsErrorCode.InvalidBillingAgreementStatus,
        `The billing agreement is in the ${agreement.state} state.`,
      );
    }
    if (requested.currency !== agreement.currency) {
      throw new ErrorAnswer(
        400,
        MwsErrorCode.CurrencyMismatch,
        `The currency ${requested.currency} does not match the billing agreement's currency.`,
      );
    }
    const maximum = DEFAULT_MAX_AUTHORIZATION_MINOR[requested.currency] ?? 0;
    if (requested.amountMinor > maximum) {
      throw new ErrorAnswer(
        400,
        MwsErrorCode.TransactionAmountExceeded,
        'The amount exceeds the maximum allowed for one authorization.',
      );
    }
    const reading =
      context.environment === 'Sandbox'
        ? readAuthorizationSimulation(note)
        : { kind: 'none' as const };
    if (reading.kind === 'invalid') {
      throw new ErrorAnswer(
        400,
        MwsErrorCode.InvalidSandboxSimulationSpecified,
        'The sandbox simulation in SellerAuthorizationNote is not valid.',
      );
    }
    const remaining = agreement.monthlyLimitMinor - this.usedThisMonth(agreement, now);
    if (requested.amountMinor > remaining) {
      throw new ErrorAnswer(
        400,
        MwsErrorCode.PeriodicAmountExceeded,
        'The amount exceeds the remaining balance of the billing agreement for this period ' +
          `(${formatMoney(Math.max(0, remaining), agreement.currency)}).`,
      );
    }

    this.sequence += 1;
    const prefix = context.environment === 'Sandbox' ? 'S01' : 'P01';
    const orderReferenceId = amazonId(prefix, this.sequence);
    const simulation = reading.kind === 'simulation' ? reading.simulation : undefined;
    const record: AuthorizationRecord = {
      id: `${orderReferenceId}-A${pad(this.sequence, 6)}`,
      orderReferenceId,
      referenceId: reference,
      agreementId,
      amountMinor: requested.amountMinor,
      currency: requested.currency,
      captureNow,
      createdAt: now,
      updatedAt: now,
      asynchronous: timeout !== '0',
      countsTowardLimit: simulation === undefined,
      captureIds: [],
      state: 'Open',
      ...(note === undefined ? {} : { note }),
      ...(softDescriptor === undefined ? {} : { softDescriptor }),
    };
    if (simulation?.kind === 'declined') {
      record.state = 'Declined';
      record.reasonCode = simulation.reasonCode;
      if (simulation.reasonCode === 'InvalidPaymentMethod') {
        Object.assign(record, { softDecline: simulation.softDecline });
        agreement.state = 'Suspended';
        agreement.reasonCode = 'InvalidPaymentMethod';
        agreement.updatedAt = now;
        if (simulation.paymentMethodUpdateTimeInMins !== undefined) {
          agreement.reopensAt = now + simulation.paymentMethodUpdateTimeInMins * MINUTE_MS;
        }
      }
    } else if (simulation?.reasonCode === 'AmazonClosed') {
      record.state = 'Closed';
      record.reasonCode = 'AmazonClosed';
    } else if (simulation?.reasonCode === 'ExpiredUnused') {
      record.closesAt = now + (simulation.expirationTimeInMins ?? 1) * MINUTE_MS;
    } else if (captureNow) {
      const capture: CaptureRecord = {
        id: `${orderReferenceId}-C${pad(this.sequence, 6)}`,
        authorizationId: record.id,
        referenceId: reference,
        amountMinor: requested.amountMinor,
        currency: requested.currency,
        createdAt: now,
        updatedAt: now,
        refundIds: [],
        state: 'Completed',
        ...(softDescriptor === undefined ? {} : { softDescriptor }),
      };
      this.captureRecords.set(capture.id, capture);
      record.captureIds.push(capture.id);
      record.state = 'Closed';
      record.reasonCode = 'MaxCapturesProcessed';
    }
    this.authorizationRecords.set(record.id, record);
    this.remember('authorization', reference, agreementId, record.id, context);
    return this.authorizationResult(record.id, now, true);
  }

  private authorizationResult(
    authorizationId: string,
    now: number,
    firstAnswer: boolean,
  ): ReadonlyArray<XmlElement> {
    const record = this.authorizationRecords.get(authorizationId);
    if (record === undefined) throw new MwsStandInError(`lost authorization ${authorizationId}`);
    return [
      this.authorizationElement(record, now, firstAnswer),
      ['AmazonOrderReferenceId', record.orderReferenceId],
    ];
  }

  private authorizationElement(
    record: AuthorizationRecord,
    now: number,
    firstAnswer: boolean,
  ): XmlElement {
    this.refreshAuthorization(record, now);
    // An asynchronous authorization answers Pending, whatever comes next.
    const pending = firstAnswer && record.asynchronous;
    const money = (amountMinor: number): MinorAmount => ({
      amountMinor,
      currency: record.currency,
    });
    const capturedMinor = pending
      ? 0
      : record.captureIds.reduce(
          (sum, id) => sum + (this.captureRecords.get(id)?.amountMinor ?? 0),
          0,
        );
    return [
      'AuthorizationDetails',
      [
        ['AmazonAuthorizationId', record.id],
        ['AuthorizationReferenceId', record.referenceId],
        ['SellerAuthorizationNote', record.note],
        amountElement('AuthorizationAmount', money(record.amountMinor)),
        amountElement('CapturedAmount', money(capturedMinor)),
        amountElement('AuthorizationFee', money(0)),
        ['IdList', pending ? [] : record.captureIds.map((id): XmlElement => ['member', id])],
        ['CreationTimestamp', iso(record.createdAt)],
        ['ExpirationTimestamp', iso(record.createdAt + 30 * DAY_MS)],
        pending
          ? statusElement('AuthorizationStatus', 'Pending', undefined, record.createdAt)
          : statusElement('AuthorizationStatus', record.state, record.reasonCode, record.updatedAt),
        ['CaptureNow', record.captureNow ? 'true' : 'false'],
        softDescriptorElement(record.softDescriptor),
        [
          'SoftDecline',
          pending || record.softDecline === undefined ? undefined : String(record.softDecline),
        ],
      ],
    ];
  }

  private lookup<T>(
    records: ReadonlyMap<string, T>,
    name: string,
    context: Context,
    owner: (record: T) => AgreementRecord | undefined,
  ): T {
    const id = required(context.parameters, name);
    const record = records.get(id);
    const agreement = record === undefined ? undefined : owner(record);
    // No code for an unknown transaction id is documented; InvalidParameterValue is the stand-in's.
    if (
      record === undefined ||
      agreement === undefined ||
      agreement.sellerId !== context.sellerId ||
      agreement.environment !== context.environment
    ) {
      throw invalid(name, id);
    }
    return record;
  }

  private agreementOfAuthorization(record: AuthorizationRecord): AgreementRecord | undefined {
    return this.agreements.get(record.agreementId);
  }

  private agreementOfCapture(record: CaptureRecord): AgreementRecord | undefined {
    const authorization = this.authorizationRecords.get(record.authorizationId);
    return authorization === undefined ? undefined : this.agreementOfAuthorization(authorization);
  }

  private getAuthorizationDetails(context: Context): ReadonlyArray<XmlElement> {
    const record = this.lookup(this.authorizationRecords, 'AmazonAuthorizationId', context, (r) =>
      this.agreementOfAuthorization(r),
    );
    return [this.authorizationElement(record, context.now, false)];
  }

  private captureElement(record: CaptureRecord, now: number): XmlElement {
    const money = (amountMinor: number): MinorAmount => ({
      amountMinor,
      currency: record.currency,
    });
    const refundedMinor = record.refundIds.reduce((sum, id) => {
      const refund = this.refundRecords.get(id);
      return refund !== undefined && this.refundStatus(refund, now).state === 'Completed'
        ? sum + refund.amountMinor
        : sum;
    }, 0);
    return [
      'CaptureDetails',
      [
        ['AmazonCaptureId', record.id],
        ['CaptureReferenceId', record.referenceId],
        ['SellerCaptureNote', ''],
        amountElement('CaptureAmount', money(record.amountMinor)),
        amountElement('RefundedAmount', money(refundedMinor)),
        amountElement('CaptureFee', money(0)),
        ['IdList', record.refundIds.map((id): XmlElement => ['member', id])],
        ['CreationTimestamp', iso(record.createdAt)],
        statusElement('CaptureStatus', record.state, record.reasonCode, record.updatedAt),
        softDescriptorElement(record.softDescriptor),
      ],
    ];
  }

  private getCaptureDetails(context: Context): ReadonlyArray<XmlElement> {
    const record = this.lookup(this.captureRecords, 'AmazonCaptureId', context, (r) =>
      this.agreementOfCapture(r),
    );
    return [this.captureElement(record, context.now)];
  }

  private refundStatus(
    record: RefundRecord,
    now: number,
  ): { state: RefundState; reasonCode?: string; updatedAt: number } {
    if (now < record.settlesAt) return { state: 'Pending', updatedAt: record.createdAt };
    return {
      state: record.finalState,
      ...(record.finalReasonCode === undefined ? {} : { reasonCode: record.finalReasonCode }),
      updatedAt: record.settlesAt,
    };
  }

  /**
   * Refund. The fact sheet gives no status for InvalidRefundAmount (400 here); after the tenth
   * refund the capture is Closed with MaxRefundsProcessed, and a further refund is
   * CaptureNotRefundable (405).
   */
  private refund(context: Context): ReadonlyArray<XmlElement> {
    const { parameters, now } = context;
    const captureId = required(parameters, 'AmazonCaptureId');
    const reference = referenceId(parameters, 'RefundReferenceId');
    const requested = amount(parameters, 'RefundAmount');
    const note = optionalText(parameters, 'SellerRefundNote', MAX_SELLER_NOTE_LENGTH);
    const softDescriptor = optionalText(parameters, 'SoftDescriptor', MAX_SOFT_DESCRIPTOR_LENGTH);

    const replay = this.replayOf('refund', reference, captureId, context);
    if (replay !== undefined) return [this.refundElement(replay, now, false)];

    const capture = this.lookup(this.captureRecords, 'AmazonCaptureId', context, (r) =>
      this.agreementOfCapture(r),
    );
    if (capture.state !== 'Completed') {
      throw new ErrorAnswer(
        405,
        MwsErrorCode.CaptureNotRefundable,
        `The capture is in the ${capture.state} state and cannot be refunded.`,
      );
    }
    const refunds = capture.refundIds.flatMap((id) => {
      const refund = this.refundRecords.get(id);
      return refund === undefined ? [] : [refund];
    });
    const refundedMinor = refunds
      .filter((refund) => this.refundStatus(refund, now).state !== 'Declined')
      .reduce((sum, refund) => sum + refund.amountMinor, 0);
    const allowance = checkRefundAllowed(
      {
        captured: { amountMinor: capture.amountMinor, currency: capture.currency },
        refundedMinor,
        refundCount: refunds.length,
      },
      requested,
    );
    switch (allowance.kind) {
      case 'currencyMismatch':
        throw new ErrorAnswer(
          400,
          MwsErrorCode.CurrencyMismatch,
          `The currency ${requested.currency} does not match the capture's currency.`,
        );
      case 'tooManyRefunds':
        throw new ErrorAnswer(
          405,
          MwsErrorCode.CaptureNotRefundable,
          `The capture already has ${MAX_REFUNDS_PER_CAPTURE} refunds.`,
        );
      case 'exceedsRefundable':
        throw new ErrorAnswer(
          400,
          MwsErrorCode.InvalidRefundAmount,
          'The refund amount exceeds what may still be refunded on the capture ' +
            `(${formatMoney(allowance.remainingMinor, capture.currency)}).`,
        );
      case 'allowed':
        break;
    }
    const reading =
      context.environment === 'Sandbox' ? readRefundSimulation(note) : { kind: 'none' as const };
    if (reading.kind === 'invalid') {
      throw new ErrorAnswer(
        400,
        MwsErrorCode.InvalidSandboxSimulationSpecified,
        'The sandbox simulation in SellerRefundNote is not valid.',
      );
    }
    this.sequence += 1;
    const orderReferenceId = capture.id.replace(/-C\d+$/, '');
    const record: RefundRecord = {
      id: `${orderReferenceId}-R${pad(this.sequence, 6)}`,
      captureId,
      referenceId: reference,
      amountMinor: requested.amountMinor,
      currency: requested.currency,
      createdAt: now,
      settlesAt: now + this.refundSettleMs,
      finalState: reading.kind === 'simulation' ? 'Declined' : 'Completed',
      ...(reading.kind === 'simulation' ? { finalReasonCode: reading.simulation.reasonCode } : {}),
      ...(note === undefined ? {} : { note }),
      ...(softDescriptor === undefined ? {} : { softDescriptor }),
    };
    this.refundRecords.set(record.id, record);
    capture.refundIds.push(record.id);
    if (capture.refundIds.length >= MAX_REFUNDS_PER_CAPTURE) {
      capture.state = 'Closed';
      capture.reasonCode = 'MaxRefundsProcessed';
      capture.updatedAt = now;
    }
    this.remember('refund', reference, captureId, record.id, context);
    return [this.refundElement(record.id, now, true)];
  }

  private refundElement(refundId: string, now: number, firstAnswer: boolean): XmlElement {
    const record = this.refundRecords.get(refundId);
    if (record === undefined) throw new MwsStandInError(`lost refund ${refundId}`);
    // The Refund call itself always answers Pending (fact sheet section 4).
    const status = firstAnswer
      ? { state: 'Pending' as const, updatedAt: record.createdAt }
      : this.refundStatus(record, now);
    const money = (amountMinor: number): MinorAmount => ({
      amountMinor,
      currency: record.currency,
    });
    return [
      'RefundDetails',
      [
        ['AmazonRefundId', record.id],
        ['RefundReferenceId', record.referenceId],
        ['SellerRefundNote', record.note ?? ''],
        ['RefundType', 'SellerInitiated'],
        amountElement('RefundAmount', money(record.amountMinor)),
        amountElement('FeeRefunded', money(0)),
        ['CreationTimestamp', iso(record.createdAt)],
        statusElement('RefundStatus', status.state, status.reasonCode, status.updatedAt),
        softDescriptorElement(record.softDescriptor),
      ],
    ];
  }

  private getRefundDetails(context: Context): ReadonlyArray<XmlElement> {
    const record = this.lookup(this.refundRecords, 'AmazonRefundId', context, (r) => {
      const capture = this.captureRecords.get(r.captureId);
      return capture === undefined ? undefined : this.agreementOfCapture(capture);
    });
    return [this.refundElement(record.id, context.now, false)];
  }

  /**
   * CloseBillingAgreement. Closing a Closed agreement again succeeds (the stand-in's choice, so a
   * resend after a lost answer is harmless); a Canceled one is InvalidBillingAgreementStatus.
   */
  private closeBillingAgreement(context: Context): ReadonlyArray<XmlElement> {
    const agreement = this.agreementFor(context);
    if (agreement.state === 'Canceled') {
      throw new ErrorAnswer(
        405,
        MwsErrorCode.InvalidBillingAgreementStatus,
        'The billing agreement is Canceled.',
      );
    }
    if (agreement.state !== 'Closed') {
      agreement.state = 'Closed';
      agreement.reasonCode = 'SellerClosed';
      agreement.updatedAt = context.now;
      delete agreement.reopensAt;
    }
    return [];
  }
}
