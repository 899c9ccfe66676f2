import { parseCatalog } from '../../../src/checkout/Catalog';
import type { ShopperFacts } from '../../../src/checkout/AddressLookup';
import { CheckoutService, type MerchantSettings } from '../../../src/checkout/CheckoutService';
import catalogDocument from '../../../src/checkout/catalog.json';
import { loadDemoCatalog } from '../../../src/checkout/demoCatalog';
import { aChargeResponse, anErrorResponse, aSetupResponse } from '../../fixtures/requests';
import { startTestOrderStore, type TestOrderStore } from '../../support/dynalite';
import { RecordingLogger } from '../../support/shop';
import { DynamoDbAgreementStore } from '../../../src/store/DynamoDbAgreementStore';

const USER = 'amzn1.ask.account.UNIT-1';
const OTHER = 'amzn1.ask.account.UNIT-2';
const T0 = new Date('2026-12-03T10:00:00.000Z');

const MERCHANT: MerchantSettings = {
  sellerId: 'A1EXAMPLESELLER',
  storeName: 'Blue Kettle Coffee',
  countryOfEstablishment: 'US',
  ledgerCurrency: 'USD',
  sandbox: { customerEmail: 'sandbox-buyer@example.com' },
  maxAmountMinor: { USD: 15000000, EUR: 15000000, GBP: 15000000, JPY: 10000000 },
};

