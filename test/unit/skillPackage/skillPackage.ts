import { readFileSync } from 'node:fs';
import path from 'node:path';
import { normaliseProductPhrase } from '../../../src/checkout/Catalog';
import { SPEECH_LOCALES, type SpeechLocale } from '../../../src/speech/promptsFor';

/** The project root. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

/** An intent of an interaction model, as far as the tests read it. */
export type ModelIntent = {
  readonly name: string;
  readonly slots?: ReadonlyArray<{ readonly name: string; readonly type: string }>;
  readonly samples: ReadonlyArray<string>;
};

/** A value of a custom slot type. */
export type SlotValue = {
  readonly id: string;
  readonly name: { readonly value: string; readonly synonyms: ReadonlyArray<string> };
};

/** An interaction model file, as far as the tests read it. */
export type InteractionModel = {
  readonly interactionModel: {
    readonly languageModel: {
      readonly invocationName: string;
      readonly intents: ReadonlyArray<ModelIntent>;
      readonly types: ReadonlyArray<{
        readonly name: string;
        readonly values: ReadonlyArray<SlotValue>;
      }>;
    };
  };
};

/** Reads the committed interaction model of a locale. */
export function readModel(locale: string): InteractionModel['interactionModel']['languageModel'] {
  const file = path.join(ROOT, 'skill-package', 'interactionModels', 'custom', `${locale}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as InteractionModel).interactionModel
    .languageModel;
}

/** Every locale's committed interaction model. */
export const MODELS: ReadonlyArray<
  readonly [SpeechLocale, InteractionModel['interactionModel']['languageModel']]
> = SPEECH_LOCALES.map((locale) => [locale, readModel(locale)] as const);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Tells whether an utterance matches one of the samples, with `{product}` a PRODUCT value or
 * synonym of the model (after the catalog's normalisation) and `{quantity}` any words.
 */
export function matchesSample(
  utterance: string,
  samples: ReadonlyArray<string>,
  products: ReadonlyArray<SlotValue>,
): boolean {
  const phrases = new Set(
    products.flatMap((p) => [p.name.value, ...p.name.synonyms]).map(normaliseProductPhrase),
  );
  const wanted = utterance.trim().toLowerCase();
  return samples.some((sample) =>
    ['+?', '+'].some((quantifier) => {
      const pattern = escapeRegExp(sample.toLowerCase())
        .replace('\\{product\\}', `(?<product>.${quantifier})`)
        .replace('\\{quantity\\}', `(?<quantity>.${quantifier})`);
      const match = new RegExp(`^${pattern}$`, 'u').exec(wanted);
      if (match === null) return false;
      const product = match.groups?.['product'];
      return product === undefined || phrases.has(normaliseProductPhrase(product));
    }),
  );
}
