import { applyScenarioBuyer } from '../../src/local/buyer/applyScenarioBuyer';
import { localBuyerProfile } from '../../src/local/buyer/startLocalBuyerApi';
import { buildRequestEnvelope, localApiAccessToken } from '../../src/local/requestEnvelopes';
import type { ScenarioBuyer } from '../../src/local/scenarios';
import { aContext, aSetupResponse, intentRequest, launchRequest } from '../fixtures/requests';
import { startShop, type Reply, type TestShop } from '../support/shop';

/**
 * The purchase priced from the shopper's default address: the Lambda handler, the real store and
 * the loopback Buyer ID / Buyer Address stand-in over HTTP.
 */

let counter = 0;
function aShopper(): string {
  counter += 1;
  return `amzn1.ask.account.BUYER-FLOW-${String(counter).padStart(4, '0')}`;
}

/** Gives a shopper a default address (fields over the sandbox buyer's) and the Buyer Address answers. */
function setBuyer(shop: TestShop, userId: string, buyer: ScenarioBuyer): void {
  const token = localApiAccessToken(userId);
  if (shop.buyerApi === undefined) throw new Error('no Buyer API stand-in');
  applyScenarioBuyer(shop.buyerApi, buyer, token, localBuyerProfile('US')(token));
}

/** Launch and "buy two bags of coffee" as one shopper. */
async function buyTwo(shop: TestShop, userId: string): Promise<Reply> {
  const launched = await shop.send(launchRequest(), { userId });
  return shop.send(intentRequest('BuyIntent', { product: 'coffee', quantity: '2' }), {
    userId,
    attributes: launched.attributes ?? {},
  });
}

async function ordersOf(shop: TestShop, userId: string): Promise<number> {
  const order = await shop.orders.store.latestOrderForUser(userId);
  return order === undefined ? 0 : 1;
}

