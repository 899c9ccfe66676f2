import { randomInt } from 'node:crypto';
import type { interfaces } from 'ask-sdk-model';
import { formatMinorUnits, isSupportedCurrency, toMinorUnits } from './amounts';
import type { SupportedCurrency } from './amounts';
import { SimulatorError } from './errors';
import { DEFAULT_CHECKOUT_LANGUAGES, toIsoCountryCode } from './regions';
import type { CountryOfEstablishment } from './regions';
import {
  INVALID_SIMULATION_MESSAGE,
  PAYMENT_AUTHENTICATION_ERROR_CODES,
  readAuthenticationSimulation,
  readDeclineSimulation,
} from './sandboxSimulation';
import type { DeclineReasonCode, SandboxSimulation } from './sandboxSimulation';
import { validateChargePayload, validateSetupPayload } from './validatePayload';

export {
  DeclineReasonCode,
  PAYMENT_AUTHENTICATION_ERROR_CODES,
  PaymentAuthenticationState,
} from './sandboxSimulation';
export type {
  FailedPaymentAuthenticationState,
  PaymentAuthenticationErrorCode,
} from './sandboxSimulation';
export { SIMULATED_ERROR_STATUS } from './errorStatus';
export type { NamedErrorCode } from './errorStatus';

type SetupAmazonPayRequest = interfaces.amazonpay.request.SetupAmazonPayRequest;
type ChargeAmazonPayRequest = interfaces.amazonpay.request.ChargeAmazonPayRequest;
type SetupAmazonPayResult = interfaces.amazonpay.response.SetupAmazonPayResult;
type ChargeAmazonPayResult = interfaces.amazonpay.response.ChargeAmazonPayResult;
type AmazonPayErrorResponse = interfaces.amazonpay.response.AmazonPayErrorResponse;
type AuthorizationDetails = interfaces.amazonpay.model.response.AuthorizationDetails;
type AuthorizationState = interfaces.amazonpay.model.response.State;
type Destination = interfaces.amazonpay.model.v1.Destination;
type ReleaseEnvironment = interfaces.amazonpay.model.response.ReleaseEnvironment;
type ConnectionsResponse = interfaces.connections.ConnectionsResponse;

/** The status of a billing agreement, as `ask-sdk-model` types it. */
export type BillingAgreementStatus = interfaces.amazonpay.model.v1.BillingAgreementStatus;

/**
 * The `request` object of the `Connections.Response` that Alexa sends after Setup or Charge.
 *
 * A stricter view of `interfaces.connections.ConnectionsResponse`: `status.code` is a string
 * (`"200"`, `"400"`…), `status.message` is `"OK"` or the error code, and the payload is a Setup
 * result, a Charge result or an Amazon Pay error. It is assignable to the ask-sdk-model type.
 */
export type ConnectionsResponseRequest = Omit<
  ConnectionsResponse,
  'name' | 'status' | 'payload' | 'token'
> & {
  readonly name: string;
  readonly status: { readonly code: string; readonly message: string };
  readonly payload:
    | SetupAmazonPayResult
    | ChargeAmazonPayResult
    | AmazonPayErrorResponse
    | MalformedAmazonPayResult;
  readonly token: string;
};

/**
 * The payload of a `malformed` answer: status 200, but no `billingAgreementDetails` (Setup) or no
 * `authorizationDetails` (Charge). A Setup's is empty; a Charge's has only `amazonOrderReferenceId`.
 */
export type MalformedAmazonPayResult = { readonly amazonOrderReferenceId?: string };

