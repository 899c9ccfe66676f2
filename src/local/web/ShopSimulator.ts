import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isRecord, readField, readString } from '../../amazonpay/readUnknown';
import type { Logger } from '../../checkout/Logger';
import type { Order } from '../../checkout/Order';
import { localizeProduct } from '../../checkout/Catalog';
import { loadDemoCatalog } from '../../checkout/demoCatalog';
import { CURRENCY_EXPONENTS } from '../../checkout/money';
import { loadConfig, type Config } from '../../config/loadConfig';
import { BuyerApiClient } from '../../amazonpay/buyer/BuyerApiClient';
import { createHandler, type LambdaHandler } from '../../createHandler';
import type { BuyerApiStandInServer } from '../buyer/startBuyerApiStandIn';
import { applyScenarioBuyer } from '../buyer/applyScenarioBuyer';
import { localBuyerProfile, startLocalBuyerApiFor } from '../buyer/startLocalBuyerApi';
import { localApiAccessToken } from '../requestEnvelopes';
import { isCountryOfEstablishment, type CountryOfEstablishment } from '../simulator/regions';
import { JsonLogger } from '../../logging/JsonLogger';
import { EMBEDDED_ORDERS_TABLE, openEmbeddedOrderStore } from '../../store/embeddedStore';
import type { EmbeddedOrderStore } from '../../store/embeddedStore';
import { shopEnvOf } from '../replay/shopEnv';
import {
  TRANSCRIPT_FORMAT,
  TRANSCRIPT_VERSION,
  type DeviceKind,
  type Transcript,
  type TranscriptTurn,
  type TurnSettings,
} from '../replay/transcript';
import type { ConsentStatus } from '../requestEnvelopes';
import { launchRequest, sessionEndedRequest } from '../requestEnvelopes';
import { SCENARIOS, SHOPPER_PHRASES, type Scenario } from '../scenarios';
import { isSpeechLocale } from '../../speech/promptsFor';
import { AmazonPaySimulator, SIMULATED_ERROR_STATUS } from '../simulator/AmazonPaySimulator';
import type { SimulatorBehaviour } from '../simulator/AmazonPaySimulator';
import {
  describeAmazonPayAnswer,
  describeBehaviour,
  describeDirective,
  readCard,
  readSpeech,
  type CardView,
  type DirectiveView,
} from './describe';
import { buildSimulatedEnvelope } from './envelopes';
import {
  findModelsDir,
  InteractionModelError,
  listModelLocales,
  loadInteractionModel,
} from './interactionModel';
import { describeUnderstanding, toIntentRequest, understand } from './understand';

/** The simulator's controls, as the page sends them with every action. */
export type SimulatorSettings = Omit<TurnSettings, 'env'>;

/** A turn as the page shows it. */
export type TurnView = {
  /** 1-based, over the whole conversation since the last reset. */
  readonly index: number;
  readonly kind: TranscriptTurn['kind'];
  readonly at: string;
  readonly say?: string;
  readonly understood?: string;
  /** For an Amazon Pay turn: the directive answered, the answer in one line, the behaviour. */
  readonly directive?: DirectiveView;
  readonly answer?: string;
  readonly behaviour?: string;
  readonly requestType: string;
  readonly session: { readonly id: string; readonly new: boolean };
  readonly speech?: { readonly text: string; readonly ssml?: string };
  readonly reprompt?: { readonly text: string; readonly ssml?: string };
  readonly card?: CardView;
  readonly directives: ReadonlyArray<DirectiveView>;
  readonly shouldEndSession: boolean | null;
  /** Whether the session is still open after this turn. */
  readonly sessionOpen: boolean;
  readonly request: unknown;
  readonly response: unknown;
  readonly requestBytes: number;
  readonly responseBytes: number;
};

/** One status change of the order's timeline. */
export type TimelineEntry = { readonly status: string; readonly at: string };

