import { toCustomerKey } from '../../src/billing/buildAgreement';
import { intentRequest, launchRequest } from '../../src/local/requestEnvelopes';
import { aSetupResponse } from '../fixtures/requests';
import { startShop, type TestShop } from '../support/shop';

const NOW = '2026-12-03T10:00:00.000Z';
const clock = (): Date => new Date(NOW);

/** Launch, "buy the coffee subscription": the summary and the session to say yes in. */
async function askForTheSubscription(
  shop: TestShop,
  userId?: string,
): Promise<{ summary: Awaited<ReturnType<TestShop['send']>>; orderId: string }> {
  const who = userId === undefined ? {} : { userId };
  const launched = await shop.send(launchRequest(), who);
  const summary = await shop.send(
    intentRequest('BuyIntent', { product: 'the coffee subscription' }),
    { ...who, attributes: launched.attributes ?? {} },
  );
  const orderId = summary.attributes?.['pendingOrderId'];
  if (typeof orderId !== 'string') throw new Error(`no order: ${summary.speech ?? ''}`);
  return { summary, orderId };
}

async function subscribeUntilSetup(
  shop: TestShop,
  userId?: string,
): Promise<{ setup: Record<string, unknown>; orderId: string }> {
  const { summary, orderId } = await askForTheSubscription(shop, userId);
  const confirmed = await shop.send(intentRequest('AMAZON.YesIntent'), {
    ...(userId === undefined ? {} : { userId }),
    attributes: summary.attributes ?? {},
  });
  const setup = confirmed.directives[0];
  if (setup === undefined) throw new Error('no Setup directive');
  return { setup, orderId };
}

