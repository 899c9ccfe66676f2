import fc from 'fast-check';
import { BuyerApiClient } from '../../src/amazonpay/buyer/BuyerApiClient';
import { loadDemoCatalog } from '../../src/checkout/demoCatalog';
import { applyScenarioBuyer } from '../../src/local/buyer/applyScenarioBuyer';
import type { BuyerApiBehaviour } from '../../src/local/buyer/BuyerApiBehaviour';
import type { BuyerProfile } from '../../src/local/buyer/BuyerProfile';
import type { Logger } from '../../src/checkout/Logger';
import type { CheckoutStore } from '../../src/checkout/CheckoutService';
import { loadConfig } from '../../src/config/loadConfig';
import { createHandler, type LambdaHandler } from '../../src/createHandler';
import { buildRequestEnvelope, type ConsentStatus } from '../../src/local/requestEnvelopes';
import { runScenario } from '../../src/local/runScenario';
import { SCENARIOS } from '../../src/local/scenarios';
import { JsonLogger } from '../../src/logging/JsonLogger';
import {
  aChargeResponse,
  aContext,
  anErrorResponse,
  intentRequest,
  launchRequest,
  sessionEndedRequest,
} from '../fixtures/requests';
import { FaultyOrderStore, type Fault, type StoreOperation } from '../support/faults';
import { RecordingLogger, startShop, toReply, type TestShop } from '../support/shop';
import { envelopeSpec, eventOf, setOwn, type Json } from '../property/arbitraries';
import { isPlainRecord, itemsOfUser, own, storedOrder } from '../property/invariants';

/**
 * Every log line of a whole suite of flows, through the handler startShop builds (its
 * RecordingLogger) and through one built with the real JsonLogger writing into an array: every
 * scenario of `npm start`, forged and replayed answers, malformed envelopes, refused requests,
 * store failures and a turn over its budget. The inputs carry distinctive personal data (names,
 * streets, postal codes, emails, phone numbers, tokens, user ids) and no log line may hold any.
 */

/** A mark no id, code or message of the skill contains, so that any leak, even cut, shows. */
const CORE = 'Q7ZK';

const MARK = {
  apiAccessToken: `eyJ${CORE}apiAccessToken.eyJzdWIiOiJwcml2YWN5In0.sig${CORE}`,
  consentToken: `Atza|${CORE}consentToken-IwEBIPrivacy${CORE}`,
  personAccessToken: `eyJ${CORE}personToken.sig`,
  personId: `amzn1.ask.person.${CORE}PERSON`,
  deviceId: `amzn1.ask.device.${CORE}DEVICE`,
  shipName: `Zelda ${CORE} Quuxington`,
  billName: `Ignatius ${CORE} Billingsworth`,
  company: `${CORE} Widgets GmbH`,
  street: `742 ${CORE} Evergreen Terrace`,
  street2: `Apartment ${CORE}-9`,
  city: `${CORE}ville`,
  district: `${CORE} County`,
  postalCode: `ZZ9 ${CORE}`,
  billStreet: `1 ${CORE} Billing Road`,
  billPostalCode: `${CORE}-55501`,
  phone: '+1 (206) 555-0147 x7337',
  billPhone: '+44 20 7946 0999',
  email: `zelda.${CORE.toLowerCase()}@privacy.example`,
  sandboxEmail: `sandbox.${CORE.toLowerCase()}@privacy.example`,
} as const;

let userCounter = 0;
/** A distinctive Alexa user id per shopper. */
function newUser(): string {
  userCounter += 1;
  return `amzn1.ask.account.${CORE}SHOPPER${String(userCounter).padStart(4, '0')}`;
}

/** Everything that must never appear in a log line: every mark, every user id used. */
const secrets = new Set<string>(Object.values(MARK));