/**
 * A forced outcome for a Setup.
 *
 * - `ok`: the normal OPEN agreement.
 * - `agreementStatus`: an agreement in another status (protocol page, 5.7).
 * - `releaseEnvironment`: an OPEN agreement in that release environment whatever `sandboxMode`
 *   says, e.g. a SANDBOX agreement under a live configuration. The agreement is stored with that
 *   environment, so a Charge on it works normally (and accepts simulation strings only if SANDBOX).
 * - `error`: an error answer with that code and status and no agreement (see
 *   SIMULATED_ERROR_STATUS for the usual statuses).
 * - `malformed`: status 200 with a payload lacking `billingAgreementDetails`; no agreement.
 *
 * `error` and `malformed` come before the SCA simulation string of the payload; the string wins over
 * `agreementStatus` and `releaseEnvironment` (a failed authentication creates no agreement).
 */
export type SetupBehaviour =
  | { readonly kind: 'ok' }
  | {
      readonly kind: 'agreementStatus';
      readonly status: 'SUSPENDED' | 'CLOSED' | 'CANCELED' | 'DRAFT';
    }
  | { readonly kind: 'releaseEnvironment'; readonly releaseEnvironment: ReleaseEnvironment }
  | { readonly kind: 'error'; readonly errorCode: string; readonly statusCode: string }
  | { readonly kind: 'malformed' };

/**
 * A forced outcome for a Charge.
 *
 * `declined` with `form: 'state'` answers 200 with `authorizationStatus.state: 'Declined'`;
 * with `form: 'error'` it answers 400 with the reason as `errorCode` (the GIST observation).
 * `reasonCode` approves (Closed/Open) with a reason code, e.g. CertificationTestTransaction.
 * `error` answers that code and status before anything is looked up or authorized (see
 * SIMULATED_ERROR_STATUS for the usual statuses). `malformed` answers status 200 with a payload
 * lacking `authorizationDetails`, also before anything is looked up: nothing is authorized,
 * captured or remembered for idempotency.
 *
 * The simulation strings of the payload (decline, SCA) win over `declined`, `pending`,
 * `reasonCode` and `ok`, since they are what Amazon would act on; `error` and `malformed` win over
 * the strings.
 */
export type ChargeBehaviour =
  | { readonly kind: 'ok' }
  | {
      readonly kind: 'declined';
      readonly reasonCode: DeclineReasonCode;
      readonly form: 'state' | 'error';
      readonly softDecline?: boolean;
    }
  | { readonly kind: 'error'; readonly errorCode: string; readonly statusCode: string }
  | { readonly kind: 'pending' }
  | { readonly kind: 'reasonCode'; readonly state: 'Closed' | 'Open'; readonly reasonCode: string }
  | { readonly kind: 'malformed' };

/** Switches that force the outcome of one `answer` call, for scenarios and tests. */
export type SimulatorBehaviour = {
  readonly setup?: SetupBehaviour;
  readonly charge?: ChargeBehaviour;
};

/** Construction options of the simulator; every one has a default. */
export type AmazonPaySimulatorOptions = {
  /** The time of every timestamp; defaults to the system clock. */
  readonly clock?: () => Date;
  /** A unique id per call, the core of every Amazon id; defaults to random `1234567-1234567`. */
  readonly ids?: () => string;
  /** The `locale` written on every response; omitted when not given. */
  readonly locale?: string;
  /**
   * Fields that replace those of the simulated buyer's shipping address in a Setup answer (the
   * same address the Buyer Address stand-in gives that shopper).
   */
  readonly shippingAddress?: Readonly<Record<string, string>>;
};

/** A billing agreement the simulator has created, as tests may inspect it. */
export type SimulatedAgreement = {
  readonly billingAgreementId: string;
  readonly sellerId: string;
  readonly countryOfEstablishment: CountryOfEstablishment;
  readonly ledgerCurrency: SupportedCurrency;
  readonly releaseEnvironment: ReleaseEnvironment;
  readonly status: BillingAgreementStatus;
  readonly creationTimestamp: string;
  /** The type the Setup asked for (absent: Amazon's default, customer-initiated). */
  readonly billingAgreementType?: 'CustomerInitiatedTransaction' | 'MerchantInitiatedTransaction';
  /** The Setup's subscriptionAmount, in minor units of the ledger currency (MIT only). */
  readonly subscriptionAmountMinor?: number;
};

