import fc from 'fast-check';
import { toAmazonPayAmount } from '../../src/amazonpay/amount';
import { loadDemoCatalog } from '../../src/checkout/demoCatalog';
import type { Order } from '../../src/checkout/Order';
import { SkillIdMismatchError } from '../../src/createHandler';
import { aChargeResponse, anEnvelope, intentRequest, TEST_SKILL_ID } from '../fixtures/requests';
import { anOrder } from '../support/orders';
import { startShop, toReply, type TestShop } from '../support/shop';
import {
  amountValue,
  asText,
  envelopeSpec,
  eventOf,
  expectedQuantity,
  hostileString,
  hostileValue,
  mutate,
  quantityValue,
  REMOVE,
  setOwn,
  type EnvelopeSpec,
  type Json,
  type Mutation,
} from './arbitraries';
import { chargedOrder, chargePendingOrder, failedOrder, setupPendingOrder } from './flows';
import {
  assertNone,
  directiveProblems,
  historyProblems,
  historyRewritten,
  isPlainRecord as isPlainRecordValue,
  mustBeRefused,
  itemsOfUser,
  own,
  prototypePollution,
  responseEnvelopeProblems,
  storedOrder,
  storeFailedSince,
  userOfEvent,
} from './invariants';

/**
 * Generated envelopes through the real Lambda handler, on one in-memory dynalite and the offline
 * simulator: every answer is a valid response envelope (or, only for a wrong or missing skill id
 * or request type, the skill-id refusal), no directive leaves without its persisted order, no
 * order of another shopper moves, no status moves backwards, nothing reaches Object.prototype,
 * and quantities and amounts are read for what they mean.
 */

/** Runs per property: 9,900 here and 100 sequences in purchase.property.test.ts, 10,000 in all. */
const RUNS = { envelopes: 4_000, refusals: 3_000, quantities: 2_600, amounts: 300 } as const;
const seed = process.env['FC_SEED'] === undefined ? {} : { seed: Number(process.env['FC_SEED']) };
/** FC_RUNS_FACTOR=10 runs ten times as many cases, for a deeper search on a quiet machine. */
const factor = Number(process.env['FC_RUNS_FACTOR'] ?? '1');

const ME = 'amzn1.ask.account.PROPERTY-ME';
const VICTIM = 'amzn1.ask.account.PROPERTY-VICTIM';

let shop: TestShop;

/** A plain spec to start an envelope from (every field an ordinary value). */
const baseSpec: EnvelopeSpec = {
  kind: 'help',
  userId: ME,
  consent: 'GRANTED',
  locale: 'en-US',
  attributes: undefined,
  product: 'coffee',
  quantity: '2',
  token: 'order000000unknown',
  code: 'InternalServerError',
  statusCode: '500',
  amount: '34.97',
  state: 'Closed',
  unknownType: 'CanFulfillIntentRequest',
  mutations: [],
};

beforeAll(async () => {
  // Flat-rate pricing: these runs are about envelopes and state, not the Buyer APIs (test/flow has those).
  shop = await startShop({ buyerApi: false });
});

afterAll(async () => {
  await shop.close();
});

/** The answer of the handler, or what it was rejected with. */
async function answer(event: unknown): Promise<{ raw?: unknown; error?: unknown }> {
  return shop.handler(event).then(
    (raw) => ({ raw }),
    (error: unknown) => ({ error }),
  );
}

/** How many events were refused and how many answered, for the refusal property's check. */
const refusedAndAnswered = { refused: 0, answered: 0 };

/** The invariants every answer to an event must keep. */
async function answerProblems(event: unknown, outcome: { raw?: unknown; error?: unknown }) {
  if (mustBeRefused(event, TEST_SKILL_ID)) {
    refusedAndAnswered.refused += 1;
    return outcome.error instanceof SkillIdMismatchError
      ? []
      : [
          `not refused with the skill-id error: ${'error' in outcome ? asText(outcome.error) : 'answered'}`,
        ];
  }
  if (!('raw' in outcome)) return [`rejected: ${asText(outcome.error)}`];
  refusedAndAnswered.answered += 1;
  return [
    ...responseEnvelopeProblems(outcome.raw, event),
    ...(await directiveProblems(shop.orders.store, outcome.raw, userOfEvent(event))),
  ];
}

