import {
  AmazonPayRegion,
  CHECKOUT_LANGUAGES_OF_REGION,
  ledgerCurrencyOf,
  LEDGER_CURRENCY_OF_REGION,
  REGION_OF_COUNTRY,
  toAmazonPayRegion,
  toCheckoutLanguage,
} from '../../../src/amazonpay/regions';
import { requireMerchantRegion } from '../../../src/amazonpay/validation';

const ALEXA_LOCALES = [
  'en-US',
  'en-GB',
  'de-DE',
  'fr-FR',
  'it-IT',
  'es-ES',
  'ja-JP',
  'en-CA',
  'fr-CA',
  'es-US',
  'en-IN',
  'en-AU',
  'pt-BR',
  'hi-IN',
];

describe('regions', () => {
  describe('AmazonPayRegion', () => {
    it('names the four regions of the region table', () => {
      expect(AmazonPayRegion).toEqual({ NA: 'NA', EU: 'EU', UK: 'UK', FE: 'FE' });
    });
  });

  describe('toAmazonPayRegion', () => {
    it.each([
      ['US', 'NA'],
      ['UK', 'UK'],
      ['JP', 'FE'],
      ...[
        'AT',
        'BE',
        'CH',
        'CY',
        'DE',
        'DK',
        'ES',
        'FR',
        'HU',
        'IE',
        'IT',
        'LU',
        'NL',
        'PT',
        'SE',
      ].map((country) => [country, 'EU']),
    ])('puts a merchant of %s in region %s', (country, region) => {
      expect(toAmazonPayRegion(country)).toBe(region);
    });

    it('knows exactly the 18 countries of the API reference', () => {
      expect(Object.keys(REGION_OF_COUNTRY).sort()).toEqual([
        'AT',
        'BE',
        'CH',
        'CY',
        'DE',
        'DK',
        'ES',
        'FR',
        'HU',
        'IE',
        'IT',
        'JP',
        'LU',
        'NL',
        'PT',
        'SE',
        'UK',
        'US',
      ]);
    });

    it.each(['GB', 'CA', 'us', 'uk', '', 'toString', '__proto__', 'constructor'])(
      'knows no region for %p',
      (country) => {
        expect(toAmazonPayRegion(country)).toBeUndefined();
      },
    );
  });

  describe('ledgerCurrencyOf', () => {
    it.each([
      ['US', 'USD'],
      ['UK', 'GBP'],
      ['JP', 'JPY'],
      ['DE', 'EUR'],
      ['FR', 'EUR'],
      ['IE', 'EUR'],
      ['CH', 'EUR'],
    ])('gives a merchant of %s the ledger currency %s', (country, currency) => {
      expect(ledgerCurrencyOf(country)).toBe(currency);
    });

    it.each(['GB', 'XX', 'hasOwnProperty'])('gives no currency for %p', (country) => {
      expect(ledgerCurrencyOf(country)).toBeUndefined();
    });

    it('keeps one ledger currency per region', () => {
      expect(LEDGER_CURRENCY_OF_REGION).toEqual({ NA: 'USD', EU: 'EUR', UK: 'GBP', FE: 'JPY' });
    });
  });

  describe('toCheckoutLanguage', () => {
    it.each([
      ['en-US', 'US', 'en_US'],
      ['de-DE', 'US', 'en_US'],
      ['ja-JP', 'US', 'en_US'],
      ['en-GB', 'UK', 'en_GB'],
      ['de-DE', 'UK', 'de_DE'],
      ['en-US', 'UK', 'en_GB'],
      ['ja-JP', 'JP', 'ja_JP'],
      ['en-US', 'JP', 'ja_JP'],
      ['de-DE', 'DE', 'de_DE'],
      ['fr-FR', 'DE', 'fr_FR'],
      ['en-GB', 'DE', 'en_GB'],
      ['en-US', 'DE', 'de_DE'],
      ['ja-JP', 'DE', 'de_DE'],
      ['en-US', 'AT', 'de_DE'],
      ['en-US', 'FR', 'fr_FR'],
      ['en-US', 'BE', 'fr_FR'],
      ['en-US', 'IT', 'it_IT'],
      ['en-US', 'ES', 'es_ES'],
      ['en-US', 'PT', 'es_ES'],
      ['en-US', 'IE', 'en_GB'],
      ['en-US', 'NL', 'en_GB'],
      ['de_DE', 'DE', 'de_DE'],
    ])('chooses for locale %s and a merchant of %s: %s', (locale, country, expected) => {
      expect(toCheckoutLanguage(locale, country)).toBe(expected);
    });

    it('answers en_US for a country Amazon Pay does not know (Setup rejects the country)', () => {
      expect(toCheckoutLanguage('en-GB', 'GB')).toBe('en_US');
    });

    it('always chooses a language that Setup accepts for the merchant', () => {
      // Prepare
      const pairs = Object.keys(REGION_OF_COUNTRY).flatMap((country) =>
        ALEXA_LOCALES.map((locale) => ({ country, language: toCheckoutLanguage(locale, country) })),
      );

      // Act
      const refused = pairs.filter(({ country, language }) => {
        try {
          requireMerchantRegion(country, ledgerCurrencyOf(country) ?? '', language);
          return false;
        } catch {
          return true;
        }
      });

      // Assess
      expect(refused).toEqual([]);
    });
  });

  describe('CHECKOUT_LANGUAGES_OF_REGION', () => {
    it('offers en_US in NA, ja_JP in FE and the five European languages in EU and UK', () => {
      expect(CHECKOUT_LANGUAGES_OF_REGION).toEqual({
        NA: ['en_US'],
        EU: ['de_DE', 'en_GB', 'es_ES', 'fr_FR', 'it_IT'],
        UK: ['de_DE', 'en_GB', 'es_ES', 'fr_FR', 'it_IT'],
        FE: ['ja_JP'],
      });
    });
  });
});
