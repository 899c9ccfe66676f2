import { readField, readString } from '../../src/amazonpay/readUnknown';
import { BuyerApiClient } from '../../src/amazonpay/buyer/BuyerApiClient';
import { loadDemoCatalog } from '../../src/checkout/demoCatalog';
import type { LogFields, Logger } from '../../src/checkout/Logger';
import { loadConfig, type Config } from '../../src/config/loadConfig';
import { createHandler, type LambdaHandler } from '../../src/createHandler';
import {
  buildRequestEnvelope,
  intentRequest,
  launchRequest,
} from '../../src/local/requestEnvelopes';
import { startLocalBuyerApi } from '../../src/local/buyer/startLocalBuyerApi';
import type { BuyerApiStandInServer } from '../../src/local/buyer/startBuyerApiStandIn';
import type { CountryOfEstablishment } from '../../src/local/simulator/regions';
import {
  AmazonPaySimulator,
  type SimulatorBehaviour,
} from '../../src/local/simulator/AmazonPaySimulator';
import { aContext } from '../fixtures/requests';
import { DynamoDbAgreementStore } from '../../src/store/DynamoDbAgreementStore';
import { startTestOrderStore, type TestOrderStore } from './dynalite';

/** A log line as the recording logger keeps it. */
export type LogLine = {
  readonly level: string;
  readonly message: string;
  readonly fields: LogFields;
};

/** A logger that keeps every line, for assertions on what is (and is not) logged. */
export class RecordingLogger implements Logger {
  readonly lines: LogLine[] = [];

  info(message: string, fields: LogFields = {}): void {
    this.lines.push({ level: 'info', message, fields });
  }

  warn(message: string, fields: LogFields = {}): void {
    this.lines.push({ level: 'warn', message, fields });
  }

  error(message: string, fields: LogFields = {}): void {
    this.lines.push({ level: 'error', message, fields });
  }
}

/** The parts of a response envelope that tests look at. */
export type Reply = {
  readonly raw: unknown;
  readonly speech: string | undefined;
  readonly reprompt: string | undefined;
  readonly card: Record<string, unknown> | undefined;
  readonly directives: ReadonlyArray<Record<string, unknown>>;
  readonly ended: boolean | undefined;
  readonly attributes: Record<string, unknown> | undefined;
};

/** Reads a response envelope into a Reply. */
export function toReply(envelope: unknown): Reply {
  const response = readField(envelope, 'response');
  const directives = readField(response, 'directives');
  const card = readField(response, 'card');
  const ended = readField(response, 'shouldEndSession');
  const attributes = readField(envelope, 'sessionAttributes');
  return {
    raw: envelope,
    speech: readString(response, 'outputSpeech', 'ssml'),
    reprompt: readString(response, 'reprompt', 'outputSpeech', 'ssml'),
    card: typeof card === 'object' && card !== null ? (card as Record<string, unknown>) : undefined,
    directives: Array.isArray(directives) ? (directives as Array<Record<string, unknown>>) : [],
    ended: typeof ended === 'boolean' ? ended : undefined,
    attributes:
      typeof attributes === 'object' && attributes !== null
        ? (attributes as Record<string, unknown>)
        : undefined,
  };
}

/** A shop for flow tests: the real handler on a fresh dynalite store and the offline simulator. */
export type TestShop = {
  readonly handler: LambdaHandler;
  readonly orders: TestOrderStore;
  /** The billing agreements of subscriptions, in the orders' table (what the billing job reads). */
  readonly agreements: DynamoDbAgreementStore;
  readonly simulator: AmazonPaySimulator;
  readonly config: Config;
  readonly logger: RecordingLogger;
  /** The loopback Buyer ID / Buyer Address stand-in the skill calls (absent with `buyerApi: false`). */
  readonly buyerApi: BuyerApiStandInServer | undefined;
  /** Sends a request in the given session attributes (a new session when undefined). */
  send(
    request: Record<string, unknown>,
    options?: {
      userId?: string;
      attributes?: Record<string, unknown>;
      consent?: 'GRANTED' | 'DENIED' | 'missing';
    },
  ): Promise<Reply>;
  /** Sends a whole envelope. */
  sendEnvelope(envelope: unknown): Promise<Reply>;
  /** Answers a Connections directive with the simulator and delivers it as a new session. */
  deliver(
    directive: Record<string, unknown>,
    behaviour?: SimulatorBehaviour,
    userId?: string,
  ): Promise<{ reply: Reply; answer: Record<string, unknown> }>;
  /** Launch, buy and yes: returns the Setup directive and the order id. */
  buyAndConfirm(
    slots?: Record<string, string>,
    userId?: string,
  ): Promise<{ setup: Record<string, unknown>; orderId: string }>;
  close(): Promise<void>;
};

