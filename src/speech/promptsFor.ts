import { DE_DE } from './deDE';
import { EN_GB } from './enGB';
import { EN_US } from './enUS';
import { ES_ES } from './esES';
import { FR_FR } from './frFR';
import { IT_IT } from './itIT';
import { JA_JP } from './jaJP';
import type { Prompts } from './Prompts';

/** The Alexa locales the skill speaks, one prompts file each. */
export const SPEECH_LOCALES = [
  'en-US',
  'en-GB',
  'de-DE',
  'fr-FR',
  'it-IT',
  'es-ES',
  'ja-JP',
] as const;

/** An Alexa locale the skill speaks. */
export type SpeechLocale = (typeof SPEECH_LOCALES)[number];

const PROMPTS_BY_LOCALE: Readonly<Record<SpeechLocale, Prompts>> = Object.freeze({
  'en-US': EN_US,
  'en-GB': EN_GB,
  'de-DE': DE_DE,
  'fr-FR': FR_FR,
  'it-IT': IT_IT,
  'es-ES': ES_ES,
  'ja-JP': JA_JP,
});

/** The language of each country of establishment whose language the skill speaks. */
const LOCALE_OF_COUNTRY: Readonly<Record<string, SpeechLocale>> = Object.freeze({
  US: 'en-US',
  UK: 'en-GB',
  DE: 'de-DE',
  AT: 'de-DE',
  CH: 'de-DE',
  LU: 'de-DE',
  FR: 'fr-FR',
  BE: 'fr-FR',
  IT: 'it-IT',
  ES: 'es-ES',
  PT: 'es-ES',
  JP: 'ja-JP',
  // The other Amazon Pay countries of the EU: British English.
  CY: 'en-GB',
  DK: 'en-GB',
  HU: 'en-GB',
  IE: 'en-GB',
  NL: 'en-GB',
  SE: 'en-GB',
});

function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** Tells whether a value is a locale the skill speaks (`__proto__` and `toString` are not). */
export function isSpeechLocale(value: unknown): value is SpeechLocale {
  return SPEECH_LOCALES.some((locale) => locale === value);
}

/**
 * Returns the merchant's language: the locale the skill speaks to a shopper whose own locale it
 * does not know. Derived from the `countryOfEstablishment` (`UK`, not `GB`); an EU country whose
 * language the skill does not speak gets British English, anything else US English.
 */
export function merchantLocaleOf(countryOfEstablishment: string): SpeechLocale {
  return own(LOCALE_OF_COUNTRY, countryOfEstablishment) ?? 'en-US';
}

/**
 * Chooses the locale the skill speaks for a request: the shopper's own when the skill speaks it,
 * otherwise the fallback (the merchant's language, see merchantLocaleOf), otherwise US English.
 * Names, numbers and money in a prompt all follow this one locale.
 */
export function speechLocaleFor(
  locale: string | undefined,
  fallbackLocale: string = 'en-US',
): SpeechLocale {
  if (isSpeechLocale(locale)) return locale;
  return isSpeechLocale(fallbackLocale) ? fallbackLocale : 'en-US';
}

/**
 * Returns the prompts for a request's locale, falling back to `fallbackLocale` (the merchant's
 * language) and then to US English for a locale the skill does not speak. Never throws.
 */
export function promptsFor(locale: string | undefined, fallbackLocale?: string): Prompts {
  return PROMPTS_BY_LOCALE[speechLocaleFor(locale, fallbackLocale)];
}