function address(kind: 'ship' | 'bill'): Json {
  return {
    name: kind === 'ship' ? MARK.shipName : MARK.billName,
    companyName: MARK.company,
    addressLine1: kind === 'ship' ? MARK.street : MARK.billStreet,
    addressLine2: MARK.street2,
    addressLine3: MARK.district,
    city: MARK.city,
    districtOrCounty: MARK.district,
    stateOrRegion: 'WA',
    postalCode: kind === 'ship' ? MARK.postalCode : MARK.billPostalCode,
    countryCode: 'US',
    phone: kind === 'ship' ? MARK.phone : MARK.billPhone,
    email: MARK.email,
  };
}

/**
 * Puts personal data into an envelope where Alexa and Amazon Pay put it: the tokens, the person,
 * the device, and in a Setup answer the shipping and billing addresses and the buyer.
 */
function mark(event: unknown): unknown {
  if (!isPlainRecord(event)) return event;
  const copy = JSON.parse(JSON.stringify(event)) as Json;
  const system = own(copy, 'context', 'System');
  if (isPlainRecord(system)) {
    const s = system as Json;
    s['apiAccessToken'] = MARK.apiAccessToken;
    s['person'] = { personId: MARK.personId, accessToken: MARK.personAccessToken };
    if (isPlainRecord(s['device'])) (s['device'] as Json)['deviceId'] = MARK.deviceId;
  }
  for (const user of [own(copy, 'context', 'System', 'user'), own(copy, 'session', 'user')]) {
    const permissions = own(user, 'permissions');
    if (isPlainRecord(permissions)) (permissions as Json)['consentToken'] = MARK.consentToken;
    if (isPlainRecord(user)) (user as Json)['accessToken'] = MARK.personAccessToken;
  }
  const details = own(copy, 'request', 'payload', 'billingAgreementDetails');
  if (isPlainRecord(details)) {
    const d = details as Json;
    d['destination'] = address('ship');
    d['billingAddress'] = address('bill');
    d['buyer'] = { name: MARK.billName, email: MARK.email, phone: MARK.billPhone };
  }
  return copy;
}

/** Every log line written, as text: the recording loggers' lines and the JSON logger's. */
const recorders: RecordingLogger[] = [];
const jsonLines: string[] = [];
const jsonLogger = new JsonLogger({ level: 'info', write: (line) => jsonLines.push(line) });

function allLines(): string[] {
  return [...recorders.flatMap((r) => r.lines.map((line) => JSON.stringify(line))), ...jsonLines];
}

let shop: TestShop;
let idCounter = 0;

/** The buyer id the Buyer ID stand-in gives the marked access token: an id, never logged. */
const MARKED_BUYER_ID = `amzn1.account.${CORE}BUYER`;

/** The buyer of the marked access token, with marked addresses. */
const MARKED_BUYER: BuyerProfile = {
  buyerId: MARKED_BUYER_ID,
  addresses: [
    { addressType: 'DefaultOneClickShippingAddress', address: stringsOf(address('ship')) },
    { addressType: 'BillingAddress', address: stringsOf(address('bill')) },
  ],
};

beforeAll(async () => {
  shop = await startShop({ env: { SANDBOX_CUSTOMER_EMAIL: MARK.sandboxEmail } });
  recorders.push(shop.logger);
  // Every marked envelope carries MARK.apiAccessToken: the Buyer APIs answer with marked data.
  shop.buyerApi?.addBuyer(MARK.apiAccessToken, MARKED_BUYER);
  secrets.add(MARKED_BUYER_ID);
});

