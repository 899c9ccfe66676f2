import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { loadDemoCatalog } from '../../src/checkout/demoCatalog';
import { createHandler, type LambdaHandler } from '../../src/createHandler';
import { intentRequest } from '../../src/local/requestEnvelopes';
import { DynamoDbOrderStore } from '../../src/store/DynamoDbOrderStore';
import { createEmbeddedDocumentClient } from '../../src/store/embeddedStore';
import { RecordingLogger, startShop, toReply, type Reply, type TestShop } from '../support/shop';
import { buildRequestEnvelope } from '../../src/local/requestEnvelopes';
import { aContext } from '../fixtures/requests';

/** A fault the client middleware injects into one DynamoDB command. */
type Fault = 'unavailable' | 'throttled' | 'timeout' | 'conditional' | 'lostAnswer';

const WRITE_COMMANDS = /^(PutItem|UpdateItem|Put|Update)/;

/**
 * A document client whose Nth write command fails as told: the fault is injected at the client,
 * in its middleware stack, so the code under test runs unchanged.
 */
class FaultPlan {
  private writes = 0;
  private hung: Array<() => void> = [];

  constructor(
    private readonly fault: Fault,
    private readonly failAtWrite: number,
  ) {}

  install(client: DynamoDBDocumentClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const name = String(context.commandName ?? '');
        if (!WRITE_COMMANDS.test(name)) return next(args);
        const index = this.writes;
        this.writes += 1;
        if (index !== this.failAtWrite) return next(args);
        switch (this.fault) {
          case 'unavailable':
            throw Object.assign(new Error('Service Unavailable'), {
              name: 'ServiceUnavailable',
              $fault: 'server',
              $metadata: { httpStatusCode: 503 },
            });
          case 'throttled':
            throw Object.assign(new Error('Rate exceeded'), {
              name: 'ProvisionedThroughputExceededException',
              $fault: 'client',
              $metadata: { httpStatusCode: 400 },
            });
          case 'conditional':
            // As if another request had changed the item first: nothing is written.
            throw Object.assign(new Error('The conditional request failed'), {
              name: 'ConditionalCheckFailedException',
              $fault: 'client',
              $metadata: { httpStatusCode: 400 },
            });
          case 'timeout':
            await new Promise<void>((resolve) => this.hung.push(resolve));
            throw Object.assign(new Error('socket timed out'), { name: 'TimeoutError' });
          case 'lostAnswer': {
            // The write lands, but its answer never reaches the skill.
            await next(args);
            throw Object.assign(new Error('socket hang up'), { name: 'NetworkingError' });
          }
        }
      },
      { step: 'initialize', name: 'faultInjection' },
    );
  }

  releaseAll(): void {
    for (const release of this.hung.splice(0)) release();
  }
}