describe('generated request envelopes', () => {
  const pool: { mine: string[]; victims: string[] } = { mine: [], victims: [] };
  const snapshots = new Map<string, Order>();

  beforeAll(async () => {
    // Orders in every status for me and for another shopper, whose orders I must never move.
    for (const [user, ids] of [
      [ME, pool.mine],
      [VICTIM, pool.victims],
    ] as const) {
      ids.push((await setupPendingOrder(shop, user)).orderId);
      ids.push((await chargePendingOrder(shop, user)).orderId);
      ids.push((await chargedOrder(shop, user)).orderId);
      ids.push(
        (
          await chargedOrder(shop, user, {
            kind: 'declined',
            reasonCode: 'ProcessingFailure',
            form: 'state',
          })
        ).orderId,
      );
      ids.push(await failedOrder(shop, user));
    }
    for (const id of [...pool.mine, ...pool.victims]) {
      const order = await storedOrder(shop.orders.store, id);
      if (order !== undefined) snapshots.set(id, order);
    }
  });

  /**
   * The pool orders the skill logged about while answering (it logs every write with the order
   * id), checked against their last snapshot: another shopper's never change, mine only move
   * forwards. Every pool order is checked again after the property.
   */
  async function poolProblems(linesBefore: number): Promise<string[]> {
    const logged = new Set(shop.logger.lines.slice(linesBefore).map((l) => l.fields['orderId']));
    const problems: string[] = [];
    for (const id of [...pool.mine, ...pool.victims]) {
      if (!logged.has(id)) continue;
      const before = snapshots.get(id);
      const after = await storedOrder(shop.orders.store, id);
      if (before === undefined || after === undefined) continue;
      if (pool.victims.includes(id) && JSON.stringify(after) !== JSON.stringify(before)) {
        problems.push(`another shopper's order ${id} was written`);
      }
      problems.push(...historyRewritten(before, after), ...historyProblems(after));
      snapshots.set(id, after);
    }
    return problems;
  }

  it(
    'answers every envelope validly, refusing only a wrong skill id or a missing request type',
    async () => {
      // Act
      await fc.assert(
        fc.asyncProperty(envelopeSpec(ME, [...pool.mine, ...pool.victims]), async (spec) => {
          const event = eventOf(spec, TEST_SKILL_ID);
          const linesBefore = shop.logger.lines.length;
          const outcome = await answer(event);
          const problems = await answerProblems(event, outcome);
          const offered = own(outcome.raw, 'sessionAttributes', 'pendingOrderId');
          if (
            typeof offered === 'string' &&
            offered !== own(event, 'session', 'attributes', 'pendingOrderId')
          ) {
            // An order put into the session (new, or offered again) awaits this shopper's yes.
            const order = await storedOrder(shop.orders.store, offered);
            if (order?.status !== 'awaiting-confirmation' || order.userId !== userOfEvent(event)) {
              problems.push(`offered ${offered}, which is not an order awaiting this user's yes`);
            } else {
              problems.push(...historyProblems(order));
            }
          }
          problems.push(...(await poolProblems(linesBefore)), ...prototypePollution());
          assertNone(problems, `answer to ${spec.kind}`);
        }),
        { numRuns: Math.round(RUNS.envelopes * factor), ...seed },
      );
      // Assess: nothing moved another shopper's orders; mine only moved forwards
      const victims = await Promise.all(
        pool.victims.map((id) => storedOrder(shop.orders.store, id)),
      );
      expect(victims.map((o) => JSON.stringify(o))).toEqual(
        pool.victims.map((id) => JSON.stringify(snapshots.get(id))),
      );
      const mine = await Promise.all(pool.mine.map((id) => storedOrder(shop.orders.store, id)));
      expect(
        mine.flatMap((o, i) => {
          const before = snapshots.get(pool.mine[i] ?? '');
          if (o === undefined || before === undefined) return ['missing'];
          return [...historyRewritten(before, o), ...historyProblems(o)];
        }),
      ).toEqual([]);
    },
    120_000 * factor,
  );
});

