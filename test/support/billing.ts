import type { NewAgreement } from '../../src/billing/NewAgreement';

/** A fixed instant the billing tests start from. */
export const BILLING_START = '2025-03-10T09:00:00.000Z';

/** Adds minutes to an ISO instant. */
export function minutesAfter(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString();
}

/** A new monthly subscription of USD 15.00, first charged at BILLING_START. */
export function aNewSubscription(
  overrides: Partial<Extract<NewAgreement, { kind: 'subscription' }>> = {},
): NewAgreement {
  return {
    kind: 'subscription',
    billingAgreementId: 'C01-1000001-0000001',
    customerKey: 'buyer:amzn1.account.TESTBUYER',
    productId: 'coffee-club',
    currency: 'USD',
    createdAt: minutesAfter(BILLING_START, -60),
    amountMinor: 1500,
    period: 'P1M',
    firstChargeAt: BILLING_START,
    ...overrides,
  };
}

/** A new pay-as-you-go agreement in USD. */
export function aNewPayAsYouGo(
  overrides: Partial<Extract<NewAgreement, { kind: 'payAsYouGo' }>> = {},
): NewAgreement {
  return {
    kind: 'payAsYouGo',
    billingAgreementId: 'C01-2000001-0000001',
    customerKey: 'user:amzn1.ask.account.TESTUSER',
    productId: 'refill',
    currency: 'USD',
    createdAt: minutesAfter(BILLING_START, -60),
    ...overrides,
  };
}

/** A fake clock: `now()` for the job, `ms()` for the MWS client and stand-in, `advance` to move. */
export class FakeClock {
  #ms: number;

  constructor(start: string = BILLING_START) {
    this.#ms = Date.parse(start);
  }

  now = (): Date => new Date(this.#ms);

  ms = (): number => this.#ms;

  iso(): string {
    return new Date(this.#ms).toISOString();
  }

  advance(ms: number): void {
    this.#ms += ms;
  }

  set(instant: string): void {
    this.#ms = Date.parse(instant);
  }
}

/** One line a RecordedLog kept. */
export type BillingLogLine = {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: Readonly<Record<string, string | number | boolean | undefined>>;
};

/** A Logger that keeps its lines, for assertions. */
export class RecordedLog {
  readonly lines: BillingLogLine[] = [];

  info = (message: string, fields: BillingLogLine['fields'] = {}): void => {
    this.lines.push({ level: 'info', message, fields });
  };

  warn = (message: string, fields: BillingLogLine['fields'] = {}): void => {
    this.lines.push({ level: 'warn', message, fields });
  };

  error = (message: string, fields: BillingLogLine['fields'] = {}): void => {
    this.lines.push({ level: 'error', message, fields });
  };

  /** The lines of one event. */
  of(message: string): BillingLogLine[] {
    return this.lines.filter((line) => line.message === message);
  }
}
