import { CatalogError } from './errors';
import { CURRENCY_EXPONENTS, toMoney, type Currency, type Money } from './money';
import { parseProductBilling, type ProductBilling } from './ProductBilling';

/** The grammatical gender of a spoken product name, for the number one (`ein`/`eine`, `un`/`une`). */
export type Gender = 'masculine' | 'feminine' | 'neuter';

/**
 * How a product is spoken: singular and plural, plus, where the language needs them, the gender
 * of the noun (so that "one" agrees with it) and the counter said after a number (Japanese `袋`).
 */
export type SpokenName = {
  readonly one: string;
  readonly other: string;
  readonly gender?: Gender;
  readonly counter?: string;
};

/** A product's names in one language: display name, spoken name and the phrases a shopper says. */
export type LocalizedProduct = {
  readonly name: string;
  readonly spokenName: SpokenName;
  readonly synonyms: ReadonlyArray<string>;
};

/**
 * A product the shop sells, with its price in every ledger currency.
 *
 * `name`, `spokenName` and `synonyms` are the default language's (English); `locales` holds the
 * names for other Alexa locales (`de-DE`, `ja-JP`, ...), each complete on its own.
 */
export type Product = LocalizedProduct & {
  readonly id: string;
  readonly locales: Readonly<Record<string, LocalizedProduct>>;
  readonly maxQuantity: number;
  readonly unitPriceMinor: Readonly<Record<Currency, number>>;
  /**
   * Absent: charged now, in the purchase. Set: charged later through a billing agreement (for a
   * subscription, `unitPriceMinor` is the price of one period).
   */
  readonly billing?: ProductBilling;
};

/**
 * Where the shop delivers, and what delivery and tax cost there: one zone per country, optionally
 * limited to some of its regions (`stateOrRegion` codes as Amazon writes them, case-insensitive).
 */
export type DeliveryZone = {
  /** ISO 3166-1 alpha-2, as in Amazon's addresses (`GB`, never `UK`). */
  readonly country: string;
  /** When set, only these regions of the country are delivered to (upper case). */
  readonly regions?: ReadonlySet<string>;
  readonly shippingMinor: Readonly<Record<Currency, number>>;
  /** Tax in basis points of the subtotal, for the whole country. */
  readonly taxRateBasisPoints: number;
  /** Per region (upper case), a tax rate that replaces the country's. */
  readonly regionTaxRateBasisPoints: Readonly<Record<string, number>>;
};

/** The validated catalog: products, the delivery zones, and the flat shipping fee and tax rate. */
export type Catalog = {
  readonly products: ReadonlyArray<Product>;
  /**
   * The flat shipping fee: charged when the shopper's address cannot be had and the merchant's
   * policy is to go on with flat shipping (`ADDRESS_UNAVAILABLE_POLICY=flat`).
   */
  readonly shippingMinor: Readonly<Record<Currency, number>>;
  /** Tax in basis points of the subtotal with flat shipping. */
  readonly taxRateBasisPoints: number;
  /** The countries delivered to; a destination in none of them is not sold to. */
  readonly delivery: ReadonlyArray<DeliveryZone>;
};

const CURRENCIES = Object.keys(CURRENCY_EXPONENTS) as Currency[];
const PRODUCT_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const LOCALE = /^[a-z]{2}-[A-Z]{2}$/;
const GENDERS: ReadonlyArray<Gender> = ['masculine', 'feminine', 'neuter'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(value: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > 200) {
    throw new CatalogError('must be non-empty text of at most 200 characters', path);
  }
  return value;
}

function integer(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new CatalogError(`must be a whole number from ${min} to ${max}`, path);
  }
  return value;
}

