import {
  findProduct,
  localizeProduct,
  normaliseProductPhrase,
  parseCatalog,
  unitPriceOf,
  type Catalog,
} from '../../../src/checkout/Catalog';
import catalogDocument from '../../../src/checkout/catalog.json';
import { CatalogError } from '../../../src/checkout/errors';
import { Currency } from '../../../src/checkout/money';

type Fields = Record<string, unknown>;

/** A valid product document; `overrides` replace fields, `undefined` removes one. */
function aProductDocument(id: string, overrides: Fields = {}): Fields {
  return {
    id,
    name: `Product ${id}`,
    spokenName: { one: `unit of ${id}`, other: `units of ${id}` },
    synonyms: [`${id} synonym`],
    maxQuantity: 10,
    unitPriceMinor: { USD: 1000, EUR: 900, GBP: 800, JPY: 1500 },
    ...overrides,
  };
}

/** A valid catalog document of three products; `products` overrides replace them by index. */
function aCatalogDocument(overrides: Fields = {}, products: Record<number, unknown> = {}): Fields {
  const list = [aProductDocument('alpha'), aProductDocument('beta'), aProductDocument('gamma')];
  return {
    shippingMinor: { USD: 499, EUR: 450, GBP: 399, JPY: 600 },
    taxRateBasisPoints: 0,
    delivery: [
      {
        country: 'US',
        shippingMinor: { USD: 499, EUR: 450, GBP: 399, JPY: 600 },
        taxRateBasisPoints: 0,
      },
    ],
    products: list.map((product, i) => (i in products ? products[i] : product)),
    ...overrides,
  };
}

/** The path of the CatalogError that parsing throws, or undefined when it parses. */
function rejectedPath(document: unknown): string | undefined {
  try {
    parseCatalog(document);
  } catch (error) {
    if (error instanceof CatalogError) return error.path;
    throw error;
  }
  return undefined;
}

const PRICES = { USD: 1000, EUR: 900, GBP: 800, JPY: 1500 };

/** A valid locale entry of a product; `overrides` replace fields, `undefined` removes one. */
function aLocaleEntry(id: string, overrides: Fields = {}): Fields {
  return {
    name: `Produkt ${id}`,
    spokenName: { one: `Stück ${id}`, other: `Stücke ${id}`, gender: 'neuter' },
    synonyms: [`${id} Synonym de`],
    ...overrides,
  };
}

/** A catalog whose first product has the given `locales` value. */
function withLocales(locales: unknown): Fields {
  return aCatalogDocument({}, { 0: aProductDocument('alpha', { locales }) });
}

