/**
 * The Amazon Pay for Alexa regions and what each allows: merchant countries, ledger currency,
 * checkout languages and hosts. Source: amazon-pay-protocol.md section 11 (API-REF, UTILS).
 */
export const AmazonPayRegion = {
  NA: 'NA',
  EU: 'EU',
  UK: 'UK',
  FE: 'FE',
} as const;
export type AmazonPayRegion = (typeof AmazonPayRegion)[keyof typeof AmazonPayRegion];

/** The region of each allowed `countryOfEstablishment` (`UK`, never `GB`). */
export const REGION_OF_COUNTRY: Readonly<Record<string, AmazonPayRegion>> = Object.freeze({
  US: 'NA',
  UK: 'UK',
  JP: 'FE',
  AT: 'EU',
  BE: 'EU',
  CH: 'EU',
  CY: 'EU',
  DE: 'EU',
  DK: 'EU',
  ES: 'EU',
  FR: 'EU',
  HU: 'EU',
  IE: 'EU',
  IT: 'EU',
  LU: 'EU',
  NL: 'EU',
  PT: 'EU',
  SE: 'EU',
});

/** The one ledger currency a merchant of each region keeps. */
export const LEDGER_CURRENCY_OF_REGION: Readonly<Record<AmazonPayRegion, string>> = Object.freeze({
  NA: 'USD',
  EU: 'EUR',
  UK: 'GBP',
  FE: 'JPY',
});

const EUROPEAN_LANGUAGES = ['de_DE', 'en_GB', 'es_ES', 'fr_FR', 'it_IT'] as const;

/** The checkout languages a merchant of each region may ask for (underscore form). */
export const CHECKOUT_LANGUAGES_OF_REGION: Readonly<
  Record<AmazonPayRegion, ReadonlyArray<string>>
> = Object.freeze({
  NA: ['en_US'],
  EU: EUROPEAN_LANGUAGES,
  UK: EUROPEAN_LANGUAGES,
  FE: ['ja_JP'],
});

const DEFAULT_LANGUAGE_OF_COUNTRY: Readonly<Record<string, string>> = Object.freeze({
  US: 'en_US',
  UK: 'en_GB',
  JP: 'ja_JP',
  AT: 'de_DE',
  CH: 'de_DE',
  DE: 'de_DE',
  LU: 'de_DE',
  BE: 'fr_FR',
  FR: 'fr_FR',
  IT: 'it_IT',
  ES: 'es_ES',
  PT: 'es_ES',
});

function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** Returns the region of a country of establishment, or undefined when Amazon Pay does not allow it. */
export function toAmazonPayRegion(countryOfEstablishment: string): AmazonPayRegion | undefined {
  return own(REGION_OF_COUNTRY, countryOfEstablishment);
}

/** Returns the ledger currency a merchant established in this country must use. */
export function ledgerCurrencyOf(countryOfEstablishment: string): string | undefined {
  const region = toAmazonPayRegion(countryOfEstablishment);
  return region === undefined ? undefined : LEDGER_CURRENCY_OF_REGION[region];
}

/**
 * Chooses the `checkoutLanguage` for a shopper's Alexa locale and the merchant's country.
 *
 * Amazon Pay wants the underscore form (`en_US`); the Alexa locale has a hyphen. A locale the
 * merchant's region does not offer falls back to the country's own language, so the merchant's
 * region is never changed by the shopper's locale.
 */
export function toCheckoutLanguage(locale: string, countryOfEstablishment: string): string {
  const region = toAmazonPayRegion(countryOfEstablishment);
  if (region === undefined) {
    return 'en_US';
  }
  const candidate = locale.replace('-', '_');
  if (CHECKOUT_LANGUAGES_OF_REGION[region].includes(candidate)) return candidate;
  return own(DEFAULT_LANGUAGE_OF_COUNTRY, countryOfEstablishment) ?? 'en_GB';
}