function stringsOf(json: Json): Record<string, string> {
  return Object.fromEntries(
    Object.entries(json).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

afterAll(async () => {
  await shop.close();
});

/** A handler like startShop's, with this logger, configuration and store. */
function handlerWith(
  logger: Logger,
  env: Readonly<Record<string, string>> = {},
  store: CheckoutStore = shop.orders.store,
): LambdaHandler {
  return createHandler({
    config: loadConfig(
      { LOG_LEVEL: 'silent', SANDBOX_CUSTOMER_EMAIL: MARK.sandboxEmail, ...env },
      '/tmp',
    ),
    store,
    agreements: shop.agreements,
    catalog: loadDemoCatalog(),
    logger,
    clock: () => new Date(),
    newOrderId: () => {
      idCounter += 1;
      return `privacy${String(idCounter).padStart(6, '0')}${Math.random().toString(36).slice(2, 8)}`;
    },
    ...(shop.buyerApi !== undefined && {
      buyerApi: new BuyerApiClient({ originOverride: shop.buyerApi.origin, timeoutMs: 300 }),
    }),
  });
}

/** Every failure of the Buyer APIs, one BuyIntent and one launch each: their logs too. */
async function buyerApiFailureFlows(handler: LambdaHandler): Promise<void> {
  const behaviours: ReadonlyArray<BuyerApiBehaviour> = [
    { kind: 'status', status: 401 },
    { kind: 'status', status: 429, retryAfterSeconds: 3 },
    { kind: 'status', status: 503 },
    { kind: 'malformed' },
    { kind: 'wrongShape' },
    { kind: 'hang' },
  ];
  for (const behaviour of behaviours) {
    shop.buyerApi?.setBehaviour('BuyerId', behaviour);
    shop.buyerApi?.setBehaviour('BuyerAddress', behaviour);
    const user = newUser();
    secrets.add(user);
    await send(handler, envelope(user, launchRequest()));
    await send(
      handler,
      envelope(user, intentRequest('BuyIntent', { product: 'coffee' }), { attributes: {} }),
    );
  }
  shop.buyerApi?.setBehaviour('BuyerId', { kind: 'ok' });
  shop.buyerApi?.setBehaviour('BuyerAddress', { kind: 'ok' });
}

/** Sends an event, marked, and returns what came back (a refusal counts as an answer). */
async function send(handler: LambdaHandler, event: unknown): Promise<unknown> {
  return handler(mark(event)).catch((error: unknown) => ({
    refused: error instanceof Error ? error.name : 'refused',
  }));
}

function envelope(
  user: string,
  request: Json,
  options: { attributes?: Json; consent?: ConsentStatus; skillId?: string } = {},
): Json {
  return buildRequestEnvelope(
    aContext({
      userId: user,
      ...(options.consent !== undefined && { consent: options.consent }),
      ...(options.skillId !== undefined && { skillId: options.skillId }),
    }),
    request,
    {
      new: options.attributes === undefined,
      ...(options.attributes !== undefined && { attributes: options.attributes }),
    },
  ) as unknown as Json;
}

/** Buy, yes, Setup answered: the order waits for the Charge answer. */
async function toChargePending(
  handler: LambdaHandler,
  user: string,
): Promise<{ orderId: string; setupAnswer: Json; charge: Json }> {
  const bought = toReply(
    await send(
      handler,
      envelope(user, intentRequest('BuyIntent', { product: 'coffee' }), { attributes: {} }),
    ),
  );
  const orderId = String(bought.attributes?.['pendingOrderId']);
  const yes = toReply(
    await send(
      handler,
      envelope(user, intentRequest('AMAZON.YesIntent'), {
        attributes: { pendingOrderId: orderId },
      }),
    ),
  );
  const setupAnswer = { ...shop.simulator.answer(yes.directives[0]) } as Json;
  const charged = toReply(await send(handler, envelope(user, setupAnswer)));
  return { orderId, setupAnswer, charge: charged.directives[0] ?? {} };
}

/** The flows beyond the scenarios, through one handler. */
async function hostileFlows(handler: LambdaHandler): Promise<void> {
  const me = newUser();
  const other = newUser();
  secrets.add(me).add(other);
  // Another shopper's answers, replayed from my device, and made-up tokens.
  const { orderId, setupAnswer, charge } = await toChargePending(handler, other);
  const chargeAnswer = { ...shop.simulator.answer(charge) } as Json;
  for (const answer of [
    setupAnswer,
    chargeAnswer,
    aChargeResponse(orderId),
    aChargeResponse('madeUpOrder0000001'),
  ]) {
    await send(handler, envelope(me, answer));
  }
  await send(handler, envelope(me, anErrorResponse('Setup', orderId, 'ACCESS_DENIED', '403')));
  await send(handler, envelope(other, chargeAnswer));
  await send(handler, envelope(other, chargeAnswer));
  // Permissions, refunds, cancellations, help, the catch-all, a session's end, another skill.
  for (const consent of ['DENIED', 'missing'] as const) {
    await send(
      handler,
      envelope(me, intentRequest('BuyIntent', { product: 'coffee' }), { attributes: {}, consent }),
    );
  }
  for (const intent of [
    'RefundIntent',
    'CancelOrderIntent',
    'AMAZON.HelpIntent',
    'AMAZON.FallbackIntent',
    'AMAZON.StopIntent',
  ]) {
    await send(
      handler,
      envelope(me, intentRequest(intent), { attributes: { pendingOrderId: orderId } }),
    );
  }
  await send(
    handler,
    envelope(me, {
      type: 'System.ExceptionEncountered',
      error: { type: 'INVALID_RESPONSE', message: MARK.shipName },
    }),
  );
  await send(
    handler,
    envelope(me, {
      ...sessionEndedRequest('ERROR'),
      error: { type: 'INVALID_RESPONSE', message: MARK.email },
    }),
  );
  await send(handler, envelope(me, launchRequest(), { skillId: 'amzn1.ask.skill.another' }));
  // Generated malformed envelopes (mutated fields, huge and unicode strings, __proto__ keys).
  const specs = fc.sample(envelopeSpec(me, [orderId, `${orderId}-1`]), { numRuns: 150, seed: 8 });
  for (const spec of specs) {
    const event = mark(eventOf(spec, shop.config.skillId)) as Json;
    // The shopper's name in a field the skill does not know, too.
    setOwn(event, 'privacyNote', MARK.shipName);
    await send(handler, event);
  }
}

/** A store whose calls fail as a fault says, and whose lookup of a shopper's last order fails. */
function failingStore(op: StoreOperation, fault: Fault): FaultyOrderStore & CheckoutStore {
  const store = new FaultyOrderStore(shop.orders.store).arm({ op, fault });
  return Object.assign(store, {
    latestOrderForUser: (): Promise<never> => Promise.reject(new Error('lookup failed')),
  });
}

/** Store failures and a hanging store, through handlers built on faulty stores. */
async function storeFailureFlows(logger: Logger): Promise<void> {
  const cases: Array<[StoreOperation, Fault]> = [
    ['create', { kind: 'reject' }],
    ['get', { kind: 'reject' }],
    ['transition', { kind: 'reject' }],
    ['transition', { kind: 'rejectAfter' }],
  ];
  for (const [op, fault] of cases) {
    const handler = handlerWith(logger, {}, failingStore(op, fault));
    const user = newUser();
    secrets.add(user);
    await send(handler, envelope(user, launchRequest()));
    await toChargePending(handler, user).catch(() => undefined);
    await send(handler, envelope(user, aChargeResponse('privacy000000abcdef')));
  }
  // A hanging store: the turn answers with an apology when its budget runs out.
  const hanging = new FaultyOrderStore(shop.orders.store).arm({
    op: 'create',
    fault: { kind: 'hang' },
  });
  const handler = handlerWith(logger, { TURN_BUDGET_MS: '200' }, hanging);
  const user = newUser();
  secrets.add(user);
  await send(
    handler,
    envelope(user, intentRequest('BuyIntent', { product: 'coffee' }), { attributes: {} }),
  );
  hanging.disarm().release();
  // Let the released write land before the store closes.
  for (let i = 0; i < 100 && (await itemsOfUser(shop.orders, user)).length === 0; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Whether a log line holds a mark, a secret, a user id, an email, a phone number or a token. */
function leaks(line: string): boolean {
  const lower = line.toLowerCase();
  return (
    line.includes(CORE) ||
    [...secrets].some((secret) => lower.includes(secret.toLowerCase())) ||
    /amzn1\.ask\.(account|person|device)\./i.test(line) ||
    /[\w.+-]+@[\w-]+\.[\w.-]+/.test(line) ||
    /555-0147|7946 0999|eyJ/.test(line) ||
    // A phone number written as digits only.
    /2065550147|2079460999/.test(line.replace(/\D/g, ''))
  );
}

describe('privacy of the logs', () => {
  it('writes no personal data, token or user id into any log line of the whole suite', async () => {
    // Act: every scenario of npm start, through the RecordingLogger and the JsonLogger
    const paid: string[] = [];
    for (const [logger, name] of [
      [shop.logger, 'recording'],
      [jsonLogger, 'json'],
    ] as const) {
      for (const scenario of SCENARIOS) {
        const userId = newUser();
        secrets.add(userId);
        const plain =
          name === 'recording' && scenario.env === undefined
            ? shop.handler
            : handlerWith(logger, scenario.env ?? {});
        if (shop.buyerApi !== undefined) {
          applyScenarioBuyer(shop.buyerApi, scenario.buyer, MARK.apiAccessToken, MARKED_BUYER);
        }
        const result = await runScenario({
          scenario,
          handler: (event) => plain(mark(event)),
          simulator: shop.simulator,
          skillId: shop.config.skillId,
          userId,
          readOrder: (id) => storedOrder(shop.orders.store, id),
          print: () => undefined,
          // The merchant's refund, its sync and the billing runs log through the same logger.
          backend: {
            openStore: () =>
              Promise.resolve({
                store: shop.orders.store,
                agreements: shop.agreements,
                close: () => Promise.resolve(),
              }),
            amazonPayAgreement: (id) => shop.simulator.agreement(id),
            sellerId: shop.config.sellerId,
            merchantCountry: shop.config.merchantCountry,
            sandbox: shop.config.sandbox,
            logger,
          },
        });
        expect(result.finalStatus).toBe(scenario.expectedStatus);
        if (result.finalStatus === 'paid' && result.orderId !== undefined)
          paid.push(result.orderId);
      }
      await hostileFlows(name === 'recording' ? shop.handler : handlerWith(jsonLogger));
      await buyerApiFailureFlows(name === 'recording' ? shop.handler : handlerWith(jsonLogger));
    }
    const faultyLogger = new RecordingLogger();
    recorders.push(faultyLogger);
    await storeFailureFlows(faultyLogger);
    await storeFailureFlows(jsonLogger);

    // Assess: the personal data reached the skill (it kept the shipping address for fulfilment)
    const shipped = await Promise.all(paid.map((id) => storedOrder(shop.orders.store, id)));
    expect(
      shipped.some((o) => JSON.stringify(o?.shippingAddress ?? {}).includes(MARK.street)),
    ).toBe(true);
    // ... every kind of log line was written, by both loggers ...
    const lines = allLines();
    const messages = (text: ReadonlyArray<string>): Set<unknown> =>
      new Set(text.map((line) => (JSON.parse(line) as Json)['message']));
    const expected = [
      'order created',
      'setup sent',
      'order cancelled',
      'Setup outcome',
      'Charge outcome',
      'session ended',
      'request refused',
      'request failed',
      'turn over budget',
      'last order lookup failed',
      'buyer id unavailable',
      'buyer address unavailable',
    ];
    expect(expected.filter((m) => !messages(jsonLines).has(m))).toEqual([]);
    expect(
      expected.filter((m) => !messages(lines.slice(0, lines.length - jsonLines.length)).has(m)),
    ).toEqual([]);
    // ... and none of it holds a name, street, postal code, email, phone, token or user id.
    expect(lines.filter(leaks)).toEqual([]);
    expect(jsonLines.length).toBeGreaterThan(100);
    expect(lines.length - jsonLines.length).toBeGreaterThan(100);
    // (The check itself sees a leak: whole, cut to its start, in other case, or as digits.)
    const user = [...secrets].find((s) => s.startsWith('amzn1.ask.account.')) ?? '';
    expect(
      [user.slice(0, 24), MARK.postalCode, MARK.email.toUpperCase(), '12065550147'].map((s) =>
        leaks(`{"x":"${s}"}`),
      ),
    ).toEqual([true, true, true, true]);
  }, 120_000);
});
