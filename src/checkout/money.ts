/** ISO 4217 codes the shop can keep its ledger in (the Amazon Pay for Alexa ledger currencies). */
export const Currency = {
  USD: 'USD',
  EUR: 'EUR',
  GBP: 'GBP',
  JPY: 'JPY',
} as const;
export type Currency = (typeof Currency)[keyof typeof Currency];

/** Digits after the decimal point of each currency's minor unit. */
export const CURRENCY_EXPONENTS: Readonly<Record<Currency, number>> = Object.freeze({
  USD: 2,
  EUR: 2,
  GBP: 2,
  JPY: 0,
});

/** An amount of money: an integer count of minor units (cents, pence, yen) plus its currency. */
export type Money = {
  readonly amountMinor: number;
  readonly currency: Currency;
};

/** Tells whether a value is one of the supported ledger currencies. */
export function isCurrency(value: unknown): value is Currency {
  return (
    typeof value === 'string' && Object.prototype.hasOwnProperty.call(CURRENCY_EXPONENTS, value)
  );
}

/** Thrown when money arithmetic would lose precision or mix currencies: always a bug, never input. */
export class MoneyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyError';
  }
}

function checkedMinor(amountMinor: number): number {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new MoneyError(`amount in minor units is not a safe integer: ${String(amountMinor)}`);
  }
  return amountMinor;
}

/**
 * Makes a Money value from an integer count of minor units.
 *
 * @example
 * toMoney(1999, 'USD'); // $19.99
 */
export function toMoney(amountMinor: number, currency: Currency): Money {
  return Object.freeze({ amountMinor: checkedMinor(amountMinor), currency });
}

/** Adds amounts of one currency; an empty list is not allowed because it has no currency. */
export function addMoney(first: Money, ...rest: ReadonlyArray<Money>): Money {
  let total = first.amountMinor;
  for (const m of rest) {
    if (m.currency !== first.currency) {
      throw new MoneyError(`cannot add ${m.currency} to ${first.currency}`);
    }
    total += m.amountMinor;
  }
  return toMoney(total, first.currency);
}

/** Multiplies an amount by a whole quantity (a line total). */
export function multiplyMoney(unit: Money, quantity: number): Money {
  if (!Number.isSafeInteger(quantity) || quantity < 0) {
    throw new MoneyError(`quantity is not a non-negative integer: ${String(quantity)}`);
  }
  return toMoney(unit.amountMinor * quantity, unit.currency);
}
