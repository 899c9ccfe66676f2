import {
  buildAgreement,
  isSameAgreementContent,
  toCustomerKey,
} from '../../../src/billing/buildAgreement';
import { InvalidBillingRecordError } from '../../../src/billing/errors';
import type { NewAgreement } from '../../../src/billing/NewAgreement';
import { aNewPayAsYouGo, aNewSubscription, BILLING_START } from '../../support/billing';

/** What a function throws (undefined when it returns). */
function caught(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('buildAgreement', () => {
  it('starts a subscription active at version 1 with its first period due at the first charge', () => {
    expect(buildAgreement(aNewSubscription({ sellerNote: 'Coffee every month' }))).toEqual({
      kind: 'subscription',
      billingAgreementId: 'C01-1000001-0000001',
      customerKey: 'buyer:amzn1.account.TESTBUYER',
      productId: 'coffee-club',
      currency: 'USD',
      state: 'active',
      createdAt: '2025-03-10T08:00:00.000Z',
      updatedAt: '2025-03-10T08:00:00.000Z',
      version: 1,
      sellerNote: 'Coffee every month',
      amountMinor: 1500,
      period: 'P1M',
      firstChargeAt: BILLING_START,
      periodIndex: 0,
      attempt: 1,
      nextChargeAt: BILLING_START,
    });
  });

  it('starts a pay-as-you-go agreement with an empty queue and nothing due', () => {
    const agreement = buildAgreement(aNewPayAsYouGo());
    expect(agreement).toMatchObject({ kind: 'payAsYouGo', usageQueue: [], state: 'active' });
    expect(agreement.nextChargeAt).toBeUndefined();
  });

  it('normalizes instants to toISOString form so that they sort as text', () => {
    expect(
      buildAgreement(aNewSubscription({ firstChargeAt: '2025-03-10T10:00:00+01:00' })).nextChargeAt,
    ).toBe('2025-03-10T09:00:00.000Z');
  });

  it.each<[string, Partial<Extract<NewAgreement, { kind: 'subscription' }>>]>([
    ['billingAgreementId', { billingAgreementId: 'C01 123' }],
    ['customerKey', { customerKey: 'amzn1.account.X' }],
    ['customerKey', { customerKey: 'buyer:' }],
    ['productId', { productId: '' }],
    ['currency', { currency: 'CHF' as 'USD' }],
    ['amountMinor', { amountMinor: 0 }],
    ['amountMinor', { amountMinor: 9.5 }],
    ['amountMinor', { amountMinor: 150_000_01 }],
    ['period', { period: 'P1D' as 'P1M' }],
    ['firstChargeAt', { firstChargeAt: 'tomorrow' }],
    ['createdAt', { createdAt: '1700000000000' }],
    ['sellerNote', { sellerNote: 'x'.repeat(1025) }],
    ['sellerAuthorizationNote', { sellerAuthorizationNote: 'x'.repeat(256) }],
  ])('refuses an invalid %s, naming it', (field, overrides) => {
    // Act
    const attempt = (): unknown => buildAgreement(aNewSubscription(overrides));

    // Assess
    expect(attempt).toThrow(InvalidBillingRecordError);
    expect(caught(attempt)).toMatchObject({ field });
  });

  it('never puts the customer key in its error message', () => {
    // Act
    const error = caught(() =>
      buildAgreement(aNewSubscription({ customerKey: 'buyer:has space' })),
    );

    // Assess
    expect(error).toBeInstanceOf(InvalidBillingRecordError);
    expect(String(error)).not.toContain('has space');
  });
});

describe('isSameAgreementContent', () => {
  it('treats a re-delivered Setup created at another time as the same agreement', () => {
    // Prepare
    const stored = buildAgreement(aNewSubscription());
    const again = buildAgreement(aNewSubscription({ createdAt: BILLING_START }));

    // Assess
    expect(isSameAgreementContent(stored, again)).toBe(true);
  });

  it.each<Partial<Extract<NewAgreement, { kind: 'subscription' }>>>([
    { amountMinor: 1600 },
    { period: 'P1W' },
    { firstChargeAt: '2025-04-01T00:00:00.000Z' },
    { customerKey: 'user:someone-else' },
    { productId: 'tea-club' },
    { sellerAuthorizationNote: 'note' },
  ])('tells other content apart: %o', (overrides) => {
    expect(
      isSameAgreementContent(
        buildAgreement(aNewSubscription()),
        buildAgreement(aNewSubscription(overrides)),
      ),
    ).toBe(false);
  });

  it('tells a subscription and a pay-as-you-go agreement apart', () => {
    expect(
      isSameAgreementContent(
        buildAgreement(aNewSubscription()),
        buildAgreement(aNewPayAsYouGo({ billingAgreementId: 'C01-1000001-0000001' })),
      ),
    ).toBe(false);
  });
});

describe('toCustomerKey', () => {
  it('prefers the buyer id and falls back to the user id', () => {
    expect(toCustomerKey({ buyerId: 'amzn1.account.B', userId: 'amzn1.ask.account.U' })).toBe(
      'buyer:amzn1.account.B',
    );
    expect(toCustomerKey({ buyerId: '', userId: 'amzn1.ask.account.U' })).toBe(
      'user:amzn1.ask.account.U',
    );
    expect(toCustomerKey({ userId: 'amzn1.ask.account.U' })).toBe('user:amzn1.ask.account.U');
  });
});
