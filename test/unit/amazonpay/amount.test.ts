import {
  AMAZON_PAY_CURRENCY_EXPONENTS,
  currencyExponent,
  DEFAULT_MAX_AUTHORIZATION_MINOR,
  parseAmazonPayAmount,
  toAmazonPayAmount,
} from '../../../src/amazonpay/amount';
import { AmazonPayValidationError } from '../../../src/amazonpay/errors';
import { rejectedField } from './factories';

describe('amount', () => {
  describe('currencyExponent', () => {
    it.each([
      ['USD', 2],
      ['EUR', 2],
      ['GBP', 2],
      ['JPY', 0],
    ])('gives %s the exponent %d', (currency, exponent) => {
      expect(currencyExponent(currency)).toBe(exponent);
    });

    it.each(['CHF', 'usd', '', 'toString', '__proto__'])('knows no exponent for %p', (currency) => {
      expect(currencyExponent(currency)).toBeUndefined();
    });

    it('covers exactly the four ledger currencies', () => {
      expect(Object.keys(AMAZON_PAY_CURRENCY_EXPONENTS).sort()).toEqual([
        'EUR',
        'GBP',
        'JPY',
        'USD',
      ]);
    });
  });

  describe('DEFAULT_MAX_AUTHORIZATION_MINOR', () => {
    it('holds 150,000 of USD, EUR and GBP and 10,000,000 yen', () => {
      expect(DEFAULT_MAX_AUTHORIZATION_MINOR).toEqual({
        USD: 150_000_00,
        EUR: 150_000_00,
        GBP: 150_000_00,
        JPY: 10_000_000,
      });
    });
  });

  describe('toAmazonPayAmount', () => {
    it.each([
      [1999, 'USD', '19.99'],
      [5, 'USD', '0.05'],
      [0, 'EUR', '0.00'],
      [100, 'GBP', '1.00'],
      [15000000, 'EUR', '150000.00'],
      [1500, 'JPY', '1500'],
      [0, 'JPY', '0'],
      [Number.MAX_SAFE_INTEGER, 'USD', '90071992547409.91'],
    ])('writes %d minor units of %s as %s', (amountMinor, currency, expected) => {
      expect(toAmazonPayAmount({ amountMinor, currency })).toBe(expected);
    });

    it('never goes through floating point (0.1 + 0.2 style sums stay exact)', () => {
      expect(toAmazonPayAmount({ amountMinor: 10 + 20, currency: 'USD' })).toBe('0.30');
    });

    it.each([
      [12.5, 'USD'],
      [-1, 'USD'],
      [Number.NaN, 'EUR'],
      [Number.POSITIVE_INFINITY, 'GBP'],
      [100, 'CHF'],
    ])('rejects %p %s', (amountMinor, currency) => {
      expect(() => toAmazonPayAmount({ amountMinor, currency })).toThrow(AmazonPayValidationError);
    });

    it.each([
      [12.5, 'USD', 'amount'],
      [-1, 'USD', 'amount'],
      [100, 'CHF', 'currencyCode'],
    ])('blames %p %s on %s', (amountMinor, currency, field) => {
      expect(rejectedField(() => toAmazonPayAmount({ amountMinor, currency }))).toBe(field);
    });
  });

  describe('parseAmazonPayAmount', () => {
    it.each([
      ['19.99', 'USD', 1999],
      ['6', 'EUR', 600],
      ['6.0', 'EUR', 600],
      ['6.00', 'EUR', 600],
      ['0.01', 'GBP', 1],
      ['1500', 'JPY', 1500],
    ])('reads %s %s as %d minor units', (value, currency, expected) => {
      expect(parseAmazonPayAmount(value, currency)).toBe(expected);
    });

    it.each([
      ['19.999', 'USD'],
      ['1500.5', 'JPY'],
      ['-1.00', 'USD'],
      ['1e3', 'USD'],
      [' 1.00', 'USD'],
      ['', 'USD'],
      ['.5', 'USD'],
      ['1.00', 'XXX'],
      [19.99, 'USD'],
      [undefined, 'USD'],
      ['999999999999999.99', 'USD'],
    ])('rejects %p %s', (value, currency) => {
      expect(parseAmazonPayAmount(value, currency)).toBeUndefined();
    });
  });
});