function pricePerCurrency(value: unknown, path: string, min: number): Record<Currency, number> {
  if (!isRecord(value)) throw new CatalogError('must be an object keyed by currency', path);
  const prices = {} as Record<Currency, number>;
  for (const currency of CURRENCIES) {
    prices[currency] = integer(own(value, currency), `${path}.${currency}`, min, 1_000_000_000);
  }
  for (const key of Object.keys(value)) {
    if (!CURRENCIES.includes(key as Currency)) {
      throw new CatalogError('is not a supported currency', `${path}.${key}`);
    }
  }
  return prices;
}

// One leading article (or "some") of the catalog's languages is dropped: "den Kaffee", "le café",
// "l'espresso", "un kit" name the same product as "Kaffee", "café", "espresso" and "kit".
const LEADING_ARTICLE = new RegExp(
  '^(' +
    [
      ...['a', 'an', 'the', 'some'],
      ...['der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einen', 'einem'],
      ...['le', 'la', 'les', 'l', 'un', 'une', 'du'],
      ...['il', 'lo', 'i', 'gli', 'uno', 'una', 'dei', 'degli', 'delle'],
      ...['el', 'los', 'las', 'unos', 'unas'],
    ].join('|') +
    ') ',
);

/**
 * Normalises a spoken or written product phrase for matching: width, case, punctuation, blanks,
 * and one leading article in any of the catalog's languages.
 */
export function normaliseProductPhrase(phrase: string): string {
  return phrase
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[-_.,!?'"()’]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(LEADING_ARTICLE, '');
}

function onlyKeys(
  value: Record<string, unknown>,
  allowed: ReadonlyArray<string>,
  path: string,
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new CatalogError('is not a known field', `${path}.${key}`);
  }
}

function isGender(value: unknown): value is Gender {
  return GENDERS.some((gender) => gender === value);
}

function parseSpokenName(value: unknown, path: string): SpokenName {
  if (!isRecord(value)) throw new CatalogError('must be { one, other }', path);
  onlyKeys(value, ['one', 'other', 'gender', 'counter'], path);
  const gender = own(value, 'gender');
  if (gender !== undefined && !isGender(gender)) {
    throw new CatalogError(`must be one of ${GENDERS.join(', ')}`, `${path}.gender`);
  }
  const rawCounter = own(value, 'counter');
  const counter = rawCounter === undefined ? undefined : text(rawCounter, `${path}.counter`);
  if (counter !== undefined && (counter.length > 10 || /\s/.test(counter))) {
    throw new CatalogError('must be one word of at most 10 characters', `${path}.counter`);
  }
  return Object.freeze({
    one: text(own(value, 'one'), `${path}.one`),
    other: text(own(value, 'other'), `${path}.other`),
    ...(gender !== undefined && { gender }),
    ...(counter !== undefined && { counter }),
  });
}

function parseNames(value: Record<string, unknown>, path: string): LocalizedProduct {
  const synonyms = own(value, 'synonyms');
  if (!Array.isArray(synonyms) || synonyms.length === 0) {
    throw new CatalogError('must be a non-empty list', `${path}.synonyms`);
  }
  return {
    name: text(own(value, 'name'), `${path}.name`),
    spokenName: parseSpokenName(own(value, 'spokenName'), `${path}.spokenName`),
    synonyms: Object.freeze(synonyms.map((s, i) => text(s, `${path}.synonyms[${i}]`))),
  };
}

function parseLocales(value: unknown, path: string): Record<string, LocalizedProduct> {
  if (value === undefined) return {};
  if (!isRecord(value)) throw new CatalogError('must be an object keyed by locale', path);
  const locales: Record<string, LocalizedProduct> = {};
  for (const [locale, names] of Object.entries(value)) {
    if (!LOCALE.test(locale)) {
      throw new CatalogError('is not a locale of the form xx-YY', `${path}.${locale}`);
    }
    if (!isRecord(names)) throw new CatalogError('must be an object', `${path}.${locale}`);
    onlyKeys(names, ['name', 'spokenName', 'synonyms'], `${path}.${locale}`);
    locales[locale] = Object.freeze(parseNames(names, `${path}.${locale}`));
  }
  return locales;
}

