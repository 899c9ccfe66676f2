import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { toAmazonPayAmount } from '../../src/amazonpay/amount';
import { isRecord, readField, readPath, readString } from '../../src/amazonpay/readUnknown';
import type { Order } from '../../src/checkout/Order';
import { canTransition, isOrderStatus } from '../../src/checkout/OrderStatus';
import { SkillIdMismatchError, type LambdaHandler } from '../../src/createHandler';
import {
  buildRequestEnvelope,
  intentRequest,
  launchRequest,
  sessionEndedRequest,
  type ConsentStatus,
} from '../../src/local/requestEnvelopes';
import {
  aChargeResponse,
  aContext,
  anErrorResponse,
  aSetupResponse,
  TEST_SKILL_ID,
} from '../fixtures/requests';
import { faultyShop, within, type FaultyShop } from '../support/faults';
import { startShop, toReply, type Reply, type TestShop } from '../support/shop';

type Json = Record<string, unknown>;

let shop: TestShop;
let userCounter = 0;

/** A fresh Alexa user id per scenario, so that scenarios never share orders. */
function newUser(): string {
  userCounter += 1;
  return `amzn1.ask.account.HOSTILE-${String(userCounter).padStart(4, '0')}`;
}

/** An envelope of the real shape for one user. */
function envelope(
  request: Json,
  who: {
    readonly user: string;
    readonly attributes?: Json;
    readonly consent?: ConsentStatus;
    readonly locale?: string;
  },
): Json {
  return buildRequestEnvelope(
    aContext({
      userId: who.user,
      ...(who.consent !== undefined && { consent: who.consent }),
      ...(who.locale !== undefined && { locale: who.locale }),
    }),
    request,
    {
      new: who.attributes === undefined,
      ...(who.attributes !== undefined && { attributes: who.attributes }),
    },
  ) as unknown as Json;
}

/** A deep copy through JSON, as Lambda hands the event over. */
function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A copy of an event with one path set to a value (or removed when `value` is `REMOVE`). */
const REMOVE = Symbol('remove');
function withPath(event: unknown, path: ReadonlyArray<string>, value: unknown): Json {
  const copy = jsonCopy(event) as Json;
  let node: Json = copy;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (!isRecord(next)) {
      const created: Json = {};
      node[key] = created;
      node = created;
    } else {
      node = next;
    }
  }
  const last = path[path.length - 1] ?? '';
  if (value === REMOVE) delete node[last];
  else node[last] = value;
  return copy;
}

/** The user the skill reads from an envelope (as `readUserId` does), if any. */
function userOf(event: unknown): string | undefined {
  return (
    readString(event, 'context', 'System', 'user', 'userId') ??
    readString(event, 'session', 'user', 'userId')
  );
}

const INTERNAL_TEXT = new RegExp(
  [
    'InvalidPaymentMethod',
    'AmazonRejected',
    'ProcessingFailure',
    'TransactionTimedOut',
    'MaxCapturesProcessed',
    'CertificationTest',
    'ConditionalCheck',
    'Exception',
    'Error',
    'OrderStore',
    'Unavailable',
    'undefined',
    'null',
    'NaN',
    'Infinity',
    '\\[object',
    '[{}\\[\\]"\\\\]',
    '\\bat \\S+ \\(',
    '\\b(?:200|400|403|404|429|500|503)\\b(?![.,]\\d)',
    'B02-',
    'S02-',
    'amzn1\\.',
    'SANDBOX',
    'charge-pending',
    'setup-pending',
    'held-for-review',
  ].join('|'),
);
const ORDER_ID_TEXT = /\b(?:order|fault)\d{6}/;

/** The envelope invariants: version 1.0, a response object, well-formed SSML, serialisable. */
function expectValidEnvelope(raw: unknown): void {
  expect(isRecord(raw)).toBe(true);
  expect(readField(raw, 'version')).toBe('1.0');
  const response = readField(raw, 'response');
  expect(isRecord(response)).toBe(true);
  expect(() => JSON.stringify(raw)).not.toThrow();
  for (const speech of [
    readField(response, 'outputSpeech'),
    readPath(response, 'reprompt', 'outputSpeech'),
  ]) {
    if (speech === undefined) continue;
    expect(readString(speech, 'type')).toBe('SSML');
    expect(readString(speech, 'ssml')).toMatch(/^<speak>[^<>]*<\/speak>$/);
  }
}

/** No speech, reprompt or card carries internal codes, JSON, stack traces or ids. */
function expectNoInternalText(reply: Reply): void {
  for (const text of [reply.speech, reply.reprompt]) {
    if (text === undefined) continue;
    expect(text).not.toMatch(INTERNAL_TEXT);
    expect(text).not.toMatch(ORDER_ID_TEXT);
  }
  for (const field of ['title', 'content']) {
    const text = reply.card?.[field];
    if (typeof text === 'string') expect(text).not.toMatch(INTERNAL_TEXT);
  }
}

/**
 * Directive invariants: a Setup only for an order of that user in setup-pending, a Charge only for
 * a confirmed order of that user in charge-pending, with its stored reference id and total.
 */
async function expectDirectivesAllowed(reply: Reply, user: string | undefined): Promise<void> {
  for (const directive of reply.directives) {
    expect(directive['type']).toBe('Connections.SendRequest');
    const token = directive['token'];
    expect(typeof token).toBe('string');
    // A Setup's token is the order id; a Charge's is its reference id, `${orderId}-${attempt}`.
    const orderId =
      directive['name'] === 'Charge' ? String(token).replace(/-\d+$/, '') : String(token);
    const order = await shop.orders.store.get(orderId);
    if (directive['name'] === 'Charge') expect(token).toBe(order?.authorizationReferenceId);
    expect(order?.userId).toBe(user);
    if (directive['name'] === 'Setup') {
      expect(order?.status).toBe('setup-pending');
    } else {
      expect(directive['name']).toBe('Charge');
      expect(order?.status).toBe('charge-pending');
      expect(order?.history.map((h) => h.status)).toContain('setup-pending');
      const attributes = readPath(directive, 'payload', 'authorizeAttributes');
      expect(readString(attributes, 'authorizationReferenceId')).toBe(
        order?.authorizationReferenceId,
      );
      expect(readString(attributes, 'authorizationAmount', 'amount')).toBe(
        order === undefined
          ? 'no order'
          : toAmazonPayAmount({ amountMinor: order.totalMinor, currency: order.currency }),
      );
    }
  }
}

/**
 * One turn through the real handler, with every invariant checked: it must answer (a rejection
 * fails the test), with a valid envelope, no internal text, and only allowed directives.
 */
async function turn(
  event: unknown,
  options: { readonly handler?: LambdaHandler; readonly user?: string } = {},
): Promise<Reply> {
  const raw = await (options.handler ?? shop.handler)(event);
  expectValidEnvelope(raw);
  const reply = toReply(raw);
  expectNoInternalText(reply);
  await expectDirectivesAllowed(reply, options.user ?? userOf(event));
  return reply;
}

/** The own properties Object.prototype has before any test runs. */
const OBJECT_PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

const APOLOGY = 'Sorry, something went wrong on our side';

/** A path inside a Charge answer's authorizationDetails. */
function details(...path: string[]): string[] {
  return ['payload', 'authorizationDetails', ...path];
}

async function stored(orderId: string): Promise<Order | undefined> {
  return shop.orders.store.get(orderId);
}

/** Launch and buy: the order awaits the shopper's yes. */
async function awaitingOrder(
  user: string,
  slots: Record<string, string> = { product: 'coffee', quantity: '2' },
  handler?: LambdaHandler,
): Promise<string> {
  const reply = await turn(envelope(intentRequest('BuyIntent', slots), { user, attributes: {} }), {
    ...(handler !== undefined && { handler }),
  });
  const orderId = reply.attributes?.['pendingOrderId'];
  if (typeof orderId !== 'string') throw new Error(`no order: ${reply.speech ?? ''}`);
  return orderId;
}

/** Buy and yes: the order waits for the Setup answer. */
async function setupPendingOrder(
  user: string,
  slots?: Record<string, string>,
  handler?: LambdaHandler,
): Promise<{ orderId: string; setup: Json }> {
  const orderId = await awaitingOrder(user, slots, handler);
  const reply = await turn(
    envelope(intentRequest('AMAZON.YesIntent'), { user, attributes: { pendingOrderId: orderId } }),
    { ...(handler !== undefined && { handler }) },
  );
  const setup = reply.directives[0];
  if (setup === undefined) throw new Error('no Setup');
  return { orderId, setup };
}

/** Buy, yes and Setup answered: the order waits for the Charge answer. */
async function chargePendingOrder(
  user: string,
  slots?: Record<string, string>,
): Promise<{ orderId: string; setupAnswer: Json; charge: Json }> {
  const { orderId, setup } = await setupPendingOrder(user, slots);
  const setupAnswer = { ...shop.simulator.answer(setup) } as Json;
  const reply = await turn(envelope(setupAnswer, { user }));
  const charge = reply.directives[0];
  if (charge === undefined) throw new Error('no Charge');
  return { orderId, setupAnswer, charge };
}

/** The whole purchase: the order is paid. */
async function paidOrder(
  user: string,
): Promise<{ orderId: string; setupAnswer: Json; chargeAnswer: Json }> {
  const { orderId, setupAnswer, charge } = await chargePendingOrder(user);
  const chargeAnswer = { ...shop.simulator.answer(charge) } as Json;
  await turn(envelope(chargeAnswer, { user }));
  expect((await stored(orderId))?.status).toBe('paid');
  return { orderId, setupAnswer, chargeAnswer };
}