describe('generated skill ids and request types', () => {
  /** A value placed as the test wants it: own, removed, or only inherited from a prototype. */
  type Placed = { readonly how: 'own' | 'inherited' | 'removed'; readonly value: unknown };
  const placed = (value: fc.Arbitrary<unknown>): fc.Arbitrary<Placed> =>
    fc.oneof(
      { weight: 6, arbitrary: value.map((v) => ({ how: 'own' as const, value: v })) },
      { weight: 1, arbitrary: value.map((v) => ({ how: 'inherited' as const, value: v })) },
      { weight: 1, arbitrary: fc.constant({ how: 'removed' as const, value: undefined }) },
    );
  const skillIds = placed(
    fc.oneof(
      { weight: 4, arbitrary: fc.constant<unknown>(TEST_SKILL_ID) },
      {
        weight: 3,
        arbitrary: fc.constantFrom<unknown>(
          `${TEST_SKILL_ID} `,
          ` ${TEST_SKILL_ID}`,
          `${TEST_SKILL_ID}\u0000`,
          TEST_SKILL_ID.toUpperCase(),
          TEST_SKILL_ID.replace(/0$/, '1'),
          TEST_SKILL_ID.slice(0, -1),
          'amzn1.ask.skill.another',
          '',
          [TEST_SKILL_ID],
          { applicationId: TEST_SKILL_ID },
        ),
      },
      { weight: 1, arbitrary: hostileValue },
    ),
  );
  const requestTypes = placed(
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc.constantFrom<unknown>(
          'LaunchRequest',
          'IntentRequest',
          'SessionEndedRequest',
          'Connections.Response',
        ),
      },
      { weight: 1, arbitrary: hostileValue },
    ),
  );
  /** Where the parent of the field goes missing or turns into something else. */
  const breakage = fc.oneof(
    { weight: 6, arbitrary: fc.constant<Mutation[]>([]) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            ['context'],
            ['context', 'System'],
            ['context', 'System', 'application'],
            ['request'],
            ['session', 'application'],
          ),
          fc.oneof(fc.constant<unknown>(REMOVE), hostileValue),
        )
        .map(([path, value]) => [{ path, value }]),
    },
  );

  /** Puts a placed value at a path of an event (made of plain data). */
  function place(event: Json, path: ReadonlyArray<string>, placedValue: Placed): Json {
    if (placedValue.how !== 'inherited') {
      return mutate(event, [
        { path, value: placedValue.how === 'removed' ? REMOVE : placedValue.value },
      ]);
    }
    // Only on the prototype: a JavaScript caller can build this even if JSON cannot.
    const parentPath = path.slice(0, -1);
    const key = path[path.length - 1] ?? '';
    const removed = mutate(event, [{ path, value: REMOVE }]);
    const parent = own(removed, ...parentPath);
    const inherited = Object.create({ [key]: placedValue.value }) as Json;
    for (const [k, v] of Object.entries(isPlainRecordValue(parent) ? parent : {})) {
      setOwn(inherited, k, v);
    }
    return mutate(removed, [{ path: parentPath, value: inherited }]);
  }

  it(
    'refuses exactly the events without this skill id or a request type, and answers the rest',
    async () => {
      refusedAndAnswered.refused = 0;
      refusedAndAnswered.answered = 0;
      // Act
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('help', 'ended', 'launch', 'fallback', 'stop'),
          skillIds,
          requestTypes,
          breakage,
          fc.oneof(
            { weight: 20, arbitrary: fc.constant(undefined) },
            {
              weight: 1,
              arbitrary: fc
                .constantFrom<unknown>(null, undefined, 0, '', 'LaunchRequest', [], true)
                .map((whole) => ({ whole })),
            },
          ),
          async (kind, skillId, type, broken, replacement) => {
            const base = eventOf(
              { ...baseSpec, kind, userId: `amzn1.ask.account.PROPERTY-SKILL-${kind}` },
              TEST_SKILL_ID,
            );
            const withId = place(
              base,
              ['context', 'System', 'application', 'applicationId'],
              skillId,
            );
            const withType = place(withId, ['request', 'type'], type);
            const event: unknown =
              replacement === undefined ? mutate(withType, broken) : replacement.whole;
            const outcome = await answer(event);
            assertNone(
              await answerProblems(event, outcome),
              `skill id ${asText(skillId)} type ${asText(type)}`,
            );
          },
        ),
        { numRuns: Math.round(RUNS.refusals * factor), ...seed },
      );
      // Assess: both sides of the rule were generated
      expect(refusedAndAnswered.refused).toBeGreaterThan(0);
      expect(refusedAndAnswered.answered).toBeGreaterThan(0);
    },
    120_000 * factor,
  );
});

