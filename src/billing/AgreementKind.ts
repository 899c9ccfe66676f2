/**
 * What a billing agreement is charged for: a fixed amount per period (`subscription`), or usage
 * charges the merchant records as they happen (`payAsYouGo`).
 */
export const AgreementKind = {
  Subscription: 'subscription',
  PayAsYouGo: 'payAsYouGo',
} as const;
export type AgreementKind = (typeof AgreementKind)[keyof typeof AgreementKind];

/** Tells whether a value is an agreement kind. */
export function isAgreementKind(value: unknown): value is AgreementKind {
  return value === AgreementKind.Subscription || value === AgreementKind.PayAsYouGo;
}
