import { MwsValidationError } from '../../../../src/amazonpay/mws/errors';
import {
  buildAuthorizeOnBillingAgreementParameters,
  buildCloseBillingAgreementParameters,
  buildGetAuthorizationDetailsParameters,
  buildGetBillingAgreementDetailsParameters,
  buildGetCaptureDetailsParameters,
  buildGetRefundDetailsParameters,
  buildRefundParameters,
  isMwsReferenceId,
} from '../../../../src/amazonpay/mws/requestParameters';
import type {
  AuthorizeOnBillingAgreementRequest,
  RefundRequest,
} from '../../../../src/amazonpay/mws/types';

const AUTHORIZE: AuthorizeOnBillingAgreementRequest = {
  amazonBillingAgreementId: 'C01-1234567-1234567',
  authorizationReferenceId: 'sub-42-2015-12',
  authorizationAmount: { amountMinor: 999, currency: 'USD' },
  captureNow: true,
};

const REFUND: RefundRequest = {
  amazonCaptureId: 'S01-1234567-1234567-C000001',
  refundReferenceId: 'refund-1',
  refundAmount: { amountMinor: 1500, currency: 'JPY' },
};

function fieldOf(build: () => unknown): string | undefined {
  try {
    build();
  } catch (error) {
    if (error instanceof MwsValidationError) return error.field;
    throw error;
  }
  return undefined;
}