describe('Catalog', () => {
  describe('parseCatalog', () => {
    it('accepts the bundled catalog.json', () => {
      // Act
      const catalog = parseCatalog(catalogDocument);

      // Assess
      expect(catalog.products.map((p) => p.id)).toEqual([
        'house-blend',
        'espresso-cups',
        'starter-kit',
        'coffee-subscription',
      ]);
      expect(catalog.shippingMinor).toEqual({ USD: 499, EUR: 450, GBP: 399, JPY: 600 });
      expect(catalog.taxRateBasisPoints).toBe(0);
    });

    it('returns a frozen catalog', () => {
      // Act
      const catalog = parseCatalog(aCatalogDocument());

      // Assess
      expect(Object.isFrozen(catalog)).toBe(true);
      expect(Object.isFrozen(catalog.products)).toBe(true);
      expect(Object.isFrozen(catalog.products[0])).toBe(true);
      expect(Object.isFrozen(catalog.products[0]?.unitPriceMinor)).toBe(true);
      expect(Object.isFrozen(catalog.shippingMinor)).toBe(true);
    });

    it.each<[string, Fields, Record<number, unknown>]>([
      ['free shipping', { shippingMinor: { USD: 0, EUR: 0, GBP: 0, JPY: 0 } }, {}],
      ['a tax rate of 100%', { taxRateBasisPoints: 10_000 }, {}],
      [
        'a product whose synonym repeats its own name',
        {},
        { 0: aProductDocument('alpha', { synonyms: ['Product alpha', 'the alpha'] }) },
      ],
      ['an id of 40 characters', {}, { 0: aProductDocument('a'.repeat(40)) }],
      ['a maxQuantity of 1000', {}, { 0: aProductDocument('alpha', { maxQuantity: 1000 }) }],
      [
        'names in another locale',
        {},
        { 0: aProductDocument('alpha', { locales: { 'de-DE': aLocaleEntry('alpha') } }) },
      ],
      [
        'a Japanese counter and a feminine gender',
        {},
        {
          0: aProductDocument('alpha', {
            spokenName: { one: 'unit', other: 'units', gender: 'feminine' },
            locales: {
              'ja-JP': aLocaleEntry('alpha', {
                spokenName: { one: 'アルファ', other: 'アルファ', counter: '袋' },
              }),
            },
          }),
        },
      ],
      [
        "a locale's phrase that repeats the product's own default name",
        {},
        {
          0: aProductDocument('alpha', {
            locales: { 'fr-FR': aLocaleEntry('alpha', { synonyms: ['Product alpha'] }) },
          }),
        },
      ],
    ])('accepts %s', (_name, overrides, products) => {
      expect(rejectedPath(aCatalogDocument(overrides, products))).toBeUndefined();
    });

    it.each<[string, string, unknown]>([
      ['a document that is not an object', '$', []],
      ['no delivery zones', 'delivery', aCatalogDocument({ delivery: [] })],
      ['a missing delivery list', 'delivery', aCatalogDocument({ delivery: undefined })],
      [
        'a zone whose country is not an ISO code',
        'delivery[0].country',
        aCatalogDocument({
          delivery: [
            {
              country: 'UK ',
              shippingMinor: { USD: 499, EUR: 450, GBP: 399, JPY: 600 },
              taxRateBasisPoints: 0,
            },
          ],
        }),
      ],
      [
        'two zones of one country',
        'delivery[1].country',
        aCatalogDocument({
          delivery: [
            {
              country: 'US',
              shippingMinor: { USD: 499, EUR: 450, GBP: 399, JPY: 600 },
              taxRateBasisPoints: 0,
            },
            {
              country: 'US',
              shippingMinor: { USD: 499, EUR: 450, GBP: 399, JPY: 600 },
              taxRateBasisPoints: 0,
            },
          ],
        }),
      ],
      [
        'an empty region list',
        'delivery[0].regions',
        aCatalogDocument({
          delivery: [
            {
              country: 'US',
              regions: [],
              shippingMinor: { USD: 499, EUR: 450, GBP: 399, JPY: 600 },
              taxRateBasisPoints: 0,
            },
          ],
        }),
      ],
      [
        'a region tax rate outside the zone regions',
        'delivery[0].regionTaxRateBasisPoints.NY',
        aCatalogDocument({
          delivery: [
            {
              country: 'US',
              regions: ['WA'],
              shippingMinor: { USD: 499, EUR: 450, GBP: 399, JPY: 600 },
              taxRateBasisPoints: 0,
              regionTaxRateBasisPoints: { NY: 400 },
            },
          ],
        }),
      ],
      [
        'a region tax rate above 100%',
        'delivery[0].regionTaxRateBasisPoints.WA',
        aCatalogDocument({
          delivery: [
            {
              country: 'US',
              shippingMinor: { USD: 499, EUR: 450, GBP: 399, JPY: 600 },
              taxRateBasisPoints: 0,
              regionTaxRateBasisPoints: { WA: 10_001 },
            },
          ],
        }),
      ],
      [
        'a zone without a shipping fee in every currency',
        'delivery[0].shippingMinor.JPY',
        aCatalogDocument({
          delivery: [
            { country: 'US', shippingMinor: { USD: 1, EUR: 1, GBP: 1 }, taxRateBasisPoints: 0 },
          ],
        }),
      ],
      [
        'an unknown zone field',
        'delivery[0].freeOver',
        aCatalogDocument({
          delivery: [
            {
              country: 'US',
              shippingMinor: { USD: 499, EUR: 450, GBP: 399, JPY: 600 },
              taxRateBasisPoints: 0,
              freeOver: 1,
            },
          ],
        }),
      ],
      ['a null document', '$', null],
      [
        'fewer than 3 products',
        'products',
        { ...aCatalogDocument(), products: [aProductDocument('alpha'), aProductDocument('beta')] },
      ],
      [
        'products that are not a list',
        'products',
        aCatalogDocument({ products: { 0: aProductDocument('alpha') } }),
      ],
      ['missing products', 'products', aCatalogDocument({ products: undefined })],
      ['a product that is not an object', 'products[1]', aCatalogDocument({}, { 1: 'beta' })],
      [
        'a product missing its JPY price',
        'products[0].unitPriceMinor.JPY',
        aCatalogDocument(
          {},
          { 0: aProductDocument('alpha', { unitPriceMinor: { USD: 1000, EUR: 900, GBP: 800 } }) },
        ),
      ],
      [
        'a product with an extra currency',
        'products[2].unitPriceMinor.CHF',
        aCatalogDocument(
          {},
          { 2: aProductDocument('gamma', { unitPriceMinor: { ...PRICES, CHF: 950 } }) },
        ),
      ],
      [
        'a price list with a __proto__ key',
        'products[0].unitPriceMinor.__proto__',
        aCatalogDocument(
          {},
          {
            0: aProductDocument('alpha', {
              unitPriceMinor: JSON.parse(
                '{"USD":1,"EUR":1,"GBP":1,"JPY":1,"__proto__":1}',
              ) as unknown,
            }),
          },
        ),
      ],
      [
        'prices that are not an object',
        'products[0].unitPriceMinor',
        aCatalogDocument({}, { 0: aProductDocument('alpha', { unitPriceMinor: 1000 }) }),
      ],
      [
        'a non-integer price',
        'products[0].unitPriceMinor.USD',
        aCatalogDocument(
          {},
          { 0: aProductDocument('alpha', { unitPriceMinor: { ...PRICES, USD: 14.99 } }) },
        ),
      ],
      [
        'a price written as a string',
        'products[0].unitPriceMinor.GBP',
        aCatalogDocument(
          {},
          { 0: aProductDocument('alpha', { unitPriceMinor: { ...PRICES, GBP: '800' } }) },
        ),
      ],
      [
        'a zero price',
        'products[1].unitPriceMinor.EUR',
        aCatalogDocument(
          {},
          { 1: aProductDocument('beta', { unitPriceMinor: { ...PRICES, EUR: 0 } }) },
        ),
      ],
      [
        'a negative price',
        'products[1].unitPriceMinor.JPY',
        aCatalogDocument(
          {},
          { 1: aProductDocument('beta', { unitPriceMinor: { ...PRICES, JPY: -1 } }) },
        ),
      ],
      [
        'a price above 1,000,000,000',
        'products[1].unitPriceMinor.JPY',
        aCatalogDocument(
          {},
          { 1: aProductDocument('beta', { unitPriceMinor: { ...PRICES, JPY: 1_000_000_001 } }) },
        ),
      ],
      [
        'an id with capitals and a blank',
        'products[0].id',
        aCatalogDocument({}, { 0: aProductDocument('House Blend') }),
      ],
      [
        'an id that starts with a hyphen',
        'products[0].id',
        aCatalogDocument({}, { 0: aProductDocument('-alpha') }),
      ],
      [
        'an id of 41 characters',
        'products[0].id',
        aCatalogDocument({}, { 0: aProductDocument('a'.repeat(41)) }),
      ],
      [
        'a missing id',
        'products[0].id',
        aCatalogDocument({}, { 0: aProductDocument('alpha', { id: undefined }) }),
      ],
      [
        'a numeric id',
        'products[0].id',
        aCatalogDocument({}, { 0: aProductDocument('alpha', { id: 7 }) }),
      ],
      [
        'a duplicate id',
        'products[2].id',
        aCatalogDocument({}, { 2: aProductDocument('alpha', { synonyms: ['other'] }) }),
      ],
      [
        'a synonym shared by two products',
        'products[1]',
        aCatalogDocument({}, { 1: aProductDocument('beta', { synonyms: ['alpha synonym'] }) }),
      ],
      [
        "a synonym that is another product's name once normalised",
        'products[2]',
        aCatalogDocument({}, { 2: aProductDocument('gamma', { synonyms: ['the PRODUCT-beta!'] }) }),
      ],
      [
        "a synonym that is another product's id",
        'products[1]',
        aCatalogDocument({}, { 1: aProductDocument('beta', { synonyms: ['alpha'] }) }),
      ],
      [
        'a maxQuantity of 0',
        'products[0].maxQuantity',
        aCatalogDocument({}, { 0: aProductDocument('alpha', { maxQuantity: 0 }) }),
      ],
      [
        'a maxQuantity of 1001',
        'products[0].maxQuantity',
        aCatalogDocument({}, { 0: aProductDocument('alpha', { maxQuantity: 1001 }) }),
      ],
      [
        'a fractional maxQuantity',
        'products[0].maxQuantity',
        aCatalogDocument({}, { 0: aProductDocument('alpha', { maxQuantity: 2.5 }) }),
      ],
      [
        'a missing name',
        'products[0].name',
        aCatalogDocument({}, { 0: aProductDocument('alpha', { name: undefined }) }),
      ],
      [
        'a blank name',
        'products[0].name',
        aCatalogDocument({}, { 0: aProductDocument('alpha', { name: '   ' }) }),
      ],
      [
        'a name of 201 characters',
        'products[0].name',
        aCatalogDocument({}, { 0: aProductDocument('alpha', { name: 'n'.repeat(201) }) }),
      ],
      [
        'a missing spokenName',
        'products[0].spokenName',
        aCatalogDocument({}, { 0: aProductDocument('alpha', { spokenName: undefined }) }),
      ],
      [
        'a spokenName that is a string',
        'products[0].spokenName',
        aCatalogDocument({}, { 0: aProductDocument('alpha', { spokenName: 'alpha' }) }),
      ],
      [
        'a missing singular spoken name',
        'products[0].spokenName.one',
        aCatalogDocument({}, { 0: aProductDocument('alpha', { spokenName: { other: 'alphas' } }) }),
      ],
      [
        'a blank plural spoken name',
        'products[0].spokenName.other',
        aCatalogDocument(
          {},
          { 0: aProductDocument('alpha', { spokenName: { one: 'alpha', other: '' } }) },
        ),
      ],
      [
        'an empty synonym list',
        'products[0].synonyms',
        aCatalogDocument({}, { 0: aProductDocument('alpha', { synonyms: [] }) }),
      ],
      [
        'synonyms that are a string',
        'products[0].synonyms',
        aCatalogDocument({}, { 0: aProductDocument('alpha', { synonyms: 'alpha' }) }),
      ],
      [
        'a blank synonym',
        'products[0].synonyms[1]',
        aCatalogDocument({}, { 0: aProductDocument('alpha', { synonyms: ['first', ' '] }) }),
      ],
      [
        'a synonym that is not text',
        'products[0].synonyms[0]',
        aCatalogDocument({}, { 0: aProductDocument('alpha', { synonyms: [42] }) }),
      ],
      ['missing shipping fees', 'shippingMinor', aCatalogDocument({ shippingMinor: undefined })],
      [
        'a missing yen shipping fee',
        'shippingMinor.JPY',
        aCatalogDocument({ shippingMinor: { USD: 1, EUR: 1, GBP: 1 } }),
      ],
      [
        'a negative shipping fee',
        'shippingMinor.USD',
        aCatalogDocument({ shippingMinor: { USD: -1, EUR: 1, GBP: 1, JPY: 1 } }),
      ],
      ['a negative tax rate', 'taxRateBasisPoints', aCatalogDocument({ taxRateBasisPoints: -1 })],
      [
        'a tax rate above 100%',
        'taxRateBasisPoints',
        aCatalogDocument({ taxRateBasisPoints: 10_001 }),
      ],
      [
        'a missing tax rate',
        'taxRateBasisPoints',
        aCatalogDocument({ taxRateBasisPoints: undefined }),
      ],
      [
        'a spokenName with an unknown field',
        'products[0].spokenName.plural',
        aCatalogDocument(
          {},
          { 0: aProductDocument('alpha', { spokenName: { one: 'a', other: 'b', plural: 'b' } }) },
        ),
      ],
      ['locales that are a list', 'products[0].locales', withLocales(['de-DE'])],
      [
        'a locale written with an underscore',
        'products[0].locales.de_DE',
        withLocales({ de_DE: aLocaleEntry('alpha') }),
      ],
      [
        'a __proto__ locale',
        'products[0].locales.__proto__',
        withLocales(JSON.parse('{"__proto__":{}}') as unknown),
      ],
      [
        'a locale entry that is text',
        'products[0].locales.de-DE',
        withLocales({ 'de-DE': 'Kaffee' }),
      ],
      [
        'a locale entry with an unknown field',
        'products[0].locales.de-DE.synonym',
        withLocales({ 'de-DE': aLocaleEntry('alpha', { synonym: ['x'] }) }),
      ],
      [
        'a locale entry without synonyms',
        'products[0].locales.de-DE.synonyms',
        withLocales({ 'de-DE': aLocaleEntry('alpha', { synonyms: undefined }) }),
      ],
      [
        'a locale entry without a name',
        'products[0].locales.de-DE.name',
        withLocales({ 'de-DE': aLocaleEntry('alpha', { name: undefined }) }),
      ],
      [
        'a locale entry without a spoken name',
        'products[0].locales.de-DE.spokenName',
        withLocales({ 'de-DE': aLocaleEntry('alpha', { spokenName: undefined }) }),
      ],
      [
        'an unknown gender',
        'products[0].locales.de-DE.spokenName.gender',
        withLocales({
          'de-DE': aLocaleEntry('alpha', { spokenName: { one: 'a', other: 'b', gender: 'm' } }),
        }),
      ],
      [
        'a counter with a blank',
        'products[0].locales.ja-JP.spokenName.counter',
        withLocales({
          'ja-JP': aLocaleEntry('alpha', { spokenName: { one: 'a', other: 'a', counter: '1 袋' } }),
        }),
      ],
      [
        'a counter of 11 characters',
        'products[0].locales.ja-JP.spokenName.counter',
        withLocales({
          'ja-JP': aLocaleEntry('alpha', {
            spokenName: { one: 'a', other: 'a', counter: 'c'.repeat(11) },
          }),
        }),
      ],
      [
        'a counter that is not text',
        'products[0].locales.ja-JP.spokenName.counter',
        withLocales({
          'ja-JP': aLocaleEntry('alpha', { spokenName: { one: 'a', other: 'a', counter: 2 } }),
        }),
      ],
      [
        "a locale's synonym that names another product",
        'products[1]',
        aCatalogDocument(
          {},
          {
            1: aProductDocument('beta', {
              locales: { 'it-IT': aLocaleEntry('beta', { synonyms: ['Product alpha'] }) },
            }),
          },
        ),
      ],
    ])('rejects %s with a CatalogError naming %s', (_name, path, document) => {
      expect(rejectedPath(document)).toBe(path);
    });

    it('says which product a shared phrase already names', () => {
      const document = aCatalogDocument(
        {},
        { 1: aProductDocument('beta', { synonyms: ['alpha synonym'] }) },
      );

      expect(() => parseCatalog(document)).toThrow(
        'catalog products[1]: "alpha synonym" also names alpha',
      );
    });
  });

  describe('billing', () => {
    it.each<[string, unknown, unknown]>([
      [
        'a monthly subscription',
        { kind: 'subscription', period: 'P1M' },
        { kind: 'subscription', period: 'P1M' },
      ],
      [
        'a weekly subscription',
        { kind: 'subscription', period: 'P1W' },
        { kind: 'subscription', period: 'P1W' },
      ],
      [
        'a quarterly subscription',
        { kind: 'subscription', period: 'P3M' },
        { kind: 'subscription', period: 'P3M' },
      ],
      [
        'a yearly subscription',
        { kind: 'subscription', period: 'P1Y' },
        { kind: 'subscription', period: 'P1Y' },
      ],
      ['pay as you go', { kind: 'payAsYouGo' }, { kind: 'payAsYouGo' }],
    ])('reads %s', (_label, billing, expected) => {
      // Prepare
      const document = aCatalogDocument({}, { 1: aProductDocument('beta', { billing }) });

      // Act
      const catalog = parseCatalog(document);

      // Assess
      expect(catalog.products[1]?.billing).toStrictEqual(expected);
      expect(catalog.products[0]?.billing).toBeUndefined();
      expect(Object.isFrozen(catalog.products[1]?.billing)).toBe(true);
    });

    it.each<[string, unknown, string]>([
      ['a text', 'monthly', 'products[1].billing'],
      ['a list', [], 'products[1].billing'],
      ['null', null, 'products[1].billing'],
      ['no kind', { period: 'P1M' }, 'products[1].billing.period'],
      ['an unknown kind', { kind: 'rental' }, 'products[1].billing.kind'],
      ['a subscription without a period', { kind: 'subscription' }, 'products[1].billing.period'],
      [
        'an unsupported period',
        { kind: 'subscription', period: 'P2M' },
        'products[1].billing.period',
      ],
      ['a period in days', { kind: 'subscription', period: 'P30D' }, 'products[1].billing.period'],
      ['a numeric period', { kind: 'subscription', period: 1 }, 'products[1].billing.period'],
      [
        'a period on pay as you go',
        { kind: 'payAsYouGo', period: 'P1M' },
        'products[1].billing.period',
      ],
      [
        'an unknown field',
        { kind: 'subscription', period: 'P1M', trial: true },
        'products[1].billing.trial',
      ],
    ])('refuses %s', (_label, billing, path) => {
      // Prepare
      const document = aCatalogDocument({}, { 1: aProductDocument('beta', { billing }) });

      // Act
      const rejected = rejectedPath(document);

      // Assess
      expect(rejected).toBe(path);
    });

    it('sells the coffee subscription monthly in the bundled catalog, named in every locale', () => {
      // Act
      const catalog = parseCatalog(catalogDocument);
      const product = findProduct(catalog, { phrase: 'the coffee subscription' });

      // Assess
      expect(product?.id).toBe('coffee-subscription');
      expect(product?.billing).toStrictEqual({ kind: 'subscription', period: 'P1M' });
      expect(Object.keys(product?.locales ?? {}).sort()).toStrictEqual([
        'de-DE',
        'es-ES',
        'fr-FR',
        'it-IT',
        'ja-JP',
      ]);
      expect(catalog.products.filter((p) => p.billing !== undefined)).toHaveLength(1);
    });
  });

  describe('findProduct', () => {
    const catalog: Catalog = parseCatalog(catalogDocument);
    const idOf = (query: { id?: string; phrase?: string }) => findProduct(catalog, query)?.id;

    it.each<[string, { id?: string; phrase?: string }, string]>([
      ['by id', { id: 'espresso-cups' }, 'espresso-cups'],
      ['by id before the phrase', { id: 'starter-kit', phrase: 'coffee' }, 'starter-kit'],
      ['by phrase when the id is unknown', { id: 'no-such-id', phrase: 'cups' }, 'espresso-cups'],
      ['by synonym', { phrase: 'coffee' }, 'house-blend'],
      ['by name', { phrase: 'House Blend Coffee, 340 g' }, 'house-blend'],
      ['by the plural spoken name', { phrase: 'bags of House Blend coffee' }, 'house-blend'],
      ['by the id written with blanks', { phrase: 'starter kit' }, 'starter-kit'],
      ['ignoring case', { phrase: 'COFFEE BEANS' }, 'house-blend'],
      [
        'ignoring surrounding and repeated blanks',
        { phrase: '  espresso \t cup   set ' },
        'espresso-cups',
      ],
      ['ignoring punctuation', { phrase: 'Pour-Over Kit!' }, 'starter-kit'],
      ['ignoring a hyphen instead of a blank', { phrase: 'pour-over' }, 'starter-kit'],
      ['after "the"', { phrase: 'the coffee' }, 'house-blend'],
      ['after "a"', { phrase: 'a set of cups' }, 'espresso-cups'],
      ['after "an"', { phrase: 'an espresso cup set' }, 'espresso-cups'],
      ['after "some"', { phrase: 'some coffee beans' }, 'house-blend'],
      ['in Japanese', { phrase: 'スターターキット' }, 'starter-kit'],
      ['in half-width katakana', { phrase: 'ｽﾀｰﾀｰｷｯﾄ' }, 'starter-kit'],
      ['by a German synonym', { phrase: 'Beutel Kaffee' }, 'house-blend'],
      ['after "den"', { phrase: 'den Kaffee' }, 'house-blend'],
      ['by a French synonym after "les"', { phrase: 'les tasses' }, 'espresso-cups'],
      ['after "le"', { phrase: 'le kit' }, 'starter-kit'],
      ['by an Italian synonym after "il"', { phrase: 'il caffè' }, 'house-blend'],
      ['after "le" in Italian', { phrase: 'le tazzine' }, 'espresso-cups'],
      ['by a Spanish synonym after "unas"', { phrase: 'unas tazas' }, 'espresso-cups'],
      ['by a Japanese synonym', { phrase: 'コーヒー豆' }, 'house-blend'],
      ['by a localized spoken name', { phrase: 'Espressotassen-Sets' }, 'espresso-cups'],
    ])('finds a product %s', (_name, query, id) => {
      expect(idOf(query)).toBe(id);
    });

    it.each<[string, { id?: string; phrase?: string }]>([
      ['an unknown phrase', { phrase: 'tea' }],
      ['an unknown id alone', { id: 'no-such-id' }],
      ['an empty phrase', { phrase: '' }],
      ['a blank phrase', { phrase: '   ' }],
      ['punctuation only', { phrase: '?!' }],
      ['an article alone', { phrase: 'the ' }],
      ['a phrase that only contains a synonym', { phrase: 'two bags of coffee please' }],
      ['an empty query', {}],
    ])('finds nothing for %s', (_name, query) => {
      expect(findProduct(catalog, query)).toBeUndefined();
    });
  });

  describe('normaliseProductPhrase', () => {
    it.each([
      ['Coffee', 'coffee'],
      ['  House   Blend ', 'house blend'],
      ['pour-over_kit', 'pour over kit'],
      ['"Espresso" (cups), please!?', 'espresso cups please'],
      ["the house blend's bag.", 'house blend s bag'],
      ['The Coffee', 'coffee'],
      ['a cup set', 'cup set'],
      ['An espresso', 'espresso'],
      ['some coffee', 'coffee'],
      ['the', 'the'],
      ['theory', 'theory'],
      ['the the coffee', 'the coffee'],
      ['ＣＯＦＦＥＥ', 'coffee'],
      ['ｽﾀｰﾀｰｷｯﾄ', 'スターターキット'],
      ['', ''],
      ['?!', ''],
      ["l'espresso", 'espresso'],
      ['Den Kaffee', 'kaffee'],
      ['las tazas', 'tazas'],
      ['gli Espresso', 'espresso'],
      ['l’espresso', 'espresso'],
    ])('normalises %p to %p', (phrase, expected) => {
      expect(normaliseProductPhrase(phrase)).toBe(expected);
    });
  });

  describe('localizeProduct', () => {
    const catalog: Catalog = parseCatalog(catalogDocument);
    const coffee = catalog.products[0];
    if (coffee === undefined) throw new Error('catalog.json has no products');

    it("returns a locale's own names", () => {
      // Act
      const names = localizeProduct(coffee, 'ja-JP');
      // Assess
      expect(names.spokenName).toEqual({
        one: 'ハウスブレンドのコーヒー豆',
        other: 'ハウスブレンドのコーヒー豆',
        counter: '袋',
      });
      expect(names.synonyms).toContain('コーヒー');
      expect(Object.isFrozen(names)).toBe(true);
    });

    it.each(['en-US', 'en-GB', 'fr-CA', '__proto__', 'toString', ''])(
      'falls back to the default names for %p',
      (locale) => {
        expect(localizeProduct(coffee, locale)).toEqual({
          name: coffee.name,
          spokenName: coffee.spokenName,
          synonyms: coffee.synonyms,
        });
      },
    );
  });

  describe('unitPriceOf', () => {
    it.each([
      [Currency.USD, 1499],
      [Currency.EUR, 1399],
      [Currency.GBP, 1199],
      [Currency.JPY, 1980],
    ] as const)('prices a bag of coffee in %s at %d minor units', (currency, amountMinor) => {
      // Prepare
      const product = findProduct(parseCatalog(catalogDocument), { id: 'house-blend' });
      if (product === undefined) throw new Error('house-blend is missing from catalog.json');

      // Act
      const price = unitPriceOf(product, currency);

      // Assess
      expect(price).toEqual({ amountMinor, currency });
    });
  });
});