type StoredAnswer = {
  readonly code: string;
  readonly message: string;
  readonly payload: ChargeAmazonPayResult | AmazonPayErrorResponse;
};

type StoredAuthorization = {
  readonly fingerprint: string;
  readonly answer: StoredAnswer;
  readonly currency: SupportedCurrency;
  readonly capturedMinor: bigint;
};

type AuthorizationOutcome = Exclude<ChargeBehaviour, { kind: 'error' | 'malformed' }>;

type Directive = {
  readonly name: 'Setup' | 'Charge';
  readonly token: string;
  readonly payload: unknown;
};

const OK = '200';
const BAD_REQUEST = '400';
const AUTHORIZATION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

/** Error messages of the codes the simulator answers with; other forced codes get a generic one. */
const ERROR_MESSAGES: Readonly<Record<string, string>> = {
  InvalidBillingAgreementId: 'The billing agreement id is unknown or belongs to another seller.',
  DuplicateRequest: 'The authorizationReferenceId has already been used',
  InvalidPaymentMethod: "The payment method specified in the user's account is declined.",
  AmazonRejected: 'Amazon has rejected the authorization.',
  TransactionTimedOut: 'The authorization was not processed within the transaction timeout.',
  ProcessingFailure: 'Amazon could not process the transaction because of an internal error.',
  VoicePurchaseNotEnabled: 'Voice purchasing is not enabled for this customer',
  InvalidSandboxSimulationSpecified: INVALID_SIMULATION_MESSAGE,
  [PAYMENT_AUTHENTICATION_ERROR_CODES.Failure]: 'The buyer failed the payment authentication.',
  [PAYMENT_AUTHENTICATION_ERROR_CODES.Abandoned]: 'The buyer abandoned the payment authentication.',
  [PAYMENT_AUTHENTICATION_ERROR_CODES.NotSupported]:
    'The payment method does not support the payment authentication.',
};

const REASON_DESCRIPTIONS: Readonly<Record<string, string>> = {
  MaxCapturesProcessed: 'The authorization has been captured',
  ...ERROR_MESSAGES,
};

/**
 * An in-memory stand-in for Alexa + Amazon Pay that answers the skill's Setup and Charge directives.
 *
 * It checks each payload against the protocol page (independently of the skill's own builders),
 * keeps the billing agreements and authorizations it has made, treats a repeated
 * `authorizationReferenceId` the MWS way (same parameters: same answer, no second charge; other
 * parameters: `DuplicateRequest`), honours the sandbox simulation strings of the protocol page
 * (declines in the Charge `sellerAuthorizationNote`; SCA states in the Charge
 * `sellerOrderAttributes.sellerNote` and, for a MerchantInitiatedTransaction, the Setup
 * `billingAgreementAttributes.sellerNote`), and lets scenarios force declines and errors. Nothing
 * leaves the process. See
 * https://developer.amazon.com/en-US/docs/alexa/amazon-pay-alexa/amazon-pay-apis-for-alexa.html
 *
 * @example
 * const simulator = new AmazonPaySimulator({ clock: () => new Date('2026-12-03T10:00:00Z') });
 * const setup = simulator.answer(setupDirective);
 * const charge = simulator.answer(chargeDirective, {
 *   charge: { kind: 'declined', reasonCode: 'AmazonRejected', form: 'state' },
 * });
 */
export class AmazonPaySimulator {
  private readonly clock: () => Date;
  private readonly ids: () => string;
  private readonly locale: string | undefined;
  private shippingAddress: Readonly<Record<string, string>> | undefined;
  private readonly agreements = new Map<string, SimulatedAgreement>();
  private readonly authorizations = new Map<string, StoredAuthorization>();

  constructor(options: AmazonPaySimulatorOptions = {}) {
    this.clock = options.clock ?? (() => new Date());
    this.ids = options.ids ?? randomAmazonIdCore;
    this.locale = options.locale;
    this.shippingAddress = options.shippingAddress;
  }