/** A token the skill sent in a Connections directive for the order, and what it stands for. */
export type WireToken = {
  readonly turn: number;
  readonly directive: string;
  readonly token: string;
  /** `the order id` (Setup) or `the authorizationReferenceId <orderId>-<attempt>` (Charge). */
  readonly means: string;
  readonly matches: boolean;
};

/** The shopper's current order as stored, for the timeline. */
export type OrderView = {
  readonly orderId: string;
  readonly status: string;
  /** `paid`, `unpaid`, `not paid yet`, `held for review` or `certification test`. */
  readonly payment: string;
  readonly history: ReadonlyArray<TimelineEntry>;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly attempt: number;
  readonly authorizationReferenceId?: string;
  readonly billingAgreementId?: string;
  readonly amazonAuthorizationId?: string;
  readonly lastOutcome?: string;
  readonly currency: string;
  readonly lines: ReadonlyArray<{
    readonly name: string;
    readonly quantity: number;
    readonly unitPrice: string;
    readonly lineTotal: string;
  }>;
  readonly subtotal: string;
  readonly shipping: string;
  readonly tax: string;
  readonly total: string;
  readonly wire: ReadonlyArray<WireToken>;
};

/** The session as the simulated Alexa holds it. */
export type SessionView = {
  readonly open: boolean;
  readonly id?: string;
  readonly attributes: Readonly<Record<string, unknown>>;
};

/** What an action changed: the turns it added, the order, the session, the next directive. */
export type ExchangeView = {
  readonly turns: ReadonlyArray<TurnView>;
  readonly order: OrderView | null;
  readonly session: SessionView;
  /** How many Connections directives have been answered under the current scenario. */
  readonly directivesAnswered: number;
  readonly message?: string;
};

/** A scenario as the page lists it. */
export type ScenarioView = {
  readonly name: string;
  readonly description: string;
  readonly consent: ConsentStatus;
  readonly expectedStatus: string;
  readonly env: Readonly<Record<string, string>>;
  /** How the 1st, 2nd, ... Connections directive is answered. */
  readonly behaviours: ReadonlyArray<string>;
};

/** A locale with a model file, its invocation name and a few things to say. */
export type LocaleView = {
  readonly locale: string;
  readonly invocationName: string;
  readonly examples: ReadonlyArray<string>;
};

/** Thrown for a request the simulator cannot act on (bad settings, unknown scenario...). */
export class SimulatorInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulatorInputError';
  }
}

/** How to build the simulator; every option has a default. */
export type ShopSimulatorOptions = {
  /** The environment the shop's configuration is read from (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * The embedded store's folder. Default: ORDERS_DB_DIR when set in `env`, otherwise a temporary
   * folder of the simulator's own, deleted on close (and emptied by a reset).
   */
  readonly ordersDbDir?: string;
  /** Where the interaction models are (default: the project's skill-package). */
  readonly modelsDir?: string;
  /** The skill's logger (default: JSON lines on stderr from LOG_LEVEL, or warn). */
  readonly logger?: Logger;
};

const DEFAULT_LOCALE = 'en-US';
const MAX_HOPS = 4;

function newShopperId(): string {
  return `amzn1.ask.account.SIMULATOR-${randomBytes(8).toString('hex').toUpperCase()}`;
}

function newSessionId(): string {
  return `amzn1.echo-api.session.simulator-${randomBytes(8).toString('hex')}`;
}

function byteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

function formatMinor(amountMinor: number, currency: string, locale: string): string {
  const exponent = (CURRENCY_EXPONENTS as Readonly<Record<string, number>>)[currency] ?? 2;
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
      amountMinor / 10 ** exponent,
    );
  } catch {
    return `${(amountMinor / 10 ** exponent).toFixed(exponent)} ${currency}`;
  }
}

function paymentOf(status: string): string {
  switch (status) {
    case 'paid':
    case 'shipped':
      return 'paid';
    case 'certification-test':
      return 'certification test (never shipped)';
    case 'held-for-review':
      return 'held for review (not shipped)';
    case 'subscribed':
      return 'subscribed (charged each period by the billing job)';
    case 'declined':
    case 'failed':
    case 'cancelled':
      return 'unpaid';
    default:
      return 'not paid yet';
  }
}

