import {
  addMoney,
  isCurrency,
  MoneyError,
  multiplyMoney,
  toMoney,
} from '../../../src/checkout/money';

describe('money', () => {
  describe('toMoney', () => {
    it('keeps integer minor units and the currency', () => {
      expect(toMoney(1999, 'USD')).toEqual({ amountMinor: 1999, currency: 'USD' });
    });

    it.each([1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])('rejects %p', (value) => {
      expect(() => toMoney(value, 'EUR')).toThrow(MoneyError);
    });
  });

  describe('addMoney', () => {
    it('adds amounts of one currency exactly', () => {
      expect(addMoney(toMoney(10, 'USD'), toMoney(20, 'USD'))).toEqual(toMoney(30, 'USD'));
    });

    it('refuses to mix currencies', () => {
      expect(() => addMoney(toMoney(10, 'USD'), toMoney(20, 'EUR'))).toThrow(MoneyError);
    });
  });

  describe('multiplyMoney', () => {
    it('multiplies yen without decimals', () => {
      expect(multiplyMoney(toMoney(1280, 'JPY'), 3)).toEqual(toMoney(3840, 'JPY'));
    });

    it.each([-1, 1.5, Number.NaN])('rejects quantity %p', (q) => {
      expect(() => multiplyMoney(toMoney(100, 'GBP'), q)).toThrow(MoneyError);
    });

    it('rejects a product beyond safe integers', () => {
      expect(() => multiplyMoney(toMoney(Number.MAX_SAFE_INTEGER, 'USD'), 2)).toThrow(MoneyError);
    });
  });

  describe('isCurrency', () => {
    it.each(['USD', 'EUR', 'GBP', 'JPY'])('accepts %s', (c) => {
      expect(isCurrency(c)).toBe(true);
    });

    it.each(['usd', 'CHF', '', 1, undefined, '__proto__', 'toString'])('rejects %p', (c) => {
      expect(isCurrency(c)).toBe(false);
    });
  });
});