  /**
   * Sets the fields that replace the simulated buyer's shipping address in later Setup answers
   * (undefined: the simulated address as it is).
   */
  useShippingAddress(fields: Readonly<Record<string, string>> | undefined): void {
    this.shippingAddress = fields;
  }

  /**
   * Answers one `Connections.SendRequest` directive with the request of a `Connections.Response`.
   *
   * The payload is validated first, so an invalid payload gets its error whatever the behaviour
   * says. A directive that is not a Setup or Charge `Connections.SendRequest` with a string token
   * gets `400 InvalidParameterValue`. The token is echoed unchanged.
   */
  answer(directive: unknown, behaviour: SimulatorBehaviour = {}): ConnectionsResponseRequest {
    const parsed = parseDirective(directive);
    if ('problem' in parsed) {
      return this.respondError(
        parsed.name,
        parsed.token,
        BAD_REQUEST,
        'InvalidParameterValue',
        parsed.problem,
      );
    }
    return parsed.name === 'Setup'
      ? this.answerSetup(parsed, behaviour.setup ?? { kind: 'ok' })
      : this.answerCharge(parsed, behaviour.charge ?? { kind: 'ok' });
  }

  /** Returns a snapshot of a billing agreement the simulator created, or undefined. */
  agreement(billingAgreementId: string): SimulatedAgreement | undefined {
    const agreement = this.agreements.get(billingAgreementId);
    return agreement === undefined ? undefined : { ...agreement };
  }

  /**
   * Changes the status of a billing agreement, e.g. back to OPEN once the buyer has fixed the
   * payment method after an InvalidPaymentMethod decline.
   *
   * @throws SimulatorError when the simulator never created that agreement.
   */
  setAgreementStatus(billingAgreementId: string, status: BillingAgreementStatus): void {
    const agreement = this.agreements.get(billingAgreementId);
    if (agreement === undefined) {
      throw new SimulatorError(`No billing agreement ${billingAgreementId} was created`);
    }
    this.agreements.set(billingAgreementId, { ...agreement, status });
  }

  /**
   * Counts the distinct authorizations made, whatever their state (declined ones included).
   *
   * A replayed Charge (same `authorizationReferenceId`, same parameters) does not count again.
   * Charges that never reach the authorization do not count: a forced `error` or `malformed`
   * answer, a refused payload or agreement, and a failed SCA simulation (the authentication comes
   * before the authorization, so Amazon never authorizes; the reference id stays unused).
   */
  authorizationCount(): number {
    return this.authorizations.size;
  }

  /** Sums the captured amounts in one currency, in minor units, over all authorizations. */
  capturedTotalMinor(currency: string): number {
    let total = 0n;
    for (const authorization of this.authorizations.values()) {
      if (authorization.currency === currency) {
        total += authorization.capturedMinor;
      }
    }
    return Number(total);
  }

