import type { Catalog, DeliveryZone } from './Catalog';
import type { Currency } from './money';

/** The part of a shopper's address that decides delivery: country and region codes only. */
export type Destination = {
  readonly countryCode?: string;
  readonly stateOrRegion?: string;
};

/**
 * What an order's shipping and tax were priced on: the zone of the shopper's address (country and
 * region codes, never the rest of the address), or the flat rate when the address could not be had.
 */
export type DeliveryBasis =
  | { readonly kind: 'address'; readonly country: string; readonly region?: string }
  | { readonly kind: 'flat' };

/** The price of delivering an order, or why it cannot be delivered. */
export type DeliveryQuote =
  | {
      readonly kind: 'quoted';
      readonly shippingMinor: number;
      readonly taxMinor: number;
      readonly basis: DeliveryBasis;
    }
  /**
   * `country`: no zone for it; `region`: the country's zone leaves that region out (or the address
   * names no region where the zone needs one); `incomplete`: the address has no country at all.
   */
  | { readonly kind: 'undeliverable'; readonly reason: 'country' | 'region' | 'incomplete' };

/** Tax on a subtotal in basis points, rounded half up in integer minor units (never floats). */
export function taxOf(subtotalMinor: number, rateBasisPoints: number): number {
  return Math.floor((subtotalMinor * rateBasisPoints + 5000) / 10000);
}

function normalise(code: string | undefined): string | undefined {
  const trimmed = code?.trim().toUpperCase();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function findZone(catalog: Catalog, country: string): DeliveryZone | undefined {
  return catalog.delivery.find((zone) => zone.country === country);
}

/**
 * Prices delivery to a destination: the zone of its country (and region, where the zone lists
 * regions) gives the shipping fee in the order's currency and the tax rate (a region's own rate
 * replaces the country's). Without a destination (the address could not be had), the catalog's
 * flat shipping fee and tax rate.
 *
 * @example
 * quoteDelivery(catalog, 'USD', 2598, { countryCode: 'US', stateOrRegion: 'WA' });
 * // { kind: 'quoted', shippingMinor: 499, taxMinor: 169, basis: { kind: 'address', country: 'US', region: 'WA' } }
 */
export function quoteDelivery(
  catalog: Catalog,
  currency: Currency,
  subtotalMinor: number,
  destination: Destination | undefined,
): DeliveryQuote {
  if (destination === undefined) {
    return {
      kind: 'quoted',
      shippingMinor: catalog.shippingMinor[currency],
      taxMinor: taxOf(subtotalMinor, catalog.taxRateBasisPoints),
      basis: { kind: 'flat' },
    };
  }
  const country = normalise(destination.countryCode);
  if (country === undefined) return { kind: 'undeliverable', reason: 'incomplete' };
  const zone = findZone(catalog, country);
  if (zone === undefined) return { kind: 'undeliverable', reason: 'country' };
  const region = normalise(destination.stateOrRegion);
  if (zone.regions !== undefined && (region === undefined || !zone.regions.has(region))) {
    return { kind: 'undeliverable', reason: 'region' };
  }
  const rate =
    (region !== undefined ? zone.regionTaxRateBasisPoints[region] : undefined) ??
    zone.taxRateBasisPoints;
  return {
    kind: 'quoted',
    shippingMinor: zone.shippingMinor[currency],
    taxMinor: taxOf(subtotalMinor, rate),
    basis: { kind: 'address', country, ...(region !== undefined && { region }) },
  };
}

/** Tells whether two bases price the same zone (the same country and region). */
export function sameDeliveryBasis(a: DeliveryBasis, b: DeliveryBasis): boolean {
  if (a.kind === 'flat' || b.kind === 'flat') return a.kind === b.kind;
  return a.country === b.country && a.region === b.region;
}