function parseProduct(value: unknown, path: string): Product {
  if (!isRecord(value)) throw new CatalogError('must be an object', path);
  const id = text(own(value, 'id'), `${path}.id`);
  if (!PRODUCT_ID.test(id)) {
    throw new CatalogError('must be lower-case letters, digits and hyphens', `${path}.id`);
  }
  const billing = parseProductBilling(own(value, 'billing'), `${path}.billing`);
  return Object.freeze({
    id,
    ...parseNames(value, path),
    locales: Object.freeze(parseLocales(own(value, 'locales'), `${path}.locales`)),
    maxQuantity: integer(own(value, 'maxQuantity'), `${path}.maxQuantity`, 1, 1000),
    unitPriceMinor: Object.freeze(
      pricePerCurrency(own(value, 'unitPriceMinor'), `${path}.unitPriceMinor`, 1),
    ),
    ...(billing !== undefined && { billing }),
  });
}

/**
 * Validates a catalog document (the bundled `catalog.json`) and returns it frozen.
 *
 * Every product needs an id, names, synonyms, a maximum quantity and a price in each of USD, EUR,
 * GBP and JPY, so that any valid merchant configuration can sell from it in its ledger currency.
 * A product may add `locales`: for each Alexa locale (`de-DE`), its own `name`, `spokenName`
 * (`one`, `other`, optional `gender` and `counter`) and `synonyms`. Product ids and phrases (names
 * and synonyms, in every language) must be unique across the catalog. A product may carry
 * `billing` (`{ kind: 'subscription', period: 'P1M' }` or `{ kind: 'payAsYouGo' }`): it is then
 * charged later through a billing agreement, not in the purchase.
 */
export function parseCatalog(value: unknown): Catalog {
  if (!isRecord(value)) throw new CatalogError('must be an object', '$');
  const products = own(value, 'products');
  if (!Array.isArray(products) || products.length < 3) {
    throw new CatalogError('must list at least three products', 'products');
  }
  const parsed = products.map((p, i) => parseProduct(p, `products[${i}]`));
  const ids = new Set<string>();
  const phrases = new Map<string, string>();
  parsed.forEach((product, i) => {
    if (ids.has(product.id)) throw new CatalogError('is a duplicate id', `products[${i}].id`);
    ids.add(product.id);
    for (const phrase of phraseList(product)) {
      const key = normaliseProductPhrase(phrase);
      const owner = phrases.get(key);
      if (owner !== undefined && owner !== product.id) {
        throw new CatalogError(`"${phrase}" also names ${owner}`, `products[${i}]`);
      }
      phrases.set(key, product.id);
    }
  });
  return Object.freeze({
    products: Object.freeze(parsed),
    shippingMinor: Object.freeze(pricePerCurrency(own(value, 'shippingMinor'), 'shippingMinor', 0)),
    taxRateBasisPoints: integer(own(value, 'taxRateBasisPoints'), 'taxRateBasisPoints', 0, 10_000),
    delivery: parseDelivery(own(value, 'delivery'), 'delivery'),
  });
}

const COUNTRY = /^[A-Z]{2}$/;
const REGION = /^[A-Z0-9][A-Z0-9 .-]{0,39}$/;

function region(value: unknown, path: string): string {
  const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!REGION.test(code)) throw new CatalogError('must be a region code', path);
  return code;
}

