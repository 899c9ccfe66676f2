import type { Order } from '../../src/checkout/Order';
import type { StatusTransition, TransitionResult } from '../../src/checkout/OrderStore';
import { loadDemoCatalog } from '../../src/checkout/demoCatalog';
import { createHandler, type LambdaHandler } from '../../src/createHandler';
import { buildRequestEnvelope } from '../../src/local/requestEnvelopes';
import type { SimulatorBehaviour } from '../../src/local/simulator/AmazonPaySimulator';
import { promptsFor } from '../../src/speech/promptsFor';
import type { DynamoDbOrderStore } from '../../src/store/DynamoDbOrderStore';
import { aContext, intentRequest, launchRequest } from '../fixtures/requests';
import { FaultyOrderStore, within, type StoreOperation } from '../support/faults';
import { RecordingLogger, startShop, toReply, type Reply, type TestShop } from '../support/shop';
import {
  canTransition,
  CHARGED_STATUSES,
  OrderStatus,
  type OrderStatus as OrderStatusType,
} from '../../src/checkout/OrderStatus';
import {
  directiveProblems,
  ordersOfUser,
  own,
  responseEnvelopeProblems,
  storedOrder,
  userOfEvent,
} from '../property/invariants';

/**
 * With the store hanging at each of its calls in each kind of turn (launch, buy, yes, the Setup
 * answer, the Charge answer, and the yes to a retry), every turn answers inside its configured
 * budget with an apology and no directive; once the hang is released and the late work has
 * landed, the order is where the next request goes on from, and the purchase completes with
 * exactly one authorization.
 *
 * The handler is built as `faultyShop` builds one (the shop's table, config and catalog, a
 * FaultyOrderStore), with a small turn budget, on a FaultyOrderStore that also has the store's
 * `latestOrderForUser`: the lookup that a launch makes, which faultyShop's store leaves out
 * (so that there a launch makes no store call at all). The store also tracks calls in flight, so
 * that each test waits for the late writes before the next one (and before dynalite closes).
 */

const BUDGET_MS = 300;
/** How much later than its budget a turn may answer (timers, a loaded machine). */
const SLACK_MS = 500;
const APOLOGY = promptsFor('en-US').unexpectedError;

type Json = Record<string, unknown>;
type Operation = StoreOperation | 'latestOrderForUser';

