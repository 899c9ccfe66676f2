import { isBillingPeriod, type BillingPeriod } from '../billing/BillingPeriod';
import { CatalogError } from './errors';

/**
 * How a product is paid for when it is not charged at once: a subscription charged every
 * `period` (the product's price is the price per period), or pay-as-you-go (charged later by usage).
 *
 * Either way the skill's Setup asks for a MerchantInitiatedTransaction billing agreement and the
 * merchant's billing job charges it; the skill itself never sends a Charge for such an order.
 */
export type ProductBilling =
  | { readonly kind: 'subscription'; readonly period: BillingPeriod }
  | { readonly kind: 'payAsYouGo' };

/**
 * Reads a catalog product's `billing` field: `{ "kind": "subscription", "period": "P1M" }` (one
 * of the periods of BillingPeriod) or `{ "kind": "payAsYouGo" }`. Undefined (no field) means the
 * product is charged now. Throws CatalogError naming the field at fault.
 */
export function parseProductBilling(value: unknown, path: string): ProductBilling | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CatalogError('must be { kind, period } or { kind: "payAsYouGo" }', path);
  }
  const record = value as Record<string, unknown>;
  const kind = Object.prototype.hasOwnProperty.call(record, 'kind') ? record['kind'] : undefined;
  const allowed = kind === 'subscription' ? ['kind', 'period'] : ['kind'];
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) throw new CatalogError('is not a known field', `${path}.${key}`);
  }
  if (kind === 'payAsYouGo') return Object.freeze({ kind: 'payAsYouGo' });
  if (kind !== 'subscription') {
    throw new CatalogError('must be subscription or payAsYouGo', `${path}.kind`);
  }
  const period = record['period'];
  if (!isBillingPeriod(period)) {
    throw new CatalogError('must be one of P1W, P1M, P3M, P1Y', `${path}.period`);
  }
  return Object.freeze({ kind: 'subscription', period });
}
