import { findModelsDir, loadInteractionModel } from '../../src/local/web/interactionModel';
import { spokenNumber } from '../../src/local/web/numbers';
import {
  describeUnderstanding,
  toIntentRequest,
  understand,
  type Understanding,
} from '../../src/local/web/understand';

// The simulator page's Alexa: typed words matched with the real interaction models.
const modelsDir = findModelsDir(__dirname);

function heard(locale: string, words: string): Understanding {
  if (modelsDir === undefined) throw new Error('skill-package/interactionModels/custom not found');
  return understand(words, loadInteractionModel(modelsDir, locale));
}

describe('the simulator page understanding typed words', () => {
  it.each([
    ['en-US', 'open blue kettle coffee', 'LaunchRequest'],
    ['en-US', 'Alexa, open Blue Kettle Coffee!', 'LaunchRequest'],
    [
      'en-US',
      'buy two bags of coffee',
      'BuyIntent · product "bags of coffee" → house-blend · quantity = 2 ("two")',
    ],
    [
      'en-US',
      'i want to buy twenty one espresso cups',
      'BuyIntent · product "espresso cups" → espresso-cups · quantity = 21 ("twenty one")',
    ],
    [
      'en-US',
      'order 3 pour-over kits',
      'BuyIntent · product "pour over kits" → starter-kit · quantity = 3',
    ],
    ['en-US', 'buy a bag of coffee', 'BuyIntent · product "a bag of coffee" → house-blend'],
    ['en-US', 'buy unicorns', 'BuyIntent · product "unicorns" → no match (ER_SUCCESS_NO_MATCH)'],
    ['en-US', 'yes', 'AMAZON.YesIntent'],
    ['en-US', 'check out', 'SetupPaymentIntent'],
    ['en-US', 'i want a refund', 'RefundIntent'],
    ['en-US', 'what is the weather', 'AMAZON.FallbackIntent'],
    [
      'en-US',
      'ask blue kettle coffee to buy two bags of coffee',
      'BuyIntent · product "bags of coffee" → house-blend · quantity = 2 ("two") · (one-shot: a new session)',
    ],
    [
      'en-GB',
      'buy two bags of coffee',
      'BuyIntent · product "bags of coffee" → house-blend · quantity = 2 ("two")',
    ],
    ['de-DE', 'öffne blue kettle coffee', 'LaunchRequest'],
    [
      'de-DE',
      'kaufe zwei Beutel Kaffee',
      'BuyIntent · product "beutel kaffee" → house-blend · quantity = 2 ("zwei")',
    ],
    [
      'fr-FR',
      'achete deux sachets de cafe',
      'BuyIntent · product "sachets de cafe" → house-blend · quantity = 2 ("deux")',
    ],
    [
      'it-IT',
      'compra due sacchetti di caffè',
      'BuyIntent · product "sacchetti di caffè" → house-blend · quantity = 2 ("due")',
    ],
    ['es-ES', 'sí', 'AMAZON.YesIntent'],
    ['ja-JP', 'ブルーケトルコーヒーを開いて', 'LaunchRequest'],
    [
      'ja-JP',
      'コーヒーを2袋ください',
      'BuyIntent · product "コーヒー" → house-blend · quantity = 2',
    ],
    [
      'ja-JP',
      'コーヒーをふたつください',
      'BuyIntent · product "コーヒー" → house-blend · quantity = 2 ("ふた")',
    ],
  ])('%s "%s" is %s', (locale, words, expected) => {
    // Act
    const understanding = heard(locale, words);

    // Assess
    expect(describeUnderstanding(understanding)).toBe(expected);
  });

  it('builds the IntentRequest with every declared slot and entity resolution', () => {
    // Arrange
    const understanding = heard('en-US', 'buy two bags of coffee');
    if (understanding.kind !== 'intent') throw new Error('not an intent');

    // Act
    const request = toIntentRequest(understanding, 'amzn1.ask.skill.test');

    // Assess
    expect(request).toEqual({
      type: 'IntentRequest',
      intent: {
        name: 'BuyIntent',
        confirmationStatus: 'NONE',
        slots: {
          product: {
            name: 'product',
            confirmationStatus: 'NONE',
            value: 'bags of coffee',
            source: 'USER',
            resolutions: {
              resolutionsPerAuthority: [
                {
                  authority: 'amzn1.er-authority.echo-sdk.amzn1.ask.skill.test.PRODUCT',
                  status: { code: 'ER_SUCCESS_MATCH' },
                  values: [{ value: { name: 'bags of House Blend coffee', id: 'house-blend' } }],
                },
              ],
            },
          },
          quantity: { name: 'quantity', confirmationStatus: 'NONE', value: '2', source: 'USER' },
        },
      },
    });
  });

  it.each([
    ['2', 'en', '2'],
    ['twenty one', 'en', '21'],
    ['a hundred', 'en', '100'],
    ['one two', 'en', undefined],
    ['ten five', 'en', undefined],
    ['funf', 'de', '5'],
    ['douze', 'fr', '12'],
    ['十二', 'ja', '12'],
    ['lots', 'en', undefined],
  ])('reads the number "%s" (%s) as %s', (words, language, expected) => {
    // Act / Assess
    expect(spokenNumber(words, language)).toBe(expected);
  });
});
