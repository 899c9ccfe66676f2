import { spawnSync } from 'node:child_process';
import { localizeProduct } from '../../../src/checkout/Catalog';
import { loadDemoCatalog } from '../../../src/checkout/demoCatalog';
import { SCENARIOS, scenariosFor, SHOPPER_PHRASES } from '../../../src/local/scenarios';
import { SPEECH_LOCALES } from '../../../src/speech/promptsFor';
import { matchesSample, MODELS, ROOT } from './skillPackage';

/** The intents of the architecture's contract, in every model. */
const CONTRACT_INTENTS = [
  'BuyIntent',
  'SetupPaymentIntent',
  'CancelOrderIntent',
  'RefundIntent',
  'AMAZON.YesIntent',
  'AMAZON.NoIntent',
  'AMAZON.HelpIntent',
  'AMAZON.CancelIntent',
  'AMAZON.StopIntent',
  'AMAZON.FallbackIntent',
  'AMAZON.NavigateHomeIntent',
];

describe('the interaction models', () => {
  it('are what npm run models generates from the catalog', () => {
    // Act
    const run = spawnSync(process.execPath, ['scripts/models.mjs', '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    // Assess
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('exist for the seven locales', () => {
    expect(MODELS.map(([locale]) => locale)).toEqual([...SPEECH_LOCALES]);
  });

  describe.each(MODELS)('%s', (locale, model) => {
    it('declares the contract intents, each with its samples', () => {
      // Assess
      expect(model.intents.map((i) => i.name).sort()).toEqual([...CONTRACT_INTENTS].sort());
      const custom = model.intents.filter((i) => !i.name.startsWith('AMAZON.'));
      expect(custom.map((i) => i.samples.length).every((n) => n > 3)).toBe(true);
      for (const intent of model.intents) {
        expect(new Set(intent.samples).size).toBe(intent.samples.length);
      }
    });

    it('gives BuyIntent a PRODUCT slot and an AMAZON.NUMBER quantity used by its samples', () => {
      // Prepare
      const buy = model.intents.find((i) => i.name === 'BuyIntent');
      // Assess
      expect(buy?.slots).toEqual([
        { name: 'product', type: 'PRODUCT' },
        { name: 'quantity', type: 'AMAZON.NUMBER' },
      ]);
      expect(buy?.samples.every((s) => s.includes('{product}'))).toBe(true);
      expect(buy?.samples.some((s) => s.includes('{quantity}'))).toBe(true);
    });

    it('has no sample in two intents', () => {
      const samples = model.intents.flatMap((i) => i.samples.map((s) => s.toLowerCase()));
      expect(new Set(samples).size).toBe(samples.length);
    });

    it('has a lower-case invocation name, in Japanese for ja-JP', () => {
      // Assess
      expect(model.invocationName).toBe(model.invocationName.toLowerCase());
      // Katakana in Japanese; elsewhere two words at least, letters and blanks only (Alexa's rules).
      expect(model.invocationName).toMatch(
        locale === 'ja-JP' ? /^[\u30a0-\u30ff]+$/u : /^[a-z]+( [a-z]+)+$/,
      );
    });

    it("has the catalog's products in the locale as PRODUCT values, by product id", () => {
      // Prepare
      const expected = loadDemoCatalog().products.map((product) => {
        const names = localizeProduct(product, locale);
        const value = names.spokenName.other;
        const synonyms = [names.spokenName.one, ...names.synonyms].filter(
          (s, i, all) =>
            s.toLowerCase() !== value.toLowerCase() &&
            all.findIndex((t) => t.toLowerCase() === s.toLowerCase()) === i,
        );
        return { id: product.id, name: { value, synonyms } };
      });
      // Act
      const types = model.types;
      // Assess
      expect(types.map((t) => t.name)).toEqual(['PRODUCT']);
      expect(types[0]?.values).toEqual(expected);
    });

    it("understands the scenarios' shopper: the invocation and the purchase", () => {
      // Prepare
      const phrases = SHOPPER_PHRASES[locale];
      const buy = model.intents.find((i) => i.name === 'BuyIntent');
      const turn = scenariosFor(locale)[0]?.visits[0]?.[1];
      const products = model.types[0]?.values ?? [];
      // Assess
      expect(phrases.open.toLowerCase()).toContain(model.invocationName);
      expect(turn?.kind === 'intent' && turn.slots?.['product']).toBeTruthy();
      expect(matchesSample(turn?.say ?? '', buy?.samples ?? [], products)).toBe(true);
      const product = turn?.kind === 'intent' ? (turn.slots?.['product'] ?? '') : '';
      expect(products.some((p) => p.name.synonyms.includes(product))).toBe(true);
    });
  });

  it('lets the en-US scenarios say what the README shows', () => {
    expect(SCENARIOS[0]?.visits[0]?.map((t) => t.say)).toEqual([
      'open blue kettle coffee',
      'buy two bags of coffee',
      'yes',
    ]);
  });
});
