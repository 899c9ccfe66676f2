import fc from 'fast-check';
import type { Order } from '../../src/checkout/Order';
import { CHARGED_STATUSES, OrderStatus } from '../../src/checkout/OrderStatus';
import { buildRequestEnvelope, sessionEndedRequest } from '../../src/local/requestEnvelopes';
import {
  SIMULATED_ERROR_STATUS,
  type ChargeBehaviour,
  type SetupBehaviour,
} from '../../src/local/simulator/AmazonPaySimulator';
import {
  aChargeResponse,
  aContext,
  anErrorResponse,
  aSetupResponse,
  intentRequest,
  launchRequest,
} from '../fixtures/requests';
import { startShop, type TestShop } from '../support/shop';
import { asText, type Json } from './arbitraries';
import {
  assertNone,
  directiveProblems,
  historyProblems,
  isPlainRecord,
  own,
  ordersOfUser,
  ownString,
  responseEnvelopeProblems,
  storedOrder,
} from './invariants';

/**
 * Realistic purchase sequences through the real Lambda handler, the in-memory dynalite store and
 * the offline simulator: two shoppers buy, confirm, cancel and come back; the simulator answers
 * the directives they were sent, and each answer is delivered 0 to 3 times, in any order, among
 * forged answers (other shoppers' real answers, made-up tokens). After every step: each answer is
 * a valid envelope, a directive leaves only for a persisted order of that shopper in the status
 * it needs, and no money was captured twice or for an order that does not hold it. After every
 * run: each order's history is a chain of allowed transitions.
 */

/** Runs of this property: with the 9,900 of envelopes.property.test.ts, 10,000 in all. */
const RUNS = 100;
const seed = process.env['FC_SEED'] === undefined ? {} : { seed: Number(process.env['FC_SEED']) };
/** FC_RUNS_FACTOR=10 runs ten times as many cases, for a deeper search on a quiet machine. */
const factor = Number(process.env['FC_RUNS_FACTOR'] ?? '1');

const PRODUCTS = ['coffee', 'starter kit', 'espresso cups', 'tea', 'coffee subscription'] as const;
const QUANTITIES = ['2', '1', '3', ''] as const;
const NO_INTENTS = ['AMAZON.NoIntent', 'AMAZON.StopIntent', 'CancelOrderIntent'] as const;

const SETUP_BEHAVIOURS: ReadonlyArray<SetupBehaviour> = [
  { kind: 'ok' },
  { kind: 'ok' },
  { kind: 'ok' },
  { kind: 'ok' },
  { kind: 'ok' },
  { kind: 'ok' },
  { kind: 'ok' },
  { kind: 'agreementStatus', status: 'SUSPENDED' },
  setupError('InvalidShippingAddress'),
  setupError('RequestThrottled'),
  setupError('ACCESS_DENIED'),
  { kind: 'malformed' },
];
const CHARGE_BEHAVIOURS: ReadonlyArray<ChargeBehaviour> = [
  { kind: 'ok' },
  { kind: 'ok' },
  { kind: 'ok' },
  { kind: 'ok' },
  { kind: 'ok' },
  { kind: 'declined', reasonCode: 'ProcessingFailure', form: 'state' },
  { kind: 'declined', reasonCode: 'TransactionTimedOut', form: 'error' },
  { kind: 'declined', reasonCode: 'TransactionTimedOut', form: 'state' },
  { kind: 'declined', reasonCode: 'InvalidPaymentMethod', form: 'state', softDecline: true },
  { kind: 'declined', reasonCode: 'AmazonRejected', form: 'state' },
  { kind: 'error', errorCode: 'InternalServerError', statusCode: '500' },
  { kind: 'pending' },
  { kind: 'malformed' },
  { kind: 'reasonCode', state: 'Closed', reasonCode: 'CertificationTestTransaction' },
];

function setupError(errorCode: string): SetupBehaviour {
  return { kind: 'error', errorCode, statusCode: SIMULATED_ERROR_STATUS[errorCode] ?? '400' };
}