describe('requestParameters', () => {
  describe('isMwsReferenceId', () => {
    it.each(['a', 'A-z_0', 'x'.repeat(32)])('accepts %j', (value) => {
      expect(isMwsReferenceId(value)).toBe(true);
    });

    it.each(['', 'x'.repeat(33), 'a b', 'a.b', 'é', 42])('refuses %j', (value) => {
      expect(isMwsReferenceId(value)).toBe(false);
    });
  });

  describe('buildAuthorizeOnBillingAgreementParameters', () => {
    it('sends the required fields, the amount as a decimal string and CaptureNow as a boolean string', () => {
      expect(buildAuthorizeOnBillingAgreementParameters(AUTHORIZE)).toEqual({
        AmazonBillingAgreementId: 'C01-1234567-1234567',
        AuthorizationReferenceId: 'sub-42-2015-12',
        'AuthorizationAmount.Amount': '9.99',
        'AuthorizationAmount.CurrencyCode': 'USD',
        CaptureNow: 'true',
      });
    });

    it('sends every optional field under its MWS name', () => {
      expect(
        buildAuthorizeOnBillingAgreementParameters({
          ...AUTHORIZE,
          captureNow: false,
          transactionTimeoutMinutes: 0,
          sellerAuthorizationNote: 'note',
          softDescriptor: 'Coffee Shop',
          sellerNote: 'seller note',
          sellerOrderId: 'order-1',
          storeName: 'Coffee',
          customInformation: 'custom',
          inheritShippingAddress: false,
        }),
      ).toEqual({
        AmazonBillingAgreementId: 'C01-1234567-1234567',
        AuthorizationReferenceId: 'sub-42-2015-12',
        'AuthorizationAmount.Amount': '9.99',
        'AuthorizationAmount.CurrencyCode': 'USD',
        CaptureNow: 'false',
        TransactionTimeout: '0',
        SellerAuthorizationNote: 'note',
        SoftDescriptor: 'Coffee Shop',
        SellerNote: 'seller note',
        'SellerOrderAttributes.SellerOrderId': 'order-1',
        'SellerOrderAttributes.StoreName': 'Coffee',
        'SellerOrderAttributes.CustomInformation': 'custom',
        InheritShippingAddress: 'false',
      });
    });

    it('sends InheritShippingAddress true', () => {
      expect(
        buildAuthorizeOnBillingAgreementParameters({ ...AUTHORIZE, inheritShippingAddress: true })
          .InheritShippingAddress,
      ).toBe('true');
    });

    it.each<[string, Partial<AuthorizeOnBillingAgreementRequest>]>([
      ['amazonBillingAgreementId', { amazonBillingAgreementId: '' }],
      ['amazonBillingAgreementId', { amazonBillingAgreementId: ' C01 ' }],
      ['authorizationReferenceId', { authorizationReferenceId: 'x'.repeat(33) }],
      ['authorizationReferenceId', { authorizationReferenceId: 'sub 42' }],
      ['authorizationAmount', { authorizationAmount: { amountMinor: 0, currency: 'USD' } }],
      ['authorizationAmount', { authorizationAmount: { amountMinor: 1.5, currency: 'USD' } }],
      ['authorizationAmount', { authorizationAmount: { amountMinor: 100, currency: 'CHF' } }],
      ['transactionTimeoutMinutes', { transactionTimeoutMinutes: -1 }],
      ['transactionTimeoutMinutes', { transactionTimeoutMinutes: 1.5 }],
      ['sellerAuthorizationNote', { sellerAuthorizationNote: 'é'.repeat(256) }],
      ['softDescriptor', { softDescriptor: 'x'.repeat(17) }],
      ['sellerNote', { sellerNote: '\ud800' }],
      ['sellerOrderId', { sellerOrderId: '\udfff' }],
      ['storeName', { storeName: '\ud800' }],
      ['customInformation', { customInformation: '\ud800' }],
    ])('refuses a bad %s', (field, override) => {
      expect(
        fieldOf(() => buildAuthorizeOnBillingAgreementParameters({ ...AUTHORIZE, ...override })),
      ).toBe(field);
    });

    it('accepts a note of 255 characters counted as code points', () => {
      expect(
        buildAuthorizeOnBillingAgreementParameters({
          ...AUTHORIZE,
          sellerAuthorizationNote: '😀'.repeat(255),
        }).SellerAuthorizationNote,
      ).toHaveLength(510);
    });

    it('keeps the amount error as the cause', () => {
      // Act
      let caught: unknown;
      try {
        buildAuthorizeOnBillingAgreementParameters({
          ...AUTHORIZE,
          authorizationAmount: { amountMinor: 1, currency: 'CHF' },
        });
      } catch (error) {
        caught = error;
      }

      // Assess
      expect(caught).toBeInstanceOf(MwsValidationError);
      expect((caught as MwsValidationError).message).toBe(
        'authorizationAmount: currencyCode: unsupported currency CHF',
      );
      expect((caught as MwsValidationError).cause).toBeInstanceOf(Error);
    });

    it('reports a non-validation failure of the amount conversion generically', () => {
      // Prepare: a getter that throws stands for any unexpected failure.
      const amount = {
        currency: 'USD',
        get amountMinor(): number {
          throw new TypeError('boom');
        },
      };

      // Act & Assess
      expect(() =>
        buildAuthorizeOnBillingAgreementParameters({ ...AUTHORIZE, authorizationAmount: amount }),
      ).toThrow('authorizationAmount: is not a valid amount');
    });
  });

  describe('buildRefundParameters', () => {
    it('sends the refund fields with a JPY amount without decimals', () => {
      expect(
        buildRefundParameters({ ...REFUND, sellerRefundNote: 'Sorry', softDescriptor: 'Shop' }),
      ).toEqual({
        AmazonCaptureId: 'S01-1234567-1234567-C000001',
        RefundReferenceId: 'refund-1',
        'RefundAmount.Amount': '1500',
        'RefundAmount.CurrencyCode': 'JPY',
        SellerRefundNote: 'Sorry',
        SoftDescriptor: 'Shop',
      });
    });

    it.each<[string, Partial<RefundRequest>]>([
      ['amazonCaptureId', { amazonCaptureId: '' }],
      ['refundReferenceId', { refundReferenceId: 'a/b' }],
      ['refundAmount', { refundAmount: { amountMinor: 0, currency: 'JPY' } }],
      ['sellerRefundNote', { sellerRefundNote: 'x'.repeat(256) }],
      ['softDescriptor', { softDescriptor: 'x'.repeat(17) }],
    ])('refuses a bad %s', (field, override) => {
      expect(fieldOf(() => buildRefundParameters({ ...REFUND, ...override }))).toBe(field);
    });
  });

  describe('the read and close operations', () => {
    it('send their one id', () => {
      expect([
        buildGetBillingAgreementDetailsParameters({ amazonBillingAgreementId: 'C01-1' }),
        buildGetAuthorizationDetailsParameters({ amazonAuthorizationId: 'S01-1-A1' }),
        buildGetCaptureDetailsParameters({ amazonCaptureId: 'S01-1-C1' }),
        buildGetRefundDetailsParameters({ amazonRefundId: 'S01-1-R1' }),
        buildCloseBillingAgreementParameters({ amazonBillingAgreementId: 'C01-1' }),
      ]).toEqual([
        { AmazonBillingAgreementId: 'C01-1' },
        { AmazonAuthorizationId: 'S01-1-A1' },
        { AmazonCaptureId: 'S01-1-C1' },
        { AmazonRefundId: 'S01-1-R1' },
        { AmazonBillingAgreementId: 'C01-1' },
      ]);
    });

    it('send a closure reason when given', () => {
      expect(
        buildCloseBillingAgreementParameters({
          amazonBillingAgreementId: 'C01-1',
          closureReason: 'Subscription cancelled',
        }),
      ).toEqual({ AmazonBillingAgreementId: 'C01-1', ClosureReason: 'Subscription cancelled' });
    });

    it.each([
      [
        'amazonAuthorizationId',
        () => buildGetAuthorizationDetailsParameters({ amazonAuthorizationId: '' }),
      ],
      ['amazonCaptureId', () => buildGetCaptureDetailsParameters({ amazonCaptureId: '\ud800' })],
      ['amazonRefundId', () => buildGetRefundDetailsParameters({ amazonRefundId: ' ' })],
      [
        'amazonBillingAgreementId',
        () => buildGetBillingAgreementDetailsParameters({ amazonBillingAgreementId: '' }),
      ],
      [
        'closureReason',
        () =>
          buildCloseBillingAgreementParameters({
            amazonBillingAgreementId: 'C',
            closureReason: '\ud800',
          }),
      ],
    ])('refuse a bad %s', (field, build) => {
      expect(fieldOf(build)).toBe(field);
    });
  });
});
