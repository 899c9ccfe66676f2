import { CatalogError } from './errors';
import { CURRENCY_EXPONENTS, toMoney, type Currency, type Money } from './money';

/** A product the shop sells, with its price in every ledger currency. */
export type Product = {
  readonly id: string;
  readonly name: string;
  readonly spokenName: { readonly one: string; readonly other: string };
  readonly synonyms: ReadonlyArray<string>;
  readonly maxQuantity: number;
  readonly unitPriceMinor: Readonly<Record<Currency, number>>;
};

/** The validated catalog: products plus the flat shipping fee and tax rate. */
export type Catalog = {
  readonly products: ReadonlyArray<Product>;
  readonly shippingMinor: Readonly<Record<Currency, number>>;
  /** Tax in basis points of the subtotal (0 until delivery addresses are priced). */
  readonly taxRateBasisPoints: number;
};

const CURRENCIES = Object.keys(CURRENCY_EXPONENTS) as Currency[];
const PRODUCT_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

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

/** Normalises a spoken or written product phrase for matching: case, width, punctuation, blanks. */
export function normaliseProductPhrase(phrase: string): string {
  return phrase
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[-_.,!?'"()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(an?|the|some) /, '');
}

function parseProduct(value: unknown, path: string): Product {
  if (!isRecord(value)) throw new CatalogError('must be an object', path);
  const id = text(own(value, 'id'), `${path}.id`);
  if (!PRODUCT_ID.test(id)) {
    throw new CatalogError('must be lower-case letters, digits and hyphens', `${path}.id`);
  }
  const spoken = own(value, 'spokenName');
  if (!isRecord(spoken)) throw new CatalogError('must be { one, other }', `${path}.spokenName`);
  const synonyms = own(value, 'synonyms');
  if (!Array.isArray(synonyms) || synonyms.length === 0) {
    throw new CatalogError('must be a non-empty list', `${path}.synonyms`);
  }
  return Object.freeze({
    id,
    name: text(own(value, 'name'), `${path}.name`),
    spokenName: Object.freeze({
      one: text(own(spoken, 'one'), `${path}.spokenName.one`),
      other: text(own(spoken, 'other'), `${path}.spokenName.other`),
    }),
    synonyms: Object.freeze(synonyms.map((s, i) => text(s, `${path}.synonyms[${i}]`))),
    maxQuantity: integer(own(value, 'maxQuantity'), `${path}.maxQuantity`, 1, 1000),
    unitPriceMinor: Object.freeze(
      pricePerCurrency(own(value, 'unitPriceMinor'), `${path}.unitPriceMinor`, 1),
    ),
  });
}

/**
 * Validates a catalog document (the bundled `catalog.json`) and returns it frozen.
 *
 * Every product needs an id, names, synonyms, a maximum quantity and a price in each of USD, EUR,
 * GBP and JPY, so that any valid merchant configuration can sell from it in its ledger currency.
 * Product ids and phrases (names and synonyms) must be unique across the catalog.
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
  });
}

function phraseList(product: Product): ReadonlyArray<string> {
  return [
    product.id,
    product.name,
    product.spokenName.one,
    product.spokenName.other,
    ...product.synonyms,
  ];
}

/**
 * Finds the product a shopper named: by its id (from slot entity resolution), else by any of its
 * names or synonyms after normalisation. Returns undefined when nothing matches.
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