describe('CheckoutService', () => {
  let orders: TestOrderStore;
  let now: Date;
  let next = 0;
  let logger: RecordingLogger;

  const service = (overrides: Partial<ConstructorParameters<typeof CheckoutService>[0]> = {}) =>
    new CheckoutService({
      store: orders.store,
      catalog: loadDemoCatalog(),
      merchant: MERCHANT,
      clock: () => now,
      newOrderId: () => {
        next += 1;
        return `unitorder${String(next).padStart(4, '0')}`;
      },
      logger,
      ...overrides,
    });

  const start = (checkout: CheckoutService, quantity = '2', userId = USER) =>
    checkout.startOrder({
      userId,
      locale: 'en-US',
      consent: 'granted',
      product: { phrase: 'coffee' },
      quantity,
    });

  beforeAll(async () => {
    orders = await startTestOrderStore();
  });

  afterAll(async () => {
    await orders.close();
  });

  beforeEach(() => {
    now = T0;
    logger = new RecordingLogger();
  });

  describe('startOrder', () => {
    it('creates an order awaiting confirmation with exact totals in minor units', async () => {
      // Act
      const outcome = await start(service());
      // Assess
      expect(outcome.kind).toBe('created');
      if (outcome.kind !== 'created') return;
      expect(outcome.order).toMatchObject({
        status: 'awaiting-confirmation',
        currency: 'USD',
        lines: [{ productId: 'house-blend', quantity: 2, unitPriceMinor: 1499 }],
        subtotalMinor: 2998,
        shippingMinor: 499,
        taxMinor: 0,
        totalMinor: 3497,
        attempt: 0,
        version: 1,
        createdAt: '2026-12-03T10:00:00.000Z',
        expiresAt: '2026-12-03T10:15:00.000Z',
        history: [{ status: 'awaiting-confirmation', at: '2026-12-03T10:00:00.000Z' }],
      });
      expect(await orders.store.get(outcome.order.orderId)).toEqual(outcome.order);
    });

    it('prices in the merchant ledger currency (JPY without decimals)', async () => {
      // Act
      const outcome = await start(
        service({ merchant: { ...MERCHANT, countryOfEstablishment: 'JP', ledgerCurrency: 'JPY' } }),
        '3',
      );
      // Assess
      expect(outcome.kind === 'created' && outcome.order.totalMinor).toBe(3 * 1980 + 600);
    });

    it('rounds tax half up in integer minor units', async () => {
      // Prepare: 7.5% of 29.98 is 2.2485, which rounds to 2.25
      const catalog = parseCatalog({ ...catalogDocument, taxRateBasisPoints: 750 });
      // Act
      const outcome = await start(service({ catalog }));
      // Assess
      expect(outcome.kind === 'created' && outcome.order.taxMinor).toBe(225);
      expect(outcome.kind === 'created' && outcome.order.totalMinor).toBe(2998 + 499 + 225);
    });

    it('refuses a total above the maximum charge', async () => {
      // Act
      const outcome = await start(
        service({
          merchant: { ...MERCHANT, maxAmountMinor: { ...MERCHANT.maxAmountMinor, USD: 1000 } },
        }),
      );
      // Assess
      expect(outcome).toEqual({ kind: 'overChargeLimit', maxChargeMinor: 1000, currency: 'USD' });
    });

    it('asks for the permission before anything else', async () => {
      // Act
      const outcome = await service().startOrder({
        userId: USER,
        locale: 'en-US',
        consent: 'denied',
        product: { phrase: 'no such thing' },
        quantity: '-1',
      });
      // Assess
      expect(outcome).toEqual({ kind: 'permissionRequired', consent: 'denied' });
    });

    it('logs no user id', async () => {
      // Act
      await start(service());
      // Assess
      expect(JSON.stringify(logger.lines)).not.toContain(USER);
    });
  });

  describe('startOrder with the Buyer APIs', () => {
    const withShopper =
      (facts: ShopperFacts) =>
      (checkout: CheckoutService, quantity = '2', userId = USER) => {
        const asked = { count: 0 };
        const outcome = checkout.startOrder({
          userId,
          locale: 'en-US',
          consent: 'granted',
          product: { phrase: 'coffee' },
          quantity,
          lookUpShopper: () => {
            asked.count += 1;
            return Promise.resolve(facts);
          },
        });
        return { outcome, asked };
      };
    const at = (countryCode: string, stateOrRegion?: string): ShopperFacts => ({
      buyerId: 'amzn1.account.BUYER1',
      address: {
        kind: 'found',
        destination: { countryCode, ...(stateOrRegion !== undefined && { stateOrRegion }) },
      },
    });

    it.each<[string, ShopperFacts, Record<string, unknown>]>([
      [
        'a state with sales tax',
        at('US', 'WA'),
        {
          shippingMinor: 499,
          taxMinor: 195,
          totalMinor: 2998 + 499 + 195,
          delivery: { kind: 'address', country: 'US', region: 'WA' },
        },
      ],
      [
        'a state without a configured tax',
        at('US', 'OR'),
        {
          shippingMinor: 499,
          taxMinor: 0,
          totalMinor: 3497,
          delivery: { kind: 'address', country: 'US', region: 'OR' },
        },
      ],
      [
        'an address without a country (the flat rate)',
        { address: { kind: 'found', destination: { stateOrRegion: 'WA' } } },
        { shippingMinor: 499, taxMinor: 0, delivery: { kind: 'flat' } },
      ],
      [
        'an address that could not be had (the flat rate)',
        { address: { kind: 'unavailable', reason: 'timeout' } },
        { shippingMinor: 499, taxMinor: 0, delivery: { kind: 'flat' } },
      ],
    ])('prices delivery to %s', async (_name, facts, expected) => {
      // Act
      const { outcome } = withShopper(facts)(service());
      const result = await outcome;
      // Assess
      expect(result.kind).toBe('created');
      if (result.kind !== 'created') return;
      expect(result.order).toMatchObject(expected);
      expect(await orders.store.get(result.order.orderId)).toEqual(result.order);
    });

    it('keeps the buyer id on the order, so the buyer finds it under any user id', async () => {
      // Act
      const result = await withShopper(at('US', 'NY'))(service()).outcome;
      // Assess
      expect(result.kind === 'created' && result.order.buyerId).toBe('amzn1.account.BUYER1');
      expect(JSON.stringify(logger.lines)).not.toContain('BUYER1');
    });

    it.each<[string, ShopperFacts, string]>([
      ['a country without a zone', at('CA', 'ON'), 'country'],
      ['a region outside the zone', at('US', 'PR'), 'region'],
    ])('takes no order for %s', async (_name, facts, reason) => {
      // Prepare
      const checkout = service();
      const before = next;
      // Act
      const result = await withShopper(facts)(checkout).outcome;
      // Assess
      expect(result).toEqual({ kind: 'undeliverable', reason });
      expect(next).toBe(before);
    });

    it('stops without an address when the policy says so, and says why', async () => {
      // Act
      const result = await withShopper({ address: { kind: 'unavailable', reason: 'throttled' } })(
        service({ merchant: { ...MERCHANT, addressUnavailablePolicy: 'stop' } }),
      ).outcome;
      // Assess
      expect(result).toEqual({ kind: 'addressUnavailable', reason: 'throttled' });
      expect(logger.lines).toContainEqual(
        expect.objectContaining({ level: 'warn', fields: { reason: 'throttled' } }),
      );
    });

    it('asks the Buyer APIs only for a valid product and quantity', async () => {
      // Act
      const { outcome, asked } = withShopper(at('US', 'WA'))(service(), 'lots');
      // Assess
      expect((await outcome).kind).toBe('invalidQuantity');
      expect(asked.count).toBe(0);
    });

    it('prices a reorder for the same zone as the failed order', async () => {
      // Prepare: an order to WA whose Setup failed (authentication), which is retried as a new order
      const checkout = service();
      const first = await withShopper(at('US', 'WA'))(checkout).outcome;
      if (first.kind !== 'created') throw new Error('no order');
      await checkout.confirmOrder({ userId: USER, orderId: first.order.orderId, locale: 'en-US' });
      await checkout.takeSetupResult({
        userId: USER,
        connectionsResponse: anErrorResponse(
          'Setup',
          first.order.orderId,
          'PaymentAuthenticationFailed',
        ),
      });
      // Act
      const retried = await checkout.retryOrder({
        userId: USER,
        orderId: first.order.orderId,
        locale: 'en-US',
      });
      // Assess
      expect(retried.kind).toBe('reordered');
      if (retried.kind !== 'reordered') return;
      expect(retried.order).toMatchObject({
        taxMinor: first.order.taxMinor,
        totalMinor: first.order.totalMinor,
        delivery: { kind: 'address', country: 'US', region: 'WA' },
        buyerId: 'amzn1.account.BUYER1',
      });
    });
  });

  describe("the Setup answer's shipping address", () => {
    const pricedFor = async (checkout: CheckoutService, facts: ShopperFacts) => {
      const created = await checkout.startOrder({
        userId: USER,
        locale: 'en-US',
        consent: 'granted',
        product: { phrase: 'coffee' },
        quantity: '1',
        lookUpShopper: () => Promise.resolve(facts),
      });
      if (created.kind !== 'created') throw new Error('no order');
      await checkout.confirmOrder({
        userId: USER,
        orderId: created.order.orderId,
        locale: 'en-US',
      });
      return created.order;
    };
    const WA: ShopperFacts = {
      address: { kind: 'found', destination: { countryCode: 'US', stateOrRegion: 'WA' } },
    };
    const UNKNOWN: ShopperFacts = { address: { kind: 'unavailable', reason: 'timeout' } };

    it.each<[string, ShopperFacts, Record<string, string>, string, string]>([
      [
        'the zone the order was priced for',
        WA,
        { stateOrRegion: 'wa' },
        'charge',
        'charge-pending',
      ],
      [
        'any deliverable zone for a flat-priced order',
        UNKNOWN,
        { stateOrRegion: 'NY' },
        'charge',
        'charge-pending',
      ],
      [
        'another zone than the order was priced for',
        WA,
        { stateOrRegion: 'NY' },
        'Setup:agreement:AddressChanged',
        'failed',
      ],
      [
        'a country the shop does not deliver to',
        UNKNOWN,
        { countryCode: 'CA', stateOrRegion: 'ON' },
        'Setup:agreement:UndeliverableAddress',
        'failed',
      ],
      [
        'a region the shop does not deliver to',
        WA,
        { stateOrRegion: 'PR' },
        'Setup:agreement:UndeliverableAddress',
        'failed',
      ],
      [
        'an address without a country',
        UNKNOWN,
        { countryCode: '' },
        'Setup:agreement:NoShippingAddress',
        'failed',
      ],
    ])('takes %s', async (_name, facts, destination, expected, status) => {
      // Prepare
      const checkout = service();
      const order = await pricedFor(checkout, facts);
      // Act
      const outcome = await checkout.takeSetupResult({
        userId: USER,
        connectionsResponse: aSetupResponse(order.orderId, { destination }),
      });
      // Assess
      expect(
        outcome.kind === 'charge' ? 'charge' : outcome.kind === 'answered' && outcome.row.id,
      ).toBe(expected);
      expect((await orders.store.get(order.orderId))?.status).toBe(status);
    });
  });

  describe('welcomeBack with a buyer id', () => {
    it('tells a buyer the status of their last order placed under another user id', async () => {
      // Prepare: the buyer placed and paid an order as OTHER (before the skill was enabled again)
      const checkout = service();
      const placed = await checkout.startOrder({
        userId: OTHER,
        locale: 'en-US',
        consent: 'granted',
        product: { phrase: 'coffee' },
        quantity: '1',
        lookUpShopper: () =>
          Promise.resolve({
            buyerId: 'amzn1.account.RETURNING',
            address: { kind: 'found', destination: { countryCode: 'US', stateOrRegion: 'OR' } },
          }),
      });
      if (placed.kind !== 'created') throw new Error('no order');
      await checkout.confirmOrder({
        userId: OTHER,
        orderId: placed.order.orderId,
        locale: 'en-US',
      });
      await checkout.takeSetupResult({
        userId: OTHER,
        connectionsResponse: aSetupResponse(placed.order.orderId),
      });
      await checkout.takeChargeResult({
        userId: OTHER,
        connectionsResponse: aChargeResponse(placed.order.orderId, {
          amount: (placed.order.totalMinor / 100).toFixed(2),
        }),
      });
      // Act
      const known = await checkout.welcomeBack({
        userId: USER,
        buyerId: 'amzn1.account.RETURNING',
      });
      const unknown = await checkout.welcomeBack({
        userId: 'amzn1.ask.account.NEW',
        buyerId: 'amzn1.account.NONE',
      });
      // Assess
      expect(known.kind).toBe('settled');
      expect(known.kind === 'settled' && known.order.orderId).toBe(placed.order.orderId);
      expect(known.kind === 'settled' && known.order.status).toBe('paid');
      expect(unknown).toEqual({ kind: 'none' });
    });
  });

  describe('confirmOrder', () => {
    it('returns the Setup directive and moves the order to setup-pending', async () => {
      // Prepare
      const checkout = service();
      const started = await start(checkout);
      if (started.kind !== 'created') throw new Error('not created');
      // Act
      const outcome = await checkout.confirmOrder({
        userId: USER,
        orderId: started.order.orderId,
        locale: 'en-US',
      });
      // Assess
      expect(outcome.kind).toBe('setup');
      expect((await orders.store.get(started.order.orderId))?.status).toBe('setup-pending');
    });

    it('gives the same Setup again for a repeated yes', async () => {
      // Prepare
      const checkout = service();
      const started = await start(checkout);
      if (started.kind !== 'created') throw new Error('not created');
      const request = { userId: USER, orderId: started.order.orderId, locale: 'en-US' };
      const first = await checkout.confirmOrder(request);
      // Act
      const second = await checkout.confirmOrder(request);
      // Assess
      expect(second).toEqual(first);
    });

    it('cancels an expired order instead of sending Setup', async () => {
      // Prepare
      const checkout = service();
      const started = await start(checkout);
      if (started.kind !== 'created') throw new Error('not created');
      now = new Date(T0.getTime() + 16 * 60 * 1000);
      // Act
      const outcome = await checkout.confirmOrder({
        userId: USER,
        orderId: started.order.orderId,
        locale: 'en-US',
      });
      // Assess
      expect(outcome).toEqual({ kind: 'expired' });
      expect((await orders.store.get(started.order.orderId))?.status).toBe('cancelled');
    });

    it.each([
      ['an unknown id', 'unitorder9999', USER],
      ['an id of odd characters', '../x', USER],
    ])('finds nothing for %s', async (_, orderId, userId) => {
      expect(await service().confirmOrder({ userId, orderId, locale: 'en-US' })).toEqual({
        kind: 'notFound',
      });
    });

    it("finds nothing for another shopper's order and leaves it alone", async () => {
      // Prepare
      const checkout = service();
      const started = await start(checkout);
      if (started.kind !== 'created') throw new Error('not created');
      // Act
      const outcome = await checkout.confirmOrder({
        userId: OTHER,
        orderId: started.order.orderId,
        locale: 'en-US',
      });
      // Assess
      expect(outcome).toEqual({ kind: 'notFound' });
      expect((await orders.store.get(started.order.orderId))?.status).toBe('awaiting-confirmation');
    });

    it('reports an order that is past confirmation', async () => {
      // Prepare
      const checkout = service();
      const started = await start(checkout);
      if (started.kind !== 'created') throw new Error('not created');
      await checkout.cancelOrder({ userId: USER, orderId: started.order.orderId });
      // Act
      const outcome = await checkout.confirmOrder({
        userId: USER,
        orderId: started.order.orderId,
        locale: 'en-US',
      });
      // Assess
      expect(outcome.kind).toBe('notAwaiting');
    });
  });

  describe('cancelOrder', () => {
    it('cancels once and answers a repeat the same way', async () => {
      // Prepare
      const checkout = service();
      const started = await start(checkout);
      if (started.kind !== 'created') throw new Error('not created');
      const request = { userId: USER, orderId: started.order.orderId };
      // Act
      const first = await checkout.cancelOrder(request);
      const second = await checkout.cancelOrder(request);
      // Assess
      expect(first).toEqual({ kind: 'cancelled' });
      expect(second).toEqual({ kind: 'cancelled' });
      expect((await orders.store.get(request.orderId))?.history).toHaveLength(2);
    });

    it('does not cancel an order already sent to Amazon Pay', async () => {
      // Prepare
      const checkout = service();
      const started = await start(checkout);
      if (started.kind !== 'created') throw new Error('not created');
      const request = { userId: USER, orderId: started.order.orderId };
      await checkout.confirmOrder({ ...request, locale: 'en-US' });
      // Act
      const outcome = await checkout.cancelOrder(request);
      // Assess
      expect(outcome.kind).toBe('notAwaiting');
    });

    it.each([
      ['unitorder9998', USER],
      ['x y', USER],
    ])('finds nothing for %p', async (orderId, userId) => {
      expect(await service().cancelOrder({ userId, orderId })).toEqual({ kind: 'notFound' });
    });
  });

  describe('takeSetupResult', () => {
    const confirmed = async (checkout: CheckoutService): Promise<string> => {
      const started = await start(checkout);
      if (started.kind !== 'created') throw new Error('not created');
      await checkout.confirmOrder({
        userId: USER,
        orderId: started.order.orderId,
        locale: 'en-US',
      });
      return started.order.orderId;
    };

    it('answers the same Setup error twice the same way and fails the order once', async () => {
      // Prepare
      const checkout = service();
      const orderId = await confirmed(checkout);
      const response = anErrorResponse('Setup', orderId, 'InvalidSellerId');
      // Act
      const first = await checkout.takeSetupResult({ userId: USER, connectionsResponse: response });
      const second = await checkout.takeSetupResult({
        userId: USER,
        connectionsResponse: response,
      });
      // Assess
      expect(first.kind).toBe('answered');
      expect(second.kind).toBe('answered');
      const order = await orders.store.get(orderId);
      expect(order?.status).toBe('failed');
      expect(order?.lastOutcome).toEqual({
        operation: 'Setup',
        kind: 'Setup:error:InvalidSellerId',
        code: 'InvalidSellerId',
        statusCode: '400',
      });
      expect(order?.history).toHaveLength(3);
    });

    it('treats a different late error for a failed order as stale', async () => {
      // Prepare
      const checkout = service();
      const orderId = await confirmed(checkout);
      await checkout.takeSetupResult({
        userId: USER,
        connectionsResponse: anErrorResponse('Setup', orderId, 'InvalidSellerId'),
      });
      // Act
      const outcome = await checkout.takeSetupResult({
        userId: USER,
        connectionsResponse: anErrorResponse('Setup', orderId, 'RequestThrottled', '429'),
      });
      // Assess
      expect(outcome.kind).toBe('stale');
    });

    it("answers an error for another shopper's order as unknown", async () => {
      // Prepare
      const checkout = service();
      const orderId = await confirmed(checkout);
      // Act
      const outcome = await checkout.takeSetupResult({
        userId: OTHER,
        connectionsResponse: anErrorResponse('Setup', orderId, 'InvalidSellerId'),
      });
      // Assess
      expect(outcome).toEqual({ kind: 'unknownOrder' });
      expect((await orders.store.get(orderId))?.status).toBe('setup-pending');
    });

    it('treats a second agreement for an order already charging as stale', async () => {
      // Prepare
      const checkout = service();
      const orderId = await confirmed(checkout);
      await checkout.takeSetupResult({
        userId: USER,
        connectionsResponse: aSetupResponse(orderId, { billingAgreementId: 'B02-1' }),
      });
      // Act
      const outcome = await checkout.takeSetupResult({
        userId: USER,
        connectionsResponse: aSetupResponse(orderId, { billingAgreementId: 'B02-2' }),
      });
      // Assess
      expect(outcome.kind).toBe('stale');
      expect((await orders.store.get(orderId))?.billingAgreementId).toBe('B02-1');
    });

    it('fails the order, and sends no Charge, when the Charge would be invalid', async () => {
      // Prepare: the order was priced under a higher maximum than the one in force at Charge time
      const orderId = await confirmed(service());
      const stricter = service({
        merchant: { ...MERCHANT, maxAmountMinor: { ...MERCHANT.maxAmountMinor, USD: 100 } },
      });
      // Act
      const outcome = await stricter.takeSetupResult({
        userId: USER,
        connectionsResponse: aSetupResponse(orderId),
      });
      // Assess
      expect(outcome.kind).toBe('answered');
      const order = await orders.store.get(orderId);
      expect(order?.status).toBe('failed');
      expect(logger.lines.some((l) => l.message === 'charge directive invalid')).toBe(true);
    });
  });

  describe('takeChargeResult', () => {
    const charging = async (checkout: CheckoutService, userId = USER): Promise<string> => {
      const started = await start(checkout, '2', userId);
      if (started.kind !== 'created') throw new Error('not created');
      const orderId = started.order.orderId;
      await checkout.confirmOrder({ userId, orderId, locale: 'en-US' });
      await checkout.takeSetupResult({ userId, connectionsResponse: aSetupResponse(orderId) });
      return orderId;
    };

    it('records Amazon ids and the outcome with the paid status', async () => {
      // Prepare
      const checkout = service();
      const orderId = await charging(checkout);
      // Act
      const outcome = await checkout.takeChargeResult({
        userId: USER,
        connectionsResponse: aChargeResponse(orderId),
      });
      // Assess
      expect(outcome).toMatchObject({
        kind: 'answered',
        replay: false,
        row: { id: 'Charge:approved:MaxCapturesProcessed' },
      });
      expect(await orders.store.get(orderId)).toMatchObject({
        status: 'paid',
        amazonAuthorizationId: 'S02-0000000-0000001-A000001',
        amazonOrderReferenceId: 'S02-0000000-0000001',
        lastOutcome: {
          operation: 'Charge',
          kind: 'Charge:approved:MaxCapturesProcessed',
          statusCode: '200',
        },
      });
    });

    it('keeps the capture id and the captured amount of a paid order, for its refunds', async () => {
      // Prepare
      const checkout = service();
      const orderId = await charging(checkout);
      // Act
      await checkout.takeChargeResult({
        userId: USER,
        connectionsResponse: aChargeResponse(orderId, {
          idList: ['S02-0000000-0000001-C000001'],
        }),
      });
      // Assess
      expect(await orders.store.get(orderId)).toMatchObject({
        status: 'paid',
        amazonCaptureId: 'S02-0000000-0000001-C000001',
        captured: { amountMinor: 3497, currency: 'USD' },
      });
    });

    it('keeps no capture for a declined Charge', async () => {
      // Prepare
      const checkout = service();
      const orderId = await charging(checkout);
      // Act
      await checkout.takeChargeResult({
        userId: USER,
        connectionsResponse: aChargeResponse(orderId, {
          state: 'Declined',
          reasonCode: 'AmazonRejected',
          amount: '0.00',
          idList: ['S02-0000000-0000001-C000001'],
        }),
      });
      // Assess
      const order = await orders.store.get(orderId);
      expect(order?.status).toBe('declined');
      expect(order).not.toHaveProperty('amazonCaptureId');
      expect(order).not.toHaveProperty('captured');
    });

    it.each([
      [anErrorResponse('Charge', '', 'InvalidPaymentMethod'), 'declined'],
      [anErrorResponse('Charge', '', 'InternalServerError', '500'), 'charge-pending'],
      [anErrorResponse('Charge', '', 'NoSuchCodeAnywhere'), 'failed'],
      [anErrorResponse('Charge', '', 'CertificationTestTransaction'), 'certification-test'],
    ])('records the status an answer classifies to (%#)', async (template, status) => {
      // Prepare
      const checkout = service();
      const orderId = await charging(checkout);
      // Act
      await checkout.takeChargeResult({
        userId: USER,
        connectionsResponse: { ...template, token: `${orderId}-1` },
      });
      // Assess
      expect((await orders.store.get(orderId))?.status).toBe(status);
    });

    it("answers a Charge result for another shopper's order as unknown", async () => {
      // Prepare
      const checkout = service();
      const orderId = await charging(checkout);
      // Act
      const outcome = await checkout.takeChargeResult({
        userId: OTHER,
        connectionsResponse: aChargeResponse(orderId),
      });
      // Assess
      expect(outcome).toEqual({ kind: 'unknownOrder' });
      expect((await orders.store.get(orderId))?.status).toBe('charge-pending');
    });

    it('treats a decline arriving after the order was paid as stale', async () => {
      // Prepare
      const checkout = service();
      const orderId = await charging(checkout);
      await checkout.takeChargeResult({
        userId: USER,
        connectionsResponse: aChargeResponse(orderId),
      });
      // Act
      const outcome = await checkout.takeChargeResult({
        userId: USER,
        connectionsResponse: anErrorResponse('Charge', orderId, 'AmazonRejected'),
      });
      // Assess
      expect(outcome.kind).toBe('stale');
      expect((await orders.store.get(orderId))?.status).toBe('paid');
    });

    it('answers a token that cannot be an order id without reading the store', async () => {
      expect(
        await service().takeChargeResult({
          userId: USER,
          connectionsResponse: aChargeResponse('no/such order'),
        }),
      ).toEqual({ kind: 'unknownOrder' });
    });
  });

  describe('orders charged later', () => {
    const agreementStore = (): DynamoDbAgreementStore =>
      new DynamoDbAgreementStore({ client: orders.client, tableName: orders.tableName });
    const subscribe = (checkout: CheckoutService, userId: string) =>
      checkout.startOrder({
        userId,
        locale: 'en-US',
        consent: 'granted',
        product: { phrase: 'coffee subscription' },
        quantity: undefined,
      });

    it('does not sell a subscription without an agreement store', async () => {
      // Prepare
      const checkout = service();

      // Act
      const outcome = await subscribe(checkout, 'amzn1.ask.account.UNIT-SUB1');

      // Assess
      expect(outcome.kind).toBe('unknownProduct');
      expect(checkout.catalog.products.map((p) => p.id)).not.toContain('coffee-subscription');
    });

    it('sends no Charge and creates the agreement before the order becomes subscribed', async () => {
      // Prepare
      const agreements = agreementStore();
      const checkout = service({ agreements });
      const userId = 'amzn1.ask.account.UNIT-SUB2';
      const started = await subscribe(checkout, userId);
      if (started.kind !== 'created') throw new Error(started.kind);
      const confirmed = await checkout.confirmOrder({
        userId,
        orderId: started.order.orderId,
        locale: 'en-US',
      });

      // Act
      const result = await checkout.takeSetupResult({
        userId,
        connectionsResponse: aSetupResponse(started.order.orderId, {
          billingAgreementId: 'B02-1111111-2222222',
        }),
      });

      // Assess
      expect(confirmed).toMatchObject({
        kind: 'setup',
        directive: {
          payload: {
            billingAgreementAttributes: {
              billingAgreementType: 'MerchantInitiatedTransaction',
              subscriptionAmount: { amount: '18.98', currencyCode: 'USD' },
            },
          },
        },
      });
      expect(result).toMatchObject({
        kind: 'subscribed',
        replay: false,
        order: { status: 'subscribed', billingAgreementId: 'B02-1111111-2222222', attempt: 0 },
        agreement: { kind: 'subscription', amountMinor: 1898, firstChargeAt: T0.toISOString() },
      });
      expect(await agreements.getAgreement('B02-1111111-2222222')).toMatchObject({
        customerKey: `user:${userId}`,
        sellerNote: expect.stringContaining('18.98 USD every month') as unknown,
      });
    });

    it('refuses an agreement id that is stored for another customer', async () => {
      // Prepare
      const agreements = agreementStore();
      const checkout = service({ agreements });
      const orderIds: string[] = [];
      for (const userId of ['amzn1.ask.account.UNIT-SUB3', 'amzn1.ask.account.UNIT-SUB4']) {
        const started = await subscribe(checkout, userId);
        if (started.kind !== 'created') throw new Error(started.kind);
        await checkout.confirmOrder({ userId, orderId: started.order.orderId, locale: 'en-US' });
        orderIds.push(started.order.orderId);
      }
      await checkout.takeSetupResult({
        userId: 'amzn1.ask.account.UNIT-SUB3',
        connectionsResponse: aSetupResponse(orderIds[0], {
          billingAgreementId: 'B02-3333333-4444444',
        }),
      });

      // Act
      const second = checkout.takeSetupResult({
        userId: 'amzn1.ask.account.UNIT-SUB4',
        connectionsResponse: aSetupResponse(orderIds[1], {
          billingAgreementId: 'B02-3333333-4444444',
        }),
      });

      // Assess
      await expect(second).rejects.toThrow('stored for another order');
      expect((await orders.store.get(orderIds[1] ?? ''))?.status).toBe('setup-pending');
    });
  });
});
