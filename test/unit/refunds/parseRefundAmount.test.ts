import { checkDecimalAmountText, parseRefundAmount } from '../../../src/refunds/parseRefundAmount';

describe('parseRefundAmount', () => {
  it.each<[string, 'USD' | 'EUR' | 'GBP' | 'JPY', number]>([
    ['12.50', 'USD', 1250],
    ['12.5', 'USD', 1250],
    ['12', 'EUR', 1200],
    ['0.01', 'GBP', 1],
    ['0.5', 'USD', 50],
    ['1500', 'JPY', 1500],
    ['999999999999.99', 'USD', 99_999_999_999_999],
  ])('reads %s %s as %d minor units', (text, currency, amountMinor) => {
    expect(parseRefundAmount(text, currency)).toEqual({ kind: 'amount', amountMinor });
  });

  it.each<[string, string, 'USD' | 'JPY', string]>([
    ['an exponent', '1e3', 'USD', 'is not a plain decimal number'],
    ['a minus sign', '-5', 'USD', 'is not a plain decimal number'],
    ['a plus sign', '+5', 'USD', 'is not a plain decimal number'],
    ['no digit before the point', '.5', 'USD', 'is not a plain decimal number'],
    ['no digit after the point', '5.', 'USD', 'is not a plain decimal number'],
    ['a thousands separator', '1,000', 'USD', 'is not a plain decimal number'],
    ['a decimal comma', '12,50', 'USD', 'is not a plain decimal number'],
    ['leading zeros', '007', 'USD', 'is not a plain decimal number'],
    ['spaces', ' 5', 'USD', 'is not a plain decimal number'],
    ['a currency sign', '$5', 'USD', 'is not a plain decimal number'],
    ['hex', '0x10', 'USD', 'is not a plain decimal number'],
    ['nothing', '', 'USD', 'is not a plain decimal number'],
    ['Infinity', 'Infinity', 'USD', 'is not a plain decimal number'],
    ['zero', '0', 'USD', 'must be more than zero'],
    ['zero with decimals', '0.00', 'USD', 'must be more than zero'],
    ['too many decimals', '1.234', 'USD', 'has more than 2 decimals, the most USD has'],
    ['decimals in yen', '1500.5', 'JPY', 'has decimals, and JPY has none'],
    ['sixteen digits', '1234567890123456', 'JPY', 'has more than 15 digits'],
  ])('refuses %s (%p)', (_name, text, currency, problem) => {
    // Act
    const reading = parseRefundAmount(text, currency);

    // Assess
    expect(reading.kind).toBe('invalid');
    expect(reading.kind === 'invalid' && reading.problem).toContain(problem);
  });
});

describe('checkDecimalAmountText', () => {
  it('accepts a plain positive decimal whatever its decimals', () => {
    expect(checkDecimalAmountText('1.234')).toBeUndefined();
  });

  it('says what is wrong with anything else', () => {
    expect(checkDecimalAmountText('1e3')).toMatch(/^is not a plain decimal number/);
  });
});