/** Statuses in which an order may hold captured money: being charged, or charged. */
const MAY_HOLD_CAPTURE: ReadonlySet<string> = new Set([
  OrderStatus.ChargePending,
  OrderStatus.Paid,
  OrderStatus.HeldForReview,
  OrderStatus.CertificationTest,
]);

/** One thing that happens: a shopper speaks, Amazon Pay answers, or an answer arrives. */
type Step =
  /** Buy and yes in one session (after the welcome, if `launch`): a Setup goes out. */
  | {
      readonly t: 'purchase';
      readonly u: number;
      readonly launch: boolean;
      readonly product: number;
      readonly quantity: number;
    }
  /** The welcome, then yes to what it offers (the waiting order, or a retry). */
  | { readonly t: 'comeBack'; readonly u: number }
  | { readonly t: 'launch'; readonly u: number }
  | { readonly t: 'buy'; readonly u: number; readonly product: number; readonly quantity: number }
  | { readonly t: 'yes'; readonly u: number; readonly checkout: boolean }
  | { readonly t: 'no'; readonly u: number; readonly intent: number }
  | { readonly t: 'end'; readonly u: number }
  /** A yes whose session names an order of either shopper. */
  | {
      readonly t: 'forgeSession';
      readonly u: number;
      readonly pick: number;
      readonly retry: boolean;
    }
  /** Amazon Pay answers a directive sent; the answer arrives now, or (`later`) not yet. */
  | {
      readonly t: 'answer';
      readonly pick: number;
      readonly setup: number;
      readonly charge: number;
      readonly later: boolean;
    }
  /** An answer arrives again (at most three times in all). */
  | { readonly t: 'redeliver'; readonly pick: number }
  /** A real answer arrives from the other shopper's device. */
  | { readonly t: 'deliverAsOther'; readonly pick: number }
  /** A made-up answer arrives. */
  | {
      readonly t: 'madeUp';
      readonly u: number;
      readonly charge: boolean;
      readonly variant: number;
      readonly pick: number;
      readonly body: number;
    };

const who = fc.nat({ max: 1 });
/** Mostly en-US; every locale the skill speaks, and one it does not. */
const locale = fc.oneof(
  { weight: 3, arbitrary: fc.constant('en-US') },
  {
    weight: 2,
    arbitrary: fc.constantFrom('en-GB', 'de-DE', 'fr-FR', 'it-IT', 'es-ES', 'ja-JP', 'pt-BR'),
  },
);
const pick = fc.nat({ max: 7 });
const product = fc.nat({ max: PRODUCTS.length - 1 });
const quantity = fc.nat({ max: QUANTITIES.length - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('purchase' as const),
      u: who,
      launch: fc.boolean(),
      product,
      quantity,
    }),
  },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('comeBack' as const), u: who }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('launch' as const), u: who }) },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('buy' as const), u: who, product, quantity }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('yes' as const), u: who, checkout: fc.boolean() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('no' as const),
      u: who,
      intent: fc.nat({ max: NO_INTENTS.length - 1 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('end' as const), u: who }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('forgeSession' as const),
      u: who,
      pick,
      retry: fc.boolean(),
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      t: fc.constant('answer' as const),
      pick,
      setup: fc.nat({ max: SETUP_BEHAVIOURS.length - 1 }),
      charge: fc.nat({ max: CHARGE_BEHAVIOURS.length - 1 }),
      later: fc.oneof(
        { weight: 3, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('redeliver' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('deliverAsOther' as const), pick }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('madeUp' as const),
      u: who,
      charge: fc.boolean(),
      variant: fc.nat({ max: 7 }),
      pick,
      body: fc.nat({ max: 2 }),
    }),
  },
);

/** An answer of the simulator, waiting to be delivered to the shopper whose directive it was. */
type Delivery = { readonly user: string; readonly request: Json; deliveries: number };

