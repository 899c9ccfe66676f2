/**
 * Decimal places of the ledger currencies Amazon Pay for Alexa accepts.
 *
 * Two for USD, EUR and GBP, none for JPY: the protocol page's safe reading of the amount rules.
 */
export const CURRENCY_DECIMALS = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  JPY: 0,
} as const;

/** A currency the simulator knows: one of the four Amazon Pay for Alexa ledger currencies. */
export type SupportedCurrency = keyof typeof CURRENCY_DECIMALS;

/**
 * The largest amount one authorization may carry, in minor units of each currency.
 *
 * 150,000 USD, EUR or GBP is the MWS Authorize maximum; 10,000,000 JPY is the project's reading
 * (the protocol page marks the yen maximum UNCONFIRMED).
 */
export const MAX_AUTHORIZATION_MINOR = {
  USD: 15_000_000n,
  EUR: 15_000_000n,
  GBP: 15_000_000n,
  JPY: 10_000_000n,
} as const satisfies Record<SupportedCurrency, bigint>;

/** Tells whether a value is a currency code the simulator knows. */
export function isSupportedCurrency(value: unknown): value is SupportedCurrency {
  return typeof value === 'string' && Object.hasOwn(CURRENCY_DECIMALS, value);
}

// Plain decimal notation only: no sign, exponent, spaces or leading zeros; "6" and "6.5" are fine.
const DECIMAL_AMOUNT = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

/**
 * Reads an Amazon Pay decimal amount string as integer minor units of its currency.
 *
 * Returns undefined when the string is not a plain non-negative decimal or has more decimal places
 * than the currency allows (so `"1500.0"` is not a yen amount). BigInt keeps huge inputs exact.
 */
export function toMinorUnits(amount: string, currency: SupportedCurrency): bigint | undefined {
  const match = DECIMAL_AMOUNT.exec(amount);
  const whole = match?.[1];
  if (whole === undefined) {
    return undefined;
  }
  const fraction = match?.[2] ?? '';
  const decimals = CURRENCY_DECIMALS[currency];
  if (fraction.length > decimals) {
    return undefined;
  }
  const scale = 10n ** BigInt(decimals);
  return BigInt(whole) * scale + BigInt(fraction.padEnd(decimals, '0') || '0');
}

/** Writes integer minor units as the Amazon Pay decimal string, e.g. 600n EUR as `"6.00"`. */
export function formatMinorUnits(amountMinor: bigint, currency: SupportedCurrency): string {
  if (amountMinor < 0n) {
    throw new RangeError(`A negative amount cannot be written: ${amountMinor}`);
  }
  const decimals = CURRENCY_DECIMALS[currency];
  if (decimals === 0) {
    return amountMinor.toString();
  }
  const digits = amountMinor.toString().padStart(decimals + 1, '0');
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}