/** The parts of a response envelope the simulator acts on. */
type Reply = {
  readonly directives: ReadonlyArray<unknown>;
  readonly shouldEndSession: boolean | undefined;
  readonly attributes: Record<string, unknown>;
};

function readReply(envelope: unknown): Reply {
  const response = readField(envelope, 'response');
  const directives = readField(response, 'directives');
  const should = readField(response, 'shouldEndSession');
  const attributes = readField(envelope, 'sessionAttributes');
  return {
    directives: Array.isArray(directives) ? (directives as ReadonlyArray<unknown>) : [],
    shouldEndSession: typeof should === 'boolean' ? should : undefined,
    attributes: isRecord(attributes) ? { ...attributes } : {},
  };
}

function isConnectionsRequest(directive: unknown): boolean {
  return readString(directive, 'type') === 'Connections.SendRequest';
}

type OpenSession = { readonly id: string; attributes: Record<string, unknown> };

/**
 * The browser simulator's engine: the real Lambda handler (createHandler with the embedded order
 * store), the offline Amazon Pay simulator, a simulated Alexa that turns typed words into requests
 * with the locale's interaction model, and the conversation so far as a transcript.
 *
 * Actions run one at a time, in the order they arrive.
 *
 * @example
 * const simulator = await ShopSimulator.open({ env: process.env });
 * const exchange = await simulator.say('open blue kettle coffee', simulator.defaultSettings());
 * await simulator.close();
 */
export class ShopSimulator {
  private readonly baseEnv: Readonly<Record<string, string | undefined>>;
  private readonly shopEnv: Readonly<Record<string, string>>;
  private readonly modelsDir: string;
  private readonly logger: Logger;
  private readonly ownsDir: boolean;
  private dir: string;
  /** The loopback Buyer API stand-in the shop's handlers call, when this simulator started one. */
  private buyerApi: BuyerApiStandInServer | undefined;
  private readonly country: CountryOfEstablishment | undefined;
  private embedded: EmbeddedOrderStore;
  private handlers = new Map<string, LambdaHandler>();
  private amazonPay = new AmazonPaySimulator();
  private shopperId = newShopperId();
  private session: OpenSession | undefined;
  private turns: Array<{ readonly turn: TranscriptTurn; readonly view: TurnView }> = [];
  private directiveCount = 0;
  private lastScenario: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  /** The shop's base configuration (without a scenario's variables). */
  readonly config: Config;

  private constructor(parts: {
    readonly baseEnv: Readonly<Record<string, string | undefined>>;
    readonly modelsDir: string;
    readonly logger: Logger;
    readonly dir: string;
    readonly ownsDir: boolean;
    readonly config: Config;
  }) {
    this.baseEnv = parts.baseEnv;
    this.country = isCountryOfEstablishment(parts.config.merchantCountry)
      ? parts.config.merchantCountry
      : undefined;
    this.shopEnv = shopEnvOf(parts.baseEnv);
    this.modelsDir = parts.modelsDir;
    this.logger = parts.logger;
    this.dir = parts.dir;
    this.ownsDir = parts.ownsDir;
    this.config = parts.config;
    this.embedded = openEmbeddedOrderStore({ dir: this.dir, tableName: EMBEDDED_ORDERS_TABLE });
  }

