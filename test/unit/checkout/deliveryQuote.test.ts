import { parseCatalog } from '../../../src/checkout/Catalog';
import catalogDocument from '../../../src/checkout/catalog.json';
import type { DeliveryBasis, Destination } from '../../../src/checkout/deliveryQuote';
import { quoteDelivery, sameDeliveryBasis, taxOf } from '../../../src/checkout/deliveryQuote';
import type { Currency } from '../../../src/checkout/money';

const SHIPPING = { USD: 499, EUR: 450, GBP: 399, JPY: 600 };
const catalog = parseCatalog({
  ...catalogDocument,
  shippingMinor: { USD: 999, EUR: 899, GBP: 799, JPY: 1200 },
  taxRateBasisPoints: 100,
  delivery: [
    {
      country: 'US',
      regions: ['WA', 'NY', 'OR'],
      shippingMinor: SHIPPING,
      taxRateBasisPoints: 0,
      regionTaxRateBasisPoints: { WA: 650, NY: 400 },
    },
    {
      country: 'GB',
      shippingMinor: { USD: 700, EUR: 650, GBP: 550, JPY: 900 },
      taxRateBasisPoints: 2000,
    },
  ],
});

describe('quoteDelivery', () => {
  it.each<[string, Currency, number, Destination | undefined, unknown]>([
    [
      'a region with its own tax rate',
      'USD',
      2598,
      { countryCode: 'US', stateOrRegion: 'WA' },
      {
        kind: 'quoted',
        shippingMinor: 499,
        taxMinor: 169,
        basis: { kind: 'address', country: 'US', region: 'WA' },
      },
    ],
    [
      'a listed region without its own rate (the country rate)',
      'USD',
      2598,
      { countryCode: 'US', stateOrRegion: 'OR' },
      {
        kind: 'quoted',
        shippingMinor: 499,
        taxMinor: 0,
        basis: { kind: 'address', country: 'US', region: 'OR' },
      },
    ],
    [
      'codes in lower case with blanks',
      'USD',
      1000,
      { countryCode: ' us ', stateOrRegion: ' ny' },
      {
        kind: 'quoted',
        shippingMinor: 499,
        taxMinor: 40,
        basis: { kind: 'address', country: 'US', region: 'NY' },
      },
    ],
    [
      'a country without a region list (any region, the country rate)',
      'GBP',
      1299,
      { countryCode: 'GB', stateOrRegion: 'Greater London' },
      {
        kind: 'quoted',
        shippingMinor: 550,
        taxMinor: 260,
        basis: { kind: 'address', country: 'GB', region: 'GREATER LONDON' },
      },
    ],
    [
      'a country without a region list and no region',
      'JPY',
      1000,
      { countryCode: 'GB' },
      {
        kind: 'quoted',
        shippingMinor: 900,
        taxMinor: 200,
        basis: { kind: 'address', country: 'GB' },
      },
    ],
    [
      'a country with no zone',
      'USD',
      1000,
      { countryCode: 'CA', stateOrRegion: 'ON' },
      { kind: 'undeliverable', reason: 'country' },
    ],
    [
      'a region left out of its zone',
      'USD',
      1000,
      { countryCode: 'US', stateOrRegion: 'HI' },
      { kind: 'undeliverable', reason: 'region' },
    ],
    [
      'no region where the zone lists regions',
      'USD',
      1000,
      { countryCode: 'US' },
      { kind: 'undeliverable', reason: 'region' },
    ],
    [
      'an address without a country',
      'USD',
      1000,
      { stateOrRegion: 'WA' },
      { kind: 'undeliverable', reason: 'incomplete' },
    ],
    [
      'a blank country',
      'USD',
      1000,
      { countryCode: '  ' },
      { kind: 'undeliverable', reason: 'incomplete' },
    ],
    [
      'no address at all (the flat rate)',
      'EUR',
      2000,
      undefined,
      { kind: 'quoted', shippingMinor: 899, taxMinor: 20, basis: { kind: 'flat' } },
    ],
  ])('prices %s', (_name, currency, subtotal, destination, expected) => {
    expect(quoteDelivery(catalog, currency, subtotal, destination)).toEqual(expected);
  });
});

describe('taxOf', () => {
  it.each([
    [0, 650, 0],
    [2598, 650, 169], // 168.87 -> 169
    [1000, 725, 73], // 72.5 -> 73 (half up)
    [1000, 724, 72], // 72.4 -> 72
    [99_999_999, 10_000, 99_999_999],
  ])('taxes %i at %i basis points as %i', (subtotal, rate, tax) => {
    expect(taxOf(subtotal, rate)).toBe(tax);
  });
});

describe('sameDeliveryBasis', () => {
  const us = (region?: string): DeliveryBasis => ({
    kind: 'address',
    country: 'US',
    ...(region !== undefined && { region }),
  });
  it.each<[DeliveryBasis, DeliveryBasis, boolean]>([
    [us('WA'), us('WA'), true],
    [us('WA'), us('NY'), false],
    [us(), us('WA'), false],
    [{ kind: 'flat' }, { kind: 'flat' }, true],
    [{ kind: 'flat' }, us('WA'), false],
    [{ kind: 'address', country: 'GB' }, us(), false],
  ])('compares %j and %j: %s', (a, b, same) => {
    expect(sameDeliveryBasis(a, b)).toBe(same);
  });
});

describe('the bundled catalog', () => {
  it('delivers to every US state and DC, not to Puerto Rico or Canada', () => {
    const bundled = parseCatalog(catalogDocument);
    expect(
      quoteDelivery(bundled, 'USD', 1000, { countryCode: 'US', stateOrRegion: 'DC' }).kind,
    ).toBe('quoted');
    expect(quoteDelivery(bundled, 'USD', 1000, { countryCode: 'US', stateOrRegion: 'PR' })).toEqual(
      {
        kind: 'undeliverable',
        reason: 'region',
      },
    );
    expect(quoteDelivery(bundled, 'USD', 1000, { countryCode: 'CA', stateOrRegion: 'ON' })).toEqual(
      {
        kind: 'undeliverable',
        reason: 'country',
      },
    );
  });
});
