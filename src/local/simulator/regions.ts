/**
 * The Amazon Pay regions of the protocol page's region table (section 11).
 *
 * The United Kingdom is its own region (GBP, `UK`) although it is served by the EU host.
 */
export const AmazonPayRegion = {
  NorthAmerica: 'NA',
  Europe: 'EU',
  UnitedKingdom: 'UK',
  FarEast: 'FE',
} as const;

/** One of the Amazon Pay regions. */
export type AmazonPayRegion = (typeof AmazonPayRegion)[keyof typeof AmazonPayRegion];

/**
 * The allowed `countryOfEstablishment` values of a Setup request, each with its region.
 *
 * The list is the API reference's; the merchant country of the United Kingdom is `UK`, never `GB`.
 */
export const COUNTRY_REGIONS = {
  AT: AmazonPayRegion.Europe,
  BE: AmazonPayRegion.Europe,
  CH: AmazonPayRegion.Europe,
  CY: AmazonPayRegion.Europe,
  DE: AmazonPayRegion.Europe,
  DK: AmazonPayRegion.Europe,
  ES: AmazonPayRegion.Europe,
  FR: AmazonPayRegion.Europe,
  HU: AmazonPayRegion.Europe,
  IE: AmazonPayRegion.Europe,
  IT: AmazonPayRegion.Europe,
  JP: AmazonPayRegion.FarEast,
  LU: AmazonPayRegion.Europe,
  NL: AmazonPayRegion.Europe,
  PT: AmazonPayRegion.Europe,
  SE: AmazonPayRegion.Europe,
  UK: AmazonPayRegion.UnitedKingdom,
  US: AmazonPayRegion.NorthAmerica,
} as const satisfies Record<string, AmazonPayRegion>;

/** A `countryOfEstablishment` that Amazon Pay for Alexa accepts. */
export type CountryOfEstablishment = keyof typeof COUNTRY_REGIONS;

/** The only ledger currency each region accepts (one ledger currency per merchant region). */
export const REGION_LEDGER_CURRENCIES = {
  NA: 'USD',
  EU: 'EUR',
  UK: 'GBP',
  FE: 'JPY',
} as const satisfies Record<AmazonPayRegion, string>;

/** The allowed `checkoutLanguage` values, in the underscore form of the API reference. */
export const CHECKOUT_LANGUAGES = [
  'de_DE',
  'en_GB',
  'en_US',
  'es_ES',
  'fr_FR',
  'it_IT',
  'ja_JP',
] as const;

/** A `checkoutLanguage` that Amazon Pay for Alexa accepts. */
export type CheckoutLanguage = (typeof CHECKOUT_LANGUAGES)[number];

const EUROPEAN_LANGUAGES: readonly CheckoutLanguage[] = [
  'de_DE',
  'en_GB',
  'es_ES',
  'fr_FR',
  'it_IT',
];

/** The checkout languages that fit each region: en_US in the US, ja_JP in Japan, five in Europe. */
export const REGION_CHECKOUT_LANGUAGES: Readonly<
  Record<AmazonPayRegion, readonly CheckoutLanguage[]>
> = {
  NA: ['en_US'],
  EU: EUROPEAN_LANGUAGES,
  UK: EUROPEAN_LANGUAGES,
  FE: ['ja_JP'],
};

/**
 * The checkout language the simulator reports when a Setup request names none.
 *
 * The protocol page is silent on Amazon's default; this is the simulator's own choice: the
 * country's main language where it is one of the allowed ones, otherwise en_GB.
 */
export const DEFAULT_CHECKOUT_LANGUAGES: Readonly<
  Record<CountryOfEstablishment, CheckoutLanguage>
> = {
  AT: 'de_DE',
  BE: 'fr_FR',
  CH: 'de_DE',
  CY: 'en_GB',
  DE: 'de_DE',
  DK: 'en_GB',
  ES: 'es_ES',
  FR: 'fr_FR',
  HU: 'en_GB',
  IE: 'en_GB',
  IT: 'it_IT',
  JP: 'ja_JP',
  LU: 'fr_FR',
  NL: 'en_GB',
  PT: 'en_GB',
  SE: 'en_GB',
  UK: 'en_GB',
  US: 'en_US',
};

/** Tells whether a value is an allowed `countryOfEstablishment`. */
export function isCountryOfEstablishment(value: unknown): value is CountryOfEstablishment {
  return typeof value === 'string' && Object.hasOwn(COUNTRY_REGIONS, value);
}

/** Tells whether a value is an allowed `checkoutLanguage` (underscore form). */
export function isCheckoutLanguage(value: unknown): value is CheckoutLanguage {
  return typeof value === 'string' && (CHECKOUT_LANGUAGES as readonly string[]).includes(value);
}

/**
 * Converts a `countryOfEstablishment` to the ISO 3166 country code used in addresses.
 *
 * Amazon Pay names the United Kingdom `UK` as a merchant country, but `Destination.countryCode` is
 * ISO 3166, where it is `GB`.
 */
export function toIsoCountryCode(country: CountryOfEstablishment): string {
  return country === 'UK' ? 'GB' : country;
}