  /**
   * Reads and checks the configuration (ConfigError), finds the interaction models, and opens the
   * embedded store, reading it once so that a folder used by another process fails here
   * (EmbeddedStoreLockedError) rather than on the first turn.
   */
  static async open(options: ShopSimulatorOptions = {}): Promise<ShopSimulator> {
    const baseEnv = options.env ?? process.env;
    const modelsDir = options.modelsDir ?? findModelsDir();
    if (modelsDir === undefined) {
      throw new InteractionModelError(
        'skill-package/interactionModels/custom was not found above this folder',
      );
    }
    const given = options.ordersDbDir ?? baseEnv['ORDERS_DB_DIR'];
    const ownsDir = given === undefined || given.trim() === '';
    // Checked before anything is created: a configuration error leaves nothing behind.
    loadConfig(ShopSimulator.envFor(baseEnv, {}, given ?? tmpdir()));
    const dir = ownsDir ? await mkdtemp(path.join(tmpdir(), 'voice-shop-simulator-')) : given;
    const config = loadConfig(ShopSimulator.envFor(baseEnv, {}, dir));
    const logger =
      options.logger ??
      new JsonLogger({
        level: baseEnv['LOG_LEVEL'] === undefined ? 'warn' : config.logLevel,
        write: (line) => process.stderr.write(`${line}\n`),
      });
    const simulator = new ShopSimulator({ baseEnv, modelsDir, logger, dir, ownsDir, config });
    try {
      await simulator.embedded.store.get('simulator-store-check');
      // The Buyer ID and Buyer Address APIs: the loopback stand-in, unless BUYER_API_ORIGIN is set.
      simulator.buyerApi = await startLocalBuyerApiFor(config);
    } catch (error) {
      await simulator.close();
      throw error;
    }
    return simulator;
  }

  private static envFor(
    baseEnv: Readonly<Record<string, string | undefined>>,
    scenarioEnv: Readonly<Record<string, string>>,
    dir: string,
  ): Readonly<Record<string, string | undefined>> {
    return {
      ...baseEnv,
      ...scenarioEnv,
      // Always the embedded store in this folder, and never Lambda's rules.
      ORDERS_TABLE: undefined,
      AWS_LAMBDA_FUNCTION_NAME: undefined,
      ORDERS_DB_DIR: dir,
    };
  }

  /** The folder of the embedded store in use. */
  get ordersDbDir(): string {
    return this.dir;
  }

  /** The controls' starting values. */
  defaultSettings(): SimulatorSettings {
    const locales = listModelLocales(this.modelsDir);
    return {
      locale: locales.includes(DEFAULT_LOCALE) ? DEFAULT_LOCALE : (locales[0] ?? DEFAULT_LOCALE),
      device: 'screen',
      consent: 'GRANTED',
      voicePurchasing: true,
      scenario: 'happy-path',
    };
  }

  /**
   * The scenarios of `npm start -- --list` that typed words can play (not those with merchant
   * backend steps), with their behaviours described.
   */
  scenarios(): ReadonlyArray<ScenarioView> {
    return SCENARIOS.filter((s) => s.backend === undefined).map((s) => ({
      name: s.name,
      description: s.description,
      consent: s.consent,
      expectedStatus: s.expectedStatus,
      env: s.env ?? {},
      behaviours: s.behaviours.map(describeBehaviour),
    }));
  }

  /** The locales that have an interaction model now, with example utterances. */
  locales(): ReadonlyArray<LocaleView> {
    return listModelLocales(this.modelsDir).flatMap((locale) => {
      try {
        const model = loadInteractionModel(this.modelsDir, locale);
        return [{ locale, invocationName: model.invocationName, examples: examplesFor(model) }];
      } catch {
        return [];
      }
    });
  }

  /** The whole conversation since the last reset, the session and the order. */
  state(): Promise<ExchangeView> {
    return this.serially(async () => this.exchange(this.turns.map((t) => t.view)));
  }

  /** The current order, read from the store. */
  order(): Promise<OrderView | null> {
    return this.serially(() => this.currentOrder());
  }

  /** The conversation since the last reset as a transcript for `npm start -- --replay`. */
  transcript(): Transcript {
    return {
      format: TRANSCRIPT_FORMAT,
      version: TRANSCRIPT_VERSION,
      createdAt: new Date().toISOString(),
      shop: { env: this.shopEnv },
      turns: this.turns.map((t) => t.turn),
    };
  }