describe('a subscription bought by voice through the Lambda handler', () => {
  let shop: TestShop;

  beforeAll(async () => {
    shop = await startShop({ clock });
  });

  afterAll(async () => {
    await shop.close();
  });

  it('says what the shopper agrees to, and asks for a merchant-initiated agreement', async () => {
    // Act
    const { summary, orderId } = await askForTheSubscription(shop, 'amzn1.ask.account.SUB1');
    const confirmed = await shop.send(intentRequest('AMAZON.YesIntent'), {
      userId: 'amzn1.ask.account.SUB1',
      attributes: summary.attributes ?? {},
    });

    // Assess: the amount of each period, the period, and that nothing is charged now
    expect(summary.speech).toContain('one coffee subscription for $13.99');
    expect(summary.speech).toContain('Amazon Pay will charge you $18.98 every month');
    expect(summary.speech).toContain('Nothing is charged right now');
    expect(summary.speech).toContain('Shall I set up the subscription?');
    expect(summary.reprompt).toContain('$18.98 every month');
    expect(confirmed.directives).toHaveLength(1);
    expect(confirmed.directives[0]).toMatchObject({
      name: 'Setup',
      token: orderId,
      payload: {
        billingAgreementAttributes: {
          billingAgreementType: 'MerchantInitiatedTransaction',
          subscriptionAmount: {
            '@type': 'Price',
            '@version': '2',
            amount: '18.98',
            currencyCode: 'USD',
          },
          sellerNote: expect.stringContaining('18.98 USD every month') as unknown,
        },
      },
    });
  });

  it('stores the agreement, sends no Charge and confirms what was agreed', async () => {
    // Prepare
    const { setup, orderId } = await subscribeUntilSetup(shop, 'amzn1.ask.account.SUB2');

    // Act
    const { reply, answer } = await shop.deliver(setup, {}, 'amzn1.ask.account.SUB2');

    // Assess: no Charge, the confirmation and its card
    expect(reply.directives).toEqual([]);
    expect(reply.ended).toBe(true);
    expect(reply.speech).toContain('Your subscription from Blue Kettle Coffee is set up');
    expect(reply.speech).toContain('$18.98 every month');
    expect(reply.speech).toContain('Amazon Pay will charge it every month');
    expect(reply.card).toMatchObject({
      type: 'Simple',
      title: expect.stringContaining('Subscription') as unknown,
    });
    expect(String(reply.card?.['content'])).toContain(`Order number: ${orderId}`);
    expect(shop.simulator.authorizationCount()).toBe(0);
    // Assess: the order is subscribed, the agreement due now for the billing job
    const order = await shop.orders.store.get(orderId);
    expect(order?.status).toBe('subscribed');
    const billingAgreementId = order?.billingAgreementId ?? '';
    expect(billingAgreementId).toBe(
      (answer['payload'] as { billingAgreementDetails: { billingAgreementId: string } })
        .billingAgreementDetails.billingAgreementId,
    );
    const agreement = await shop.agreements.getAgreement(billingAgreementId);
    expect(agreement).toMatchObject({
      kind: 'subscription',
      customerKey: toCustomerKey({ buyerId: order?.buyerId, userId: 'amzn1.ask.account.SUB2' }),
      productId: 'coffee-subscription',
      currency: 'USD',
      amountMinor: 1898,
      period: 'P1M',
      firstChargeAt: NOW,
      nextChargeAt: NOW,
      state: 'active',
    });
    expect(order?.buyerId).toBeDefined();
    expect(agreement?.customerKey.startsWith('buyer:')).toBe(true);
    const due = await shop.agreements.listDueAgreements(NOW, 10);
    expect(due.map((a) => a.billingAgreementId)).toContain(billingAgreementId);
  });

  it('stores the agreement once when the Setup answer is delivered twice, and concurrently', async () => {
    // Prepare
    const userId = 'amzn1.ask.account.SUB3';
    const { setup, orderId } = await subscribeUntilSetup(shop, userId);
    const answer = { ...shop.simulator.answer(setup) } as Record<string, unknown>;

    // Act
    const concurrent = await Promise.all([
      shop.send(answer, { userId }),
      shop.send(answer, { userId }),
      shop.send(answer, { userId }),
    ]);
    const again = await shop.send(answer, { userId });

    // Assess: every delivery hears the confirmation; one agreement, no Charge
    for (const reply of [...concurrent, again]) {
      expect(reply.directives).toEqual([]);
      expect(reply.speech).toContain('is set up');
    }
    const order = await shop.orders.store.get(orderId);
    expect(order?.status).toBe('subscribed');
    expect(order?.history.map((h) => h.status)).toEqual([
      'awaiting-confirmation',
      'setup-pending',
      'subscribed',
    ]);
    const customerKey = toCustomerKey({ buyerId: order?.buyerId, userId });
    const agreements = await shop.agreements.agreementsOfCustomer(customerKey);
    expect(agreements.map((a) => a.billingAgreementId)).toEqual([order?.billingAgreementId]);
    expect(shop.simulator.authorizationCount()).toBe(0);
  });

  it.each<[string, Parameters<typeof aSetupResponse>[1], string]>([
    [
      'an address in another zone than the order was priced for',
      { destination: { countryCode: 'US', stateOrRegion: 'NY' } },
      'failed',
    ],
    ['a suspended agreement', { status: 'SUSPENDED' }, 'failed'],
    ['no shipping address', { noDestination: true }, 'failed'],
  ])('stores no agreement for a Setup answer with %s', async (label, answer, status) => {
    // Prepare
    const userId = `amzn1.ask.account.SUBX-${label.replace(/\W/g, '')}`;
    const { orderId } = await subscribeUntilSetup(shop, userId);

    // Act
    const reply = await shop.send(aSetupResponse(orderId, answer), { userId });

    // Assess
    expect(reply.directives).toEqual([]);
    expect(reply.speech).not.toContain('is set up');
    const order = await shop.orders.store.get(orderId);
    expect(order?.status).toBe(status);
    const customerKey = toCustomerKey({ buyerId: order?.buyerId, userId });
    expect(await shop.agreements.agreementsOfCustomer(customerKey)).toEqual([]);
  });

  it('greets a returning subscriber with the active subscription', async () => {
    // Prepare
    const userId = 'amzn1.ask.account.SUB4';
    const { setup } = await subscribeUntilSetup(shop, userId);
    await shop.deliver(setup, {}, userId);

    // Act
    const launched = await shop.send(launchRequest(), { userId });

    // Assess
    expect(launched.speech).toContain('Your subscription, one coffee subscription for $13.99');
    expect(launched.speech).toContain('Amazon Pay charges it every month');
  });
});

describe('a subscription whose payment authentication fails at Setup', () => {
  let shop: TestShop;

  beforeAll(async () => {
    shop = await startShop({ clock, env: { SANDBOX_SIMULATION: 'AuthenticationFailure' } });
  });

  afterAll(async () => {
    await shop.close();
  });

  it('leaves no agreement and charges nothing', async () => {
    // Prepare
    const userId = 'amzn1.ask.account.SCA1';
    const { setup, orderId } = await subscribeUntilSetup(shop, userId);

    // Act
    const { reply, answer } = await shop.deliver(setup, {}, userId);

    // Assess: Amazon Pay refused the agreement; none is stored, no Charge, the order failed
    expect(answer['status']).toMatchObject({ message: 'PaymentAuthenticationFailed' });
    expect(reply.directives).toEqual([]);
    expect(reply.speech).not.toContain('is set up');
    const order = await shop.orders.store.get(orderId);
    expect(order?.status).toBe('failed');
    expect(order?.billingAgreementId).toBeUndefined();
    const customerKey = toCustomerKey({ buyerId: order?.buyerId, userId });
    expect(await shop.agreements.agreementsOfCustomer(customerKey)).toEqual([]);
    expect(await shop.agreements.listDueAgreements(NOW, 10)).toEqual([]);
    expect(shop.simulator.authorizationCount()).toBe(0);
  });
});