describe('a purchase priced from the Buyer Address API', () => {
  let shop: TestShop;

  beforeAll(async () => {
    shop = await startShop();
  });

  afterAll(async () => {
    await shop.close();
  });

  describe('the total spoken', () => {
    it.each<[string, Record<string, string>, string, string]>([
      [
        'an address in Washington (6.5% sales tax)',
        { stateOrRegion: 'WA' },
        'Delivery to your default Amazon shipping address costs $4.99, and tax is $1.95. Your total is $36.92',
        '36.92',
      ],
      [
        'an address in New York (4% sales tax)',
        { stateOrRegion: 'NY' },
        'costs $4.99, and tax is $1.20. Your total is $36.17',
        '36.17',
      ],
      [
        'an address in Oregon (no sales tax)',
        { stateOrRegion: 'OR' },
        'Delivery to your default Amazon shipping address costs $4.99. Your total is $34.97',
        '34.97',
      ],
    ])('includes shipping and tax for %s', async (_name, address, words, total) => {
      // Prepare
      const userId = aShopper();
      setBuyer(shop, userId, { address });
      // Act
      const summary = await buyTwo(shop, userId);
      const yes = await shop.send(intentRequest('AMAZON.YesIntent'), {
        userId,
        attributes: summary.attributes ?? {},
      });
      // Assess: spoken, stored, and the amount the Charge then asks for
      expect(summary.speech).toContain(words);
      const orderId = String(summary.attributes?.['pendingOrderId']);
      const setupAnswer = aSetupResponse(orderId, {
        destination: { countryCode: 'US', ...address },
      });
      const charge = await shop.send(setupAnswer, { userId });
      expect(yes.directives[0]?.['name']).toBe('Setup');
      const payload = charge.directives[0]?.['payload'] as Record<string, unknown> | undefined;
      expect(JSON.stringify(payload)).toContain(`"amount":"${total}"`);
    });
  });

  describe('an address the shop does not deliver to', () => {
    it.each<[string, Record<string, string>]>([
      ['in a country without a delivery zone', { countryCode: 'CA', stateOrRegion: 'ON' }],
      ['in a region outside its zone', { countryCode: 'US', stateOrRegion: 'PR' }],
    ])('gets a clear answer and no order when %s', async (_name, address) => {
      // Prepare
      const userId = aShopper();
      setBuyer(shop, userId, { address });
      // Act
      const reply = await buyTwo(shop, userId);
      // Assess
      expect(reply.speech).toContain("Blue Kettle Coffee doesn't deliver to your default");
      expect(reply.ended).toBe(true);
      expect(reply.directives).toEqual([]);
      expect(await ordersOf(shop, userId)).toBe(0);
    });
  });

  describe('an address that cannot be had', () => {
    it.each<[string, ScenarioBuyer['addressBehaviour']]>([
      ['a 503', { kind: 'status', status: 503 }],
      ['a 429', { kind: 'status', status: 429, retryAfterSeconds: 2 }],
      ['a 403', { kind: 'status', status: 403 }],
      ['a malformed answer', { kind: 'malformed' }],
      ['no default shipping address', { kind: 'wrongShape' }],
    ])(
      'is priced with flat shipping, and the shopper is told, after %s',
      async (_name, behaviour) => {
        // Prepare
        const userId = aShopper();
        setBuyer(shop, userId, { ...(behaviour !== undefined && { addressBehaviour: behaviour }) });
        // Act
        const reply = await buyTwo(shop, userId);
        // Assess
        expect(reply.speech).toContain(
          "I couldn't get your delivery address from Amazon just now, so delivery is the standard $4.99",
        );
        const order = await shop.orders.store.latestOrderForUser(userId);
        expect(order?.delivery).toEqual({ kind: 'flat' });
        setBuyer(shop, userId, {});
      },
    );
  });

  describe('the returning shopper', () => {
    it('is greeted with the status of their last order under a new Alexa user id', async () => {
      // Prepare: a paid order, then the skill disabled and enabled again (a new user id, same buyer)
      const before = aShopper();
      const after = aShopper();
      setBuyer(shop, before, {});
      const { setup } = await shop.buyAndConfirm(undefined, before);
      const { reply: charged } = await shop.deliver(setup, {}, before);
      const charge = charged.directives[0];
      if (charge === undefined) throw new Error('no Charge');
      await shop.deliver(charge, {}, before);
      // Act: the new user id, with the same buyer's access token
      const greeting = await shop.sendEnvelope(
        buildRequestEnvelope(
          { ...aContext({ userId: after }), apiAccessToken: localApiAccessToken(before) },
          launchRequest(),
          { new: true },
        ),
      );
      const stranger = await shop.send(launchRequest(), { userId: aShopper() });
      // Assess
      expect(greeting.speech).toContain('Welcome back to Blue Kettle Coffee');
      expect(greeting.speech).toContain('is paid and will ship soon');
      expect(stranger.speech).toContain('Welcome to Blue Kettle Coffee');
    });

    it('asks for no buyer id without the Amazon Pay permission', async () => {
      // Prepare
      const userId = aShopper();
      const token = localApiAccessToken(userId);
      const calls = (): number =>
        shop.buyerApi?.requests.filter((r) => r.headers['authorization'] !== undefined).length ?? 0;
      const before = calls();
      // Act
      const reply = await shop.send(launchRequest(), { userId, consent: 'DENIED' });
      // Assess
      expect(reply.speech).toContain('Welcome to Blue Kettle Coffee');
      expect(calls()).toBe(before);
      expect(token).not.toBe('');
    });
  });

  describe('the Buyer Address call', () => {
    it('goes to the sandbox path with the sandbox email header in sandbox', async () => {
      // Prepare
      const userId = aShopper();
      const from = shop.buyerApi?.requests.length ?? 0;
      // Act
      await buyTwo(shop, userId);
      // Assess
      const calls = (shop.buyerApi?.requests ?? []).slice(from);
      const address = calls.find((c) => c.operation === 'BuyerAddress');
      expect(address?.path).toBe('/sandbox/v1/buyer/addresses');
      expect(address?.headers['x-amz-pay-sandbox-email-id']).toBe('sandbox-buyer@example.com');
      expect(calls.map((c) => c.operation).sort()).toEqual(['BuyerAddress', 'BuyerId', 'BuyerId']);
    });

    it('goes to the live path without the sandbox header in live mode', async () => {
      // Prepare
      const live = await startShop({ env: { SANDBOX: 'false' } });
      try {
        // Act
        const reply = await buyTwo(live, aShopper());
        // Assess
        const address = live.buyerApi?.requests.find((c) => c.operation === 'BuyerAddress');
        expect(address?.path).toBe('/live/v1/buyer/addresses');
        expect(address?.headers['x-amz-pay-sandbox-email-id']).toBeUndefined();
        expect(reply.speech).toContain('Your total is $34.97');
      } finally {
        await live.close();
      }
    });
  });
});

describe('a Buyer Address API that never answers', () => {
  it.each<[string, Record<string, string>, string]>([
    [
      'the flat policy prices flat shipping',
      {},
      "I couldn't get your delivery address from Amazon just now, so delivery is the standard $4.99",
    ],
    [
      'the stop policy takes no order',
      { ADDRESS_UNAVAILABLE_POLICY: 'stop' },
      "Sorry, I couldn't get your delivery address from Amazon just now",
    ],
  ])('answers inside the turn budget: %s', async (_name, env, words) => {
    // Prepare: a turn budget of 1 s and the Buyer API deadline of 300 ms
    const shop = await startShop({
      env: { TURN_BUDGET_MS: '1000', BUYER_API_TIMEOUT_MS: '300', ...env },
    });
    try {
      const userId = aShopper();
      const token = localApiAccessToken(userId);
      if (shop.buyerApi === undefined) throw new Error('no stand-in');
      applyScenarioBuyer(
        shop.buyerApi,
        { addressBehaviour: { kind: 'hang' } },
        token,
        localBuyerProfile('US')(token),
      );
      shop.buyerApi.setBehaviour('BuyerId', { kind: 'hang' });
      // Act
      const reply = await buyTwo(shop, userId);
      // Assess: the skill's own answer, not the over-budget apology
      expect(reply.speech).toContain(words);
      expect(shop.logger.lines.some((l) => l.message === 'turn over budget')).toBe(false);
    } finally {
      await shop.close();
    }
  });
});