  private answerSetup(directive: Directive, behaviour: SetupBehaviour): ConnectionsResponseRequest {
    const problem = validateSetupPayload(directive.payload);
    if (problem !== undefined) {
      return this.respondError(
        'Setup',
        directive.token,
        problem.statusCode,
        problem.errorCode,
        problem.message,
      );
    }
    if (behaviour.kind === 'error') {
      return this.forcedError('Setup', directive.token, behaviour.errorCode, behaviour.statusCode);
    }
    if (behaviour.kind === 'malformed') {
      return this.respond('Setup', directive.token, OK, 'OK', {});
    }
    // Validated above: the payload has the SetupAmazonPayRequest shape.
    const request = directive.payload as SetupAmazonPayRequest;
    const releaseEnvironment: ReleaseEnvironment =
      behaviour.kind === 'releaseEnvironment'
        ? behaviour.releaseEnvironment
        : request.sandboxMode === true
          ? 'SANDBOX'
          : 'LIVE';
    const authentication = readSetupAuthentication(request, releaseEnvironment);
    if (authentication.kind === 'problem') {
      return this.respondError(
        'Setup',
        directive.token,
        BAD_REQUEST,
        authentication.errorCode,
        authentication.message,
      );
    }
    if (authentication.kind === 'authentication' && authentication.state !== 'Success') {
      return this.knownError(
        'Setup',
        directive.token,
        PAYMENT_AUTHENTICATION_ERROR_CODES[authentication.state],
      );
    }

    const country = request.countryOfEstablishment as CountryOfEstablishment;
    const creationTimestamp = this.now().toISOString();
    const agreement: SimulatedAgreement = {
      billingAgreementId: `B02-${this.ids()}`,
      sellerId: request.sellerId,
      countryOfEstablishment: country,
      ledgerCurrency: request.ledgerCurrency as SupportedCurrency,
      releaseEnvironment,
      status: behaviour.kind === 'agreementStatus' ? behaviour.status : 'OPEN',
      creationTimestamp,
      ...readAgreementTerms(request),
    };
    this.agreements.set(agreement.billingAgreementId, agreement);

    const result: SetupAmazonPayResult = {
      billingAgreementDetails: {
        billingAgreementId: agreement.billingAgreementId,
        creationTimestamp,
        checkoutLanguage: request.checkoutLanguage ?? DEFAULT_CHECKOUT_LANGUAGES[country],
        releaseEnvironment: agreement.releaseEnvironment,
        billingAgreementStatus: agreement.status,
        ...(request.needAmazonShippingAddress === true
          ? { destination: { ...simulatedShippingAddress(country), ...this.shippingAddress } }
          : {}),
      },
    };
    return this.respond('Setup', directive.token, OK, 'OK', result);
  }

  private answerCharge(
    directive: Directive,
    behaviour: ChargeBehaviour,
  ): ConnectionsResponseRequest {
    const problem = validateChargePayload(directive.payload);
    if (problem !== undefined) {
      return this.respondError(
        'Charge',
        directive.token,
        problem.statusCode,
        problem.errorCode,
        problem.message,
      );
    }
    // A forced error is an outage in front of Amazon Pay: nothing is looked up or authorized.
    if (behaviour.kind === 'error') {
      return this.forcedError('Charge', directive.token, behaviour.errorCode, behaviour.statusCode);
    }
    if (behaviour.kind === 'malformed') {
      return this.respond('Charge', directive.token, OK, 'OK', {
        amazonOrderReferenceId: `S02-${this.ids()}`,
      });
    }
    // Validated above: the payload has the ChargeAmazonPayRequest shape.
    const request = directive.payload as ChargeAmazonPayRequest;
    const attributes = request.authorizeAttributes;

    // MWS idempotency comes before the agreement checks, so a replay still gets the first answer
    // after that answer suspended the agreement.
    const key = `${request.sellerId}\u0000${attributes.authorizationReferenceId}`;
    const fingerprint = canonicalJson(request);
    const previous = this.authorizations.get(key);
    if (previous !== undefined) {
      if (previous.fingerprint !== fingerprint) {
        return this.knownError('Charge', directive.token, 'DuplicateRequest');
      }
      const { code, message, payload } = previous.answer;
      return this.respond('Charge', directive.token, code, message, payload);
    }

    const agreement = this.agreements.get(request.billingAgreementId);
    if (agreement === undefined || agreement.sellerId !== request.sellerId) {
      return this.knownError('Charge', directive.token, 'InvalidBillingAgreementId');
    }
    if (agreement.status !== 'OPEN') {
      return this.respondError(
        'Charge',
        directive.token,
        BAD_REQUEST,
        'InvalidBillingAgreementStatus',
        `The billing agreement is ${agreement.status}; only an OPEN agreement can be charged.`,
      );
    }
    // The page lists "wrong currency" under InvalidAuthorizationAmount (5.4), so that code it is.
    if (attributes.authorizationAmount.currencyCode !== agreement.ledgerCurrency) {
      return this.respondError(
        'Charge',
        directive.token,
        BAD_REQUEST,
        'InvalidAuthorizationAmount',
        `The currency ${attributes.authorizationAmount.currencyCode} is not the ledger currency ${agreement.ledgerCurrency} of the billing agreement.`,
      );
    }

    const simulation = readDeclineSimulation(
      attributes.sellerAuthorizationNote,
      agreement.releaseEnvironment,
    );
    const authentication = readAuthenticationSimulation(
      request.sellerOrderAttributes?.sellerNote,
      agreement.releaseEnvironment,
    );
    for (const reading of [simulation, authentication]) {
      if (reading.kind === 'problem') {
        return this.respondError(
          'Charge',
          directive.token,
          BAD_REQUEST,
          reading.errorCode,
          reading.message,
        );
      }
    }
    // The SCA challenge comes before the authorization: a failed one authorizes nothing, so it is
    // neither stored nor counted, and the reference id stays free (UNCONFIRMED codes, see
    // PAYMENT_AUTHENTICATION_ERROR_CODES).
    if (authentication.kind === 'authentication' && authentication.state !== 'Success') {
      return this.knownError(
        'Charge',
        directive.token,
        PAYMENT_AUTHENTICATION_ERROR_CODES[authentication.state],
      );
    }
    // The payload's simulation string is what Amazon would act on, so it wins over the switch.
    const outcome: AuthorizationOutcome =
      simulation.kind === 'decline'
        ? { kind: 'declined', reasonCode: simulation.reasonCode, form: 'error' }
        : behaviour;

    const authorization = this.authorize(request, outcome);
    this.authorizations.set(key, { fingerprint, ...authorization });
    if (outcome.kind === 'declined' && outcome.reasonCode === 'InvalidPaymentMethod') {
      this.agreements.set(agreement.billingAgreementId, { ...agreement, status: 'SUSPENDED' });
    }
    const { code, message, payload } = authorization.answer;
    return this.respond('Charge', directive.token, code, message, payload);
  }

