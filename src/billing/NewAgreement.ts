import type { Currency } from '../checkout/money';
import type { BillingPeriod } from './BillingPeriod';

/**
 * What the skill knows when a charge-later Setup succeeded, to create the agreement's record.
 *
 * A subscription gives its amount per period, the period and the first charge's time; a
 * pay-as-you-go agreement is charged by usage charges recorded later.
 */
export type NewAgreement = {
  readonly billingAgreementId: string;
  readonly customerKey: string;
  readonly productId: string;
  readonly currency: Currency;
  readonly createdAt: string;
  readonly sellerNote?: string;
  readonly sellerAuthorizationNote?: string;
} & (
  | {
      readonly kind: 'subscription';
      readonly amountMinor: number;
      readonly period: BillingPeriod;
      readonly firstChargeAt: string;
    }
  | { readonly kind: 'payAsYouGo' }
);