let idCounter = 0;

/** Starts a TestShop; `env` overrides the local default configuration. */
export async function startShop(
  options: {
    env?: Record<string, string>;
    clock?: () => Date;
    /** False: the skill gets no Buyer APIs (every order is priced with the flat rate). */
    buyerApi?: boolean;
  } = {},
): Promise<TestShop> {
  const orders = await startTestOrderStore();
  const config = loadConfig({ LOG_LEVEL: 'silent', ...options.env }, '/tmp');
  const logger = new RecordingLogger();
  const buyerApi =
    options.buyerApi === false
      ? undefined
      : await startLocalBuyerApi({
          country: config.merchantCountry as CountryOfEstablishment,
          ...(config.sandboxCustomerEmail !== undefined && {
            sandboxEmail: config.sandboxCustomerEmail,
          }),
        });
  const agreements = new DynamoDbAgreementStore({
    client: orders.client,
    tableName: orders.tableName,
  });
  const handler = createHandler({
    config,
    store: orders.store,
    agreements,
    catalog: loadDemoCatalog(),
    logger,
    clock: options.clock ?? (() => new Date()),
    newOrderId: () => {
      idCounter += 1;
      return `order${String(idCounter).padStart(6, '0')}${Math.random().toString(36).slice(2, 10)}`;
    },
    ...(buyerApi !== undefined && {
      buyerApi: new BuyerApiClient({
        originOverride: buyerApi.origin,
        timeoutMs: config.buyerApiTimeoutMs,
      }),
    }),
  });
  const simulator = new AmazonPaySimulator({ locale: 'en-US' });

  const sendEnvelope = async (envelope: unknown): Promise<Reply> =>
    toReply(await handler(envelope));

  const send: TestShop['send'] = (request, sendOptions = {}) =>
    sendEnvelope(
      buildRequestEnvelope(
        aContext({
          ...(sendOptions.userId !== undefined && { userId: sendOptions.userId }),
          ...(sendOptions.consent !== undefined && { consent: sendOptions.consent }),
        }),
        request,
        {
          new: sendOptions.attributes === undefined,
          ...(sendOptions.attributes !== undefined && { attributes: sendOptions.attributes }),
        },
      ),
    );

  const deliver: TestShop['deliver'] = async (directive, behaviour = {}, userId) => {
    const answer = { ...simulator.answer(directive, behaviour) } as Record<string, unknown>;
    const reply = await send(answer, userId !== undefined ? { userId } : {});
    return { reply, answer };
  };

  const buyAndConfirm: TestShop['buyAndConfirm'] = async (
    slots = { product: 'coffee', quantity: '2' },
    userId,
  ) => {
    const who = userId !== undefined ? { userId } : {};
    const launched = await send(launchRequest(), who);
    const summary = await send(intentRequest('BuyIntent', slots), {
      ...who,
      attributes: launched.attributes ?? {},
    });
    const orderId = summary.attributes?.['pendingOrderId'];
    if (typeof orderId !== 'string')
      throw new Error(`no order was created: ${summary.speech ?? ''}`);
    const confirmed = await send(intentRequest('AMAZON.YesIntent'), {
      ...who,
      attributes: summary.attributes ?? {},
    });
    const setup = confirmed.directives[0];
    if (setup === undefined) throw new Error('no Setup directive');
    return { setup, orderId };
  };

  return {
    handler,
    orders,
    agreements,
    simulator,
    config,
    logger,
    send,
    sendEnvelope,
    deliver,
    buyAndConfirm,
    buyerApi,
    close: async () => {
      await buyerApi?.close();
      await orders.close();
    },
  };
}
