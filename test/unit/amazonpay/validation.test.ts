import { AmazonPayValidationError } from '../../../src/amazonpay/errors';
import {
  AMAZON_PAY_LIMITS,
  requireAuthorizationAmount,
  requireMerchantRegion,
  requireReferenceId,
  requireText,
} from '../../../src/amazonpay/validation';
import { rejectedField, text } from './factories';

describe('validation', () => {
  describe('AMAZON_PAY_LIMITS', () => {
    it('holds the limits of the protocol page', () => {
      expect(AMAZON_PAY_LIMITS).toEqual({
        authorizationReferenceId: 32,
        sellerOrderId: 32,
        sellerBillingAgreementId: 32,
        storeName: 50,
        sellerNote: 1024,
        customInformation: 1024,
        sellerAuthorizationNote: 255,
        softDescriptor: 16,
      });
    });
  });

  describe('requireText', () => {
    it.each<[string, string, number | undefined]>([
      ['text without a limit', text(5000), undefined],
      ['text at its limit', text(16), 16],
      ['astral characters counted as one each', text(16, '\u{1F375}'), 16],
      ['inner blanks', 'Fake  Coffee Shop', undefined],
    ])('accepts %s', (_name, value, max) => {
      expect(rejectedField(() => requireText(value, 'field', max))).toBeUndefined();
    });

    it.each<[string, string, number | undefined]>([
      ['empty text', '', undefined],
      ['blank text', '   ', undefined],
      ['a leading blank', ' Shop', undefined],
      ['a trailing newline', 'Shop\n', undefined],
      ['text over its limit', text(17), 16],
    ])('rejects %s', (_name, value, max) => {
      expect(rejectedField(() => requireText(value, 'storeName', max))).toBe('storeName');
    });

    it('says what the limit is', () => {
      expect(() => requireText(text(17), 'softDescriptor', 16)).toThrow(
        'softDescriptor: must be at most 16 characters',
      );
    });
  });

  describe('requireReferenceId', () => {
    it.each(['a', 'ORDER-1', 'order_1', text(32, 'Z'), '0123456789'])('accepts %p', (value) => {
      expect(rejectedField(() => requireReferenceId(value, 'id', 32))).toBeUndefined();
    });

    it.each([
      '',
      text(33, 'Z'),
      'ORDER.1',
      'ORDER 1',
      'ORDER/1',
      'ÖRDER',
      'ORDER-1\n',
      '\u{1F375}',
    ])('rejects %p', (value) => {
      expect(rejectedField(() => requireReferenceId(value, 'sellerOrderId', 32))).toBe(
        'sellerOrderId',
      );
    });

    it('honours a shorter limit', () => {
      expect(rejectedField(() => requireReferenceId('abcde', 'id', 4))).toBe('id');
    });
  });

  describe('requireMerchantRegion', () => {
    it.each<[string, string, string | undefined]>([
      ['US', 'USD', undefined],
      ['US', 'USD', 'en_US'],
      ['UK', 'GBP', 'en_GB'],
      ['UK', 'GBP', 'de_DE'],
      ['SE', 'EUR', 'en_GB'],
      ['JP', 'JPY', 'ja_JP'],
    ])('accepts %s with %s and %p', (country, currency, language) => {
      expect(
        rejectedField(() => requireMerchantRegion(country, currency, language)),
      ).toBeUndefined();
    });

    it.each<[string, string, string | undefined, string]>([
      ['GB', 'GBP', 'en_GB', 'countryOfEstablishment'],
      ['CA', 'USD', undefined, 'countryOfEstablishment'],
      ['US', 'EUR', undefined, 'ledgerCurrency'],
      ['JP', 'USD', 'ja_JP', 'ledgerCurrency'],
      ['US', 'USD', 'en-US', 'checkoutLanguage'],
      ['JP', 'JPY', 'en_US', 'checkoutLanguage'],
      ['DE', 'EUR', 'ja_JP', 'checkoutLanguage'],
    ])('rejects %s with %s and %p on %s', (country, currency, language, field) => {
      expect(rejectedField(() => requireMerchantRegion(country, currency, language))).toBe(field);
    });

    it('names the right currency and the allowed languages', () => {
      expect(() => requireMerchantRegion('UK', 'EUR', undefined)).toThrow(
        'ledgerCurrency: must be GBP for a merchant established in UK',
      );
      expect(() => requireMerchantRegion('US', 'USD', 'en_GB')).toThrow(
        'checkoutLanguage: must be one of en_US in region NA',
      );
    });

    it('tells to use UK instead of GB', () => {
      expect(() => requireMerchantRegion('GB', 'GBP', undefined)).toThrow(/use UK, not GB/);
    });
  });

  describe('requireAuthorizationAmount', () => {
    it.each([
      [{ amountMinor: 3497, currency: 'USD' }, '34.97'],
      [{ amountMinor: 1, currency: 'EUR' }, '0.01'],
      [{ amountMinor: 150_000_00, currency: 'GBP' }, '150000.00'],
      [{ amountMinor: 5480, currency: 'JPY' }, '5480'],
      [{ amountMinor: 10_000_000, currency: 'JPY' }, '10000000'],
    ])('writes %p as %p', (amount, wire) => {
      expect(requireAuthorizationAmount(amount)).toBe(wire);
    });

    it.each([
      [{ amountMinor: 0, currency: 'USD' }, 'authorizationAmount'],
      [{ amountMinor: -100, currency: 'USD' }, 'authorizationAmount'],
      [{ amountMinor: 0.5, currency: 'USD' }, 'authorizationAmount'],
      [{ amountMinor: Number.POSITIVE_INFINITY, currency: 'EUR' }, 'authorizationAmount'],
      [{ amountMinor: Number.MAX_SAFE_INTEGER + 2, currency: 'JPY' }, 'authorizationAmount'],
      [{ amountMinor: 150_000_01, currency: 'EUR' }, 'authorizationAmount'],
      [{ amountMinor: 10_000_001, currency: 'JPY' }, 'authorizationAmount'],
      [{ amountMinor: 100, currency: 'CHF' }, 'currencyCode'],
      [{ amountMinor: 100, currency: 'usd' }, 'currencyCode'],
      [{ amountMinor: 100, currency: 'toString' }, 'currencyCode'],
    ])('rejects %p on %s', (amount, field) => {
      expect(rejectedField(() => requireAuthorizationAmount(amount))).toBe(field);
    });

    it('names the maximum in the currency', () => {
      expect(() =>
        requireAuthorizationAmount({ amountMinor: 150_000_01, currency: 'USD' }),
      ).toThrow('authorizationAmount: exceeds the maximum of 150000.00 USD');
    });

    it('applies a configured maximum', () => {
      // Prepare
      const max = { JPY: 50_000 };

      // Act
      const atMax = requireAuthorizationAmount({ amountMinor: 50_000, currency: 'JPY' }, max);
      const aboveMax = rejectedField(() =>
        requireAuthorizationAmount({ amountMinor: 50_001, currency: 'JPY' }, max),
      );

      // Assess
      expect(atMax).toBe('50000');
      expect(aboveMax).toBe('authorizationAmount');
    });

    it('keeps the default maximum when the configured one holds no number for the currency', () => {
      // Prepare: a map built from untyped config, with a hole where the USD maximum should be.
      const max = { USD: undefined } as unknown as Readonly<Record<string, number>>;

      // Act
      const field = rejectedField(() =>
        requireAuthorizationAmount({ amountMinor: 150_000_01, currency: 'USD' }, max),
      );

      // Assess
      expect(field).toBe('authorizationAmount');
    });

    it('throws AmazonPayValidationError', () => {
      expect(() => requireAuthorizationAmount({ amountMinor: 0, currency: 'USD' })).toThrow(
        AmazonPayValidationError,
      );
    });
  });
});
