import { parseQuantity } from '../../../src/checkout/CheckoutService';

describe('CheckoutService', () => {
  describe('parseQuantity', () => {
    it.each<[string, string | undefined, number]>([
      ['a missing value', undefined, 1],
      ['an empty value', '', 1],
      ['a blank value', '   ', 1],
      ['2', '2', 2],
      ['the maximum', '10', 10],
      ['a value with surrounding blanks', ' 3 ', 3],
      ['leading zeros', '007', 7],
      ['many leading zeros', `${'0'.repeat(400)}4`, 4],
    ])('reads %s as %d', (_name, raw, quantity) => {
      expect(parseQuantity(raw, 10)).toEqual({ kind: 'ok', quantity });
    });

    it.each<[string, string, string]>([
      ['the unreadable number ?', '?', 'notUnderstood'],
      ['words', 'two', 'notUnderstood'],
      ['a plus sign', '+3', 'notUnderstood'],
      ['an exponent', '1e1', 'notUnderstood'],
      ['a lone minus', '-', 'notUnderstood'],
      ['a trailing dot', '3.', 'notUnderstood'],
      ['full-width digits', '３', 'notUnderstood'],
      ['a fraction', '1.5', 'notWhole'],
      ['zero', '0', 'tooFew'],
      ['zeros', '000', 'tooFew'],
      ['-1', '-1', 'tooFew'],
      ['a negative fraction', '-1.5', 'tooFew'],
      ['11 over a maximum of 10', '11', 'tooMany'],
      ['100 over a maximum of 10', '100', 'tooMany'],
      ['a 400-digit number', '9'.repeat(400), 'tooMany'],
      ['a 400-digit negative number', `-${'9'.repeat(400)}`, 'tooFew'],
    ])('refuses %s as %s', (_name, raw, problem) => {
      expect(parseQuantity(raw, 10)).toEqual({ kind: 'problem', problem });
    });

    it.each<[string, number, string]>([
      ['4', 3, 'tooMany'],
      ['3', 3, 'ok'],
      ['999', 1000, 'ok'],
      ['1001', 1000, 'tooMany'],
      ['2', 1, 'tooMany'],
    ])('weighs %s against a maximum of %d: %s', (raw, max, kind) => {
      const result = parseQuantity(raw, max);

      expect(result.kind === 'ok' ? 'ok' : result.problem).toBe(kind);
    });
  });
});