/** What the test knows of a run: sessions, directives sent, answers pending, money captured. */
type Run = {
  readonly users: readonly [string, string];
  /** Each shopper's locale (the prompts of every language must be valid SSML too). */
  readonly locales: ReadonlyMap<string, string>;
  readonly sessions: Map<string, Json | undefined>;
  readonly outbox: Array<{ readonly user: string; readonly directive: Json }>;
  readonly inbox: Delivery[];
  /** Every order id seen, with its owner. */
  readonly owners: Map<string, string>;
  /** Captured minor units by authorizationReferenceId, from the simulator's answers. */
  readonly captured: Map<string, number>;
  readonly capturedBefore: number;
};

let shop: TestShop;
let runCounter = 0;

beforeAll(async () => {
  // Flat-rate pricing: these runs are about envelopes and state, not the Buyer APIs (test/flow has those).
  shop = await startShop({ buyerApi: false });
});

afterAll(async () => {
  await shop.close();
});

/** A strict decimal amount in cents. */
function toMinor(amount: unknown): number | undefined {
  if (typeof amount !== 'string' || !/^\d+(?:\.\d{1,2})?$/.test(amount)) return undefined;
  const [whole = '0', fraction = ''] = amount.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** Remembers the owner of every order id an answer names (read from the store once). */
async function learnOrders(run: Run, ids: ReadonlyArray<unknown>): Promise<void> {
  for (const value of ids) {
    const id = typeof value === 'string' ? value.replace(/-\d+$/, '') : undefined;
    if (id === undefined || run.owners.has(id)) continue;
    const order = await storedOrder(shop.orders.store, id);
    if (order !== undefined) run.owners.set(order.orderId, order.userId);
  }
}

/** The orders an answer put into the shopper's session (not merely kept there) are theirs. */
function offeredProblems(run: Run, user: string, sent: Json | undefined, kept: unknown): string[] {
  return ['pendingOrderId', 'retryOrderId'].flatMap((key) => {
    const offered = own(kept, key);
    if (typeof offered !== 'string' || offered === sent?.[key]) return [];
    return run.owners.get(offered) === user ? [] : [`offered ${key} ${offered}, not this user's`];
  });
}

/** One turn: the envelope to the handler, every answer invariant checked, the model updated. */
async function turn(
  run: Run,
  user: string,
  request: Json,
  attributes: Json | undefined,
  problems: string[],
): Promise<void> {
  const locale = run.locales.get(user) ?? 'en-US';
  const event = buildRequestEnvelope(aContext({ userId: user, locale }), request, {
    new: attributes === undefined,
    ...(attributes !== undefined && { attributes }),
  });
  let raw: unknown;
  try {
    raw = await shop.handler(event);
  } catch (error) {
    problems.push(`${asText(request['type'])} rejected: ${asText(error)}`);
    return;
  }
  const label = `${asText(request['type'])} ${asText(own(request, 'intent', 'name') ?? request['name'] ?? '')}`;
  const found = [
    ...responseEnvelopeProblems(raw, event),
    ...(await directiveProblems(shop.orders.store, raw, user)),
  ];
  problems.push(...found.map((p) => `${label}: ${p}`));
  const directives = own(raw, 'response', 'directives');
  for (const directive of Array.isArray(directives) ? (directives as unknown[]) : []) {
    if (isPlainRecord(directive)) run.outbox.push({ user, directive: { ...directive } });
  }
  const sessionAttributes = own(raw, 'sessionAttributes');
  await learnOrders(run, [
    own(sessionAttributes, 'pendingOrderId'),
    own(sessionAttributes, 'retryOrderId'),
    ...run.outbox.map((o) => o.directive['token']),
  ]);
  problems.push(
    ...offeredProblems(run, user, attributes, sessionAttributes).map((p) => `${label}: ${p}`),
  );
  run.sessions.set(
    user,
    own(raw, 'response', 'shouldEndSession') === true
      ? undefined
      : isPlainRecord(sessionAttributes)
        ? { ...sessionAttributes }
        : {},
  );
}

/** A made-up token, never the token of an answer the shopper who sends it could really get. */
function madeUpToken(
  run: Run,
  step: Extract<Step, { t: 'madeUp' }>,
): { token: string | undefined; user: string } {
  const ids = [...run.owners.keys()];
  const id = ids[step.pick % Math.max(ids.length, 1)] ?? 'order000000nosuchorder';
  const sender = run.users[step.u] ?? run.users[0];
  const other = run.users.find((u) => u !== run.owners.get(id)) ?? sender;
  switch (step.variant) {
    case 0:
      return { token: `order${String(step.pick).padStart(6, '0')}madeup`, user: sender };
    case 1:
      return { token: `${id}-0`, user: sender };
    case 2:
      return { token: `${id}-${6 + step.pick}`, user: sender };
    case 3:
      return { token: `${id}-01`, user: sender };
    case 4:
      return { token: `${id}x`, user: sender };
    case 5:
      return { token: undefined, user: sender };
    default:
      // A real order's own token, from another shopper's device.
      return { token: step.charge ? `${id}-1` : id, user: other };
  }
}

/** The index of the `pick`-th latest item of a list (0 is the last one, as shrinking prefers). */
function latest(list: ReadonlyArray<unknown>, pick: number): number {
  return list.length === 0 ? 0 : list.length - 1 - (pick % list.length);
}

/** Delivers an answer to the shopper whose directive it was, counting its deliveries. */
async function deliver(run: Run, index: number, problems: string[]): Promise<void> {
  const delivery = run.inbox[index];
  if (delivery === undefined) return;
  delivery.deliveries += 1;
  if (delivery.deliveries >= 3) run.inbox.splice(index, 1);
  await turn(run, delivery.user, { ...delivery.request }, undefined, problems);
}

/** Runs one step. */
async function play(run: Run, s: Step, problems: string[]): Promise<void> {
  const user = 'u' in s ? (run.users[s.u] ?? run.users[0]) : run.users[0];
  switch (s.t) {
    case 'purchase': {
      if (s.launch) await turn(run, user, launchRequest(), undefined, problems);
      else run.sessions.set(user, {});
      const slots = { product: PRODUCTS[s.product] ?? 'coffee', quantity: QUANTITIES[s.quantity] };
      await turn(
        run,
        user,
        intentRequest('BuyIntent', slots),
        run.sessions.get(user) ?? {},
        problems,
      );
      const session = run.sessions.get(user);
      if (session !== undefined) {
        await turn(run, user, intentRequest('AMAZON.YesIntent'), session, problems);
      }
      return;
    }
    case 'comeBack': {
      await turn(run, user, launchRequest(), undefined, problems);
      const session = run.sessions.get(user);
      if (session !== undefined) {
        await turn(run, user, intentRequest('AMAZON.YesIntent'), session, problems);
      }
      return;
    }
    case 'launch':
      return turn(run, user, launchRequest(), undefined, problems);
    case 'buy': {
      const slots = { product: PRODUCTS[s.product] ?? 'coffee', quantity: QUANTITIES[s.quantity] };
      return turn(
        run,
        user,
        intentRequest('BuyIntent', slots),
        run.sessions.get(user) ?? {},
        problems,
      );
    }
    case 'yes': {
      const intent = s.checkout ? 'SetupPaymentIntent' : 'AMAZON.YesIntent';
      return turn(run, user, intentRequest(intent), run.sessions.get(user), problems);
    }
    case 'no': {
      const intent = NO_INTENTS[s.intent] ?? 'AMAZON.NoIntent';
      return turn(run, user, intentRequest(intent), run.sessions.get(user), problems);
    }
    case 'end':
      return turn(run, user, sessionEndedRequest(), run.sessions.get(user) ?? {}, problems);
    case 'forgeSession': {
      const ids = [...run.owners.keys()];
      const id = ids[s.pick % Math.max(ids.length, 1)] ?? 'order000000nosuchorder';
      const attributes = s.retry ? { retryOrderId: id } : { pendingOrderId: id };
      return turn(run, user, intentRequest('AMAZON.YesIntent'), attributes, problems);
    }
    case 'answer': {
      const [sent] = run.outbox.splice(latest(run.outbox, s.pick), 1);
      if (sent === undefined) return;
      const request = {
        ...shop.simulator.answer(sent.directive, {
          setup: SETUP_BEHAVIOURS[s.setup] ?? { kind: 'ok' },
          charge: CHARGE_BEHAVIOURS[s.charge] ?? { kind: 'ok' },
        }),
      } as Json;
      recordCapture(run, sent.directive, request);
      run.inbox.push({ user: sent.user, request, deliveries: 0 });
      if (!s.later) await deliver(run, run.inbox.length - 1, problems);
      return;
    }
    case 'redeliver':
      return deliver(run, latest(run.inbox, s.pick), problems);
    case 'deliverAsOther': {
      const delivery = run.inbox[latest(run.inbox, s.pick)];
      if (delivery === undefined) return;
      const other = run.users.find((u) => u !== delivery.user) ?? run.users[1];
      return turn(run, other, { ...delivery.request }, undefined, problems);
    }
    case 'madeUp': {
      const { token, user: sender } = madeUpToken(run, s);
      const orderId = token?.replace(/-[^-]*$/, '');
      const request = s.charge
        ? s.body === 0
          ? { ...aChargeResponse(orderId), token }
          : s.body === 1
            ? {
                ...aChargeResponse(orderId, { state: 'Declined', reasonCode: 'ProcessingFailure' }),
                token,
              }
            : { ...anErrorResponse('Charge', undefined, 'InternalServerError', '500'), token }
        : s.body === 0
          ? aSetupResponse(token)
          : anErrorResponse(
              'Setup',
              token,
              s.body === 1 ? 'InvalidShippingAddress' : 'RequestThrottled',
              '400',
            );
      const sent: Json = { ...request };
      if (token === undefined) delete sent['token'];
      return turn(run, sender, sent, undefined, problems);
    }
    default: {
      const unreachable: never = s;
      return unreachable;
    }
  }
}

/** Records what the simulator captured for a Charge, by its authorizationReferenceId. */
function recordCapture(run: Run, directive: Json, answer: Json): void {
  const reference = ownString(
    directive,
    'payload',
    'authorizeAttributes',
    'authorizationReferenceId',
  );
  const captured = toMinor(
    own(answer, 'payload', 'authorizationDetails', 'capturedAmount', 'amount'),
  );
  if (directive['name'] !== 'Charge' || reference === undefined || captured === undefined) return;
  if (own(answer, 'status', 'code') === '200' && captured > 0)
    run.captured.set(reference, captured);
}

/** Captured money per order, from the per-reference record of the simulator's answers. */
function capturedByOrder(run: Run): Map<string, number> {
  const byOrder = new Map<string, number>();
  for (const [reference, minor] of run.captured) {
    const orderId = reference.replace(/-\d+$/, '');
    byOrder.set(orderId, (byOrder.get(orderId) ?? 0) + minor);
  }
  return byOrder;
}

/** What is wrong with an order that holds captured money: more than its total, or its status. */
function captureProblems(order: Order | undefined, orderId: string, minor: number): string[] {
  if (order === undefined) return [`${minor} captured for an unknown order ${orderId}`];
  const problems: string[] = [];
  if (minor > order.totalMinor) {
    problems.push(`${orderId} captured ${minor} for a total of ${order.totalMinor}`);
  }
  if (!MAY_HOLD_CAPTURE.has(order.status)) {
    problems.push(`${orderId} captured ${minor} but is ${order.status}`);
  }
  return problems;
}

/**
 * The money invariants after a step: the test's record of captures is the simulator's, and every
 * order holding captured money that the step touched (captured now, or named in what the skill
 * logged: it logs every Setup and Charge outcome with the order id) was captured at most its
 * total and is in a status that may hold it. Every such order is checked again after the run.
 */
async function moneyProblems(
  run: Run,
  logged: number,
  capturedBefore: ReadonlyMap<string, number>,
): Promise<string[]> {
  const problems: string[] = [];
  const recorded = [...run.captured.values()].reduce((a, b) => a + b, 0);
  const simulated = shop.simulator.capturedTotalMinor('USD') - run.capturedBefore;
  if (recorded !== simulated) problems.push(`captured ${simulated}, answers say ${recorded}`);
  const named = new Set(shop.logger.lines.slice(logged).map((l) => l.fields['orderId']));
  for (const [orderId, minor] of capturedByOrder(run)) {
    if (!named.has(orderId) && capturedBefore.get(orderId) === minor) continue;
    problems.push(
      ...captureProblems(await storedOrder(shop.orders.store, orderId), orderId, minor),
    );
  }
  return problems;
}

/** The invariants after a run, over every order of both shoppers as the store holds them. */
async function runProblems(run: Run): Promise<string[]> {
  const orders: Order[] = (
    await Promise.all(run.users.map((u) => ordersOfUser(shop.orders, u)))
  ).flat();
  const captured = capturedByOrder(run);
  const problems = orders.flatMap(historyProblems);
  for (const [orderId, minor] of captured) {
    problems.push(
      ...captureProblems(
        orders.find((o) => o.orderId === orderId),
        orderId,
        minor,
      ),
    );
  }
  for (const order of orders) {
    if (order.status === OrderStatus.Paid && captured.get(order.orderId) !== order.totalMinor) {
      problems.push(`${order.orderId} is paid but captured ${String(captured.get(order.orderId))}`);
    }
  }
  // The statement: never more captured than the orders that are, or are being, charged.
  const chargeable = orders
    .filter((o) => CHARGED_STATUSES.has(o.status) || o.status === OrderStatus.ChargePending)
    .reduce((sum, o) => sum + o.totalMinor, 0);
  const simulated = shop.simulator.capturedTotalMinor('USD') - run.capturedBefore;
  if (simulated > chargeable) problems.push(`captured ${simulated} for orders worth ${chargeable}`);
  return problems;
}

describe('generated purchase sequences', () => {
  it(
    'keeps every answer valid, every Charge persisted, and every capture single',
    async () => {
      const stats = { steps: 0, paid: 0 };
      // Act
      await fc.assert(
        fc.asyncProperty(
          fc.array(step, { minLength: 3, maxLength: 24, size: 'max' }),
          fc.tuple(locale, locale),
          async (steps, [localeA, localeB]) => {
            runCounter += 1;
            const id = String(runCounter).padStart(5, '0');
            const users = [
              `amzn1.ask.account.SEQ-${id}-A`,
              `amzn1.ask.account.SEQ-${id}-B`,
            ] as const;
            const run: Run = {
              users,
              locales: new Map([
                [users[0], localeA],
                [users[1], localeB],
              ]),
              sessions: new Map(),
              outbox: [],
              inbox: [],
              owners: new Map(),
              captured: new Map(),
              capturedBefore: shop.simulator.capturedTotalMinor('USD'),
            };
            for (const [i, s] of steps.entries()) {
              const problems: string[] = [];
              const logged = shop.logger.lines.length;
              const capturedBefore = capturedByOrder(run);
              await play(run, s, problems);
              problems.push(...(await moneyProblems(run, logged, capturedBefore)));
              assertNone(problems, `step ${i} ${JSON.stringify(s)}`);
              stats.steps += 1;
            }
            const problems = await runProblems(run);
            assertNone(problems, 'after the run');
            stats.paid += [...run.captured.keys()].length;
          },
        ),
        { numRuns: Math.round(RUNS * factor), ...seed },
      );
      // Assess: the sequences went as far as payments
      expect(stats.paid).toBeGreaterThan(0);
    },
    120_000 * factor,
  );
});
