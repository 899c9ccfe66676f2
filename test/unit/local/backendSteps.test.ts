import type { Order } from '../../../src/checkout/Order';
import { runBackendSteps, type ScenarioBackend } from '../../../src/local/backendSteps';
import { ScenarioBackendError } from '../../../src/local/errors';
import { runScenario } from '../../../src/local/runScenario';
import { findScenario } from '../../../src/local/scenarios';
import { AmazonPaySimulator } from '../../../src/local/simulator/AmazonPaySimulator';
import type { TestOrderStore } from '../../support/dynalite';
import { startTestOrderStore } from '../../support/dynalite';
import { anOrder, CREATED_AT } from '../../support/orders';
import { RecordingLogger } from '../../support/shop';

describe('runBackendSteps', () => {
  let t: TestOrderStore;
  let sequence = 0;
  const opened: string[] = [];

  beforeAll(async () => {
    t = await startTestOrderStore();
  });

  afterAll(async () => {
    await t.close();
  });

  const backend = (overrides: Partial<ScenarioBackend> = {}): ScenarioBackend => ({
    openStore: () => {
      opened.push('open');
      return Promise.resolve({
        store: t.store,
        close: () => {
          opened.push('close');
          return Promise.resolve();
        },
      });
    },
    sellerId: 'A1EXAMPLESELLER',
    merchantCountry: 'US',
    sandbox: true,
    ...overrides,
  });

  /** A paid order of 34.97 USD with the capture its Charge answer gave. */
  const aPaidOrder = async (overrides: Partial<Order> = {}): Promise<Order> => {
    sequence += 1;
    const order = anOrder({
      orderId: `backend-steps-${sequence}`,
      status: 'paid',
      version: 4,
      attempt: 1,
      totalMinor: 3497,
      billingAgreementId: `B02-1234567-${String(sequence).padStart(7, '0')}`,
      amazonAuthorizationId: `S02-3000000-${String(sequence).padStart(7, '0')}-A000001`,
      amazonCaptureId: `S02-3000000-${String(sequence).padStart(7, '0')}-C000001`,
      captured: { amountMinor: 3497, currency: 'USD' },
      history: [
        { status: 'awaiting-confirmation', at: CREATED_AT },
        { status: 'paid', at: CREATED_AT },
      ],
      ...overrides,
    });
    await t.store.create(order);
    return order;
  };

  it("refunds part of the order through a stand-in that knows its capture, and prints the tools' lines", async () => {
    // Prepare
    const order = await aPaidOrder();
    const lines: string[] = [];
    const logger = new RecordingLogger();
    opened.length = 0;

    // Act
    await runBackendSteps({
      steps: [{ kind: 'refund', amountMinor: 1000 }, { kind: 'syncRefunds' }],
      orderId: order.orderId,
      backend: backend({ logger }),
      print: (line) => lines.push(line),
    });

    // Assess
    expect(lines[0]).toMatch(
      /^MWS: {8}loopback stand-in at http:\/\/127\.0\.0\.1:\d+ \(test keys; nothing is refunded\)$/,
    );
    expect(lines.slice(1)).toEqual([
      `Merchant:   npm run orders -- refund ${order.orderId} 10.00`,
      'MWS:        Refund -> 200',
      expect.stringMatching(
        new RegExp(
          `^Orders: {5}order ${order.orderId}: refund of 10\\.00 USD requested \\(reference ${order.orderId}-r1, Amazon refund S02-3000000-`,
        ),
      ) as unknown,
      'Merchant:   npm run orders -- sync-refunds  (this order only)',
      'MWS:        GetRefundDetails -> 200',
      `Orders:     order ${order.orderId}: refund ${order.orderId}-r1 of 10.00 USD completed; the order is paid`,
      'Orders:     sync-refunds: 1 pending refund: 1 completed, 0 declined, 0 still pending, 0 failed',
    ]);
    expect(opened).toEqual(['open', 'close']);
    await expect(t.store.get(order.orderId)).resolves.toMatchObject({ status: 'paid' });
    expect(logger.lines.map((l) => l.message)).toContain('refund requested');
  });

  it('prints the refusal of an order without a capture, and sends nothing', async () => {
    // Prepare
    const order = await aPaidOrder({ amazonCaptureId: undefined, captured: undefined });
    const lines: string[] = [];

    // Act
    await runBackendSteps({
      steps: [{ kind: 'refund' }],
      orderId: order.orderId,
      backend: backend(),
      print: (line) => lines.push(line),
    });

    // Assess
    expect(lines.slice(1)).toEqual([
      `Merchant:   npm run orders -- refund ${order.orderId}`,
      `Orders:     order ${order.orderId} has no capture to refund (its Charge answer gave no capture id or amount); nothing was sent`,
    ]);
  });

  it('opens nothing without steps', async () => {
    // Prepare
    opened.length = 0;

    // Act
    await runBackendSteps({ steps: [], orderId: 'x', backend: backend(), print: () => undefined });

    // Assess
    expect(opened).toEqual([]);
  });

  it('refuses a merchant country without an Amazon Pay region', async () => {
    await expect(
      runBackendSteps({
        steps: [{ kind: 'syncRefunds' }],
        orderId: 'x',
        backend: backend({ merchantCountry: 'XX' }),
        print: () => undefined,
      }),
    ).rejects.toBeInstanceOf(ScenarioBackendError);
  });
});

describe('runScenario with backend steps', () => {
  it('refuses to play them without a backend, once the visits made an order', async () => {
    // Prepare: a skill that answers every turn with an order awaiting a yes
    const scenario = findScenario('refund');
    if (scenario === undefined) throw new Error('no refund scenario');
    const handler = () =>
      Promise.resolve({
        sessionAttributes: { pendingOrderId: 'backend-steps-order' },
        response: {
          outputSpeech: { type: 'SSML', ssml: '<speak>Shall I place the order?</speak>' },
        },
      });

    // Act
    const play = runScenario({
      scenario,
      handler,
      simulator: new AmazonPaySimulator(),
      skillId: 'amzn1.ask.skill.test',
      userId: 'amzn1.ask.account.test',
      readOrder: () => Promise.resolve(undefined),
      print: () => undefined,
    });

    // Assess
    await expect(play).rejects.toThrow(
      new ScenarioBackendError('scenario refund has backend steps and no backend'),
    );
  });
});