  /**
   * Plays what the shopper says: understood with the locale's interaction model, sent to the skill
   * (in the open session, or a new one for "open ..." and when none is open), then every
   * Connections directive of the answer is answered by Amazon Pay, each in a new session.
   *
   * @throws SimulatorInputError for empty words, unknown settings or a locale without a model.
   */
  say(words: string, settings: SimulatorSettings): Promise<ExchangeView> {
    return this.serially(async () => {
      const text = words.trim();
      if (text === '') throw new SimulatorInputError('say something: the words are empty');
      const scenario = this.useScenario(settings);
      let model;
      try {
        model = loadInteractionModel(this.modelsDir, settings.locale);
      } catch (error) {
        throw new SimulatorInputError(error instanceof Error ? error.message : String(error));
      }
      const understanding = understand(text, model);
      const request =
        understanding.kind === 'launch'
          ? launchRequest()
          : toIntentRequest(understanding, this.config.skillId);
      if (understanding.kind === 'launch' || understanding.oneShot) this.session = undefined;
      const added: Array<TurnView> = [];
      const first = await this.send(settings, scenario, request, {
        kind: 'shopper',
        say: text,
        understood: describeUnderstanding(understanding),
      });
      added.push(first.view);
      added.push(...(await this.followDirectives(settings, scenario, first.response)));
      return this.exchange(added);
    });
  }

  /**
   * Starts over with a new session: an open session is ended first with a SessionEndedRequest
   * (USER_INITIATED), as when the shopper walks away. The store and the shopper stay.
   */
  newSession(settings: SimulatorSettings): Promise<ExchangeView> {
    return this.serially(async () => {
      const scenario = this.useScenario(settings);
      const added: Array<TurnView> = [];
      if (this.session !== undefined) {
        const ended = await this.send(settings, scenario, sessionEndedRequest('USER_INITIATED'), {
          kind: 'sessionEnded',
        });
        added.push(ended.view);
      }
      this.session = undefined;
      return this.exchange(added, 'A new session starts with what the shopper says next.');
    });
  }

  /**
   * Starts again with no orders: a new shopper, a new Amazon Pay (no billing agreements), no
   * session and an empty conversation. The simulator's own store folder is emptied; a folder
   * given by ORDERS_DB_DIR keeps its orders (the new shopper has none of them).
   */
  reset(): Promise<ExchangeView> {
    return this.serially(async () => {
      let message = 'The store is empty and a new shopper is talking.';
      if (this.ownsDir) {
        await this.embedded.close();
        await rm(this.dir, { recursive: true, force: true });
        this.dir = await mkdtemp(path.join(tmpdir(), 'voice-shop-simulator-'));
        this.embedded = openEmbeddedOrderStore({ dir: this.dir, tableName: EMBEDDED_ORDERS_TABLE });
        this.handlers = new Map();
      } else {
        message = `A new shopper is talking; the orders in ${this.dir} are kept.`;
      }
      this.amazonPay = new AmazonPaySimulator();
      this.shopperId = newShopperId();
      // The next turn sets the new shopper up as its scenario says.
      this.lastScenario = undefined;
      this.session = undefined;
      this.turns = [];
      this.directiveCount = 0;
      this.lastScenario = undefined;
      return this.exchange([], message);
    });
  }

  /** Stops the embedded store and deletes the simulator's own folder; safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.catch(() => undefined);
    await this.embedded.close();
    await this.buyerApi?.close();
    if (this.ownsDir) await rm(this.dir, { recursive: true, force: true });
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new SimulatorInputError('the simulator is closed'));
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Gives the shopper the scenario's address and Buyer Address answers, in both simulators. */
  private useScenarioBuyer(scenario: Scenario): void {
    const country = this.country;
    if (this.buyerApi === undefined || country === undefined) return;
    const token = localApiAccessToken(this.shopperId);
    applyScenarioBuyer(this.buyerApi, scenario.buyer, token, localBuyerProfile(country)(token));
    this.amazonPay = new AmazonPaySimulator(
      scenario.buyer?.address !== undefined ? { shippingAddress: scenario.buyer.address } : {},
    );
  }