  private authorize(
    request: ChargeAmazonPayRequest,
    outcome: AuthorizationOutcome,
  ): Omit<StoredAuthorization, 'fingerprint'> {
    const attributes = request.authorizeAttributes;
    // Validated and matched with the agreement's ledger currency above.
    const currency = attributes.authorizationAmount.currencyCode as SupportedCurrency;
    const amountMinor = toMinorUnits(attributes.authorizationAmount.amount, currency) ?? 0n;
    const captureNow = request.paymentAction === 'AuthorizeAndCapture';

    if (outcome.kind === 'declined' && outcome.form === 'error') {
      return {
        currency,
        capturedMinor: 0n,
        answer: {
          code: BAD_REQUEST,
          message: outcome.reasonCode,
          payload: {
            errorCode: outcome.reasonCode,
            errorMessage: errorMessage(outcome.reasonCode),
          },
        },
      };
    }

    const status = authorizationStatusOf(outcome, captureNow);
    const captured = captureNow && status.state === 'Closed';
    const capturedMinor = captured ? amountMinor : 0n;
    const created = this.now();
    const amazonOrderReferenceId = `S02-${this.ids()}`;
    const details: AuthorizationDetails = {
      amazonAuthorizationId: `${amazonOrderReferenceId}-A000001`,
      authorizationReferenceId: attributes.authorizationReferenceId,
      ...(attributes.sellerAuthorizationNote === undefined
        ? {}
        : { sellerAuthorizationNote: attributes.sellerAuthorizationNote }),
      authorizationAmount: {
        amount: formatMinorUnits(amountMinor, currency),
        currencyCode: currency,
      },
      capturedAmount: { amount: formatMinorUnits(capturedMinor, currency), currencyCode: currency },
      authorizationFee: { amount: formatMinorUnits(0n, currency), currencyCode: currency },
      idList: captured ? [`${amazonOrderReferenceId}-C000001`] : [],
      creationTimestamp: created.toISOString(),
      expirationTimestamp: new Date(created.getTime() + AUTHORIZATION_LIFETIME_MS).toISOString(),
      authorizationStatus: {
        state: status.state,
        ...(status.reasonCode === undefined
          ? {}
          : {
              reasonCode: status.reasonCode,
              reasonDescription: REASON_DESCRIPTIONS[status.reasonCode] ?? status.reasonCode,
            }),
        lastUpdateTimestamp: created.toISOString(),
      },
      softDecline: outcome.kind === 'declined' && outcome.softDecline === true,
      captureNow,
      ...(attributes.softDescriptor === undefined
        ? {}
        : { softDescriptor: `AMZ*${attributes.softDescriptor}` }),
    };
    return {
      currency,
      capturedMinor,
      answer: {
        code: OK,
        message: 'OK',
        payload: { amazonOrderReferenceId, authorizationDetails: details },
      },
    };
  }