describe('store faults injected at the DynamoDB client, at each write of a purchase in turn', () => {
  let shop: TestShop;
  let userCounter = 0;

  beforeAll(async () => {
    shop = await startShop();
  });

  afterAll(async () => {
    await shop.close();
  });

  function faultyHandler(plan: FaultPlan): { handler: LambdaHandler; close: () => void } {
    const client = createEmbeddedDocumentClient(shop.orders.endpoint);
    plan.install(client);
    const store = new DynamoDbOrderStore({ client, tableName: shop.orders.tableName });
    let id = 0;
    const handler = createHandler({
      config: { ...shop.config, turnBudgetMs: 400 },
      store,
      catalog: loadDemoCatalog(),
      logger: new RecordingLogger(),
      clock: () => new Date(),
      newOrderId: () => {
        id += 1;
        return `sf${Date.now().toString(36)}${String(id)}${Math.random().toString(36).slice(2, 8)}`;
      },
    });
    return { handler, close: () => client.destroy() };
  }

  async function send(
    handler: LambdaHandler,
    userId: string,
    request: Record<string, unknown>,
    attributes?: Record<string, unknown>,
  ): Promise<{ reply: Reply; ms: number }> {
    const started = performance.now();
    const envelope = buildRequestEnvelope(aContext({ userId }), request, {
      new: attributes === undefined,
      ...(attributes !== undefined && { attributes }),
    });
    const reply = toReply(await handler(envelope));
    return { reply, ms: performance.now() - started };
  }

  const FAULTS: ReadonlyArray<Fault> = [
    'unavailable',
    'throttled',
    'timeout',
    'conditional',
    'lostAnswer',
  ];
  // The four writes of a purchase: create, awaiting -> setup-pending, -> charge-pending, -> paid.
  const WRITES = [0, 1, 2, 3] as const;
  const cases = FAULTS.flatMap((fault) => WRITES.map((write) => [fault, write] as const));

  it.each(cases)(
    'answers safely with %s at write %d and the purchase then finishes, charged once',
    async (fault, write) => {
      // Prepare
      userCounter += 1;
      const userId = `amzn1.ask.account.STORE-FAULT-${userCounter}`;
      const plan = new FaultPlan(fault, write);
      const { handler, close } = faultyHandler(plan);
      const authorizationsBefore = shop.simulator.authorizationCount();
      const turns: Array<{ reply: Reply; ms: number }> = [];
      const step = async (
        request: Record<string, unknown>,
        attributes?: Record<string, unknown>,
      ): Promise<Reply> => {
        const result = await send(handler, userId, request, attributes);
        turns.push(result);
        return result.reply;
      };
      const buy = intentRequest('BuyIntent', { product: 'coffee', quantity: '2' });
      try {
        // Act: the purchase, each step repeated once when it answered without moving on
        let summary = await step(buy, {});
        if (summary.attributes?.['pendingOrderId'] === undefined) summary = await step(buy, {});
        const orderId = String(summary.attributes?.['pendingOrderId']);
        let confirmed = await step(intentRequest('AMAZON.YesIntent'), summary.attributes ?? {});
        if (confirmed.directives.length === 0) {
          confirmed = await step(intentRequest('AMAZON.YesIntent'), summary.attributes ?? {});
        }
        const setup = confirmed.directives[0] ?? {};
        const setupAnswer = { ...shop.simulator.answer(setup) } as Record<string, unknown>;
        let afterSetup = await step(setupAnswer);
        const pendingAfterSetup = await shop.orders.store.get(orderId);
        if (afterSetup.directives.length === 0) afterSetup = await step(setupAnswer);
        const charge = afterSetup.directives[0] ?? {};
        const chargeAnswer = { ...shop.simulator.answer(charge) } as Record<string, unknown>;
        let paid = await step(chargeAnswer);
        if (!String(paid.speech).includes('is placed')) paid = await step(chargeAnswer);
        plan.releaseAll();

        // Assess: every turn answered (a hung one at its budget), with no internal words
        for (const t of turns) {
          // The budget (400 ms) bounds a hung write; the margin is for a loaded CI machine.
          expect(t.ms).toBeLessThan(400 + 2500);
          expect(t.reply.speech ?? '').not.toMatch(/Exception|Error|\b\d{3}\b/);
        }
        // A Charge left only after charge-pending, with its reference id, was stored
        expect(charge['name']).toBe('Charge');
        const stored = await shop.orders.store.get(orderId);
        expect(charge['token']).toBe(stored?.authorizationReferenceId);
        expect(pendingAfterSetup?.status === 'charge-pending' || write === 2).toBe(true);
        // The purchase finished: paid, one authorization, the history without a step back
        expect(stored?.status).toBe('paid');
        expect(stored?.history.map((h) => h.status)).toEqual([
          'awaiting-confirmation',
          'setup-pending',
          'charge-pending',
          'paid',
        ]);
        expect(shop.simulator.authorizationCount() - authorizationsBefore).toBe(1);
        expect(paid.card).toMatchObject({ type: 'Simple' });
      } finally {
        plan.releaseAll();
        // Let a released late write land before the client goes away.
        await new Promise((resolve) => setTimeout(resolve, 30));
        close();
      }
    },
  );
});