/** A FaultyOrderStore with the launch's lookup, a record of every call, and its calls in flight. */
class DeadlineStore extends FaultyOrderStore {
  /** Every call, in order, including the lookups. */
  readonly operations: Operation[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private hangLookups = false;
  private heldLookups: Array<() => void> = [];

  constructor(private readonly real: DynamoDbOrderStore) {
    super(real);
  }

  override create(order: Order): Promise<void> {
    this.operations.push('create');
    return this.track(super.create(order));
  }

  override get(orderId: string): Promise<Order | undefined> {
    this.operations.push('get');
    return this.track(super.get(orderId));
  }

  override transition(change: StatusTransition): Promise<TransitionResult> {
    this.operations.push('transition');
    return this.track(super.transition(change));
  }

  /** The store's lookup of a shopper's latest order; it hangs while `hangLookup` is on. */
  latestOrderForUser(userId: string): Promise<Order | undefined> {
    this.operations.push('latestOrderForUser');
    const hang = this.hangLookups;
    return this.track(
      (async () => {
        if (hang) await new Promise<void>((resume) => this.heldLookups.push(resume));
        return this.real.latestOrderForUser(userId);
      })(),
    );
  }

  /** Makes the next lookups hang until `release`. */
  hangLookup(): this {
    this.hangLookups = true;
    return this;
  }

  override disarm(): this {
    this.hangLookups = false;
    return super.disarm();
  }

  override release(): void {
    super.release();
    const held = this.heldLookups;
    this.heldLookups = [];
    for (const resume of held) resume();
  }

  /** Waits until no call is in flight, and none starts in the tick after (the late work). */
  async settled(): Promise<void> {
    for (let quiet = 0; quiet < 2;) {
      if (this.inFlight.size > 0) {
        await Promise.allSettled([...this.inFlight]);
        quiet = 0;
      } else {
        await new Promise((resolve) => setTimeout(resolve, 20));
        quiet += 1;
      }
    }
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    const done = (): void => {
      this.inFlight.delete(promise);
    };
    promise.then(done, done);
    return promise;
  }
}

let shop: TestShop;
let store: DeadlineStore;
let logger: RecordingLogger;
let handler: LambdaHandler;
let userCounter = 0;
let idCounter = 0;

beforeAll(async () => {
  shop = await startShop();
  store = new DeadlineStore(shop.orders.store);
  logger = new RecordingLogger();
  handler = createHandler({
    config: { ...shop.config, turnBudgetMs: BUDGET_MS },
    store,
    catalog: loadDemoCatalog(),
    logger,
    clock: () => new Date(),
    newOrderId: () => {
      idCounter += 1;
      return `late${String(idCounter).padStart(6, '0')}${Math.random().toString(36).slice(2, 8)}`;
    },
  });
});

afterEach(async () => {
  store.disarm().release();
  await store.settled();
});

afterAll(async () => {
  store.disarm().release();
  await store.settled();
  await shop.close();
});

function newUser(): string {
  userCounter += 1;
  return `amzn1.ask.account.DEADLINE-${String(userCounter).padStart(4, '0')}`;
}

function envelope(user: string, request: Json, attributes?: Json): Json {
  return buildRequestEnvelope(aContext({ userId: user }), request, {
    new: attributes === undefined,
    ...(attributes !== undefined && { attributes }),
  }) as unknown as Json;
}

/**
 * One turn through the deadline handler, which must answer with a valid envelope and send a
 * directive only for a persisted order of this shopper in the status it needs.
 */
async function turn(event: Json): Promise<Reply> {
  const raw = await handler(event);
  const problems = [
    ...responseEnvelopeProblems(raw, event),
    ...(await directiveProblems(shop.orders.store, raw, userOfEvent(event))),
  ];
  if (problems.length > 0) throw new Error(problems.join('; '));
  return toReply(raw);
}

function only(directive: Json | undefined, name: string): Json {
  if (directive?.['name'] !== name) throw new Error(`expected a ${name} directive`);
  return directive;
}

function pendingOf(reply: Reply): Json {
  const orderId = reply.attributes?.['pendingOrderId'];
  if (typeof orderId !== 'string') throw new Error(`no order offered: ${reply.speech ?? ''}`);
  return { pendingOrderId: orderId };
}

/** Amazon Pay answers a Charge, and its answer is delivered: the order must be paid. */
async function payCharge(user: string, charge: Json): Promise<string> {
  const reply = await turn(envelope(user, { ...shop.simulator.answer(only(charge, 'Charge')) }));
  if (reply.card === undefined) throw new Error(`not confirmed: ${reply.speech ?? ''}`);
  return String(charge['token']).replace(/-\d+$/, '');
}

/** From a Setup directive to a paid order. */
async function paySetup(
  user: string,
  setup: Json,
  behaviour: SimulatorBehaviour = {},
): Promise<Json> {
  const answer = { ...shop.simulator.answer(only(setup, 'Setup'), behaviour) };
  const reply = await turn(envelope(user, answer));
  return reply.directives[0] ?? {};
}

/** From an order offered in the session to a paid order. */
async function payOffered(user: string, attributes: Json): Promise<string> {
  const confirmed = await turn(envelope(user, intentRequest('AMAZON.YesIntent'), attributes));
  return payCharge(user, await paySetup(user, only(confirmed.directives[0], 'Setup')));
}

/** A shopper's order awaiting the yes, bought in a session that then ended. */
async function awaiting(user: string): Promise<Json> {
  return pendingOf(
    await turn(envelope(user, intentRequest('BuyIntent', { product: 'coffee' }), {})),
  );
}

/** A shopper's order whose Charge went out: its directive. */
async function chargeSent(user: string): Promise<Json> {
  const confirmed = await turn(
    envelope(user, intentRequest('AMAZON.YesIntent'), await awaiting(user)),
  );
  return paySetup(user, only(confirmed.directives[0], 'Setup'));
}

/** The launch's offer to retry, after the order's Charge was answered as `charge` says. */
async function retryOffered(user: string, answer: SimulatorBehaviour): Promise<Json> {
  const charge = await chargeSent(user);
  await turn(envelope(user, { ...shop.simulator.answer(charge, answer) }));
  const welcome = await turn(envelope(user, launchRequest()));
  const orderId = welcome.attributes?.['retryOrderId'];
  if (typeof orderId !== 'string') throw new Error(`no retry offered: ${welcome.speech ?? ''}`);
  return { retryOrderId: orderId };
}

/**
 * A kind of turn: `prepare` brings a new shopper to just before it and returns its event;
 * `resume` is what the shopper (or Alexa) does next once the hang is over, through to a paid
 * order, whose id it returns.
 */
type TurnKind = {
  readonly prepare: (user: string) => Promise<Json>;
  readonly resume: (user: string, event: Json) => Promise<string>;
  /** Authorizations from `prepare` on (a declined first attempt is one); 1 unless said. */
  readonly authorizations?: number;
};

const KINDS: Readonly<Record<string, TurnKind>> = {
  launch: {
    prepare: async (user) => {
      await awaiting(user);
      return envelope(user, launchRequest());
    },
    // The welcome offers the waiting order again; yes buys it.
    resume: async (user, event) => payOffered(user, pendingOf(await turn(event))),
  },
  buy: {
    prepare: (user) =>
      Promise.resolve(envelope(user, intentRequest('BuyIntent', { product: 'coffee' }), {})),
    // The shopper asks again.
    resume: async (user, event) => payOffered(user, pendingOf(await turn(event))),
  },
  yes: {
    prepare: async (user) =>
      envelope(user, intentRequest('AMAZON.YesIntent'), await awaiting(user)),
    // The shopper says yes again: the same Setup.
    resume: async (user, event) =>
      payCharge(user, await paySetup(user, (await turn(event)).directives[0] ?? {})),
  },
  'Setup answer': {
    prepare: async (user) => {
      const confirmed = await turn(
        envelope(user, intentRequest('AMAZON.YesIntent'), await awaiting(user)),
      );
      return envelope(user, { ...shop.simulator.answer(only(confirmed.directives[0], 'Setup')) });
    },
    // Alexa delivers the answer again: the Charge, with the reference id persisted before.
    resume: async (user, event) => payCharge(user, (await turn(event)).directives[0] ?? {}),
  },
  'Charge answer': {
    prepare: async (user) => envelope(user, { ...shop.simulator.answer(await chargeSent(user)) }),
    // Alexa delivers the answer again: the order is confirmed.
    resume: async (user, event) => {
      const reply = await turn(event);
      if (reply.card === undefined) throw new Error(`not confirmed: ${reply.speech ?? ''}`);
      return String(own(event, 'request', 'token')).replace(/-\d+$/, '');
    },
  },
  'retry yes (next attempt after a decline)': {
    prepare: async (user) =>
      envelope(
        user,
        intentRequest('AMAZON.YesIntent'),
        await retryOffered(user, {
          charge: { kind: 'declined', reasonCode: 'ProcessingFailure', form: 'state' },
        }),
      ),
    resume: async (user, event) => payCharge(user, (await turn(event)).directives[0] ?? {}),
    authorizations: 2,
  },
  'retry yes (the same Charge after a server error)': {
    prepare: async (user) =>
      envelope(
        user,
        intentRequest('AMAZON.YesIntent'),
        await retryOffered(user, {
          charge: { kind: 'error', errorCode: 'InternalServerError', statusCode: '500' },
        }),
      ),
    resume: async (user, event) => payCharge(user, (await turn(event)).directives[0] ?? {}),
  },
  'retry yes (a new order after a failure)': {
    prepare: async (user) => {
      const confirmed = await turn(
        envelope(user, intentRequest('AMAZON.YesIntent'), await awaiting(user)),
      );
      await paySetup(user, only(confirmed.directives[0], 'Setup'), {
        setup: { kind: 'error', errorCode: 'InvalidShippingAddress', statusCode: '400' },
      });
      const welcome = await turn(envelope(user, launchRequest()));
      const orderId = welcome.attributes?.['retryOrderId'];
      if (typeof orderId !== 'string') throw new Error(`no retry offered: ${welcome.speech ?? ''}`);
      return envelope(user, intentRequest('AMAZON.YesIntent'), { retryOrderId: orderId });
    },
    // The shopper says yes again: a new order with the same items, then its own yes.
    resume: async (user, event) => payOffered(user, pendingOf(await turn(event))),
  },
};

/** The store calls a turn of this kind makes when nothing hangs. */
async function callsOf(kind: TurnKind): Promise<Operation[]> {
  const event = await kind.prepare(newUser());
  const start = store.operations.length;
  await turn(event);
  await store.settled();
  return store.operations.slice(start);
}

/** Makes the `nth` call of an operation (from now) hang. */
function hangAt(op: Operation, nth: number): void {
  if (op === 'latestOrderForUser') store.hangLookup();
  else store.arm({ op, nth, fault: { kind: 'hang' } });
}

/** The status of each of a user's orders, as stored now. */
async function statusesOf(user: string): Promise<Map<string, OrderStatusType>> {
  return new Map((await ordersOfUser(shop.orders, user)).map((o) => [o.orderId, o.status]));
}

/** The user's orders as stored now, by id. */
async function ordersIn(ids: ReadonlyArray<string>): Promise<Array<Order | undefined>> {
  return Promise.all(ids.map((id) => storedOrder(shop.orders.store, id)));
}

describe('answers inside the turn budget when the store hangs', () => {
  it.each(Object.keys(KINDS))(
    'at every store call of a %s',
    async (name) => {
      // Prepare: the calls this kind of turn makes
      const kind = KINDS[name];
      if (kind === undefined) throw new Error(`no turn kind ${name}`);
      const operations = await callsOf(kind);
      expect(operations.length).toBeGreaterThan(0);
      for (const [index, op] of operations.entries()) {
        const nth = operations.slice(0, index + 1).filter((o) => o === op).length;
        const user = newUser();
        const authorizations = shop.simulator.authorizationCount();
        const captured = shop.simulator.capturedTotalMinor('USD');
        const event = await kind.prepare(user);
        await store.settled();
        const before = await statusesOf(user);
        const logged = logger.lines.length;
        const start = store.operations.length;
        hangAt(op, nth);

        // Act: the turn, with that call hanging; then the hang is over and the late work lands
        const timed = await within(handler(event), BUDGET_MS + SLACK_MS);
        store.disarm().release();
        await store.settled();
        const afterRelease = store.operations.slice(start);
        const released = await statusesOf(user);
        const orderId = await kind.resume(user, event);
        await store.settled();

        // Assess: on time, an apology, no directive
        const where = `${name}, call ${index + 1} (${op}) of [${operations.join(', ')}]`;
        expect({ where, settled: timed.settled }).toEqual({ where, settled: true });
        expect(timed.ms).toBeGreaterThanOrEqual(BUDGET_MS - 20);
        expect(timed.ms).toBeLessThanOrEqual(BUDGET_MS + SLACK_MS);
        const reply = 'value' in timed ? toReply(timed.value) : undefined;
        expect({ where, speech: reply?.speech }).toEqual({
          where,
          speech: `<speak>${APOLOGY}</speak>`,
        });
        expect({ where, directives: reply?.directives, ended: reply?.ended }).toEqual({
          where,
          directives: [],
          ended: true,
        });
        expect(
          await directiveProblems(
            shop.orders.store,
            timed.settled && 'value' in timed ? timed.value : undefined,
            user,
          ),
        ).toEqual([]);
        expect(logger.lines.slice(logged).map((l) => l.message)).toContain('turn over budget');
        // ... the late work went on where it hung, and moved each order at most one step on ...
        expect(afterRelease.slice(0, index + 1)).toEqual(operations.slice(0, index + 1));
        const moves = [...released].flatMap(([id, status]) => {
          const was = before.get(id) ?? OrderStatus.AwaitingConfirmation;
          return status === was || canTransition(was, status) ? [] : [`${id}: ${was} -> ${status}`];
        });
        expect({ where, moves }).toEqual({ where, moves: [] });
        // ... and the purchase went on from there to one authorization and one capture
        const [paid] = await ordersIn([orderId]);
        expect({ where, status: paid?.status }).toEqual({ where, status: 'paid' });
        expect({
          where,
          authorizations: shop.simulator.authorizationCount() - authorizations,
        }).toEqual({
          where,
          authorizations: kind.authorizations ?? 1,
        });
        expect(shop.simulator.capturedTotalMinor('USD') - captured).toBe(paid?.totalMinor);
        // No other order of the shopper's is charged or being charged (one a late buy made waits).
        const charged = (await ordersOfUser(shop.orders, user)).filter(
          (o) => CHARGED_STATUSES.has(o.status) || o.status === OrderStatus.ChargePending,
        );
        expect({ where, charged: charged.map((o) => o.orderId) }).toEqual({
          where,
          charged: [orderId],
        });
      }
    },
    60_000,
  );
});