  private forcedError(
    name: string,
    token: string,
    errorCode: string,
    statusCode: string,
  ): ConnectionsResponseRequest {
    if (!/^[1-5][0-9]{2}$/.test(statusCode) || statusCode === OK) {
      throw new SimulatorError(
        `A forced error needs an HTTP-like status other than 200, not '${statusCode}'`,
      );
    }
    return this.respondError(name, token, statusCode, errorCode, errorMessage(errorCode));
  }

  private knownError(name: string, token: string, errorCode: string): ConnectionsResponseRequest {
    return this.respondError(name, token, BAD_REQUEST, errorCode, errorMessage(errorCode));
  }

  private respondError(
    name: string,
    token: string,
    code: string,
    errorCode: string,
    errorMessageText: string,
  ): ConnectionsResponseRequest {
    return this.respond(name, token, code, errorCode, {
      errorCode,
      errorMessage: errorMessageText,
    });
  }

  private respond(
    name: string,
    token: string,
    code: string,
    message: string,
    payload: ConnectionsResponseRequest['payload'],
  ): ConnectionsResponseRequest {
    return {
      type: 'Connections.Response',
      requestId: `amzn1.echo-api.request.sim-${this.ids()}`,
      timestamp: this.now().toISOString(),
      ...(this.locale === undefined ? {} : { locale: this.locale }),
      name,
      status: { code, message },
      // A copy, so that a caller mutating one answer cannot change a replayed one.
      payload: structuredClone(payload),
      token,
    };
  }

  private now(): Date {
    return new Date(this.clock().getTime());
  }
}

function parseDirective(
  directive: unknown,
): Directive | { readonly problem: string; readonly name: string; readonly token: string } {
  if (typeof directive !== 'object' || directive === null) {
    return { problem: 'The directive must be an object', name: '', token: '' };
  }
  const { type, name, token, payload } = directive as Readonly<Record<string, unknown>>;
  // Echo what can be echoed; a missing token is answered with an empty one.
  const echoName = typeof name === 'string' ? name : '';
  const echoToken = typeof token === 'string' ? token : '';
  if (type !== 'Connections.SendRequest') {
    return {
      problem: `The directive type must be Connections.SendRequest`,
      name: echoName,
      token: echoToken,
    };
  }
  if (name !== 'Setup' && name !== 'Charge') {
    return {
      problem: 'The directive name must be Setup or Charge',
      name: echoName,
      token: echoToken,
    };
  }
  if (typeof token !== 'string') {
    return { problem: 'The directive token must be a string', name: echoName, token: echoToken };
  }
  return { name, token, payload };
}

function authorizationStatusOf(
  outcome: AuthorizationOutcome,
  captureNow: boolean,
): { readonly state: AuthorizationState; readonly reasonCode?: string } {
  switch (outcome.kind) {
    case 'ok':
      return captureNow
        ? { state: 'Closed', reasonCode: 'MaxCapturesProcessed' }
        : { state: 'Open' };
    case 'declined':
      return { state: 'Declined', reasonCode: outcome.reasonCode };
    case 'pending':
      return { state: 'Pending' };
    case 'reasonCode':
      return { state: outcome.state, reasonCode: outcome.reasonCode };
    default: {
      const unexpected: never = outcome;
      throw new SimulatorError(`Unknown charge behaviour ${JSON.stringify(unexpected)}`);
    }
  }
}

