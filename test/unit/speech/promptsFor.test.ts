import { DE_DE } from '../../../src/speech/deDE';
import { EN_GB } from '../../../src/speech/enGB';
import { EN_US } from '../../../src/speech/enUS';
import { ES_ES } from '../../../src/speech/esES';
import { FR_FR } from '../../../src/speech/frFR';
import { IT_IT } from '../../../src/speech/itIT';
import { JA_JP } from '../../../src/speech/jaJP';
import {
  isSpeechLocale,
  merchantLocaleOf,
  promptsFor,
  SPEECH_LOCALES,
  speechLocaleFor,
} from '../../../src/speech/promptsFor';

describe('promptsFor', () => {
  describe('a locale the skill speaks', () => {
    it.each([
      ['en-US', EN_US],
      ['en-GB', EN_GB],
      ['de-DE', DE_DE],
      ['fr-FR', FR_FR],
      ['it-IT', IT_IT],
      ['es-ES', ES_ES],
      ['ja-JP', JA_JP],
    ] as const)('returns the %s prompts whatever the fallback', (locale, prompts) => {
      expect(promptsFor(locale)).toBe(prompts);
      expect(promptsFor(locale, 'ja-JP')).toBe(prompts);
    });

    it('speaks all seven locales, each with its own prompts', () => {
      // Act
      const all = new Set(SPEECH_LOCALES.map((locale) => promptsFor(locale)));
      // Assess
      expect(SPEECH_LOCALES).toHaveLength(7);
      expect(all.size).toBe(7);
    });
  });

  describe('a locale the skill does not speak', () => {
    it.each([
      'fr-CA',
      'en-AU',
      'de-AT',
      'es-MX',
      'pt-BR',
      'ar-SA',
      'de',
      '',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'en-US\u0000',
      undefined,
    ])('falls back to the merchant language for %p without throwing', (locale) => {
      expect(promptsFor(locale, 'de-DE')).toBe(DE_DE);
      expect(promptsFor(locale, 'ja-JP')).toBe(JA_JP);
      expect(speechLocaleFor(locale, 'it-IT')).toBe('it-IT');
    });

    it.each([undefined, '', 'xx-XX', '__proto__', 'toString'])(
      'falls back to US English when the fallback %p is not spoken either',
      (fallback) => {
        expect(promptsFor('pt-BR', fallback)).toBe(EN_US);
        expect(speechLocaleFor('pt-BR', fallback)).toBe('en-US');
      },
    );
  });

  describe('merchantLocaleOf', () => {
    it.each([
      ['US', 'en-US'],
      ['UK', 'en-GB'],
      ['DE', 'de-DE'],
      ['AT', 'de-DE'],
      ['CH', 'de-DE'],
      ['LU', 'de-DE'],
      ['FR', 'fr-FR'],
      ['BE', 'fr-FR'],
      ['IT', 'it-IT'],
      ['ES', 'es-ES'],
      ['PT', 'es-ES'],
      ['JP', 'ja-JP'],
      ['IE', 'en-GB'],
      ['NL', 'en-GB'],
      ['DK', 'en-GB'],
      ['SE', 'en-GB'],
      ['HU', 'en-GB'],
      ['CY', 'en-GB'],
    ])('speaks the language of a merchant in %s: %s', (country, locale) => {
      expect(merchantLocaleOf(country)).toBe(locale);
    });

    it.each(['GB', 'CA', '', '__proto__', 'toString'])(
      'speaks US English for %p, which is no Amazon Pay country',
      (country) => {
        expect(merchantLocaleOf(country)).toBe('en-US');
      },
    );
  });

  describe('isSpeechLocale', () => {
    it('knows exactly the seven locales', () => {
      expect(SPEECH_LOCALES.every(isSpeechLocale)).toBe(true);
      expect(['en', 'en_US', 'EN-US', '__proto__', 42, undefined].some(isSpeechLocale)).toBe(false);
    });
  });
});
