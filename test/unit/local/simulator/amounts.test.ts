import {
  formatMinorUnits,
  isSupportedCurrency,
  toMinorUnits,
} from '../../../../src/local/simulator/amounts';
import type { SupportedCurrency } from '../../../../src/local/simulator/amounts';

describe('toMinorUnits', () => {
  it.each<[string, SupportedCurrency, bigint]>([
    ['19.99', 'USD', 1999n],
    ['6', 'EUR', 600n],
    ['6.5', 'EUR', 650n],
    ['0.01', 'GBP', 1n],
    ['0', 'USD', 0n],
    ['1500', 'JPY', 1500n],
    ['99999999999999999999.99', 'USD', 9999999999999999999999n],
  ])('reads %s %s as %d minor units', (amount, currency, expected) => {
    expect(toMinorUnits(amount, currency)).toBe(expected);
  });

  it.each<[string, SupportedCurrency]>([
    ['19.999', 'USD'],
    ['1500.0', 'JPY'],
    ['-1', 'USD'],
    ['1e2', 'USD'],
    ['01', 'USD'],
    ['', 'USD'],
    ['6.', 'EUR'],
  ])('refuses %p %s', (amount, currency) => {
    expect(toMinorUnits(amount, currency)).toBeUndefined();
  });
});

describe('formatMinorUnits', () => {
  it.each<[bigint, SupportedCurrency, string]>([
    [600n, 'EUR', '6.00'],
    [5n, 'USD', '0.05'],
    [0n, 'GBP', '0.00'],
    [0n, 'JPY', '0'],
    [1500n, 'JPY', '1500'],
    [15_000_000n, 'USD', '150000.00'],
  ])('writes %d minor units of %s as %s', (amountMinor, currency, expected) => {
    expect(formatMinorUnits(amountMinor, currency)).toBe(expected);
  });

  it('refuses a negative amount', () => {
    expect(() => formatMinorUnits(-1n, 'USD')).toThrow(RangeError);
  });
});

describe('isSupportedCurrency', () => {
  it.each<[unknown, boolean]>([
    ['USD', true],
    ['JPY', true],
    ['CHF', false],
    ['toString', false],
    [840, false],
  ])('tells %p is %p', (value, expected) => {
    expect(isSupportedCurrency(value)).toBe(expected);
  });
});
