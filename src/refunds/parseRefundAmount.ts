import { CURRENCY_EXPONENTS, type Currency } from '../checkout/money';

/** A refund amount as typed by the merchant, read in a currency's minor units. */
export type RefundAmountReading =
  | { readonly kind: 'amount'; readonly amountMinor: number }
  | { readonly kind: 'invalid'; readonly problem: string };

// Digits, optionally a point and more digits; no sign, exponent, grouping or leading zeros.
const PLAIN_DECIMAL = /^(?:0|[1-9]\d*)(?:\.\d+)?$/;

// Fifteen digits stay exact in a double; no refund comes near.
const MAX_DIGITS = 15;

/**
 * Checks that a typed amount is a plain positive decimal (`12`, `12.5`, `0.99`), whatever the
 * currency; returns what is wrong, or undefined. `1e3`, `-5`, `+5`, `.5`, `5.`, `1,000`, `007`
 * and zero are refused.
 */
export function checkDecimalAmountText(text: string): string | undefined {
  if (!PLAIN_DECIMAL.test(text)) {
    return 'is not a plain decimal number (digits, and a point before the decimals)';
  }
  if (text.replace('.', '').length > MAX_DIGITS) return `has more than ${MAX_DIGITS} digits`;
  if (!/[1-9]/.test(text)) return 'must be more than zero';
  return undefined;
}

/**
 * Reads a refund amount typed as a decimal in the currency (`12.50` USD is 1250 cents; `1500`
 * JPY is 1500 yen), strictly: a plain positive decimal with no more decimals than the currency
 * has.
 *
 * @example
 * parseRefundAmount('12.5', 'USD'); // { kind: 'amount', amountMinor: 1250 }
 * parseRefundAmount('1e3', 'USD'); // { kind: 'invalid', problem: 'is not a plain decimal ...' }
 */
export function parseRefundAmount(text: string, currency: Currency): RefundAmountReading {
  const problem = checkDecimalAmountText(text);
  if (problem !== undefined) return { kind: 'invalid', problem };
  const exponent = CURRENCY_EXPONENTS[currency];
  const [whole = '', fraction = ''] = text.split('.');
  if (fraction.length > exponent) {
    return {
      kind: 'invalid',
      problem:
        exponent === 0
          ? `has decimals, and ${currency} has none`
          : `has more than ${exponent} decimals, the most ${currency} has`,
    };
  }
  return { kind: 'amount', amountMinor: Number(`${whole}${fraction.padEnd(exponent, '0')}`) };
}