async function cancelledOrder(user: string): Promise<string> {
  const orderId = await awaitingOrder(user);
  await turn(
    envelope(intentRequest('AMAZON.NoIntent'), { user, attributes: { pendingOrderId: orderId } }),
  );
  expect((await stored(orderId))?.status).toBe('cancelled');
  return orderId;
}

async function failedOrder(user: string): Promise<string> {
  const { orderId } = await setupPendingOrder(user);
  await turn(
    envelope(anErrorResponse('Setup', orderId, 'InvalidMerchantAccountStatus', '403'), { user }),
  );
  expect((await stored(orderId))?.status).toBe('failed');
  return orderId;
}

async function declinedOrder(user: string): Promise<string> {
  const { orderId, charge } = await chargePendingOrder(user);
  const answer = shop.simulator.answer(charge, {
    charge: { kind: 'declined', reasonCode: 'AmazonRejected', form: 'state' },
  });
  await turn(envelope({ ...answer }, { user }));
  expect((await stored(orderId))?.status).toBe('declined');
  return orderId;
}

async function allOrderItems(): Promise<Json[]> {
  const items: Json[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await shop.orders.client.send(
      new ScanCommand({
        TableName: shop.orders.tableName,
        ConsistentRead: true,
        ...(start !== undefined && { ExclusiveStartKey: start }),
      }),
    );
    items.push(...((page.Items ?? []) as Json[]));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
}

async function ordersOf(user: string): Promise<Json[]> {
  return (await allOrderItems()).filter((item) => item['userId'] === user);
}

/** The histories seen so far: a later scan must extend each, never rewrite it. */
const seenHistories = new Map<string, string[]>();

/** Checks every stored order: allowed steps only, version = history length, no rewritten past. */
async function storeViolations(): Promise<string[]> {
  const violations: string[] = [];
  for (const item of await allOrderItems()) {
    const orderId = String(item['orderId']);
    const history = Array.isArray(item['history'])
      ? (item['history'] as unknown[]).map((h) => readString(h, 'status') ?? '?')
      : [];
    history.forEach((status, i) => {
      const previous = history[i - 1];
      if (!isOrderStatus(status)) violations.push(`${orderId}: unknown status ${status}`);
      else if (
        previous !== undefined &&
        isOrderStatus(previous) &&
        !canTransition(previous, status)
      )
        violations.push(`${orderId}: ${previous} -> ${status}`);
    });
    if (history[history.length - 1] !== item['status'])
      violations.push(`${orderId}: status ${String(item['status'])} is not the last history entry`);
    if (item['version'] !== history.length)
      violations.push(`${orderId}: version ${String(item['version'])} for ${history.length} steps`);
    const before = seenHistories.get(orderId);
    if (before !== undefined && before.some((status, i) => history[i] !== status))
      violations.push(
        `${orderId}: history rewritten from ${before.join(',')} to ${history.join(',')}`,
      );
    seenHistories.set(orderId, history);
  }
  return violations;
}

beforeAll(async () => {
  shop = await startShop();
});

afterAll(async () => {
  try {
    // After every test: no order took a step the status machine does not allow, or lost history.
    const violations = await storeViolations();
    if (violations.length > 0) throw new Error(`order store invariants:\n${violations.join('\n')}`);
  } finally {
    await shop.close();
  }
});

describe('the skill under hostile input', () => {
  describe('malformed envelopes', () => {
    const base = {
      launch: () => envelope(launchRequest(), { user: newUser() }),
      buy: () =>
        envelope(intentRequest('BuyIntent', { product: 'coffee', quantity: '2' }), {
          user: newUser(),
          attributes: {},
        }),
      yes: () =>
        envelope(intentRequest('AMAZON.YesIntent'), {
          user: newUser(),
          attributes: { pendingOrderId: 'madeUpOrderId0000000001' },
        }),
      no: () =>
        envelope(intentRequest('AMAZON.NoIntent'), {
          user: newUser(),
          attributes: { pendingOrderId: 'madeUpOrderId0000000001' },
        }),
      stop: () => envelope(intentRequest('AMAZON.StopIntent'), { user: newUser(), attributes: {} }),
      setup: () => envelope(aSetupResponse('madeUpOrderId0000000001'), { user: newUser() }),
      charge: () => envelope(aChargeResponse('madeUpOrderId0000000001'), { user: newUser() }),
      ended: () => envelope(sessionEndedRequest('ERROR'), { user: newUser(), attributes: {} }),
    };
    type Base = keyof typeof base;
    const everyBase = Object.keys(base) as Base[];
    const big = 'x'.repeat(100_000);

    type Mutation = readonly [string, ReadonlyArray<string>, unknown];
    /** Parts of every envelope. */
    const envelopeMutations: ReadonlyArray<Mutation> = [
      ['no session', ['session'], REMOVE],
      ['session a number', ['session'], 42],
      ['session a string', ['session'], 'session'],
      ['session an array', ['session'], []],
      ['session null', ['session'], null],
      ['session attributes a string', ['session', 'attributes'], 'attributes'],
      ['session attributes an array', ['session', 'attributes'], ['pendingOrderId']],
      ['session attributes null', ['session', 'attributes'], null],
      ['session new a string', ['session', 'new'], 'true'],
      ['session user a number', ['session', 'user'], 42],
      ['no System user', ['context', 'System', 'user'], REMOVE],
      ['System user an array', ['context', 'System', 'user'], []],
      ['userId a number', ['context', 'System', 'user', 'userId'], 42],
      ['userId empty', ['context', 'System', 'user', 'userId'], ''],
      ['userId of 513 characters', ['context', 'System', 'user', 'userId'], 'u'.repeat(513)],
      ['userId of 100k characters', ['context', 'System', 'user', 'userId'], big],
      ['permissions a string', ['context', 'System', 'user', 'permissions'], 'GRANTED'],
      ['scopes an array', ['context', 'System', 'user', 'permissions', 'scopes'], []],
      ['no device', ['context', 'System', 'device'], REMOVE],
      ['apiEndpoint a number', ['context', 'System', 'apiEndpoint'], 42],
      ['version missing', ['version'], REMOVE],
      ['version a number', ['version'], 2],
      ['requestId a number', ['request', 'requestId'], 42],
      ['timestamp garbage', ['request', 'timestamp'], 'yesterday'],
      ['locale a number', ['request', 'locale'], 42],
      ['locale empty', ['request', 'locale'], ''],
      ['locale en_US', ['request', 'locale'], 'en_US'],
      ['locale __proto__', ['request', 'locale'], '__proto__'],
      ['locale constructor', ['request', 'locale'], 'constructor'],
      ['locale toString', ['request', 'locale'], 'toString'],
      ['locale ar-SA', ['request', 'locale'], 'ar-SA'],
      ['locale ja-JP', ['request', 'locale'], 'ja-JP'],
      ['locale with NUL', ['request', 'locale'], 'en-US\u0000'],
      ['locale of 100k characters', ['request', 'locale'], big],
    ];
    /** Parts of an IntentRequest. */
    const intentMutations: ReadonlyArray<Mutation> = [
      ['dialogState a number', ['request', 'dialogState'], 7],
      ['intent missing', ['request', 'intent'], REMOVE],
      ['intent a string', ['request', 'intent'], 'BuyIntent'],
      ['intent an array', ['request', 'intent'], ['BuyIntent']],
      ['intent name a number', ['request', 'intent', 'name'], 42],
      ['intent name __proto__', ['request', 'intent', 'name'], '__proto__'],
      ['intent name of 100k characters', ['request', 'intent', 'name'], big],
      ['slots an array', ['request', 'intent', 'slots'], [{ name: 'product', value: 'coffee' }]],
      ['slots null', ['request', 'intent', 'slots'], null],
      ['product slot an array', ['request', 'intent', 'slots', 'product'], ['coffee']],
      ['product value a number', ['request', 'intent', 'slots', 'product', 'value'], 42],
      ['product value an object', ['request', 'intent', 'slots', 'product', 'value'], {}],
      ['product value of 100k characters', ['request', 'intent', 'slots', 'product', 'value'], big],
      [
        'resolutions garbage',
        ['request', 'intent', 'slots', 'product', 'resolutions'],
        {
          resolutionsPerAuthority: [
            null,
            42,
            { status: 'ER_SUCCESS_MATCH' },
            { status: { code: 'ER_SUCCESS_MATCH' }, values: 'house-blend' },
            { status: { code: 'ER_SUCCESS_MATCH' }, values: [null, { value: 42 }] },
            { status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { id: '__proto__' } }] },
          ],
        },
      ],
    ];
    /** Parts of a Connections.Response. */
    const answerMutations: ReadonlyArray<Mutation> = [
      ['token a number', ['request', 'token'], 42],
      ['token an object', ['request', 'token'], { orderId: 'x' }],
      ['token of 100k characters', ['request', 'token'], 't'.repeat(100_000)],
      ['token with NUL and emoji', ['request', 'token'], 'order\u0000☕\u202e'],
      ['status a string', ['request', 'status'], '200'],
      ['status an array', ['request', 'status'], ['200']],
      ['status code an object', ['request', 'status', 'code'], { code: '200' }],
      ['payload a string', ['request', 'payload'], 'payload'],
      ['payload an array', ['request', 'payload'], []],
    ];
    /** Parts of a SessionEndedRequest. */
    const endedMutations: ReadonlyArray<Mutation> = [
      ['reason a number', ['request', 'reason'], 3],
      ['error an array', ['request', 'error'], []],
    ];
    const mutationsOf = (name: Base): ReadonlyArray<Mutation> => [
      ...envelopeMutations,
      ...(name === 'setup' || name === 'charge'
        ? answerMutations
        : name === 'ended'
          ? endedMutations
          : name === 'launch'
            ? []
            : intentMutations),
    ];

    it.each(everyBase)(
      'answers every malformed %s envelope with a valid envelope and no directive',
      async (name) => {
        // Act: each mutation alone, its failures collected so that one report names them all
        const failures: string[] = [];
        for (const [label, path, value] of mutationsOf(name)) {
          try {
            const reply = await turn(withPath(base[name](), path, value));
            if (reply.directives.length > 0) failures.push(`${label}: sent a directive`);
          } catch (error) {
            failures.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
        // Assess
        expect(failures).toEqual([]);
      },
    );

    it.each([
      'CanFulfillIntentRequest',
      'System.ExceptionEncountered',
      'Messaging.MessageReceived',
      'AudioPlayer.PlaybackStarted',
      'Alexa.Presentation.APL.UserEvent',
      'Connections.Response ',
      'IntentRequest ',
      'intentrequest',
      '__proto__',
      'constructor',
      'toString',
      'x'.repeat(100_000),
    ])('answers an unknown request type %p with a valid envelope', async (type) => {
      // Act
      const reply = await turn(envelope({ type }, { user: newUser(), attributes: {} }));
      // Assess
      expect(reply.directives).toEqual([]);
    });

    it.each([undefined, 42, 'Buy', 'setup', 'CHARGE', '__proto__', 'x'.repeat(100_000)])(
      'answers a Connections.Response named %p without a directive',
      async (name) => {
        // Prepare
        const user = newUser();
        const { orderId } = await setupPendingOrder(user);
        const event = withPath(
          envelope(aSetupResponse(orderId), { user }),
          ['request', 'name'],
          name ?? REMOVE,
        );
        // Act
        const reply = await turn(event);
        // Assess
        expect(reply.directives).toEqual([]);
        expect((await stored(orderId))?.status).toBe('setup-pending');
      },
    );

    it.each([
      [
        'another skill id',
        ['context', 'System', 'application', 'applicationId'],
        'amzn1.ask.skill.other',
      ],
      [
        'a skill id with a trailing blank',
        ['context', 'System', 'application', 'applicationId'],
        `${TEST_SKILL_ID} `,
      ],
      ['a numeric skill id', ['context', 'System', 'application', 'applicationId'], 42],
      ['no application', ['context', 'System', 'application'], REMOVE],
      ['no System', ['context', 'System'], REMOVE],
      ['no context (skill id only in the session)', ['context'], REMOVE],
      ['an array for context', ['context'], [{ System: {} }]],
    ] as const)('refuses %s with the skill-id error', async (_label, path, value) => {
      // Prepare
      const event = withPath(base.buy(), path, value);
      // Act + Assess
      await expect(shop.handler(event)).rejects.toBeInstanceOf(SkillIdMismatchError);
    });

    it.each([
      ['no request', ['request'], REMOVE],
      ['a string for request', ['request'], 'LaunchRequest'],
      ['an array for request', ['request'], [{ type: 'LaunchRequest' }]],
      ['a number for the request type', ['request', 'type'], 42],
      ['no request type', ['request', 'type'], REMOVE],
    ] as const)(
      'answers %s for this skill id with an envelope or the skill-id error, nothing else',
      async (_label, path, value) => {
        // Prepare
        const event = withPath(base.launch(), path, value);
        // Act
        const outcome = await shop.handler(event).then(
          (raw) => ({ raw }),
          (error: unknown) => ({ error }),
        );
        // Assess
        const error = 'error' in outcome ? outcome.error : undefined;
        expect(error === undefined || error instanceof SkillIdMismatchError).toBe(true);
        if ('raw' in outcome) expectValidEnvelope(outcome.raw);
      },
    );

    it.each([null, undefined, 0, '', '{}', [], [{}], true])(
      'refuses the event %p',
      async (event) => {
        await expect(shop.handler(event)).rejects.toBeInstanceOf(SkillIdMismatchError);
      },
    );
  });

  describe('__proto__, constructor and prototype keys', () => {
    afterEach(() => {
      // Nothing reached Object.prototype.
      const probe: Json = {};
      const polluted = [
        ...Object.keys(Object.prototype),
        ...Object.getOwnPropertyNames(Object.prototype),
      ]
        .filter((key) => !OBJECT_PROTOTYPE_NAMES.includes(key))
        .concat(['polluted', 'pendingOrderId', 'type'].filter((key) => probe[key] !== undefined));
      if (polluted.length > 0) throw new Error(`Object.prototype polluted: ${polluted.join(', ')}`);
    });

    it('ignores a pendingOrderId hidden under __proto__ in the session attributes', async () => {
      // Prepare
      const user = newUser();
      const orderId = await awaitingOrder(user);
      const text = JSON.stringify(
        envelope(intentRequest('AMAZON.YesIntent'), { user, attributes: { marker: 1 } }),
      ).replace(
        '"marker":1',
        `"__proto__":{"pendingOrderId":"${orderId}","polluted":true},` +
          '"constructor":{"prototype":{"polluted":true}},"prototype":{"polluted":true}',
      );
      expect(text).toContain('"__proto__":{"pendingOrderId"');
      // Act
      const reply = await turn(JSON.parse(text));
      // Assess
      expect(reply.directives).toEqual([]);
      expect(reply.speech).toContain("There's no order waiting");
      expect((await stored(orderId))?.status).toBe('awaiting-confirmation');
    });

    it('ignores slots hidden under __proto__', async () => {
      // Prepare
      const user = newUser();
      const text = JSON.stringify(
        envelope(intentRequest('BuyIntent', { marker: 'x' }), { user, attributes: {} }),
      ).replace(
        /"marker":\{[^}]*\}/,
        '"__proto__":{"product":{"value":"coffee"},"quantity":{"value":"2"}},' +
          '"product":{"name":"product","__proto__":{"value":"coffee"}},' +
          '"constructor":{"prototype":{"polluted":true}}',
      );
      expect(text).toContain('"__proto__":{"product"');
      // Act
      const reply = await turn(JSON.parse(text));
      // Assess
      expect(reply.speech).toContain('You can buy');
      expect(await ordersOf(user)).toEqual([]);
    });

    it('reads a Setup payload hidden under __proto__ as malformed and charges nothing', async () => {
      // Prepare
      const user = newUser();
      const { orderId } = await setupPendingOrder(user);
      const answer = aSetupResponse(orderId);
      const text = JSON.stringify(envelope(answer, { user })).replace(
        '"payload":{"billingAgreementDetails"',
        '"payload":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"x"',
      );
      expect(text).toContain('"payload":{"__proto__"');
      // Act
      const reply = await turn(JSON.parse(text));
      // Assess
      expect(reply.directives).toEqual([]);
      expect((await stored(orderId))?.status).toBe('failed');
    });

    it('does not take a Charge payload hidden under __proto__ as a payment', async () => {
      // Prepare
      const user = newUser();
      const { orderId, charge } = await chargePendingOrder(user);
      const answer = { ...shop.simulator.answer(charge) } as Json;
      const payload: unknown = JSON.parse(`{"__proto__":${JSON.stringify(answer['payload'])}}`);
      // Act
      const reply = await turn(jsonCopy(envelope({ ...answer, payload }, { user })));
      // Assess: never paid; a 200 whose payload cannot be read is held for the merchant
      expect(reply.card).toBeUndefined();
      expect((await stored(orderId))?.status).toBe('held-for-review');
    });

    it('refuses a request whose type or skill id is only inherited', async () => {
      // Prepare
      const good = envelope(launchRequest(), { user: newUser() });
      const inheritedType = JSON.stringify(good).replace(
        '"type":"LaunchRequest"',
        '"__proto__":{"type":"LaunchRequest"}',
      );
      const inheritedSkill = JSON.stringify(good).replace(
        /"System":\{"application":\{"applicationId":"[^"]*"\}/,
        `"System":{"__proto__":{"application":{"applicationId":"${TEST_SKILL_ID}"}}`,
      );
      expect(inheritedType).toContain('"__proto__":{"type"');
      expect(inheritedSkill).toContain('"System":{"__proto__"');
      // Act + Assess
      await expect(shop.handler(JSON.parse(inheritedType))).rejects.toBeInstanceOf(
        SkillIdMismatchError,
      );
      await expect(shop.handler(JSON.parse(inheritedSkill))).rejects.toBeInstanceOf(
        SkillIdMismatchError,
      );
    });
  });

  describe('BuyIntent quantities', () => {
    it.each([
      'NaN',
      'Infinity',
      '-Infinity',
      '1e21',
      '1e1',
      '0x10',
      '0b11',
      '0o7',
      '+2',
      '2e0',
      '٢',
      '２',
      '-0',
      '0',
      '00',
      '-1',
      '1.5',
      '2.0',
      '.5',
      '1,000',
      '1_0',
      '2\u0000',
      '\u200f2',
      '2 bags',
      'two',
      '?',
      '11',
      '9'.repeat(200),
      '-'.repeat(200),
      '1'.padEnd(200, '0'),
    ])('asks again for a quantity of %p and creates no order', async (quantity) => {
      // Prepare
      const user = newUser();
      // Act
      const reply = await turn(
        envelope(intentRequest('BuyIntent', { product: 'coffee', quantity }), {
          user,
          attributes: {},
        }),
      );
      // Assess
      expect(reply.speech).toMatch(/how many|whole number|at least one|at most/i);
      expect(reply.reprompt).toBeDefined();
      expect(reply.ended).toBe(false);
      expect(reply.attributes?.['pendingOrderId']).toBeUndefined();
      expect(await ordersOf(user)).toEqual([]);
    });

    it.each([
      [' 2 ', 2],
      ['\t3\n', 3],
      ['007', 7],
      [`${'0'.repeat(150)}2`, 2],
      ['10', 10],
      ['1', 1],
      ['', 1],
    ])('creates an order for a quantity of %p as %p', async (quantity, expected) => {
      // Prepare
      const user = newUser();
      // Act
      const orderId = await awaitingOrder(user, { product: 'coffee', quantity });
      // Assess
      expect((await stored(orderId))?.lines[0]?.quantity).toBe(expected);
    });
  });

  describe('huge strings and unusual characters', () => {
    it.each([
      'coffee\u0000',
      '\u202ecoffee',
      'קפה',
      '☕',
      '<speak>coffee</speak>',
      'x'.repeat(1_000_000),
    ])('answers the product %p with what is sold', async (product) => {
      // Prepare
      const user = newUser();
      // Act
      const reply = await turn(
        envelope(intentRequest('BuyIntent', { product }), { user, attributes: {} }),
      );
      // Assess
      expect(reply.speech).toContain("we don't sell that");
      expect(await ordersOf(user)).toEqual([]);
    });

    it.each([
      ['ｃｏｆｆｅｅ', 'house-blend'],
      ['COFFEE', 'house-blend'],
      ['スターターキット', 'starter-kit'],
    ])('finds the product %p', async (product, productId) => {
      // Act
      const orderId = await awaitingOrder(newUser(), { product });
      // Assess
      expect((await stored(orderId))?.lines[0]?.productId).toBe(productId);
    });

    it.each([
      ['emoji', `amzn1.ask.account.${'😀'.repeat(240)}`],
      ['right-to-left and NUL', 'amzn1.ask.account.\u202eקפה\u0000\u200f'],
      ['512 characters', 'u'.repeat(512)],
    ])(
      'completes a purchase for a user id with %s, and no other user can touch it',
      async (_l, user) => {
        // Prepare
        const { orderId, charge } = await chargePendingOrder(user);
        const answer = { ...shop.simulator.answer(charge) } as Json;
        const neighbour = `${user.slice(0, -1)}?`;
        // Act
        const foreign = await turn(envelope(answer, { user: neighbour }));
        const own = await turn(envelope(answer, { user }));
        // Assess
        expect(foreign.card).toBeUndefined();
        expect(own.speech).toContain('is placed');
        expect((await stored(orderId))?.userId).toBe(user);
        expect((await stored(orderId))?.status).toBe('paid');
      },
    );
  });

  describe('forged session attributes', () => {
    const victim = newUser();
    const me = newUser();
    let victimOrder: string;

    beforeAll(async () => {
      victimOrder = await awaitingOrder(victim);
    });

    afterEach(async () => {
      // The victim's order is never confirmed, cancelled or otherwise written by me.
      const order = await stored(victimOrder);
      if (
        order?.status !== 'awaiting-confirmation' ||
        order.version !== 1 ||
        order.userId !== victim
      )
        throw new Error(`the victim's order was touched: ${JSON.stringify(order)}`);
    });

    it.each(['AMAZON.YesIntent', 'SetupPaymentIntent'])(
      "answers %s with another user's pendingOrderId without a Setup",
      async (intent) => {
        // Act
        const reply = await turn(
          envelope(intentRequest(intent), {
            user: me,
            attributes: { pendingOrderId: victimOrder },
          }),
        );
        // Assess
        expect(reply.directives).toEqual([]);
        expect(reply.speech).toContain("There's no order waiting");
      },
    );

    it.each(['AMAZON.NoIntent', 'CancelOrderIntent', 'AMAZON.StopIntent', 'AMAZON.CancelIntent'])(
      "cancels nothing for %s with another user's pendingOrderId",
      async (intent) => {
        // Act
        const reply = await turn(
          envelope(intentRequest(intent), {
            user: me,
            attributes: { pendingOrderId: victimOrder },
          }),
        );
        // Assess
        expect(reply.speech).not.toContain("I've cancelled");
      },
    );

    it.each([
      ['paid', async (user: string) => (await paidOrder(user)).orderId],
      ['cancelled', cancelledOrder],
      ['failed', failedOrder],
      ['declined', declinedOrder],
    ] as const)('sends no Setup for a yes naming my own %s order', async (_l, make) => {
      // Prepare
      const orderId = await make(me);
      const before = await stored(orderId);
      // Act
      const reply = await turn(
        envelope(intentRequest('AMAZON.YesIntent'), {
          user: me,
          attributes: { pendingOrderId: orderId },
        }),
      );
      // Assess
      expect(reply.directives).toEqual([]);
      expect(await stored(orderId)).toEqual(before);
    });

    it('sends the same Setup again for a second yes to my setup-pending order', async () => {
      // Prepare
      const { orderId, setup } = await setupPendingOrder(me);
      // Act
      const reply = await turn(
        envelope(intentRequest('AMAZON.YesIntent'), {
          user: me,
          attributes: { pendingOrderId: orderId },
        }),
      );
      // Assess
      expect(reply.directives).toEqual([setup]);
      expect((await stored(orderId))?.version).toBe(2);
    });

    it.each([
      ['a made-up id', 'madeUpOrderId0000000001'],
      ['a number', 42],
      ['an object', { id: 'x' }],
      ['an object with toString', { toString: 'x', valueOf: 'x' }],
      ['an array of the id', ['VICTIM']],
      ['null', null],
      ['true', true],
      ['100k characters', 'o'.repeat(100_000)],
      ['the id with a path', '../VICTIM'],
      ['the id with a trailing blank', 'VICTIM '],
      ['the id with a NUL', 'VICTIM\u0000'],
      ['the id upper-cased', 'UPPER'],
    ])('answers a yes whose pendingOrderId is %s without a Setup', async (_l, forged) => {
      // Prepare
      const replaceVictim = (value: unknown): unknown =>
        value === 'VICTIM'
          ? victimOrder
          : value === 'UPPER'
            ? victimOrder.toUpperCase()
            : typeof value === 'string'
              ? value.replace('VICTIM', victimOrder)
              : Array.isArray(value)
                ? value.map(replaceVictim)
                : value;
      // Act
      const reply = await turn(
        envelope(intentRequest('AMAZON.YesIntent'), {
          user: me,
          attributes: { pendingOrderId: replaceVictim(forged) },
        }),
      );
      // Assess
      expect(reply.directives).toEqual([]);
    });
  });

  describe('forged Setup answers', () => {
    const states = {
      'awaiting-confirmation (no yes yet)': awaitingOrder,
      cancelled: cancelledOrder,
      failed: failedOrder,
      declined: declinedOrder,
      paid: async (user: string) => (await paidOrder(user)).orderId,
      'charge-pending': async (user: string) => (await chargePendingOrder(user)).orderId,
    };

    it.each(Object.keys(states) as Array<keyof typeof states>)(
      'sends no Charge and writes nothing for a Setup answer to a %s order',
      async (state) => {
        // Prepare
        const user = newUser();
        const orderId = await states[state](user);
        const before = await stored(orderId);
        // Act: a good-looking answer with another agreement, then an error answer
        const approved = await turn(
          envelope(aSetupResponse(orderId, { billingAgreementId: 'B02-9999999-9999999' }), {
            user,
          }),
        );
        const error = await turn(
          envelope(anErrorResponse('Setup', orderId, 'InvalidShippingAddress'), { user }),
        );
        // Assess
        expect(approved.directives).toEqual([]);
        expect(error.directives).toEqual([]);
        expect(await stored(orderId)).toEqual(before);
      },
    );

    it("sends no Charge for another user's setup-pending order, however the answer looks", async () => {
      // Prepare
      const victim = newUser();
      const { orderId, setup } = await setupPendingOrder(victim);
      const answer = { ...shop.simulator.answer(setup) } as Json;
      const me = newUser();
      // Act
      const replies = [
        await turn(envelope(answer, { user: me })),
        await turn(envelope(aSetupResponse(orderId), { user: me })),
        await turn(
          envelope(anErrorResponse('Setup', orderId, 'ACCESS_DENIED', '403'), { user: me }),
        ),
      ];
      // Assess
      expect(replies.flatMap((r) => r.directives)).toEqual([]);
      expect(await stored(orderId)).toMatchObject({ status: 'setup-pending', version: 2 });
    });

    it('re-sends the same Charge for a re-delivered Setup answer, and Amazon authorizes once', async () => {
      // Prepare
      const user = newUser();
      const { orderId, setupAnswer, charge } = await chargePendingOrder(user);
      const count = shop.simulator.authorizationCount();
      // Act
      const again = await turn(envelope(setupAnswer, { user }));
      const first = { ...shop.simulator.answer(charge) } as Json;
      const second = { ...shop.simulator.answer(again.directives[0] ?? {}) } as Json;
      await turn(envelope(first, { user }));
      await turn(envelope(second, { user }));
      // Assess
      expect(again.directives).toEqual([charge]);
      expect(shop.simulator.authorizationCount()).toBe(count + 1);
      expect((await stored(orderId))?.history.map((h) => h.status)).toEqual([
        'awaiting-confirmation',
        'setup-pending',
        'charge-pending',
        'paid',
      ]);
    });

    const setupMalformations: ReadonlyArray<[string, (answer: Json) => Json]> = [
      ['no status', (a) => withPath(a, ['status'], REMOVE)],
      ['status null', (a) => withPath(a, ['status'], null)],
      ['status "OK"', (a) => withPath(a, ['status'], 'OK')],
      ['status {}', (a) => withPath(a, ['status'], {})],
      ['status code "200 "', (a) => withPath(a, ['status', 'code'], '200 ')],
      ['status code "0200"', (a) => withPath(a, ['status', 'code'], '0200')],
      ['status code "OK"', (a) => withPath(a, ['status', 'code'], 'OK')],
      ['status code 200.5', (a) => withPath(a, ['status', 'code'], 200.5)],
      ['payload null', (a) => withPath(a, ['payload'], null)],
      ['payload an array', (a) => withPath(a, ['payload'], [a['payload']])],
      ['payload a string', (a) => withPath(a, ['payload'], JSON.stringify(a['payload']))],
      ['no payload', (a) => withPath(a, ['payload'], REMOVE)],
      ['details null', (a) => withPath(a, ['payload', 'billingAgreementDetails'], null)],
      [
        'agreement id a number',
        (a) => withPath(a, ['payload', 'billingAgreementDetails', 'billingAgreementId'], 42),
      ],
      [
        'agreement id empty',
        (a) => withPath(a, ['payload', 'billingAgreementDetails', 'billingAgreementId'], ''),
      ],
      [
        'agreement id with blanks',
        (a) => withPath(a, ['payload', 'billingAgreementDetails', 'billingAgreementId'], ' B02-1 '),
      ],
      [
        'agreement status "open"',
        (a) =>
          withPath(a, ['payload', 'billingAgreementDetails', 'billingAgreementStatus'], 'open'),
      ],
      [
        'agreement status "OPEN "',
        (a) =>
          withPath(a, ['payload', 'billingAgreementDetails', 'billingAgreementStatus'], 'OPEN '),
      ],
      [
        'agreement status missing',
        (a) =>
          withPath(a, ['payload', 'billingAgreementDetails', 'billingAgreementStatus'], REMOVE),
      ],
      [
        'environment "sandbox"',
        (a) => withPath(a, ['payload', 'billingAgreementDetails', 'releaseEnvironment'], 'sandbox'),
      ],
      [
        'environment LIVE',
        (a) => withPath(a, ['payload', 'billingAgreementDetails', 'releaseEnvironment'], 'LIVE'),
      ],
      [
        'environment missing',
        (a) => withPath(a, ['payload', 'billingAgreementDetails', 'releaseEnvironment'], REMOVE),
      ],
    ];

    it.each(setupMalformations)(
      'fails the order and sends no Charge for a Setup answer with %s',
      async (_l, malform) => {
        // Prepare
        const user = newUser();
        const { orderId, setup } = await setupPendingOrder(user);
        const answer = malform({ ...shop.simulator.answer(setup) });
        // Act
        const reply = await turn(envelope(answer, { user }));
        // Assess
        expect(reply.directives).toEqual([]);
        expect((await stored(orderId))?.status).toBe('failed');
        expect(reply.speech).toBeDefined();
      },
    );

    it('takes a numeric status code 200 like "200"', async () => {
      // Prepare
      const user = newUser();
      const { orderId, setup } = await setupPendingOrder(user);
      const answer = withPath({ ...shop.simulator.answer(setup) }, ['status', 'code'], 200);
      // Act
      const reply = await turn(envelope(answer, { user }));
      // Assess
      expect(reply.directives).toHaveLength(1);
      expect((await stored(orderId))?.status).toBe('charge-pending');
    });
  });

  describe('forged Charge answers', () => {
    const chargeMalformations: ReadonlyArray<
      [string, (answer: Json, other: string) => Json, string]
    > = [
      [
        'state "closed"',
        (a) => withPath(a, details('authorizationStatus', 'state'), 'closed'),
        'held-for-review',
      ],
      [
        'state "CLOSED"',
        (a) => withPath(a, details('authorizationStatus', 'state'), 'CLOSED'),
        'held-for-review',
      ],
      [
        'state "Completed"',
        (a) => withPath(a, details('authorizationStatus', 'state'), 'Completed'),
        'held-for-review',
      ],
      [
        'state Open',
        (a) => withPath(a, details('authorizationStatus', 'state'), 'Open'),
        'held-for-review',
      ],
      [
        'state Pending',
        (a) => withPath(a, details('authorizationStatus', 'state'), 'Pending'),
        'held-for-review',
      ],
      [
        'state a number',
        (a) => withPath(a, details('authorizationStatus', 'state'), 1),
        'held-for-review',
      ],
      [
        'captured "34.970"',
        (a) => withPath(a, details('capturedAmount', 'amount'), '34.970'),
        'held-for-review',
      ],
      [
        'captured "34.97 "',
        (a) => withPath(a, details('capturedAmount', 'amount'), '34.97 '),
        'held-for-review',
      ],
      [
        'captured "3.497e1"',
        (a) => withPath(a, details('capturedAmount', 'amount'), '3.497e1'),
        'held-for-review',
      ],
      [
        'captured "+34.97"',
        (a) => withPath(a, details('capturedAmount', 'amount'), '+34.97'),
        'held-for-review',
      ],
      [
        'captured "34,97"',
        (a) => withPath(a, details('capturedAmount', 'amount'), '34,97'),
        'held-for-review',
      ],
      [
        'captured 34.97 as a number',
        (a) => withPath(a, details('capturedAmount', 'amount'), 34.97),
        'held-for-review',
      ],
      [
        'captured "0.00"',
        (a) => withPath(a, details('capturedAmount', 'amount'), '0.00'),
        'held-for-review',
      ],
      [
        'captured twice the total',
        (a) => withPath(a, details('capturedAmount', 'amount'), '69.94'),
        'held-for-review',
      ],
      [
        'captured in "usd"',
        (a) => withPath(a, details('capturedAmount', 'currencyCode'), 'usd'),
        'held-for-review',
      ],
      [
        'captured in EUR',
        (a) => withPath(a, details('capturedAmount', 'currencyCode'), 'EUR'),
        'held-for-review',
      ],
      [
        'no captured amount',
        (a) => withPath(a, details('capturedAmount'), REMOVE),
        'held-for-review',
      ],
      [
        "another order's reference id",
        (a, other) => withPath(a, details('authorizationReferenceId'), `${other}-1`),
        'held-for-review',
      ],
      [
        'no reference id',
        (a) => withPath(a, details('authorizationReferenceId'), REMOVE),
        'held-for-review',
      ],
      [
        'an unknown reason',
        (a) => withPath(a, details('authorizationStatus', 'reasonCode'), 'SomethingNew'),
        'held-for-review',
      ],
      [
        'reason __proto__',
        (a) => withPath(a, details('authorizationStatus', 'reasonCode'), '__proto__'),
        'held-for-review',
      ],
      [
        'Declined with reason constructor',
        (a) =>
          withPath(
            withPath(a, details('authorizationStatus', 'state'), 'Declined'),
            details('authorizationStatus', 'reasonCode'),
            'constructor',
          ),
        'declined',
      ],
      ['no status', (a) => withPath(a, ['status'], REMOVE), 'held-for-review'],
      ['status code "201"', (a) => withPath(a, ['status', 'code'], '201'), 'failed'],
      ['payload null', (a) => withPath(a, ['payload'], null), 'held-for-review'],
      ['payload an array', (a) => withPath(a, ['payload'], [a['payload']]), 'held-for-review'],
      [
        'payload a string',
        (a) => withPath(a, ['payload'], JSON.stringify(a['payload'])),
        'held-for-review',
      ],
      [
        'details an array',
        (a) => withPath(a, ['payload', 'authorizationDetails'], []),
        'held-for-review',
      ],
      [
        'a 400 with errorCode __proto__',
        (a) => ({
          ...a,
          status: { code: '400', message: '__proto__' },
          payload: { errorCode: '__proto__' },
        }),
        'failed',
      ],
      [
        'a 400 with errorCode toString',
        (a) => ({
          ...a,
          status: { code: '400', message: 'toString' },
          payload: { errorCode: 'toString' },
        }),
        'failed',
      ],
      [
        'a 500 with no payload',
        (a) => ({ ...withPath(a, ['payload'], REMOVE), status: { code: '500' } }),
        'failed',
      ],
      ['status code 200 as a number', (a) => withPath(a, ['status', 'code'], 200), 'paid'],
    ];

    it.each(chargeMalformations)(
      'records a Charge answer with %s as expected and confirms only a payment',
      async (_l, malform, expected) => {
        // Prepare
        const user = newUser();
        const { orderId, charge } = await chargePendingOrder(user);
        const answer = malform({ ...shop.simulator.answer(charge) }, `${orderId}x`);
        // Act
        const reply = await turn(envelope(answer, { user }));
        // Assess
        expect((await stored(orderId))?.status).toBe(expected);
        expect(reply.card?.['type'] === 'Simple').toBe(expected === 'paid');
        expect(reply.directives).toEqual([]);
      },
    );

    const chargeStates = {
      'setup-pending (Charge before Setup)': async (user: string) =>
        (await setupPendingOrder(user)).orderId,
      'awaiting-confirmation': awaitingOrder,
      cancelled: cancelledOrder,
      failed: failedOrder,
      declined: declinedOrder,
    };

    it.each(Object.keys(chargeStates) as Array<keyof typeof chargeStates>)(
      'writes nothing and confirms nothing for a successful Charge answer to a %s order',
      async (state) => {
        // Prepare
        const user = newUser();
        const orderId = await chargeStates[state](user);
        const before = await stored(orderId);
        // Act
        const reply = await turn(envelope(aChargeResponse(orderId), { user }));
        // Assess
        expect(reply.card).toBeUndefined();
        expect(reply.speech).not.toContain('is placed');
        expect(await stored(orderId)).toEqual(before);
      },
    );

    it('does not move a paid order for a later decline or error answer', async () => {
      // Prepare
      const user = newUser();
      const { orderId } = await paidOrder(user);
      const before = await stored(orderId);
      // Act
      const replies = [
        await turn(
          envelope(aChargeResponse(orderId, { state: 'Declined', reasonCode: 'AmazonRejected' }), {
            user,
          }),
        ),
        await turn(envelope(anErrorResponse('Charge', orderId, 'InvalidPaymentMethod'), { user })),
        await turn(
          envelope(anErrorResponse('Charge', orderId, 'ProcessingFailure', '500'), { user }),
        ),
      ];
      // Assess
      expect(await stored(orderId)).toEqual(before);
      expect(replies.map((r) => r.speech)).toEqual(
        Array(3).fill(expect.stringContaining('already been taken care of')),
      );
    });

    it("neither pays, fails nor re-charges another user's charge-pending order", async () => {
      // Prepare
      const victim = newUser();
      const { orderId, setupAnswer, charge } = await chargePendingOrder(victim);
      const answer = { ...shop.simulator.answer(charge) } as Json;
      const me = newUser();
      const before = await stored(orderId);
      // Act: the victim's own Setup and Charge answers, replayed from my device
      const replies = [
        await turn(envelope(setupAnswer, { user: me })),
        await turn(envelope(answer, { user: me })),
        await turn(envelope(anErrorResponse('Charge', orderId, 'AmazonRejected'), { user: me })),
        await turn(envelope(withPath(answer, ['payload'], null), { user: me })),
      ];
      // Assess
      expect(await stored(orderId)).toEqual(before);
      expect(replies.flatMap((r) => r.directives)).toEqual([]);
      expect(replies.map((r) => r.card)).toEqual([undefined, undefined, undefined, undefined]);
    });

    it('survives Setup and Charge answers replayed and reordered, with one authorization', async () => {
      // Prepare
      const user = newUser();
      const { orderId, setup } = await setupPendingOrder(user);
      const count = shop.simulator.authorizationCount();
      const early = await turn(envelope(aChargeResponse(orderId), { user }));
      const setupAnswer = { ...shop.simulator.answer(setup) } as Json;
      // Act: S, S, C, S, C, S-error, C-decline
      const s1 = await turn(envelope(setupAnswer, { user }));
      const s2 = await turn(envelope(setupAnswer, { user }));
      const chargeAnswer = { ...shop.simulator.answer(s1.directives[0] ?? {}) } as Json;
      const c1 = await turn(envelope(chargeAnswer, { user }));
      const s3 = await turn(envelope(setupAnswer, { user }));
      const c2 = await turn(envelope(chargeAnswer, { user }));
      const late = [
        await turn(envelope(anErrorResponse('Setup', orderId, 'InvalidShippingAddress'), { user })),
        await turn(
          envelope(aChargeResponse(orderId, { state: 'Declined', reasonCode: 'AmazonRejected' }), {
            user,
          }),
        ),
      ];
      // Assess
      expect(early.card).toBeUndefined();
      expect(s2.directives).toEqual(s1.directives);
      expect(s3.directives).toEqual([]);
      expect(c1.speech).toContain('is placed');
      expect(c2.speech).toContain('is placed');
      expect(late.flatMap((r) => r.directives)).toEqual([]);
      expect(shop.simulator.authorizationCount()).toBe(count + 1);
      expect((await stored(orderId))?.history.map((h) => h.status)).toEqual([
        'awaiting-confirmation',
        'setup-pending',
        'charge-pending',
        'paid',
      ]);
    });
  });

  describe('concurrency', () => {
    it('takes twenty concurrent yeses as one confirmation with one Setup', async () => {
      // Prepare
      const user = newUser();
      const orderId = await awaitingOrder(user);
      const yes = envelope(intentRequest('AMAZON.YesIntent'), {
        user,
        attributes: { pendingOrderId: orderId },
      });
      // Act
      const replies = await Promise.all(Array.from({ length: 20 }, () => turn(jsonCopy(yes))));
      // Assess
      const setups = new Set(replies.map((r) => JSON.stringify(r.directives)));
      expect(setups.size).toBe(1);
      expect(replies[0]?.directives).toHaveLength(1);
      expect((await stored(orderId))?.history.map((h) => h.status)).toEqual([
        'awaiting-confirmation',
        'setup-pending',
      ]);
    });

    it('never sends a Setup for an order that a concurrent no cancelled', async () => {
      // Prepare
      const user = newUser();
      const orderIds = await Promise.all(Array.from({ length: 5 }, () => awaitingOrder(user)));
      // Act
      const replies = await Promise.all(
        orderIds.flatMap((orderId) =>
          ['AMAZON.NoIntent', 'AMAZON.YesIntent', 'AMAZON.StopIntent', 'AMAZON.YesIntent'].map(
            async (intent) => ({
              orderId,
              reply: await turn(
                envelope(intentRequest(intent), { user, attributes: { pendingOrderId: orderId } }),
              ),
            }),
          ),
        ),
      );
      // Assess
      for (const orderId of orderIds) {
        const order = await stored(orderId);
        const mine = replies.filter((r) => r.orderId === orderId);
        const setups = mine.filter((r) => r.reply.directives.length > 0);
        expect(order?.history).toHaveLength(2);
        expect(setups.length > 0).toBe(order?.status === 'setup-pending');
      }
    });

    it('takes twenty concurrent identical Charge answers as one payment', async () => {
      // Prepare
      const user = newUser();
      const { orderId, charge } = await chargePendingOrder(user);
      const count = shop.simulator.authorizationCount();
      const answer = envelope({ ...shop.simulator.answer(charge) }, { user });
      // Act
      const replies = await Promise.all(Array.from({ length: 20 }, () => turn(jsonCopy(answer))));
      // Assess
      expect(shop.simulator.authorizationCount()).toBe(count + 1);
      expect(replies.every((r) => r.speech?.includes('is placed') === true)).toBe(true);
      const order = await stored(orderId);
      expect(order?.history.filter((h) => h.status === 'paid')).toHaveLength(1);
      expect(order?.version).toBe(4);
    });

    it('lets exactly one of twenty conflicting Charge answers decide', async () => {
      // Prepare
      const user = newUser();
      const { orderId, charge } = await chargePendingOrder(user);
      const approve = envelope({ ...shop.simulator.answer(charge) }, { user });
      const decline = envelope(
        aChargeResponse(orderId, { state: 'Declined', reasonCode: 'AmazonRejected' }),
        { user },
      );
      // Act
      const replies = await Promise.all(
        Array.from({ length: 20 }, (_, i) => turn(jsonCopy(i % 2 === 0 ? approve : decline))),
      );
      // Assess
      const order = await stored(orderId);
      expect(order?.history).toHaveLength(4);
      const confirmed = replies.filter((r) => r.card !== undefined);
      expect(['paid', 'declined']).toContain(order?.status);
      expect(confirmed).toHaveLength(order?.status === 'paid' ? 10 : 0);
    });

    it('keeps a Charge only where a concurrent Setup success beat a Setup error', async () => {
      // Prepare
      const user = newUser();
      const orders = await Promise.all(Array.from({ length: 5 }, () => setupPendingOrder(user)));
      // Act
      const replies = await Promise.all(
        orders.flatMap(({ orderId, setup }) => [
          turn(envelope({ ...shop.simulator.answer(setup) }, { user })),
          turn(envelope(anErrorResponse('Setup', orderId, 'InvalidShippingAddress'), { user })),
        ]),
      );
      // Assess
      for (const [i, { orderId }] of orders.entries()) {
        const charges = [replies[2 * i], replies[2 * i + 1]].flatMap((r) => r?.directives ?? []);
        const status = (await stored(orderId))?.status;
        expect(['charge-pending', 'failed']).toContain(status);
        expect(charges.length > 0).toBe(status === 'charge-pending');
      }
    });

    it('charges each of two orders of one user its own total for interleaved Setup answers', async () => {
      // Prepare
      const user = newUser();
      const a = await setupPendingOrder(user, { product: 'coffee', quantity: '2' });
      const b = await setupPendingOrder(user, { product: 'starter kit', quantity: '3' });
      const answerA = { ...shop.simulator.answer(a.setup) } as Json;
      const answerB = { ...shop.simulator.answer(b.setup) } as Json;
      // Act
      const [rb, ra, rb2, ra2] = await Promise.all([
        turn(envelope(answerB, { user })),
        turn(envelope(answerA, { user })),
        turn(envelope(answerB, { user })),
        turn(envelope(answerA, { user })),
      ]);
      // Assess
      const amount = (reply: Reply | undefined): unknown =>
        readPath(
          reply?.directives[0],
          'payload',
          'authorizeAttributes',
          'authorizationAmount',
          'amount',
        );
      expect([amount(ra), amount(ra2)]).toEqual(['34.97', '34.97']);
      expect([amount(rb), amount(rb2)]).toEqual(['124.96', '124.96']);
      expect(ra?.directives[0]?.['token']).toBe(`${a.orderId}-1`);
      expect(rb?.directives[0]?.['token']).toBe(`${b.orderId}-1`);
    });
  });

  describe('retries offered at launch', () => {
    /** An order whose Charge was declined with a reason that allows the next attempt. */
    async function retryableDeclinedOrder(user: string): Promise<string> {
      const { orderId, charge } = await chargePendingOrder(user);
      const answer = shop.simulator.answer(charge, {
        charge: { kind: 'declined', reasonCode: 'ProcessingFailure', form: 'state' },
      });
      await turn(envelope({ ...answer }, { user }));
      expect((await stored(orderId))?.status).toBe('declined');
      return orderId;
    }

    const retryYes = (user: string, orderId: unknown): Json =>
      envelope(intentRequest('AMAZON.YesIntent'), { user, attributes: { retryOrderId: orderId } });

    it("sends nothing for a yes naming another user's order to retry", async () => {
      // Prepare
      const victim = newUser();
      const declined = await retryableDeclinedOrder(victim);
      const { orderId: pending } = await chargePendingOrder(victim);
      const before = await Promise.all([declined, pending].map(stored));
      const me = newUser();
      // Act
      const replies = [
        await turn(retryYes(me, declined)),
        await turn(retryYes(me, pending)),
        await turn(retryYes(me, 42)),
        await turn(retryYes(me, { orderId: declined })),
      ];
      // Assess
      expect(replies.flatMap((r) => r.directives)).toEqual([]);
      expect(await Promise.all([declined, pending].map(stored))).toEqual(before);
    });

    it.each([
      ['paid', async (user: string) => (await paidOrder(user)).orderId],
      ['cancelled', cancelledOrder],
      ['declined by Amazon (no retry)', declinedOrder],
    ] as const)('sends nothing for a yes naming my own %s order to retry', async (_l, make) => {
      // Prepare
      const user = newUser();
      const orderId = await make(user);
      const before = await stored(orderId);
      // Act
      const reply = await turn(retryYes(user, orderId));
      // Assess
      expect(reply.directives).toEqual([]);
      expect(await stored(orderId)).toEqual(before);
    });

    it('takes twenty concurrent retry yeses as one next attempt', async () => {
      // Prepare
      const user = newUser();
      const orderId = await retryableDeclinedOrder(user);
      // Act
      const replies = await Promise.all(
        Array.from({ length: 20 }, () => turn(retryYes(user, orderId))),
      );
      // Assess
      const charges = new Set(replies.map((r) => JSON.stringify(r.directives)));
      expect(charges.size).toBe(1);
      expect(
        readPath(
          replies[0]?.directives[0],
          'payload',
          'authorizeAttributes',
          'authorizationReferenceId',
        ),
      ).toBe(`${orderId}-2`);
      expect((await stored(orderId))?.history.map((h) => h.status)).toEqual([
        'awaiting-confirmation',
        'setup-pending',
        'charge-pending',
        'declined',
        'charge-pending',
      ]);
    });

    it('re-sends an unanswered Charge with its reference id, and Amazon authorizes once', async () => {
      // Prepare
      const user = newUser();
      const { orderId, charge } = await chargePendingOrder(user);
      const count = shop.simulator.authorizationCount();
      // Act
      const again = await turn(retryYes(user, orderId));
      const answers = [charge, again.directives[0] ?? {}].map((directive) => ({
        ...shop.simulator.answer(directive),
      }));
      for (const answer of answers) await turn(envelope(answer, { user }));
      // Assess
      expect(again.directives).toEqual([charge]);
      expect(shop.simulator.authorizationCount()).toBe(count + 1);
      expect((await stored(orderId))?.status).toBe('paid');
    });
  });

  describe('an order that waited too long', () => {
    it('answers twenty concurrent late yeses with no Setup and one cancellation', async () => {
      // Prepare
      let now = Date.parse('2026-06-01T10:00:00.000Z');
      const timed = faultyShop(shop, () => new Date(now));
      const user = newUser();
      const orderId = await awaitingOrder(user, undefined, timed.handler);
      now += 60 * 60 * 1000;
      const yes = envelope(intentRequest('AMAZON.YesIntent'), {
        user,
        attributes: { pendingOrderId: orderId },
      });
      // Act
      const replies = await Promise.all(
        Array.from({ length: 20 }, () => turn(jsonCopy(yes), { handler: timed.handler })),
      );
      // Assess
      expect(replies.flatMap((r) => r.directives)).toEqual([]);
      expect((await stored(orderId))?.history.map((h) => h.status)).toEqual([
        'awaiting-confirmation',
        'cancelled',
      ]);
    });

    it('cancels it on a late yes and charges nothing for a later Setup answer', async () => {
      // Prepare
      let now = Date.parse('2026-06-01T10:00:00.000Z');
      const timed = faultyShop(shop, () => new Date(now));
      const user = newUser();
      const orderId = await awaitingOrder(user, undefined, timed.handler);
      now += 15 * 60 * 1000 + 1;
      // Act
      const yes = await turn(
        envelope(intentRequest('AMAZON.YesIntent'), {
          user,
          attributes: { pendingOrderId: orderId },
        }),
        { handler: timed.handler },
      );
      const setup = await turn(envelope(aSetupResponse(orderId), { user }), {
        handler: timed.handler,
      });
      // Assess
      expect(yes.directives).toEqual([]);
      expect(yes.speech).toContain('waited too long');
      expect(setup.directives).toEqual([]);
      expect((await stored(orderId))?.status).toBe('cancelled');
    });
  });

  describe('order store faults', () => {
    let faulty: FaultyShop;

    beforeEach(() => {
      faulty = faultyShop(shop);
    });

    /** A turn through the faulty handler, with every invariant checked. */
    const faultyTurn = (event: unknown): Promise<Reply> => turn(event, { handler: faulty.handler });

    const expectApology = (reply: Reply): void => {
      expect(reply.speech).toContain(APOLOGY);
      expect(reply.ended).toBe(true);
      expect(reply.directives).toEqual([]);
      expect(reply.card).toBeUndefined();
    };

    it('apologises and keeps no pending order when the order cannot be created', async () => {
      // Prepare
      const user = newUser();
      faulty.store.arm({ op: 'create', fault: { kind: 'reject' } });
      // Act
      const reply = await faultyTurn(
        envelope(intentRequest('BuyIntent', { product: 'coffee' }), { user, attributes: {} }),
      );
      // Assess
      expectApology(reply);
      expect(reply.attributes?.['pendingOrderId']).toBeUndefined();
      expect(await ordersOf(user)).toEqual([]);
    });

    it('apologises without a Setup when the yes cannot be written, and a later yes works', async () => {
      // Prepare
      const user = newUser();
      const orderId = await awaitingOrder(user, undefined, faulty.handler);
      const yes = envelope(intentRequest('AMAZON.YesIntent'), {
        user,
        attributes: { pendingOrderId: orderId },
      });
      faulty.store.arm({ op: 'transition', nth: 1, fault: { kind: 'reject' } });
      // Act
      const failed = await faultyTurn(yes);
      const retried = await faultyTurn(jsonCopy(yes));
      // Assess
      expectApology(failed);
      expect(retried.directives).toHaveLength(1);
      expect((await stored(orderId))?.status).toBe('setup-pending');
    });

    it('sends no Charge when the charge-pending write fails, and Charges on redelivery', async () => {
      // Prepare
      const user = newUser();
      const { orderId, setup } = await setupPendingOrder(user, undefined, faulty.handler);
      const answer = envelope({ ...shop.simulator.answer(setup) }, { user });
      faulty.store.arm({ op: 'transition', nth: 1, fault: { kind: 'reject' } });
      // Act
      const failed = await faultyTurn(answer);
      const afterFailure = await stored(orderId);
      const retried = await faultyTurn(jsonCopy(answer));
      // Assess
      expectApology(failed);
      expect(afterFailure?.status).toBe('setup-pending');
      expect(retried.directives).toHaveLength(1);
    });

    it('sends no Charge when the charge-pending write succeeds but its answer is lost', async () => {
      // Prepare
      const user = newUser();
      const { orderId, setup } = await setupPendingOrder(user, undefined, faulty.handler);
      const answer = envelope({ ...shop.simulator.answer(setup) }, { user });
      faulty.store.arm({ op: 'transition', nth: 1, fault: { kind: 'rejectAfter' } });
      // Act
      const failed = await faultyTurn(answer);
      const afterFailure = await stored(orderId);
      const retried = await faultyTurn(jsonCopy(answer));
      // Assess
      expectApology(failed);
      expect(afterFailure).toMatchObject({
        status: 'charge-pending',
        authorizationReferenceId: `${orderId}-1`,
      });
      expect(
        readPath(
          retried.directives[0],
          'payload',
          'authorizeAttributes',
          'authorizationReferenceId',
        ),
      ).toBe(`${orderId}-1`);
    });

    it('sends no Charge when an invalid agreement id cannot even be failed', async () => {
      // Prepare
      const user = newUser();
      const { orderId } = await setupPendingOrder(user, undefined, faulty.handler);
      faulty.store.arm({ op: 'transition', nth: 2, fault: { kind: 'reject' } });
      // Act
      const reply = await faultyTurn(
        envelope(aSetupResponse(orderId, { billingAgreementId: ' B02-1 ' }), { user }),
      );
      // Assess
      expectApology(reply);
      expect((await stored(orderId))?.status).toBe('charge-pending');
    });

    it.each([
      ['the paid write fails', 'transition', 'reject'],
      ['the paid write succeeds but its answer is lost', 'transition', 'rejectAfter'],
    ] as const)(
      'apologises for a Charge answer when %s, and a redelivery confirms with one authorization',
      async (_l, op, kind) => {
        // Prepare
        const user = newUser();
        const { orderId, charge } = await chargePendingOrder(user);
        const count = shop.simulator.authorizationCount();
        const answer = envelope({ ...shop.simulator.answer(charge) }, { user });
        faulty.store.arm({ op, nth: 1, fault: { kind } });
        // Act
        const failed = await faultyTurn(answer);
        const retried = await faultyTurn(jsonCopy(answer));
        // Assess
        expectApology(failed);
        expect(retried.speech).toContain('is placed');
        expect((await stored(orderId))?.status).toBe('paid');
        expect(shop.simulator.authorizationCount()).toBe(count + 1);
      },
    );

    it('answers every kind of turn safely when every store call fails', async () => {
      // Prepare
      const user = newUser();
      const { orderId: chargeId, charge } = await chargePendingOrder(user);
      const { orderId: setupId, setup } = await setupPendingOrder(user);
      const awaitingId = await awaitingOrder(user);
      const before = await Promise.all([chargeId, setupId, awaitingId].map(stored));
      const pending = { pendingOrderId: awaitingId };
      faulty.store.arm({ fault: { kind: 'reject' } });
      // Act
      const replies = await Promise.all(
        [
          envelope(launchRequest(), { user }),
          envelope(intentRequest('BuyIntent', { product: 'coffee' }), { user, attributes: {} }),
          envelope(intentRequest('AMAZON.YesIntent'), { user, attributes: pending }),
          envelope(intentRequest('AMAZON.NoIntent'), { user, attributes: pending }),
          envelope(intentRequest('AMAZON.StopIntent'), { user, attributes: pending }),
          envelope(intentRequest('AMAZON.HelpIntent'), { user, attributes: pending }),
          envelope({ ...shop.simulator.answer(setup) }, { user }),
          envelope({ ...shop.simulator.answer(charge) }, { user }),
          envelope(sessionEndedRequest(), { user, attributes: pending }),
        ].map(faultyTurn),
      );
      // Assess
      expect(replies.flatMap((r) => r.directives)).toEqual([]);
      expect(replies.filter((r) => r.speech?.includes(APOLOGY) === true)).toHaveLength(6);
      expect(await Promise.all([chargeId, setupId, awaitingId].map(stored))).toEqual(before);
    });

    it('makes a turn as slow as its store calls, one after another (no deadline of its own)', async () => {
      // Prepare
      const user = newUser();
      const { charge } = await chargePendingOrder(user);
      const answer = envelope({ ...shop.simulator.answer(charge) }, { user });
      faulty.store.arm({ fault: { kind: 'delay', ms: 100 } });
      // Act: a Charge answer is one conditional write, with no read before it
      const timed = await within(faultyTurn(answer), 2_000);
      // Assess
      expect(timed.settled).toBe(true);
      expect(timed.ms).toBeGreaterThanOrEqual(95);
      expect(faulty.store.calls.map((c) => c.op)).toEqual(['transition']);
    });

    it('leaves a turn waiting as long as a hanging store call, then answers normally', async () => {
      // Prepare
      const user = newUser();
      const orderId = await awaitingOrder(user, undefined, faulty.handler);
      faulty.store.arm({ op: 'transition', nth: 1, fault: { kind: 'hang' } });
      const pending = faultyTurn(
        envelope(intentRequest('AMAZON.YesIntent'), {
          user,
          attributes: { pendingOrderId: orderId },
        }),
      );
      // Act
      const whileHung = await within(pending, 200);
      faulty.store.release();
      const afterRelease = await within(pending, 2_000);
      // Assess
      expect(whileHung.settled).toBe(false);
      expect(afterRelease.settled).toBe(true);
      expect('value' in afterRelease && afterRelease.value.directives).toHaveLength(1);
    });
  });
  describe('bugs found here, fixed, and kept fixed', () => {
    it.each(['state', 'error'] as const)(
      "charges a retried order once when attempt 1's decline (%s form) is delivered again",
      async (form) => {
        // Prepare: attempt 1 is declined with a reason that allows the next attempt
        const user = newUser();
        const { orderId, charge } = await chargePendingOrder(user);
        const decline1 = {
          ...shop.simulator.answer(charge, {
            charge: { kind: 'declined', reasonCode: 'ProcessingFailure', form },
          }),
        } as Json;
        await turn(envelope(decline1, { user }));
        const captured = shop.simulator.capturedTotalMinor('USD');
        const retry = async (): Promise<Json | undefined> =>
          (
            await turn(
              envelope(intentRequest('AMAZON.YesIntent'), {
                user,
                attributes: { retryOrderId: orderId },
              }),
            )
          ).directives[0];
        const charge2 = await retry();
        // Act: attempt 1's decline again, then Amazon's capture of attempt 2, then a retry
        await turn(envelope(decline1, { user }));
        await turn(envelope({ ...shop.simulator.answer(charge2 ?? {}) }, { user }));
        const charge3 = await retry();
        const answer3 = charge3 === undefined ? undefined : { ...shop.simulator.answer(charge3) };
        await Promise.all(answer3 === undefined ? [] : [turn(envelope(answer3, { user }))]);
        // Assess
        expect(charge3).toBeUndefined();
        expect(shop.simulator.capturedTotalMinor('USD') - captured).toBe(3497);
        expect((await stored(orderId))?.status).toBe('paid');
      },
    );

    it.each([
      [
        'a Setup answer with status code ""',
        'setup-pending',
        (a: Json) => withPath(a, ['status', 'code'], ''),
        'failed',
      ],
      [
        'a Setup error answer with errorCode ""',
        'setup-pending',
        (a: Json) => ({ ...a, status: { code: '400', message: '' }, payload: { errorCode: '' } }),
        'failed',
      ],
      [
        'a captured Charge with amazonAuthorizationId ""',
        'charge-pending',
        (a: Json) => withPath(a, details('amazonAuthorizationId'), ''),
        'paid',
      ],
      [
        'a captured Charge with amazonOrderReferenceId ""',
        'charge-pending',
        (a: Json) => withPath(a, ['payload', 'amazonOrderReferenceId'], ''),
        'paid',
      ],
      [
        'a declined Charge with reasonCode ""',
        'charge-pending',
        (a: Json) =>
          withPath(
            withPath(a, details('authorizationStatus', 'state'), 'Declined'),
            details('authorizationStatus', 'reasonCode'),
            '',
          ),
        'declined',
      ],
      [
        'a Charge error answer with status code ""',
        'charge-pending',
        (a: Json) => ({ ...a, status: { code: '', message: 'x' } }),
        'failed',
      ],
      [
        'a Charge answer with state ""',
        'charge-pending',
        (a: Json) => withPath(a, details('authorizationStatus', 'state'), ''),
        'held-for-review',
      ],
    ] as const)('records %s as a readable order', async (_l, from, malform, expected) => {
      // Prepare
      const user = newUser();
      const pending =
        from === 'setup-pending'
          ? await setupPendingOrder(user).then((p) => ({ orderId: p.orderId, directive: p.setup }))
          : await chargePendingOrder(user).then((p) => ({
              orderId: p.orderId,
              directive: p.charge,
            }));
      const answer = malform({ ...shop.simulator.answer(pending.directive) });
      // Act
      const reply = await turn(envelope(answer, { user }));
      // Assess
      expect(reply.speech).not.toContain(APOLOGY);
      expect((await stored(pending.orderId))?.status).toBe(expected);
    });

    it.each([
      ['201 nines', '9'.repeat(201)],
      ['a 1 kB number', '1'.repeat(1000)],
      ['201 characters of garbage', 'x'.repeat(201)],
    ])('asks again, and creates no order, for a quantity of %s', async (_l, quantity) => {
      // Prepare
      const user = newUser();
      // Act
      const reply = await turn(
        envelope(intentRequest('BuyIntent', { product: 'coffee', quantity }), {
          user,
          attributes: {},
        }),
      );
      // Assess
      expect(reply.attributes?.['pendingOrderId']).toBeUndefined();
      expect(await ordersOf(user)).toEqual([]);
    });

    it.each([5, 2.5, ['2'], { value: '2' }, true])(
      'asks again, and creates no order, for a quantity slot value of %p',
      async (value) => {
        // Prepare
        const user = newUser();
        const event = withPath(
          envelope(intentRequest('BuyIntent', { product: 'coffee', quantity: '2' }), {
            user,
            attributes: {},
          }),
          ['request', 'intent', 'slots', 'quantity', 'value'],
          value,
        );
        // Act
        const reply = await turn(event);
        // Assess
        expect(reply.attributes?.['pendingOrderId']).toBeUndefined();
        expect(await ordersOf(user)).toEqual([]);
      },
    );

    it.each([
      ['a string', 'store down'],
      ['undefined', undefined],
      ['null', null],
      ['a plain object', { code: 'X' }],
    ])('apologises when a store call rejects with %s instead of an Error', async (_l, error) => {
      // Prepare
      const faulty = faultyShop(shop);
      faulty.store.arm({ op: 'create', fault: { kind: 'reject', error } });
      // Act
      const reply = await turn(
        envelope(intentRequest('BuyIntent', { product: 'coffee' }), {
          user: newUser(),
          attributes: {},
        }),
        { handler: faulty.handler },
      );
      // Assess
      expect(reply.speech).toContain(APOLOGY);
    });

    it('answers inside its turn budget, with no Setup, when a store call hangs', async () => {
      // Prepare
      const faulty = faultyShop(shop, undefined, { turnBudgetMs: 500 });
      const user = newUser();
      const orderId = await awaitingOrder(user, undefined, faulty.handler);
      faulty.store.arm({ op: 'transition', fault: { kind: 'hang' } });
      const pending = faulty.handler(
        envelope(intentRequest('AMAZON.YesIntent'), {
          user,
          attributes: { pendingOrderId: orderId },
        }),
      );
      // Act
      const timed = await within(pending, 2_000);
      faulty.store.disarm().release();
      await pending.catch(() => undefined);
      // The late work goes on after the answer: let its released write land before the store closes.
      for (let i = 0; i < 50 && (await stored(orderId))?.status !== 'setup-pending'; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // Assess
      expect(timed.settled).toBe(true);
      const reply = 'value' in timed ? toReply(timed.value) : undefined;
      expect(reply?.speech).toContain(APOLOGY);
      expect(reply?.directives).toEqual([]);
    });
  });
});
