import { MwsClient } from '../../src/amazonpay/mws/MwsClient';
import { intentRequest, launchRequest } from '../../src/local/requestEnvelopes';
import { MwsStandIn } from '../../src/local/mws/MwsStandIn';
import type { MwsStandInServer } from '../../src/local/mws/startMwsStandInServer';
import { startMwsStandInServer } from '../../src/local/mws/startMwsStandInServer';
import { RefundService } from '../../src/refunds/RefundService';
import { RecordingLogger, startShop, type TestShop } from '../support/shop';

const USER = 'amzn1.ask.account.REFUND-INTENT';
let users = 0;

// The shopper asks about a refund after a purchase the merchant refunded through MWS: the
// Lambda handler on dynalite, the offline Alexa simulator, and the MWS stand-in over HTTP.
describe('RefundIntent after a refund', () => {
  let shop: TestShop;
  let server: MwsStandInServer;
  let standIn: MwsStandIn;
  let refunds: RefundService;

  beforeAll(async () => {
    shop = await startShop();
    standIn = new MwsStandIn({
      accounts: [
        {
          accessKeyId: 'TEST_ACCESS_KEY',
          secretKey: 'TEST_SECRET_KEY',
          sellerId: 'A1EXAMPLESELLER',
        },
      ],
      throttling: 'off',
    });
    server = await startMwsStandInServer(standIn);
    const mws = new MwsClient(
      {
        accessKeyId: 'TEST_ACCESS_KEY',
        secretKey: 'TEST_SECRET_KEY',
        sellerId: 'A1EXAMPLESELLER',
        region: 'NA',
        sandbox: true,
      },
      { endpointOrigin: server.origin, pacing: false },
    );
    refunds = new RefundService({
      store: shop.orders.store,
      mws,
      clock: () => new Date(),
      logger: new RecordingLogger(),
    });
  });

  afterAll(async () => {
    await server.close();
    await shop.close();
  });

  /** Buys two bags of coffee through the simulator; the stand-in then knows their capture. */
  const aPaidPurchase = async (): Promise<{ userId: string; orderId: string }> => {
    users += 1;
    const userId = `${USER}-${users}`;
    const { setup, orderId } = await shop.buyAndConfirm(undefined, userId);
    const afterSetup = await shop.deliver(setup, {}, userId);
    const charge = afterSetup.reply.directives[0];
    if (charge === undefined) throw new Error('no Charge directive');
    await shop.deliver(charge, {}, userId);
    const order = await shop.orders.store.get(orderId);
    if (order?.amazonCaptureId === undefined || order.captured === undefined) {
      throw new Error('the paid order has no capture');
    }
    standIn.seedCapture({
      amazonCaptureId: order.amazonCaptureId,
      amount: order.captured,
      sellerId: 'A1EXAMPLESELLER',
    });
    return { userId, orderId };
  };

  it("says that a refund-pending order's refund is on its way, with its amount and items", async () => {
    // Prepare
    const { userId, orderId } = await aPaidPurchase();
    await refunds.refund({ orderId, amount: { kind: 'decimal', text: '10.00' } });

    // Act
    const reply = await shop.send(intentRequest('RefundIntent'), { userId });

    // Assess
    expect((await shop.orders.store.get(orderId))?.status).toBe('refund-pending');
    expect(reply.speech).toBe(
      '<speak>Your refund of $10.00 for your last order from Blue Kettle Coffee, two bags of ' +
        'House Blend coffee for $29.98, is on its way. Amazon Pay returns it to the payment ' +
        'method you paid with.</speak>',
    );
    expect(reply.ended).toBe(true);
    expect(reply.card).toBeUndefined();
  });

  it('says that a refunded order was refunded', async () => {
    // Prepare
    const { userId, orderId } = await aPaidPurchase();
    await refunds.refund({ orderId });
    await refunds.syncRefunds();

    // Act
    const reply = await shop.send(intentRequest('RefundIntent'), { userId });

    // Assess
    expect((await shop.orders.store.get(orderId))?.status).toBe('refunded');
    expect(reply.speech).toContain('Your refund of $34.97 for your last order');
    expect(reply.speech).toContain('was completed.');
  });

  it('greets a returning shopper with where the refund of their last order stands', async () => {
    // Prepare
    const { userId, orderId } = await aPaidPurchase();
    await refunds.refund({ orderId, amount: { kind: 'decimal', text: '5.00' } });

    // Act
    const reply = await shop.send(launchRequest(), { userId });

    // Assess
    expect(reply.speech).toContain('Your refund of $5.00 for your last order');
    expect(reply.speech).toContain('is on its way');
    expect(reply.speech).not.toContain('will ship soon');
    expect(reply.ended).toBe(false);
  });

  it("keeps today's answer, the merchant's contact, for a paid order without a refund", async () => {
    // Prepare
    const { userId } = await aPaidPurchase();

    // Act
    const reply = await shop.send(intentRequest('RefundIntent'), { userId });

    // Assess
    expect(reply.speech).toContain('For a refund or a return, please contact Blue Kettle Coffee.');
    expect(reply.speech).toContain('+1-206-555-0100');
    expect(reply.card).toMatchObject({ type: 'Simple' });
  });
});
