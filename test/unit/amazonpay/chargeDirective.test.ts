import type { interfaces } from 'ask-sdk-model';
import { buildChargeDirective } from '../../../src/amazonpay/chargeDirective';
import { aChargeParams, ORDER_ID, rejectedField, SELLER_ID, text } from './factories';

type PaymentAction = interfaces.amazonpay.model.request.PaymentAction;

/** Every object nested in a value (the value itself included if it is one). */
function objectsIn(value: unknown): ReadonlyArray<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null) return [];
  const children = Object.values(value).flatMap(objectsIn);
  return Array.isArray(value) ? children : [value as Record<string, unknown>, ...children];
}

describe('chargeDirective', () => {
  describe('buildChargeDirective', () => {
    it('builds the exact wire shape of a Charge with every optional text', () => {
      // Act
      const directive = buildChargeDirective(
        aChargeParams({
          sellerAuthorizationNote: 'Thank you for your order',
          softDescriptor: 'FakeCoffee',
          sellerOrderId: ORDER_ID,
          storeName: 'Fake Coffee Shop',
          sellerNote: '2 x House Blend Coffee, 340 g',
          customInformation: 'voice order',
        }),
      );

      // Assess
      expect(directive).toStrictEqual({
        type: 'Connections.SendRequest',
        name: 'Charge',
        token: ORDER_ID,
        payload: {
          '@type': 'ChargeAmazonPayRequest',
          '@version': '2',
          sellerId: SELLER_ID,
          billingAgreementId: 'B02-1234567-1234567',
          paymentAction: 'AuthorizeAndCapture',
          authorizeAttributes: {
            '@type': 'AuthorizeAttributes',
            '@version': '2',
            authorizationReferenceId: `${ORDER_ID}-1`,
            authorizationAmount: {
              '@type': 'Price',
              '@version': '2',
              amount: '34.97',
              currencyCode: 'USD',
            },
            transactionTimeout: 0,
            sellerAuthorizationNote: 'Thank you for your order',
            softDescriptor: 'FakeCoffee',
          },
          sellerOrderAttributes: {
            '@type': 'SellerOrderAttributes',
            '@version': '2',
            sellerOrderId: ORDER_ID,
            storeName: 'Fake Coffee Shop',
            sellerNote: '2 x House Blend Coffee, 340 g',
            customInformation: 'voice order',
          },
        },
      });
    });

    it('builds the exact wire shape of a yen Charge without optional texts', () => {
      // Act
      const directive = buildChargeDirective(
        aChargeParams({ amount: { amountMinor: 5480, currency: 'JPY' }, ledgerCurrency: 'JPY' }),
      );

      // Assess
      expect(directive).toStrictEqual({
        type: 'Connections.SendRequest',
        name: 'Charge',
        token: ORDER_ID,
        payload: {
          '@type': 'ChargeAmazonPayRequest',
          '@version': '2',
          sellerId: SELLER_ID,
          billingAgreementId: 'B02-1234567-1234567',
          paymentAction: 'AuthorizeAndCapture',
          authorizeAttributes: {
            '@type': 'AuthorizeAttributes',
            '@version': '2',
            authorizationReferenceId: `${ORDER_ID}-1`,
            authorizationAmount: {
              '@type': 'Price',
              '@version': '2',
              amount: '5480',
              currencyCode: 'JPY',
            },
            transactionTimeout: 0,
          },
        },
      });
    });

    it('puts @type and @version "2" on every entity of the payload', () => {
      // Act
      const { payload } = buildChargeDirective(
        aChargeParams({ sellerOrderId: ORDER_ID, softDescriptor: 'FakeCoffee' }),
      );
      const entities = objectsIn(payload);

      // Assess
      expect(entities.map((entity) => entity['@type'])).toEqual([
        'ChargeAmazonPayRequest',
        'AuthorizeAttributes',
        'Price',
        'SellerOrderAttributes',
      ]);
      for (const entity of entities) expect(entity['@version']).toBe('2');
    });

    it.each<PaymentAction>(['AuthorizeAndCapture', 'Authorize'])(
      'sends the mixed-case payment action %s unchanged',
      (paymentAction) => {
        const { payload } = buildChargeDirective(aChargeParams({ paymentAction }));

        expect(payload.paymentAction).toBe(paymentAction);
      },
    );

    it('omits sellerOrderAttributes when none of its fields are given', () => {
      const { payload } = buildChargeDirective(aChargeParams());

      expect(Object.keys(payload)).not.toContain('sellerOrderAttributes');
      expect(Object.keys(payload.authorizeAttributes)).not.toContain('sellerAuthorizationNote');
      expect(Object.keys(payload.authorizeAttributes)).not.toContain('softDescriptor');
    });

    it.each([
      ['sellerOrderId', { sellerOrderId: ORDER_ID }],
      ['storeName', { storeName: 'Fake Coffee Shop' }],
      ['sellerNote', { sellerNote: '1 x Pour-Over Starter Kit' }],
      ['customInformation', { customInformation: 'voice order' }],
    ])('sends sellerOrderAttributes with only %s', (_field, overrides) => {
      const { payload } = buildChargeDirective(aChargeParams(overrides));

      expect(payload.sellerOrderAttributes).toStrictEqual({
        '@type': 'SellerOrderAttributes',
        '@version': '2',
        ...overrides,
      });
    });

    it.each([
      ['1 cent', { amountMinor: 1, currency: 'USD' }, 'USD', '0.01'],
      ['150000.00 USD', { amountMinor: 150_000_00, currency: 'USD' }, 'USD', '150000.00'],
      ['150000.00 GBP', { amountMinor: 150_000_00, currency: 'GBP' }, 'GBP', '150000.00'],
      ['150000.00 EUR', { amountMinor: 150_000_00, currency: 'EUR' }, 'EUR', '150000.00'],
      ['10,000,000 JPY', { amountMinor: 10_000_000, currency: 'JPY' }, 'JPY', '10000000'],
    ])('accepts %s', (_name, amount, ledgerCurrency, wire) => {
      const { payload } = buildChargeDirective(aChargeParams({ amount, ledgerCurrency }));

      expect(payload.authorizeAttributes.authorizationAmount.amount).toBe(wire);
    });

    it.each([
      ['an authorizationReferenceId of 32 characters', { authorizationReferenceId: text(32, 'A') }],
      ['an authorizationReferenceId of - and _', { authorizationReferenceId: 'a-b_C-9' }],
      ['a sellerAuthorizationNote of 255 characters', { sellerAuthorizationNote: text(255) }],
      ['a softDescriptor of 16 characters', { softDescriptor: text(16) }],
      ['a sellerOrderId of 32 characters', { sellerOrderId: text(32, 'A') }],
      ['a storeName of 50 characters', { storeName: text(50) }],
      ['a sellerNote of 1024 characters', { sellerNote: text(1024) }],
      ['customInformation of 1024 characters', { customInformation: text(1024) }],
    ])('accepts %s', (_name, overrides) => {
      expect(rejectedField(() => buildChargeDirective(aChargeParams(overrides)))).toBeUndefined();
    });

    it('applies a configured lower yen maximum', () => {
      // Prepare
      const yen = (amountMinor: number) =>
        aChargeParams({
          amount: { amountMinor, currency: 'JPY' },
          ledgerCurrency: 'JPY',
          maxAmountMinor: { JPY: 50_000 },
        });

      // Act
      const atMax = rejectedField(() => buildChargeDirective(yen(50_000)));
      const aboveMax = rejectedField(() => buildChargeDirective(yen(50_001)));

      // Assess
      expect(atMax).toBeUndefined();
      expect(aboveMax).toBe('authorizationAmount');
    });

    it('keeps the default maximum of a currency that the configured maxima leave out', () => {
      const field = rejectedField(() =>
        buildChargeDirective(
          aChargeParams({
            amount: { amountMinor: 150_000_01, currency: 'USD' },
            maxAmountMinor: { JPY: 50_000 },
          }),
        ),
      );

      expect(field).toBe('authorizationAmount');
    });

    it.each([
      ['an empty token', { token: '' }, 'token'],
      ['an empty sellerId', { sellerId: '' }, 'sellerId'],
      ['a blank billingAgreementId', { billingAgreementId: ' ' }, 'billingAgreementId'],
      [
        'an authorizationReferenceId of 33 characters',
        { authorizationReferenceId: text(33, 'A') },
        'authorizationReferenceId',
      ],
      [
        'an authorizationReferenceId with a dot',
        { authorizationReferenceId: `${ORDER_ID}.1` },
        'authorizationReferenceId',
      ],
      [
        'an authorizationReferenceId with a space',
        { authorizationReferenceId: `${ORDER_ID} 1` },
        'authorizationReferenceId',
      ],
      [
        'an empty authorizationReferenceId',
        { authorizationReferenceId: '' },
        'authorizationReferenceId',
      ],
      ['an amount of 0', { amount: { amountMinor: 0, currency: 'USD' } }, 'authorizationAmount'],
      [
        'a negative amount',
        { amount: { amountMinor: -1, currency: 'USD' } },
        'authorizationAmount',
      ],
      [
        'fractional minor units',
        { amount: { amountMinor: 3497.5, currency: 'USD' } },
        'authorizationAmount',
      ],
      [
        'a NaN amount',
        { amount: { amountMinor: Number.NaN, currency: 'USD' } },
        'authorizationAmount',
      ],
      [
        'an amount above 150000.00 USD',
        { amount: { amountMinor: 150_000_01, currency: 'USD' } },
        'authorizationAmount',
      ],
      [
        'a yen amount above 10,000,000 by default',
        { amount: { amountMinor: 10_000_001, currency: 'JPY' }, ledgerCurrency: 'JPY' },
        'authorizationAmount',
      ],
      [
        'a currency other than the ledger currency',
        { amount: { amountMinor: 3497, currency: 'EUR' } },
        'currencyCode',
      ],
      [
        'a ledger currency Amazon Pay does not support',
        { amount: { amountMinor: 3497, currency: 'CHF' }, ledgerCurrency: 'CHF' },
        'currencyCode',
      ],
      [
        'the upper-case AUTHORIZEANDCAPTURE',
        { paymentAction: 'AUTHORIZEANDCAPTURE' as PaymentAction },
        'paymentAction',
      ],
      [
        'the upper-case AUTHORIZE',
        { paymentAction: 'AUTHORIZE' as PaymentAction },
        'paymentAction',
      ],
      ['Capture', { paymentAction: 'Capture' as PaymentAction }, 'paymentAction'],
      [
        'a sellerAuthorizationNote of 256 characters',
        { sellerAuthorizationNote: text(256) },
        'sellerAuthorizationNote',
      ],
      ['a softDescriptor of 17 characters', { softDescriptor: text(17) }, 'softDescriptor'],
      ['a sellerOrderId of 33 characters', { sellerOrderId: text(33, 'A') }, 'sellerOrderId'],
      ['a sellerOrderId with a slash', { sellerOrderId: 'ORDER/1' }, 'sellerOrderId'],
      ['a storeName of 51 characters', { storeName: text(51) }, 'storeName'],
      ['a sellerNote of 1025 characters', { sellerNote: text(1025) }, 'sellerNote'],
      [
        'customInformation of 1025 characters',
        { customInformation: text(1025) },
        'customInformation',
      ],
    ])('rejects %s', (_name, overrides, field) => {
      expect(rejectedField(() => buildChargeDirective(aChargeParams(overrides)))).toBe(field);
    });
  });
});