function parseZone(value: unknown, path: string): DeliveryZone {
  if (!isRecord(value)) throw new CatalogError('must be an object', path);
  onlyKeys(
    value,
    ['country', 'regions', 'shippingMinor', 'taxRateBasisPoints', 'regionTaxRateBasisPoints'],
    path,
  );
  const country = own(value, 'country');
  if (typeof country !== 'string' || !COUNTRY.test(country)) {
    throw new CatalogError('must be an ISO 3166 country code such as US or GB', `${path}.country`);
  }
  const regionsValue = own(value, 'regions');
  let regions: ReadonlySet<string> | undefined;
  if (regionsValue !== undefined) {
    if (!Array.isArray(regionsValue) || regionsValue.length === 0) {
      throw new CatalogError('must be a non-empty list of region codes', `${path}.regions`);
    }
    regions = new Set(regionsValue.map((r, i) => region(r, `${path}.regions[${i}]`)));
  }
  const taxesValue = own(value, 'regionTaxRateBasisPoints') ?? {};
  if (!isRecord(taxesValue)) {
    throw new CatalogError('must be an object keyed by region', `${path}.regionTaxRateBasisPoints`);
  }
  const regionTaxRateBasisPoints: Record<string, number> = {};
  for (const [key, rate] of Object.entries(taxesValue)) {
    const at = `${path}.regionTaxRateBasisPoints.${key}`;
    const code = region(key, at);
    if (regions !== undefined && !regions.has(code)) {
      throw new CatalogError('is not one of the zone regions', at);
    }
    regionTaxRateBasisPoints[code] = integer(rate, at, 0, 10_000);
  }
  return Object.freeze({
    country,
    ...(regions !== undefined && { regions }),
    shippingMinor: Object.freeze(
      pricePerCurrency(own(value, 'shippingMinor'), `${path}.shippingMinor`, 0),
    ),
    taxRateBasisPoints: integer(
      own(value, 'taxRateBasisPoints'),
      `${path}.taxRateBasisPoints`,
      0,
      10_000,
    ),
    regionTaxRateBasisPoints: Object.freeze(regionTaxRateBasisPoints),
  });
}

function parseDelivery(value: unknown, path: string): ReadonlyArray<DeliveryZone> {
  if (!Array.isArray(value) || value.length === 0) {
    throw new CatalogError('must list at least one delivery zone', path);
  }
  const zones = value.map((zone, i) => parseZone(zone, `${path}[${i}]`));
  const countries = new Set<string>();
  zones.forEach((zone, i) => {
    if (countries.has(zone.country)) {
      throw new CatalogError('is a second zone of one country', `${path}[${i}].country`);
    }
    countries.add(zone.country);
  });
  return Object.freeze(zones);
}

function namesOf(names: LocalizedProduct): ReadonlyArray<string> {
  return [names.name, names.spokenName.one, names.spokenName.other, ...names.synonyms];
}

function phraseList(product: Product): ReadonlyArray<string> {
  return [product.id, ...namesOf(product), ...Object.values(product.locales).flatMap(namesOf)];
}

/**
 * Returns a product's names in a locale: the locale's own entry, or the default language's names
 * when the catalog has none for it.
 */
export function localizeProduct(product: Product, locale: string): LocalizedProduct {
  const names = Object.prototype.hasOwnProperty.call(product.locales, locale)
    ? product.locales[locale]
    : undefined;
  return (
    names ?? { name: product.name, spokenName: product.spokenName, synonyms: product.synonyms }
  );
}

/**
 * Finds the product a shopper named: by its id (from slot entity resolution), else by any of its
 * names or synonyms, in any of the catalog's languages, after normalisation. Returns undefined
 * when nothing matches. Phrases are unique across the catalog and its languages, so the shopper's
 * locale is not needed.
 */
export function findProduct(
  catalog: Catalog,
  query: { readonly id?: string; readonly phrase?: string },
): Product | undefined {
  if (query.id !== undefined) {
    const byId = catalog.products.find((p) => p.id === query.id);
    if (byId !== undefined) return byId;
  }
  if (query.phrase === undefined) return undefined;
  const wanted = normaliseProductPhrase(query.phrase);
  if (wanted.length === 0) return undefined;
  return catalog.products.find((p) =>
    phraseList(p).some((phrase) => normaliseProductPhrase(phrase) === wanted),
  );
}

/** The unit price of a product in a currency. */
export function unitPriceOf(product: Product, currency: Currency): Money {
  return toMoney(product.unitPriceMinor[currency], currency);
}