describe('generated quantities', () => {
  const catalog = loadDemoCatalog();
  const user = 'amzn1.ask.account.PROPERTY-QUANTITY';
  const created = new Set<string>();
  let discarded = 0;

  it(
    'creates an order only for a whole number within the limit, priced from the catalog',
    async () => {
      // Act
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...catalog.products),
          fc.oneof(
            { weight: 1, arbitrary: fc.constant(REMOVE) },
            { weight: 12, arbitrary: quantityValue },
          ),
          async (product, quantity) => {
            const path = ['request', 'intent', 'slots', 'quantity', 'value'];
            const event = mutate(
              anEnvelope(
                intentRequest('BuyIntent', {
                  product: product.synonyms[0] ?? product.name,
                  quantity: '1',
                }),
                { context: { userId: user }, attributes: {} },
              ),
              [{ path, value: quantity } satisfies Mutation],
            );
            const linesBefore = shop.logger.lines.length;
            const outcome = await answer(event);
            const problems = await answerProblems(event, outcome);
            // A store that timed out on a loaded machine made the skill apologise: no verdict.
            const storeFailed = storeFailedSince(shop.logger.lines, linesBefore);
            if (storeFailed) discarded += 1;
            fc.pre(!storeFailed);
            const reply = toReply(outcome.raw);
            const orderId = reply.attributes?.['pendingOrderId'];
            const expected = expectedQuantity(
              quantity === REMOVE ? undefined : quantity,
              product.maxQuantity,
            );
            if (typeof orderId === 'string') {
              created.add(orderId);
              const order = await storedOrder(shop.orders.store, orderId);
              const line = order?.lines[0];
              const subtotal = (line?.quantity ?? 0) * product.unitPriceMinor.USD;
              const tax = Math.floor((subtotal * catalog.taxRateBasisPoints + 5_000) / 10_000);
              if (line?.quantity !== expected.quantity) {
                problems.push(
                  `ordered ${String(line?.quantity)}, expected ${String(expected.quantity)}`,
                );
              }
              if (line?.productId !== product.id || order?.lines.length !== 1) {
                problems.push('ordered another product');
              }
              if (order?.totalMinor !== subtotal + catalog.shippingMinor.USD + tax) {
                problems.push(`total ${String(order?.totalMinor)} for ${String(line?.quantity)}`);
              }
              if (order?.status !== 'awaiting-confirmation' || order.userId !== user) {
                problems.push('the new order is not awaiting this user');
              }
            } else {
              if (expected.quantity !== 'askAgain' && !expected.mayAskAgain) {
                problems.push(`no order for a quantity of ${String(expected.quantity)}`);
              }
              if (reply.reprompt === undefined || reply.ended === true) {
                problems.push('the shopper is not asked again');
              }
            }
            assertNone(problems, `quantity ${JSON.stringify(quantity) ?? 'absent'}`);
          },
        ),
        { numRuns: Math.round(RUNS.quantities * factor), ...seed },
      );
      // Assess: no order was created that the replies did not announce (but in a discarded run)
      const stored = (await itemsOfUser(shop.orders, user)).map((item) => item['orderId']);
      expect([...created].filter((id) => !stored.includes(id))).toEqual([]);
      expect(stored.length - created.size).toBeLessThanOrEqual(discarded);
    },
    120_000 * factor,
  );
});