  private useScenario(settings: SimulatorSettings): Scenario {
    const scenario = SCENARIOS.find((s) => s.name === settings.scenario);
    if (scenario === undefined) {
      throw new SimulatorInputError(`unknown scenario: ${settings.scenario}`);
    }
    // A scenario's behaviours count its directives from its first one.
    if (this.lastScenario !== scenario.name) {
      this.directiveCount = 0;
      this.useScenarioBuyer(scenario);
    }
    this.lastScenario = scenario.name;
    return scenario;
  }

  private handlerFor(env: Readonly<Record<string, string>>): LambdaHandler {
    const key = JSON.stringify(Object.entries(env).sort());
    let handler = this.handlers.get(key);
    if (handler === undefined) {
      const config = loadConfig(ShopSimulator.envFor(this.baseEnv, env, this.dir));
      handler = createHandler({
        config,
        store: this.embedded.store,
        // As in the Lambda entry: the agreements of subscriptions in the same table.
        agreements: this.embedded.agreements,
        catalog: loadDemoCatalog(),
        logger: this.logger,
        clock: () => new Date(),
        // As in the Lambda entry: 128 random bits, URL-safe.
        newOrderId: () => randomBytes(16).toString('base64url'),
        buyerApi: new BuyerApiClient({
          timeoutMs: config.buyerApiTimeoutMs,
          ...((config.buyerApiOrigin ?? this.buyerApi?.origin) !== undefined && {
            originOverride: config.buyerApiOrigin ?? this.buyerApi?.origin,
          }),
        }),
      });
      this.handlers.set(key, handler);
    }
    return handler;
  }

  private async send(
    settings: SimulatorSettings,
    scenario: Scenario,
    request: Record<string, unknown>,
    turn:
      | { readonly kind: 'shopper'; readonly say: string; readonly understood: string }
      | {
          readonly kind: 'amazonPay';
          readonly directive: unknown;
          readonly behaviour: SimulatorBehaviour;
        }
      | { readonly kind: 'sessionEnded' },
  ): Promise<{ readonly view: TurnView; readonly response: unknown }> {
    // A Connections.Response always comes as a new session, with no attributes.
    const continuing = turn.kind !== 'amazonPay' ? this.session : undefined;
    const sessionId = continuing?.id ?? newSessionId();
    const envelope = buildSimulatedEnvelope(
      {
        skillId: this.config.skillId,
        userId: this.shopperId,
        locale: settings.locale,
        consent: settings.consent,
        sessionId,
        device: settings.device,
      },
      request,
      { new: continuing === undefined, attributes: continuing?.attributes ?? {} },
    );
    const env = scenario.env ?? {};
    const response: unknown = await this.handlerFor(env)(envelope);
    const reply = readReply(response);
    const ended =
      reply.directives.some(isConnectionsRequest) ||
      reply.shouldEndSession === true ||
      (reply.shouldEndSession === undefined && settings.device === 'voice') ||
      turn.kind === 'sessionEnded';
    this.session = ended ? undefined : { id: sessionId, attributes: reply.attributes };

    const fullSettings: TurnSettings = { ...settings, env };
    const recorded: TranscriptTurn =
      turn.kind === 'shopper'
        ? { ...turn, settings: fullSettings, request: envelope, response }
        : turn.kind === 'amazonPay'
          ? { ...turn, settings: fullSettings, request: envelope, response }
          : { kind: 'sessionEnded', settings: fullSettings, request: envelope, response };
    const view = this.viewOf(recorded, this.turns.length + 1, {
      sessionId,
      sessionNew: continuing === undefined,
      sessionOpen: !ended,
    });
    this.turns.push({ turn: recorded, view });
    return { view, response };
  }

