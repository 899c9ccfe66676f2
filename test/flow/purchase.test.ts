import { intentRequest, launchRequest } from '../../src/local/requestEnvelopes';
import {
  aChargeResponse,
  anEnvelope,
  anErrorResponse,
  aSetupResponse,
  OTHER_SHOPPER,
  SHOPPER,
} from '../fixtures/requests';
import { startShop, type TestShop } from '../support/shop';

describe('the charge-now purchase through the Lambda handler', () => {
  let shop: TestShop;

  beforeAll(async () => {
    shop = await startShop();
  });

  afterAll(async () => {
    await shop.close();
  });

  describe('happy path', () => {
    it('creates, confirms, sets up, charges and confirms an order', async () => {
      // Prepare
      const launched = await shop.send(launchRequest());
      // Act: the shopper asks for two bags of coffee
      const summary = await shop.send(
        intentRequest('BuyIntent', { product: 'coffee', quantity: '2' }),
        {
          attributes: launched.attributes ?? {},
        },
      );
      const orderId = summary.attributes?.['pendingOrderId'] as string;
      // Assess: the summary names seller, items, delivery and total, and asks for a yes
      expect(launched.speech).toContain('Welcome to Blue Kettle Coffee');
      expect(summary.speech).toContain('Blue Kettle Coffee');
      expect(summary.speech).toContain('two bags of House Blend coffee for $29.98');
      expect(summary.speech).toContain(
        'Delivery to your default Amazon shipping address costs $4.99',
      );
      expect(summary.speech).toContain('Your total is $34.97');
      expect(summary.speech).toContain('Shall I place the order?');
      expect(summary.ended).toBe(false);
      expect(summary.directives).toEqual([]);
      expect((await shop.orders.store.get(orderId))?.status).toBe('awaiting-confirmation');

      // Act: yes
      const confirmed = await shop.send(intentRequest('AMAZON.YesIntent'), {
        attributes: summary.attributes ?? {},
      });
      // Assess: Setup leaves, the session ends, nothing is spoken
      expect(confirmed.directives).toHaveLength(1);
      const setup = confirmed.directives[0] ?? {};
      expect(setup).toMatchObject({
        type: 'Connections.SendRequest',
        name: 'Setup',
        token: orderId,
      });
      expect(confirmed.speech).toBeUndefined();
      expect(confirmed.ended).toBe(true);
      expect((await shop.orders.store.get(orderId))?.status).toBe('setup-pending');

      // Act: Amazon Pay answers Setup, as a new session
      const afterSetup = await shop.deliver(setup);
      // Assess: the Charge leaves only after charge-pending was stored with its reference id
      const charge = afterSetup.reply.directives[0] ?? {};
      expect(charge).toMatchObject({
        type: 'Connections.SendRequest',
        name: 'Charge',
        token: `${orderId}-1`,
        payload: {
          paymentAction: 'AuthorizeAndCapture',
          authorizeAttributes: {
            authorizationReferenceId: `${orderId}-1`,
            authorizationAmount: { amount: '34.97', currencyCode: 'USD' },
          },
          sellerOrderAttributes: { sellerOrderId: orderId, storeName: 'Blue Kettle Coffee' },
        },
      });
      const pending = await shop.orders.store.get(orderId);
      expect(pending).toMatchObject({
        status: 'charge-pending',
        authorizationReferenceId: `${orderId}-1`,
        attempt: 1,
      });
      expect(afterSetup.reply.speech).toBeUndefined();

      // Act: Amazon Pay answers Charge
      const afterCharge = await shop.deliver(charge);
      // Assess: confirmed by voice and card; the order is paid; one authorization was made
      expect(afterCharge.reply.speech).toContain('Your order from Blue Kettle Coffee is placed');
      expect(afterCharge.reply.card).toMatchObject({ type: 'Simple' });
      const content = String(afterCharge.reply.card?.['content']);
      expect(content).toContain('2 x House Blend Coffee, 340 g: $29.98');
      expect(content).toContain('Total: $34.97');
      expect(content).toContain('Seller: Blue Kettle Coffee');
      expect(afterCharge.reply.ended).toBe(true);
      const paid = await shop.orders.store.get(orderId);
      expect(paid?.status).toBe('paid');
      expect(paid?.history.map((h) => h.status)).toEqual([
        'awaiting-confirmation',
        'setup-pending',
        'charge-pending',
        'paid',
      ]);
      expect(shop.simulator.authorizationCount()).toBe(1);
      // The shipping address is kept for fulfilment: its shipping fields only, never the phone.
      expect(paid?.shippingAddress?.countryCode).toBe('US');
      expect(paid?.shippingAddress?.addressLine1).toBeDefined();
      expect(JSON.stringify(paid)).not.toMatch(/phone/i);
    });

    it('sends Setup for "check out" (SetupPaymentIntent) too', async () => {
      // Prepare
      const summary = await shop.send(intentRequest('BuyIntent', { product: 'starter kit' }));
      // Act
      const reply = await shop.send(intentRequest('SetupPaymentIntent'), {
        attributes: summary.attributes ?? {},
      });
      // Assess
      expect(reply.directives[0]).toMatchObject({ name: 'Setup' });
    });
  });

  describe('the shopper says no', () => {
    it('cancels the order and sends no Setup', async () => {
      // Prepare
      const summary = await shop.send(intentRequest('BuyIntent', { product: 'cups' }));
      const orderId = summary.attributes?.['pendingOrderId'] as string;
      // Act
      const reply = await shop.send(intentRequest('AMAZON.NoIntent'), {
        attributes: summary.attributes ?? {},
      });
      // Assess
      expect(reply.directives).toEqual([]);
      expect(reply.speech).toContain('cancelled');
      expect((await shop.orders.store.get(orderId))?.status).toBe('cancelled');
    });

    it('cancels an unconfirmed order on stop', async () => {
      // Prepare
      const summary = await shop.send(intentRequest('BuyIntent', { product: 'cups' }));
      const orderId = summary.attributes?.['pendingOrderId'] as string;
      // Act
      const reply = await shop.send(intentRequest('AMAZON.StopIntent'), {
        attributes: summary.attributes ?? {},
      });
      // Assess
      expect(reply.ended).toBe(true);
      expect((await shop.orders.store.get(orderId))?.status).toBe('cancelled');
    });

    it('does not send Setup after a yes for a cancelled order', async () => {
      // Prepare
      const summary = await shop.send(intentRequest('BuyIntent', { product: 'cups' }));
      await shop.send(intentRequest('AMAZON.NoIntent'), { attributes: summary.attributes ?? {} });
      // Act: a yes replayed with the old session attributes
      const reply = await shop.send(intentRequest('AMAZON.YesIntent'), {
        attributes: summary.attributes ?? {},
      });
      // Assess
      expect(reply.directives).toEqual([]);
    });
  });

  describe('the Amazon Pay permission', () => {
    it.each(['DENIED', 'missing'] as const)(
      'sends a consent card and no order or Setup when the scope is %s',
      async (consent) => {
        // Act
        const reply = await shop.send(intentRequest('BuyIntent', { product: 'coffee' }), {
          consent,
        });
        // Assess
        expect(reply.card).toEqual({
          type: 'AskForPermissionsConsent',
          permissions: ['payments:autopay_consent'],
        });
        expect(reply.speech).toContain('allow Amazon Pay');
        expect(reply.directives).toEqual([]);
        expect(reply.attributes?.['pendingOrderId']).toBeUndefined();
        expect(reply.ended).toBe(true);
      },
    );
  });

  describe('what the shopper asks for', () => {
    it('lists what is sold for an unknown product', async () => {
      // Act
      const reply = await shop.send(intentRequest('BuyIntent', { product: 'a submarine' }));
      // Assess
      expect(reply.speech).toContain("we don't sell that");
      expect(reply.speech).toContain('bags of House Blend coffee');
      expect(reply.ended).toBe(false);
      expect(reply.attributes?.['pendingOrderId']).toBeUndefined();
    });

    it('lists what is sold when no product is named', async () => {
      // Act
      const reply = await shop.send(intentRequest('BuyIntent', {}));
      // Assess
      expect(reply.speech).toContain('You can buy');
      expect(reply.attributes?.['pendingOrderId']).toBeUndefined();
    });

    it('takes a missing quantity as one', async () => {
      // Act
      const reply = await shop.send(intentRequest('BuyIntent', { product: 'starter kit' }));
      // Assess
      expect(reply.speech).toContain('one pour-over starter kit for $39.99');
      expect(reply.speech).toContain('Your total is $44.98');
    });

    it.each([
      ['0', 'at least one'],
      ['-3', 'at least one'],
      ['?', "didn't catch how many"],
      ['1.5', 'whole number'],
      ['11', 'at most 10'],
      ['99999999999999999999999999999', 'at most 10'],
    ])('answers a quantity of %p with a question and creates no order', async (quantity, words) => {
      // Act
      const reply = await shop.send(intentRequest('BuyIntent', { product: 'coffee', quantity }));
      // Assess
      expect(reply.speech).toContain(words);
      expect(reply.ended).toBe(false);
      expect(reply.reprompt).toBeDefined();
      expect(reply.attributes?.['pendingOrderId']).toBeUndefined();
    });

    it('answers a yes with no order waiting', async () => {
      // Act
      const reply = await shop.send(intentRequest('AMAZON.YesIntent'), { attributes: {} });
      // Assess
      expect(reply.speech).toContain("There's no order waiting");
      expect(reply.directives).toEqual([]);
    });
  });

  describe('Connections.Response matching', () => {
    it('sends no Charge for a Setup answer with an unknown token', async () => {
      // Act
      const reply = await shop.send(aSetupResponse('unknownOrderToken123'));
      // Assess
      expect(reply.directives).toEqual([]);
      expect(reply.speech).toContain("couldn't find that order");
    });

    it('sends no Charge for a Setup answer without a token', async () => {
      // Act
      const reply = await shop.send(aSetupResponse(undefined));
      // Assess
      expect(reply.directives).toEqual([]);
      expect(reply.speech).toContain("couldn't find that order");
    });

    it("sends no Charge for a Setup answer carrying another shopper's order", async () => {
      // Prepare: the other shopper's order waits for its Setup answer
      const { setup, orderId } = await shop.buyAndConfirm(undefined, OTHER_SHOPPER);
      // Act: the first shopper's device delivers an answer with that token
      const { reply } = await shop.deliver(setup, {}, SHOPPER);
      // Assess
      expect(reply.directives).toEqual([]);
      expect(reply.speech).toContain("couldn't find that order");
      const order = await shop.orders.store.get(orderId);
      expect(order?.status).toBe('setup-pending');
      expect(order?.version).toBe(2);
    });

    it('sends no Charge and changes nothing for a made-up token of odd characters', async () => {
      // Act
      const reply = await shop.send(aSetupResponse('../../etc/passwd'));
      // Assess
      expect(reply.directives).toEqual([]);
    });

    it('answers a Charge response for an unknown order without confirming anything', async () => {
      // Act
      const reply = await shop.send(aChargeResponse('unknownOrderToken123'));
      // Assess
      expect(reply.speech).toContain("couldn't find that order");
      expect(reply.card).toBeUndefined();
    });
  });

  describe('re-delivered answers', () => {
    it('answers the same Setup answer twice with the same Charge and one status change', async () => {
      // Prepare
      const { setup, orderId } = await shop.buyAndConfirm();
      const answer = { ...shop.simulator.answer(setup) } as Record<string, unknown>;
      // Act
      const first = await shop.send(answer);
      const afterFirst = await shop.orders.store.get(orderId);
      const second = await shop.send(answer);
      const afterSecond = await shop.orders.store.get(orderId);
      // Assess
      expect(first.directives).toHaveLength(1);
      expect(second.directives).toEqual(first.directives);
      expect(afterSecond).toEqual(afterFirst);
      expect(afterSecond?.history.filter((h) => h.status === 'charge-pending')).toHaveLength(1);
    });

    it('answers twenty concurrent deliveries of one Setup answer with one Charge', async () => {
      // Prepare
      const { setup, orderId } = await shop.buyAndConfirm();
      const answer = { ...shop.simulator.answer(setup) } as Record<string, unknown>;
      // Act
      const replies = await Promise.all(Array.from({ length: 20 }, () => shop.send(answer)));
      // Assess
      const charges = replies.map((r) => JSON.stringify(r.directives));
      expect(new Set(charges).size).toBe(1);
      const order = await shop.orders.store.get(orderId);
      expect(order?.history.map((h) => h.status)).toEqual([
        'awaiting-confirmation',
        'setup-pending',
        'charge-pending',
      ]);
    });

    it('does not change a paid order again for a second Charge answer', async () => {
      // Prepare
      const { setup, orderId } = await shop.buyAndConfirm();
      const { reply } = await shop.deliver(setup);
      const charge = reply.directives[0] ?? {};
      const answer = { ...shop.simulator.answer(charge) } as Record<string, unknown>;
      await shop.send(answer);
      const paid = await shop.orders.store.get(orderId);
      // Act
      const again = await shop.send(answer);
      // Assess
      expect(await shop.orders.store.get(orderId)).toEqual(paid);
      expect(paid?.status).toBe('paid');
      expect(again.speech).toContain('is placed');
      expect(again.directives).toEqual([]);
    });

    it('never moves a paid order back for a late Setup answer', async () => {
      // Prepare
      const { setup, orderId } = await shop.buyAndConfirm();
      const setupAnswer = { ...shop.simulator.answer(setup) } as Record<string, unknown>;
      const { directives } = await shop.send(setupAnswer);
      await shop.deliver(directives[0] ?? {});
      const paid = await shop.orders.store.get(orderId);
      // Act
      const late = await shop.send(setupAnswer);
      // Assess
      expect(late.directives).toEqual([]);
      expect(await shop.orders.store.get(orderId)).toEqual(paid);
    });

    it('ignores a Charge answer that arrives before Setup was answered', async () => {
      // Prepare
      const { orderId } = await shop.buyAndConfirm();
      // Act
      const reply = await shop.send(aChargeResponse(orderId));
      // Assess
      expect(reply.card).toBeUndefined();
      expect((await shop.orders.store.get(orderId))?.status).toBe('setup-pending');
    });
  });

  describe('answers that are not a success', () => {
    it('leaves a declined order unpaid and speaks no internal code', async () => {
      // Prepare
      const { setup, orderId } = await shop.buyAndConfirm();
      const { reply } = await shop.deliver(setup);
      // Act
      const declined = await shop.deliver(reply.directives[0] ?? {}, {
        charge: {
          kind: 'declined',
          reasonCode: 'InvalidPaymentMethod',
          form: 'state',
          softDecline: true,
        },
      });
      // Assess
      expect((await shop.orders.store.get(orderId))?.status).toBe('declined');
      expect(declined.reply.speech).toContain('not been charged');
      expect(declined.reply.speech).not.toContain('placed');
      expect(declined.reply.speech).not.toMatch(/InvalidPaymentMethod|\d{3}/);
      expect(declined.reply.card).toBeUndefined();
    });

    it('leaves the order failed and sends no Charge for a SUSPENDED agreement', async () => {
      // Prepare
      const { setup, orderId } = await shop.buyAndConfirm();
      // Act
      const { reply } = await shop.deliver(setup, {
        setup: { kind: 'agreementStatus', status: 'SUSPENDED' },
      });
      // Assess
      expect(reply.directives).toEqual([]);
      expect((await shop.orders.store.get(orderId))?.status).toBe('failed');
    });

    it('sends no Charge for a LIVE agreement under a sandbox configuration', async () => {
      // Prepare
      const { orderId } = await shop.buyAndConfirm();
      // Act
      const reply = await shop.send(aSetupResponse(orderId, { releaseEnvironment: 'LIVE' }));
      // Assess
      expect(reply.directives).toEqual([]);
      expect((await shop.orders.store.get(orderId))?.status).toBe('failed');
    });

    it('sends the consent card for a permission error on Setup', async () => {
      // Prepare
      const { orderId } = await shop.buyAndConfirm();
      // Act
      const reply = await shop.send(anErrorResponse('Setup', orderId, 'ACCESS_DENIED', '403'));
      // Assess
      expect(reply.card).toMatchObject({ type: 'AskForPermissionsConsent' });
      expect(reply.directives).toEqual([]);
      expect((await shop.orders.store.get(orderId))?.status).toBe('failed');
    });

    it('holds an order for review when the captured amount differs from the total', async () => {
      // Prepare
      const { setup, orderId } = await shop.buyAndConfirm();
      await shop.deliver(setup);
      // Act
      await shop.send(aChargeResponse(orderId, { amount: '1.00' }));
      // Assess
      expect((await shop.orders.store.get(orderId))?.status).toBe('held-for-review');
    });
  });

  describe('the skill id', () => {
    it('refuses a request for another skill before any handler runs', async () => {
      // Prepare
      const envelope = anEnvelope(launchRequest(), {
        context: { skillId: 'amzn1.ask.skill.11111111-1111-1111-1111-111111111111' },
      });
      // Act + Assess
      await expect(shop.handler(envelope)).rejects.toThrow('request is not for this skill');
    });

    it.each([null, 42, 'text', {}, { context: {} }])('refuses %p', async (event) => {
      await expect(shop.handler(event)).rejects.toThrow('request is not for this skill');
    });
  });
});
