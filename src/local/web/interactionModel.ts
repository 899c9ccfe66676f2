import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isRecord, readField, readString } from '../../amazonpay/readUnknown';

/** A slot of an intent: its name and its slot type (`PRODUCT`, `AMAZON.NUMBER`, ...). */
export type SlotDefinition = { readonly name: string; readonly type: string };

/** An intent of the interaction model with its slots and sample utterances. */
export type IntentDefinition = {
  readonly name: string;
  readonly slots: ReadonlyArray<SlotDefinition>;
  readonly samples: ReadonlyArray<string>;
};

/** One value of a custom slot type: its id (for entity resolution), name and synonyms. */
export type SlotTypeValue = {
  readonly id: string | undefined;
  readonly value: string;
  readonly synonyms: ReadonlyArray<string>;
};

/** The parts of one locale's interaction model that the simulator's matcher uses. */
export type InteractionModel = {
  readonly locale: string;
  readonly invocationName: string;
  readonly intents: ReadonlyArray<IntentDefinition>;
  /** The custom slot types by name, with their values. */
  readonly types: Readonly<Record<string, ReadonlyArray<SlotTypeValue>>>;
};

/** Thrown when a model file is missing, not JSON, or not an interaction model. */
export class InteractionModelError extends Error {
  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.name = 'InteractionModelError';
  }
}

/** Where the models live inside the project. */
const MODELS_PATH = ['skill-package', 'interactionModels', 'custom'] as const;

const LOCALE_FILE = /^([a-z]{2}-[A-Z]{2})\.json$/;

/**
 * Finds `skill-package/interactionModels/custom` by walking up from `start` (the bundle's folder
 * `.build/`, or this source folder under Jest), then from the working directory.
 */
export function findModelsDir(start: string = __dirname): string | undefined {
  for (const from of [start, process.cwd()]) {
    let dir = path.resolve(from);
    for (;;) {
      const candidate = path.join(dir, ...MODELS_PATH);
      if (existsSync(candidate)) return candidate;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return undefined;
}

/** Lists the locales that have a model file in `dir` right now, sorted. */
export function listModelLocales(dir: string): ReadonlyArray<string> {
  try {
    return readdirSync(dir)
      .map((file) => LOCALE_FILE.exec(file)?.[1])
      .filter((locale): locale is string => locale !== undefined)
      .sort();
  } catch {
    return [];
  }
}

function readStrings(value: unknown): ReadonlyArray<string> {
  return Array.isArray(value)
    ? (value as ReadonlyArray<unknown>).filter((v): v is string => typeof v === 'string')
    : [];
}

/**
 * Reads the interaction model of a locale from its JSON (the `interactionModel.languageModel` of
 * an ASK model file).
 *
 * @throws InteractionModelError when the JSON is not an interaction model.
 */
export function parseInteractionModel(locale: string, json: unknown): InteractionModel {
  const languageModel = readField(readField(json, 'interactionModel'), 'languageModel');
  const invocationName = readString(languageModel, 'invocationName');
  const intents = readField(languageModel, 'intents');
  if (invocationName === undefined || !Array.isArray(intents)) {
    throw new InteractionModelError(
      `the ${locale} model has no interactionModel.languageModel with invocationName and intents`,
    );
  }
  const parsedIntents: Array<IntentDefinition> = [];
  for (const intent of intents as ReadonlyArray<unknown>) {
    const name = readString(intent, 'name');
    if (name === undefined) continue;
    const slots = readField(intent, 'slots');
    parsedIntents.push({
      name,
      slots: (Array.isArray(slots) ? (slots as ReadonlyArray<unknown>) : []).flatMap((slot) => {
        const slotName = readString(slot, 'name');
        const type = readString(slot, 'type');
        return slotName === undefined || type === undefined ? [] : [{ name: slotName, type }];
      }),
      samples: readStrings(readField(intent, 'samples')),
    });
  }
  const types: Record<string, ReadonlyArray<SlotTypeValue>> = {};
  const typeList = readField(languageModel, 'types');
  for (const type of Array.isArray(typeList) ? (typeList as ReadonlyArray<unknown>) : []) {
    const typeName = readString(type, 'name');
    const values = readField(type, 'values');
    if (typeName === undefined || !Array.isArray(values)) continue;
    types[typeName] = (values as ReadonlyArray<unknown>).flatMap((entry) => {
      const name = readField(entry, 'name');
      const value = readString(name, 'value');
      if (value === undefined) return [];
      return [
        { id: readString(entry, 'id'), value, synonyms: readStrings(readField(name, 'synonyms')) },
      ];
    });
  }
  return { locale, invocationName, intents: parsedIntents, types };
}

/**
 * Loads `<dir>/<locale>.json`, read from disk on every call so that a model added or changed while
 * the simulator runs is used at once.
 *
 * @throws InteractionModelError when the file is missing or not an interaction model.
 */
export function loadInteractionModel(dir: string, locale: string): InteractionModel {
  if (!/^[a-z]{2}-[A-Z]{2}$/.test(locale)) {
    throw new InteractionModelError(`not a locale: ${locale}`);
  }
  const file = path.join(dir, `${locale}.json`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InteractionModelError(`no interaction model for ${locale} (${file})`, {
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (error) {
    throw new InteractionModelError(`the ${locale} model is not JSON (${file})`, { cause: error });
  }
  if (!isRecord(json)) throw new InteractionModelError(`the ${locale} model is not an object`);
  return parseInteractionModel(locale, json);
}
