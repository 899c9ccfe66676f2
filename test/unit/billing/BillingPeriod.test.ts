import { addBillingPeriods, isBillingPeriod } from '../../../src/billing/BillingPeriod';

describe('addBillingPeriods', () => {
  it.each<[string, 'P1W' | 'P1M' | 'P3M' | 'P1Y', number, string]>([
    ['2025-03-10T09:00:00.000Z', 'P1M', 0, '2025-03-10T09:00:00.000Z'],
    ['2025-03-10T09:00:00.000Z', 'P1W', 1, '2025-03-17T09:00:00.000Z'],
    ['2025-03-10T09:00:00.000Z', 'P1W', 52, '2026-03-09T09:00:00.000Z'],
    ['2025-03-10T09:00:00.000Z', 'P1M', 1, '2025-04-10T09:00:00.000Z'],
    ['2025-11-15T23:30:00.000Z', 'P1M', 2, '2026-01-15T23:30:00.000Z'],
    ['2024-01-31T09:00:00.000Z', 'P1M', 1, '2024-02-29T09:00:00.000Z'],
    ['2024-01-31T09:00:00.000Z', 'P1M', 2, '2024-03-31T09:00:00.000Z'],
    ['2025-01-31T09:00:00.000Z', 'P1M', 1, '2025-02-28T09:00:00.000Z'],
    ['2025-08-31T00:00:00.000Z', 'P3M', 1, '2025-11-30T00:00:00.000Z'],
    ['2024-02-29T12:00:00.000Z', 'P1Y', 1, '2025-02-28T12:00:00.000Z'],
    ['2024-02-29T12:00:00.000Z', 'P1Y', 4, '2028-02-29T12:00:00.000Z'],
  ])('counts from %s by %s %i times to %s', (first, period, index, expected) => {
    expect(addBillingPeriods(first, period, index)).toBe(expected);
  });

  it('refuses a negative or fractional index and a time that is not an instant', () => {
    expect(() => addBillingPeriods('2025-03-10T09:00:00.000Z', 'P1M', -1)).toThrow(RangeError);
    expect(() => addBillingPeriods('2025-03-10T09:00:00.000Z', 'P1M', 1.5)).toThrow(RangeError);
    expect(() => addBillingPeriods('next tuesday', 'P1M', 1)).toThrow(RangeError);
  });
});

describe('isBillingPeriod', () => {
  it('accepts the supported ISO 8601 durations only', () => {
    expect(['P1W', 'P1M', 'P3M', 'P1Y'].every(isBillingPeriod)).toBe(true);
    expect(['P1D', 'P2W', 'p1m', 'monthly', 1, undefined].some(isBillingPeriod)).toBe(false);
  });
});