  private async followDirectives(
    settings: SimulatorSettings,
    scenario: Scenario,
    firstResponse: unknown,
  ): Promise<ReadonlyArray<TurnView>> {
    const added: Array<TurnView> = [];
    let response = firstResponse;
    for (let hop = 0; hop < MAX_HOPS; hop += 1) {
      const directive = readReply(response).directives.find(isConnectionsRequest);
      if (directive === undefined) break;
      let behaviour: SimulatorBehaviour = scenario.behaviours[this.directiveCount] ?? {};
      this.directiveCount += 1;
      if (!settings.voicePurchasing && readString(directive, 'name') === 'Setup') {
        behaviour = {
          ...behaviour,
          setup: {
            kind: 'error',
            errorCode: 'VoicePurchaseNotEnabled',
            statusCode: SIMULATED_ERROR_STATUS['VoicePurchaseNotEnabled'] ?? '403',
          },
        };
      }
      const answer = this.amazonPay.answer(directive, behaviour);
      const sent = await this.send(
        settings,
        scenario,
        { ...answer },
        {
          kind: 'amazonPay',
          directive,
          behaviour,
        },
      );
      added.push(sent.view);
      response = sent.response;
    }
    return added;
  }

  private viewOf(
    turn: TranscriptTurn,
    index: number,
    session: {
      readonly sessionId: string;
      readonly sessionNew: boolean;
      readonly sessionOpen: boolean;
    },
  ): TurnView {
    const response = readField(turn.response, 'response');
    const speech = readSpeech(readField(response, 'outputSpeech'));
    const reprompt = readSpeech(readField(readField(response, 'reprompt'), 'outputSpeech'));
    const card = readCard(readField(response, 'card'));
    const should = readField(response, 'shouldEndSession');
    const request = readField(turn.request, 'request');
    return {
      index,
      kind: turn.kind,
      at: new Date().toISOString(),
      ...(turn.kind === 'shopper' && { say: turn.say, understood: turn.understood }),
      ...(turn.kind === 'amazonPay' && {
        directive: describeDirective(turn.directive),
        answer: describeAmazonPayAnswer(request),
        behaviour: describeBehaviour(turn.behaviour),
      }),
      requestType: readString(request, 'type') ?? '?',
      session: { id: session.sessionId, new: session.sessionNew },
      ...(speech !== undefined && { speech }),
      ...(reprompt !== undefined && { reprompt }),
      ...(card !== undefined && { card }),
      directives: readReply(turn.response).directives.map(describeDirective),
      shouldEndSession: typeof should === 'boolean' ? should : null,
      sessionOpen: session.sessionOpen,
      request: turn.request,
      response: turn.response,
      requestBytes: byteLength(turn.request),
      responseBytes: byteLength(turn.response),
    };
  }

  private async exchange(turns: ReadonlyArray<TurnView>, message?: string): Promise<ExchangeView> {
    return {
      turns,
      order: await this.currentOrder(),
      session:
        this.session === undefined
          ? { open: false, attributes: {} }
          : { open: true, id: this.session.id, attributes: this.session.attributes },
      directivesAnswered: this.directiveCount,
      ...(message !== undefined && { message }),
    };
  }

  private async currentOrder(): Promise<OrderView | null> {
    const order = await this.embedded.store.latestOrderForUser(this.shopperId);
    return order === undefined ? null : this.orderView(order);
  }

