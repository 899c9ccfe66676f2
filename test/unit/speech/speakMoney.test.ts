import { speakMoney } from '../../../src/speech/speakMoney';
import { promptsFor } from '../../../src/speech/promptsFor';
import { EN_US } from '../../../src/speech/enUS';

describe('speakMoney', () => {
  it.each([
    [3497, 'USD', 'en-US', '$34.97'],
    [5, 'USD', 'en-US', '$0.05'],
    [349700, 'EUR', 'de-DE', '3.497,00 €'],
    [1199, 'GBP', 'en-GB', '£11.99'],
    [5480, 'JPY', 'ja-JP', '￥5,480'],
    [5480, 'JPY', 'en-US', '¥5,480'],
    [Number.MAX_SAFE_INTEGER, 'USD', 'en-US', '$90,071,992,547,409.91'],
  ])('says %d %s in %s as %s', (amountMinor, currency, locale, expected) => {
    expect(speakMoney({ amountMinor, currency }, locale).replace(/\u00a0/g, ' ')).toBe(expected);
  });

  it.each([
    ['en-US', '$29.98', '€1,399.50', '£11.99', '¥5,480'],
    ['en-GB', 'US$29.98', '€1,399.50', '£11.99', 'JP¥5,480'],
    ['de-DE', '29,98 $', '1.399,50 €', '11,99 £', '5.480 ¥'],
    ['fr-FR', '29,98 $US', '1 399,50 €', '11,99 £GB', '5 480 JPY'],
    ['it-IT', '29,98 USD', '1399,50 €', '11,99 £', '5480 JPY'],
    ['es-ES', '29,98 US$', '1399,50 €', '11,99 GBP', '5480 JPY'],
    ['ja-JP', '$29.98', '€1,399.50', '£11.99', '￥5,480'],
  ])(
    'writes each ledger currency the %s way, never converting it',
    (locale, usd, eur, gbp, jpy) => {
      // Act
      const said = [
        speakMoney({ amountMinor: 2998, currency: 'USD' }, locale),
        speakMoney({ amountMinor: 139950, currency: 'EUR' }, locale),
        speakMoney({ amountMinor: 1199, currency: 'GBP' }, locale),
        speakMoney({ amountMinor: 5480, currency: 'JPY' }, locale),
      ].map((text) => text.replace(/[\u00a0\u202f]/g, ' '));
      // Assess
      expect(said).toEqual([usd, eur, gbp, jpy]);
    },
  );

  it('keeps the currency when the locale is unknown', () => {
    expect(speakMoney({ amountMinor: 100, currency: 'EUR' }, 'xx-XX')).toContain('1.00');
  });
});

describe('promptsFor', () => {
  it.each([undefined, 'en-US', 'fr-CA', '__proto__', 'toString'])(
    'returns prompts for %p without crashing',
    (locale) => {
      expect(promptsFor(locale)).toBe(EN_US);
    },
  );
});
