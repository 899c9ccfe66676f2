/**
 * The billing periods a subscription may have, as ISO 8601 durations: a small set whose calendar
 * arithmetic is unambiguous (weeks are 7 days; months and years keep the day of the month of the
 * first charge, or the month's last day when it is shorter).
 */
export const BillingPeriod = {
  Weekly: 'P1W',
  Monthly: 'P1M',
  Quarterly: 'P3M',
  Yearly: 'P1Y',
} as const;
export type BillingPeriod = (typeof BillingPeriod)[keyof typeof BillingPeriod];

const DAY_MS = 86_400_000;

/** Tells whether a value is a supported billing period. */
export function isBillingPeriod(value: unknown): value is BillingPeriod {
  return typeof value === 'string' && (Object.values(BillingPeriod) as string[]).includes(value);
}

function monthsOf(period: Exclude<BillingPeriod, 'P1W'>): number {
  switch (period) {
    case BillingPeriod.Monthly:
      return 1;
    case BillingPeriod.Quarterly:
      return 3;
    case BillingPeriod.Yearly:
      return 12;
    default: {
      const unreachable: never = period;
      return unreachable;
    }
  }
}

/**
 * Returns the start of billing period `index` (0 is the first charge itself) of a subscription
 * whose first charge is at `firstChargeAt`, as an ISO instant.
 *
 * Counted from the first charge each time, never from the previous one, so that a short month
 * does not move every later charge: a subscription first charged on 31 January is charged on
 * 29 February 2024, then on 31 March.
 *
 * @example
 * addBillingPeriods('2024-01-31T09:00:00.000Z', 'P1M', 1); // '2024-02-29T09:00:00.000Z'
 */
export function addBillingPeriods(
  firstChargeAt: string,
  period: BillingPeriod,
  index: number,
): string {
  const start = Date.parse(firstChargeAt);
  if (Number.isNaN(start)) throw new RangeError('firstChargeAt is not an instant');
  if (!Number.isSafeInteger(index) || index < 0) {
    throw new RangeError('index must be a non-negative whole number');
  }
  if (period === BillingPeriod.Weekly) return new Date(start + index * 7 * DAY_MS).toISOString();
  const date = new Date(start);
  const months = date.getUTCMonth() + index * monthsOf(period);
  const year = date.getUTCFullYear() + Math.floor(months / 12);
  const month = months % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const timeOfDay = start - Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return new Date(
    Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)) + timeOfDay,
  ).toISOString();
}