  private orderView(order: Order): OrderView {
    const money = (minor: number): string => formatMinor(minor, order.currency, order.locale);
    const wire: Array<WireToken> = [];
    for (const { turn, view } of this.turns) {
      for (const directive of readReply(turn.response).directives.filter(isConnectionsRequest)) {
        const name = readString(directive, 'name') ?? '?';
        const token = readString(directive, 'token') ?? '';
        const attempt = /-(\d+)$/.exec(token)?.[1];
        if (name === 'Setup' && token === order.orderId) {
          wire.push({
            turn: view.index,
            directive: name,
            token,
            means: 'the order id',
            matches: true,
          });
        } else if (name === 'Charge' && token.startsWith(`${order.orderId}-`)) {
          const reference = readString(
            readField(readField(directive, 'payload'), 'authorizeAttributes'),
            'authorizationReferenceId',
          );
          wire.push({
            turn: view.index,
            directive: name,
            token,
            means: `the authorizationReferenceId (order id - attempt ${attempt ?? '?'})`,
            matches: reference === token && attempt !== undefined,
          });
        }
      }
    }
    const outcome = order.lastOutcome;
    return {
      orderId: order.orderId,
      status: order.status,
      payment: paymentOf(order.status),
      history: order.history.map((h) => ({ status: h.status, at: h.at })),
      createdAt: order.createdAt,
      updatedAt: order.updatedAt,
      attempt: order.attempt,
      ...(order.authorizationReferenceId !== undefined && {
        authorizationReferenceId: order.authorizationReferenceId,
      }),
      ...(order.billingAgreementId !== undefined && {
        billingAgreementId: order.billingAgreementId,
      }),
      ...(order.amazonAuthorizationId !== undefined && {
        amazonAuthorizationId: order.amazonAuthorizationId,
      }),
      ...(outcome !== undefined && {
        lastOutcome:
          (outcome.kind.startsWith(outcome.operation)
            ? outcome.kind
            : `${outcome.operation} ${outcome.kind}`) +
          (outcome.code === undefined ? '' : ` ${outcome.code}`) +
          (outcome.statusCode === undefined ? '' : ` (status ${outcome.statusCode})`),
      }),
      currency: order.currency,
      lines: order.lines.map((line) => ({
        name: line.name,
        quantity: line.quantity,
        unitPrice: money(line.unitPriceMinor),
        lineTotal: money(line.unitPriceMinor * line.quantity),
      })),
      subtotal: money(order.subtotalMinor),
      shipping: money(order.shippingMinor),
      tax: money(order.taxMinor),
      total: money(order.totalMinor),
      wire,
    };
  }
}

/** Things to say in a locale: open, buy two of the first product, yes, no, check out, help. */
function examplesFor(model: ReturnType<typeof loadInteractionModel>): ReadonlyArray<string> {
  const phrases = isSpeechLocale(model.locale) ? SHOPPER_PHRASES[model.locale] : undefined;
  // The first catalog product by its first name in the locale, as the scenarios say it.
  const first = loadDemoCatalog().products[0];
  const productWord =
    first === undefined ? 'coffee' : (localizeProduct(first, model.locale).synonyms[0] ?? first.id);
  const checkout = model.intents.find((i) => i.name === 'SetupPaymentIntent')?.samples[0];
  const cancel = model.intents.find((i) => i.name === 'CancelOrderIntent')?.samples[0];
  return [
    phrases?.open ?? `open ${model.invocationName}`,
    phrases?.buyTwo(productWord) ?? `buy two ${productWord}`,
    phrases?.yes ?? 'yes',
    phrases?.no ?? 'no',
    ...(checkout === undefined ? [] : [checkout]),
    ...(cancel === undefined ? [] : [cancel]),
  ];
}

/** Checks settings sent by the page. */
export function parseSettings(value: unknown): SimulatorSettings {
  const locale = readString(value, 'locale');
  const device = readField(value, 'device');
  const consent = readField(value, 'consent');
  const voicePurchasing = readField(value, 'voicePurchasing');
  const scenario = readString(value, 'scenario');
  if (locale === undefined || !/^[a-z]{2}-[A-Z]{2}$/.test(locale)) {
    throw new SimulatorInputError('settings.locale must be a locale such as en-US');
  }
  if (device !== 'screen' && device !== 'voice') {
    throw new SimulatorInputError('settings.device must be "screen" or "voice"');
  }
  if (consent !== 'GRANTED' && consent !== 'DENIED' && consent !== 'missing') {
    throw new SimulatorInputError('settings.consent must be "GRANTED", "DENIED" or "missing"');
  }
  if (typeof voicePurchasing !== 'boolean') {
    throw new SimulatorInputError('settings.voicePurchasing must be true or false');
  }
  if (scenario === undefined) throw new SimulatorInputError('settings.scenario must be a name');
  const deviceKind: DeviceKind = device;
  return { locale, device: deviceKind, consent, voicePurchasing, scenario };
}
