import { AmazonPayValidationError } from './errors';

/**
 * An amount as the rest of the code holds it: integer minor units with an ISO currency code.
 * amazonpay/ imports nothing from checkout/, so it declares the shape it accepts.
 */
export type MinorAmount = {
  readonly amountMinor: number;
  readonly currency: string;
};

/** Minor-unit exponents of the currencies Amazon Pay for Alexa accepts as ledger currencies. */
export const AMAZON_PAY_CURRENCY_EXPONENTS: Readonly<Record<string, number>> = Object.freeze({
  USD: 2,
  EUR: 2,
  GBP: 2,
  JPY: 0,
});

/**
 * The largest authorization per currency, in minor units.
 *
 * USD, GBP and EUR are the MWS Authorize maximums (150,000). The JPY maximum is UNCONFIRMED on the
 * protocol page; 10,000,000 yen is the project's safe reading and can be overridden by config.
 */
export const DEFAULT_MAX_AUTHORIZATION_MINOR: Readonly<Record<string, number>> = Object.freeze({
  USD: 150_000_00,
  EUR: 150_000_00,
  GBP: 150_000_00,
  JPY: 10_000_000,
});

/** Returns the exponent of a supported currency, or undefined. */
export function currencyExponent(currency: string): number | undefined {
  return Object.prototype.hasOwnProperty.call(AMAZON_PAY_CURRENCY_EXPONENTS, currency)
    ? AMAZON_PAY_CURRENCY_EXPONENTS[currency]
    : undefined;
}

/**
 * Turns integer minor units into the decimal string Amazon Pay expects in `Price.amount`.
 *
 * Done with string arithmetic, never floats: two decimals for USD, EUR and GBP, none for JPY.
 *
 * @example
 * toAmazonPayAmount({ amountMinor: 1999, currency: 'USD' }); // '19.99'
 * toAmazonPayAmount({ amountMinor: 1500, currency: 'JPY' }); // '1500'
 */
export function toAmazonPayAmount(amount: MinorAmount): string {
  const exponent = currencyExponent(amount.currency);
  if (exponent === undefined) {
    throw new AmazonPayValidationError(`unsupported currency ${amount.currency}`, 'currencyCode');
  }
  if (!Number.isSafeInteger(amount.amountMinor) || amount.amountMinor < 0) {
    throw new AmazonPayValidationError(
      'amount must be a non-negative integer count of minor units',
      'amount',
    );
  }
  const digits = String(amount.amountMinor);
  if (exponent === 0) return digits;
  const padded = digits.padStart(exponent + 1, '0');
  return `${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

/**
 * Parses an Amazon Pay decimal amount string into minor units of the given currency.
 *
 * Accepts `"6"`, `"6.0"` and `"6.00"` for a two-decimal currency; rejects signs, exponents, more
 * decimals than the currency has, and anything that is not a plain decimal. Returns undefined when
 * the string is not a valid amount.
 */
export function parseAmazonPayAmount(value: unknown, currency: string): number | undefined {
  const exponent = currencyExponent(currency);
  if (exponent === undefined || typeof value !== 'string') return undefined;
  if (!/^\d{1,15}(?:\.\d+)?$/.test(value)) return undefined;
  const dot = value.indexOf('.');
  const whole = dot === -1 ? value : value.slice(0, dot);
  const fraction = dot === -1 ? '' : value.slice(dot + 1);
  if (fraction.length > exponent) return undefined;
  const minor = Number(whole + fraction.padEnd(exponent, '0'));
  return Number.isSafeInteger(minor) ? minor : undefined;
}