/**
 * Reads the terms a validated Setup asked for: the agreement type and, for a subscription, the
 * amount of each period in minor units (what Amazon Pay keeps with the agreement).
 */
function readAgreementTerms(
  request: SetupAmazonPayRequest,
): Pick<SimulatedAgreement, 'billingAgreementType' | 'subscriptionAmountMinor'> {
  const attributes = request.billingAgreementAttributes;
  const type = attributes?.billingAgreementType;
  const price = attributes?.subscriptionAmount;
  const minor =
    price !== undefined && isSupportedCurrency(price.currencyCode)
      ? toMinorUnits(price.amount, price.currencyCode)
      : undefined;
  return {
    ...(type !== undefined && { billingAgreementType: type }),
    ...(minor !== undefined && { subscriptionAmountMinor: Number(minor) }),
  };
}

/**
 * Reads the SCA simulation string of a Setup's `billingAgreementAttributes.sellerNote`.
 *
 * Honoured only with `billingAgreementType: 'MerchantInitiatedTransaction'`, where the challenge
 * happens at Setup (protocol page, 5.6). With CustomerInitiatedTransaction (also the default when
 * the type is absent) the challenge happens at Charge, so a simulation string in the Setup's note
 * is `InvalidSandboxSimulationSpecified` (the project's reading: a string in the wrong place
 * should not pass unnoticed); on a LIVE Setup any simulation string is `InvalidParameterValue`.
 */
function readSetupAuthentication(
  request: SetupAmazonPayRequest,
  releaseEnvironment: ReleaseEnvironment,
): SandboxSimulation {
  const attributes = request.billingAgreementAttributes;
  const reading = readAuthenticationSimulation(attributes?.sellerNote, releaseEnvironment);
  if (
    reading.kind === 'authentication' &&
    attributes?.billingAgreementType !== 'MerchantInitiatedTransaction'
  ) {
    return {
      kind: 'problem',
      errorCode: 'InvalidSandboxSimulationSpecified',
      message:
        'A payment authentication simulation in the Setup sellerNote needs billingAgreementType MerchantInitiatedTransaction; for CustomerInitiatedTransaction put it in the Charge sellerOrderAttributes.sellerNote.',
    };
  }
  return reading;
}

/**
 * The default shipping address of the simulated buyer of a merchant country: fictitious, and the
 * same one the local Buyer Address stand-in gives, so the Setup answer's destination matches the
 * address the order was priced for.
 */
export function simulatedShippingAddress(country: CountryOfEstablishment): Destination {
  const countryCode = toIsoCountryCode(country);
  return {
    name: 'Test Buyer (simulated)',
    addressLine1: '123 Example Street',
    addressLine2: 'Simulated address, not a real place',
    city: 'Springfield',
    // stateOrRegion is returned only in the U.S.
    // Oregon: a US state the demo catalog delivers to, without sales tax.
    ...(countryCode === 'US' ? { stateOrRegion: 'OR' } : {}),
    postalCode: '00000',
    countryCode,
    phone: '000-000-0000',
  };
}

function errorMessage(errorCode: string): string {
  return ERROR_MESSAGES[errorCode] ?? `Simulated ${errorCode} error`;
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, nested: unknown) =>
    isRecord(nested)
      ? // Keys of one object are unique, so the comparison never meets two equal keys.
        Object.fromEntries(Object.entries(nested).sort(([a], [b]) => (a < b ? -1 : 1)))
      : nested,
  );
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function randomAmazonIdCore(): string {
  const block = (): string => randomInt(0, 10_000_000).toString().padStart(7, '0');
  return `${block()}-${block()}`;
}