describe('generated Charge amounts', () => {
  const user = 'amzn1.ask.account.PROPERTY-AMOUNTS';
  let counter = 0;

  /** An order in charge-pending with its reference id, written as the skill writes one. */
  async function chargePending(): Promise<Order> {
    counter += 1;
    const orderId = `amount${String(counter).padStart(6, '0')}${Math.random().toString(36).slice(2, 8)}`;
    const at = new Date().toISOString();
    const order = anOrder({
      orderId,
      userId: user,
      status: 'charge-pending',
      version: 3,
      attempt: 1,
      authorizationReferenceId: `${orderId}-1`,
      billingAgreementId: 'B02-0000000-0000001',
      createdAt: at,
      updatedAt: at,
      expiresAt: new Date(Date.now() + 900_000).toISOString(),
      history: [
        { status: 'awaiting-confirmation', at },
        { status: 'setup-pending', at },
        { status: 'charge-pending', at },
      ],
    });
    await shop.orders.store.create(order);
    return order;
  }

  const details = (...path: string[]): string[] => [
    'request',
    'payload',
    'authorizationDetails',
    ...path,
  ];

  it(
    'pays an order only for a capture of exactly its total, in its currency, for its reference',
    async () => {
      // Act
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            captured: amountValue(toAmazonPayAmount({ amountMinor: 3305, currency: 'USD' })),
            currency: fc.oneof(
              { weight: 8, arbitrary: fc.constant<unknown>('USD') },
              { weight: 1, arbitrary: fc.constantFrom<unknown>('usd', 'EUR', 'JPY', '', REMOVE) },
            ),
            state: fc.oneof(
              { weight: 8, arbitrary: fc.constant<unknown>('Closed') },
              {
                weight: 2,
                arbitrary: fc.constantFrom<unknown>('Open', 'Declined', 'Pending', 'closed'),
              },
              { weight: 1, arbitrary: hostileString },
            ),
            reason: fc.oneof(
              { weight: 8, arbitrary: fc.constant<unknown>('MaxCapturesProcessed') },
              {
                weight: 2,
                arbitrary: fc.constantFrom<unknown>(
                  REMOVE,
                  'CertificationTestTransaction',
                  'AmazonRejected',
                  'SomethingNew',
                ),
              },
            ),
            reference: fc.oneof(
              { weight: 8, arbitrary: fc.constant('own') },
              { weight: 1, arbitrary: fc.constantFrom('attempt2', 'other', 'absent') },
            ),
          }),
          async (generated) => {
            const order = await chargePending().catch(() => undefined);
            fc.pre(order !== undefined);
            if (order === undefined) return;
            const reference = {
              own: `${order.orderId}-1`,
              attempt2: `${order.orderId}-2`,
              other: 'amount000000other-1',
              absent: REMOVE,
            }[generated.reference];
            const event = mutate(
              anEnvelope(aChargeResponse(order.orderId), { context: { userId: user } }),
              [
                { path: details('capturedAmount', 'amount'), value: generated.captured },
                { path: details('capturedAmount', 'currencyCode'), value: generated.currency },
                { path: details('authorizationStatus', 'state'), value: generated.state },
                { path: details('authorizationStatus', 'reasonCode'), value: generated.reason },
                { path: details('authorizationReferenceId'), value: reference },
              ],
            );
            const linesBefore = shop.logger.lines.length;
            const outcome = await answer(event);
            const problems = await answerProblems(event, outcome);
            fc.pre(!storeFailedSince(shop.logger.lines, linesBefore));
            const after = await storedOrder(shop.orders.store, order.orderId);
            const status = after?.status;
            const captured = generated.captured;
            const exact =
              typeof captured === 'string' &&
              /^\d+(?:\.\d{1,2})?$/.test(captured) &&
              toMinor(captured) === 3305n;
            const approved =
              generated.state === 'Closed' &&
              (generated.reason === 'MaxCapturesProcessed' || generated.reason === REMOVE) &&
              generated.reference === 'own' &&
              generated.currency === 'USD';
            if (status === 'paid' && !(approved && exact))
              problems.push('paid without an exact capture');
            if (approved && captured === '33.05' && status !== 'paid') {
              problems.push(`an exact capture left the order ${String(status)}`);
            }
            if (
              generated.reason === 'CertificationTestTransaction' &&
              status !== 'certification-test'
            ) {
              problems.push(`a certification test left the order ${String(status)}`);
            }
            const card = own(outcome.raw, 'response', 'card', 'type');
            if ((card === 'Simple') !== (status === 'paid' || status === 'certification-test')) {
              problems.push(`confirmation card ${asText(card)} for an order ${String(status)}`);
            }
            if (after !== undefined) problems.push(...historyProblems(after));
            assertNone(problems, `Charge answer ${JSON.stringify(generated)}`);
          },
        ),
        { numRuns: Math.round(RUNS.amounts * factor), ...seed },
      );
      // Assess: every order paid in this property was paid once
      const items = await itemsOfUser(shop.orders, user, ['orderId', 'history']);
      const paidTwice = items.filter(
        (item) =>
          Array.isArray(item['history']) &&
          (item['history'] as unknown[]).filter((h) => own(h, 'status') === 'paid').length > 1,
      );
      expect(items.length).toBeGreaterThan(0);
      expect(paidTwice).toEqual([]);
    },
    120_000 * factor,
  );
});

/** A strict decimal amount in cents, as a big integer. */
function toMinor(amount: string): bigint {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
}
