import { isSpeechLocale } from '../../speech/promptsFor';
import { SHOPPER_PHRASES } from '../scenarios';
import type { InteractionModel, SlotDefinition, SlotTypeValue } from './interactionModel';
import { spokenNumber } from './numbers';

/** A slot as the simulated Alexa heard it. */
export type HeardSlot = {
  readonly name: string;
  readonly type: string;
  /** The slot value Alexa sends (digits for AMAZON.NUMBER); absent when the slot is not filled. */
  readonly value?: string;
  /** The words the value was heard in (`two` for the value `2`). */
  readonly heard?: string;
  /** Entity resolution for a custom slot type. */
  readonly resolution?: {
    readonly status: 'ER_SUCCESS_MATCH' | 'ER_SUCCESS_NO_MATCH';
    readonly id?: string;
    readonly name?: string;
  };
};

/** What the typed words were understood as. */
export type Understanding =
  | { readonly kind: 'launch'; readonly words: string }
  | {
      readonly kind: 'intent';
      readonly intent: string;
      readonly slots: ReadonlyArray<HeardSlot>;
      /** The sample utterance that matched; undefined for a built-in phrase or the fallback. */
      readonly sample: string | undefined;
      /** True for "ask <invocation name> to ...": the intent opens a session of its own. */
      readonly oneShot: boolean;
      readonly words: string;
    };

type Phrases = Readonly<Record<string, ReadonlyArray<string>>>;

/**
 * Phrases of the built-in intents per language (the models declare these intents without samples,
 * since Alexa brings its own).
 */
const BUILT_IN_PHRASES: Readonly<Record<string, Phrases>> = {
  en: {
    'AMAZON.YesIntent': [
      'yes',
      'yeah',
      'yep',
      'yup',
      'sure',
      'ok',
      'okay',
      'yes please',
      'of course',
      'go ahead',
      'do it',
      'correct',
      'right',
    ],
    'AMAZON.NoIntent': ['no', 'nope', 'no thanks', 'no thank you', 'nah', 'not now'],
    'AMAZON.HelpIntent': [
      'help',
      'help me',
      'what can i say',
      'what can i do',
      'how does this work',
    ],
    'AMAZON.CancelIntent': ['cancel', 'never mind', 'nevermind', 'forget it'],
    'AMAZON.StopIntent': ['stop', 'quit', 'exit', 'be quiet', 'goodbye', 'bye', 'shut up'],
    'AMAZON.NavigateHomeIntent': ['go home', 'go to the home screen'],
  },
  de: {
    'AMAZON.YesIntent': ['ja', 'ja bitte', 'jawohl', 'genau', 'klar', 'okay', 'ok', 'gerne'],
    'AMAZON.NoIntent': ['nein', 'nein danke', 'nee'],
    'AMAZON.HelpIntent': ['hilfe', 'hilf mir', 'was kann ich sagen'],
    'AMAZON.CancelIntent': ['abbrechen', 'vergiss es'],
    'AMAZON.StopIntent': ['stopp', 'stop', 'beenden', 'halt', 'tschüss'],
    'AMAZON.NavigateHomeIntent': ['nach hause', 'startseite'],
  },
  fr: {
    'AMAZON.YesIntent': [
      'oui',
      "oui s'il te plaît",
      "oui s'il vous plaît",
      "d'accord",
      'ok',
      'bien sûr',
    ],
    'AMAZON.NoIntent': ['non', 'non merci'],
    'AMAZON.HelpIntent': ['aide', 'aide moi', 'que puis je dire'],
    'AMAZON.CancelIntent': ['annuler', 'laisse tomber'],
    'AMAZON.StopIntent': ['stop', 'arrête', 'arrêter', 'au revoir'],
    'AMAZON.NavigateHomeIntent': ['accueil', "retour à l'accueil"],
  },
  it: {
    'AMAZON.YesIntent': ['sì', 'certo', 'va bene', 'ok', 'sì grazie'],
    'AMAZON.NoIntent': ['no', 'no grazie'],
    'AMAZON.HelpIntent': ['aiuto', 'aiutami', 'cosa posso dire'],
    'AMAZON.CancelIntent': ['annulla', 'lascia perdere'],
    'AMAZON.StopIntent': ['stop', 'basta', 'fermati', 'esci'],
    'AMAZON.NavigateHomeIntent': ['home', 'torna alla home'],
  },
  es: {
    'AMAZON.YesIntent': ['sí', 'claro', 'vale', 'de acuerdo', 'sí por favor'],
    'AMAZON.NoIntent': ['no', 'no gracias'],
    'AMAZON.HelpIntent': ['ayuda', 'ayúdame', 'qué puedo decir'],
    'AMAZON.CancelIntent': ['cancela', 'cancelar', 'olvídalo'],
    'AMAZON.StopIntent': ['para', 'detente', 'salir', 'adiós', 'stop'],
    'AMAZON.NavigateHomeIntent': ['inicio', 'ir al inicio'],
  },
  ja: {
    'AMAZON.YesIntent': ['はい', 'うん', 'ええ', 'お願いします', 'そうです'],
    'AMAZON.NoIntent': ['いいえ', 'いや', '結構です'],
    'AMAZON.HelpIntent': ['ヘルプ', '助けて', '使い方を教えて'],
    'AMAZON.CancelIntent': ['キャンセル'],
    'AMAZON.StopIntent': ['ストップ', '止めて', '終了', '終わり'],
    'AMAZON.NavigateHomeIntent': ['ホーム'],
  },
};

/** Words that open a skill by its invocation name, per language (English ones work everywhere). */
const LAUNCH_VERBS: Readonly<Record<string, ReadonlyArray<string>>> = {
  en: ['open', 'start', 'launch', 'begin', 'load', 'run', 'use', 'ask', 'talk to'],
  de: ['öffne', 'öffnen', 'starte', 'starten'],
  fr: ['ouvre', 'ouvrir', 'lance', 'démarre'],
  it: ['apri', 'avvia', 'lancia'],
  es: ['abre', 'abrir', 'inicia', 'lanza'],
};

/** Japanese puts the verb after the invocation name. */
const JA_LAUNCH_SUFFIXES = [
  'を開いて',
  'をひらいて',
  'を起動して',
  'を開く',
  'を起動',
  '開いて',
  '起動して',
];

/** One leading article that entity resolution looks past (`a bag of coffee`). */
const ARTICLES: Readonly<Record<string, ReadonlyArray<string>>> = {
  en: ['a', 'an', 'the', 'some', 'another'],
  de: ['ein', 'eine', 'einen', 'einem', 'der', 'die', 'das', 'den'],
  fr: ['un', 'une', 'des', 'le', 'la', 'les', 'du', 'de la', 'de', "l'"],
  it: [
    'un',
    'una',
    'uno',
    'il',
    'lo',
    'la',
    'i',
    'gli',
    'le',
    'del',
    'della',
    'dei',
    'degli',
    'delle',
    "l'",
  ],
  es: ['un', 'una', 'unos', 'unas', 'el', 'la', 'los', 'las', 'del'],
};

// The longest text the matcher looks at; anything longer is not something a shopper says.
const MAX_WORDS_LENGTH = 200;

/** A text in the matcher's two forms: `origin` as normalised, `text` folded, with the mapping. */
type Surface = {
  /** NFKC, lower case, punctuation as blanks, blanks collapsed (removed in Japanese). */
  readonly origin: string;
  /** `origin` without accents and other combining marks: what is compared. */
  readonly text: string;
  /** For each index of `text` (and its length), the index in `origin`. */
  readonly map: ReadonlyArray<number>;
};

function languageOf(locale: string): string {
  return locale.slice(0, 2).toLowerCase();
}

function isSpaced(language: string): boolean {
  return language !== 'ja' && language !== 'zh';
}

// Slot markers in a sample: U+0001 for its first slot, U+0002 for the second, ...
const FIRST_MARKER = 1;
const MAX_SLOTS = 8;

function surface(words: string, language: string): Surface {
  let origin = words
    .normalize('NFKC')
    .toLocaleLowerCase(language)
    .replace(/[’‘`´]/g, "'")
    // A decimal point or comma between digits stays ("2.5"); other punctuation becomes a blank.
    .replace(/(\d)[.,](?=\d)/g, '$1.')
    .replace(/[^\p{L}\p{N}\p{M}'.\u0001-\u0008\s]|\.(?!\d)|(?<!\d)\./gu, ' ');
  origin = isSpaced(language)
    ? origin.replace(/\s+/g, ' ').trim()
    : origin.replace(/\s+/g, '').replace(/^'+|'+$/g, '');
  let text = '';
  const map: Array<number> = [];
  let index = 0;
  for (const char of origin) {
    const folded = char.normalize('NFD').replace(/\p{M}/gu, '');
    for (let i = 0; i < folded.length; i += 1) map.push(index);
    text += folded;
    index += char.length;
  }
  map.push(origin.length);
  return { origin, text, map };
}

function fold(words: string, language: string): string {
  return surface(words, language).text;
}

type SamplePart =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'slot'; readonly slot: SlotDefinition };

type CompiledSample = {
  readonly intent: string;
  readonly sample: string | undefined;
  readonly slots: ReadonlyArray<SlotDefinition>;
  readonly parts: ReadonlyArray<SamplePart>;
};

function compileSample(
  intent: string,
  sample: string | undefined,
  words: string,
  slots: ReadonlyArray<SlotDefinition>,
  language: string,
): CompiledSample | undefined {
  const names: Array<string> = [];
  let unknownSlot = false;
  const marked = words
    .replace(/[\u0000-\u0008]/g, '')
    .replace(/\{([^{}]+)\}/g, (_, name: string) => {
      const slot = slots.find((s) => s.name === name);
      if (slot === undefined || names.length >= MAX_SLOTS) unknownSlot = true;
      names.push(name);
      return String.fromCharCode(FIRST_MARKER + names.length - 1);
    });
  if (unknownSlot) return undefined;
  const folded = fold(marked, language);
  const parts: Array<SamplePart> = [];
  let literal = '';
  for (const char of folded) {
    const code = char.charCodeAt(0);
    if (code >= FIRST_MARKER && code < FIRST_MARKER + MAX_SLOTS) {
      if (literal !== '') parts.push({ kind: 'literal', text: literal });
      literal = '';
      const slot = slots.find((s) => s.name === names[code - FIRST_MARKER]);
      if (slot === undefined) return undefined;
      parts.push({ kind: 'slot', slot });
    } else {
      literal += char;
    }
  }
  if (literal !== '') parts.push({ kind: 'literal', text: literal });
  return { intent, sample, slots, parts };
}

type Span = { readonly slot: SlotDefinition; readonly start: number; readonly end: number };

/** Every way the words fill the sample's slots (word boundaries kept in spaced languages). */
function assignments(
  parts: ReadonlyArray<SamplePart>,
  text: string,
  spaced: boolean,
): ReadonlyArray<ReadonlyArray<Span>> {
  const results: Array<ReadonlyArray<Span>> = [];
  const boundary = (at: number): boolean =>
    !spaced ||
    at === 0 ||
    at === text.length ||
    text[at] === ' ' ||
    text[at - 1] === ' ' ||
    text[at - 1] === "'";
  const walk = (index: number, position: number, spans: ReadonlyArray<Span>): void => {
    if (results.length > 500) return;
    const part = parts[index];
    if (part === undefined) {
      if (position === text.length) results.push(spans);
      return;
    }
    if (part.kind === 'literal') {
      if (text.startsWith(part.text, position)) walk(index + 1, position + part.text.length, spans);
      return;
    }
    if (!boundary(position)) return;
    for (let end = position + 1; end <= text.length; end += 1) {
      if (spaced && (text[position] === ' ' || text[end - 1] === ' ')) continue;
      if (!boundary(end)) continue;
      const next = parts[index + 1];
      if (next?.kind === 'literal' && !text.startsWith(next.text, end)) continue;
      walk(index + 1, end, [...spans, { slot: part.slot, start: position, end }]);
    }
  };
  walk(0, 0, []);
  return results;
}

function stripArticle(text: string, language: string): string | undefined {
  for (const article of ARTICLES[language] ?? []) {
    const folded = fold(article, language);
    const prefix = folded.endsWith("'") ? folded : `${folded} `;
    if (text.startsWith(prefix) && text.length > prefix.length) return text.slice(prefix.length);
  }
  return undefined;
}

function resolve(
  text: string,
  values: ReadonlyArray<SlotTypeValue>,
  language: string,
): SlotTypeValue | undefined {
  const candidates = [text, stripArticle(text, language)].filter(
    (c): c is string => c !== undefined,
  );
  for (const candidate of candidates) {
    for (const value of values) {
      if ([value.value, ...value.synonyms].some((v) => fold(v, language) === candidate)) {
        return value;
      }
    }
  }
  // Then as Alexa's resolution is forgiving: singular and plural alike ("pour over kits").
  if (!PLURAL_S_LANGUAGES.has(language)) return undefined;
  for (const candidate of candidates.map(singular)) {
    for (const value of values) {
      if ([value.value, ...value.synonyms].some((v) => singular(fold(v, language)) === candidate)) {
        return value;
      }
    }
  }
  return undefined;
}

/** The languages whose plurals mostly end in -s, where resolution also compares singulars. */
const PLURAL_S_LANGUAGES: ReadonlySet<string> = new Set(['en', 'fr', 'es']);

function singular(text: string): string {
  return text
    .split(' ')
    .map((word) =>
      word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word,
    )
    .join(' ');
}

type Candidate = {
  readonly score: number;
  readonly compiled: CompiledSample;
  readonly slots: ReadonlyArray<HeardSlot>;
};

function evaluate(
  compiled: CompiledSample,
  spans: ReadonlyArray<Span>,
  words: Surface,
  model: InteractionModel,
  language: string,
): Candidate | undefined {
  let score = compiled.parts.reduce(
    (sum, part) => sum + (part.kind === 'literal' ? part.text.replace(/ /g, '').length * 10 : 0),
    0,
  );
  const heard = new Map<string, HeardSlot>();
  for (const span of spans) {
    const folded = words.text.slice(span.start, span.end);
    const spoken = words.origin.slice(words.map[span.start], words.map[span.end]);
    const { name, type } = span.slot;
    if (type === 'AMAZON.NUMBER') {
      const value = spokenNumber(folded, language);
      if (value === undefined) return undefined;
      heard.set(name, { name, type, value, heard: spoken });
      score += 500;
      continue;
    }
    const values = model.types[type];
    if (values === undefined) {
      heard.set(name, { name, type, value: spoken, heard: spoken });
      continue;
    }
    const match = resolve(folded, values, language);
    if (match === undefined) {
      score -= 2000;
      heard.set(name, {
        name,
        type,
        value: spoken,
        heard: spoken,
        resolution: { status: 'ER_SUCCESS_NO_MATCH' },
      });
    } else {
      score += 1000;
      heard.set(name, {
        name,
        type,
        value: spoken,
        heard: spoken,
        resolution: {
          status: 'ER_SUCCESS_MATCH',
          name: match.value,
          ...(match.id !== undefined && { id: match.id }),
        },
      });
    }
  }
  return {
    score,
    compiled,
    slots: compiled.slots.map(
      (slot) => heard.get(slot.name) ?? { name: slot.name, type: slot.type },
    ),
  };
}

function compileModel(model: InteractionModel, language: string): ReadonlyArray<CompiledSample> {
  const compiled: Array<CompiledSample> = [];
  const phrases = BUILT_IN_PHRASES[language] ?? BUILT_IN_PHRASES['en'] ?? {};
  const shopper = isSpeechLocale(model.locale) ? SHOPPER_PHRASES[model.locale] : undefined;
  for (const intent of model.intents) {
    for (const sample of intent.samples) {
      const sampleParts = compileSample(intent.name, sample, sample, intent.slots, language);
      if (sampleParts !== undefined) compiled.push(sampleParts);
    }
    const builtIn = [
      ...(phrases[intent.name] ?? []),
      ...(intent.name === 'AMAZON.YesIntent' && shopper !== undefined ? [shopper.yes] : []),
      ...(intent.name === 'AMAZON.NoIntent' && shopper !== undefined ? [shopper.no] : []),
    ];
    for (const phrase of builtIn) {
      const phraseParts = compileSample(intent.name, undefined, phrase, [], language);
      if (phraseParts !== undefined) compiled.push(phraseParts);
    }
  }
  return compiled;
}

function matchIntent(
  words: Surface,
  model: InteractionModel,
  language: string,
): Candidate | undefined {
  let best: Candidate | undefined;
  for (const compiled of compileModel(model, language)) {
    for (const spans of assignments(compiled.parts, words.text, isSpaced(language))) {
      const candidate = evaluate(compiled, spans, words, model, language);
      if (candidate !== undefined && (best === undefined || candidate.score > best.score)) {
        best = candidate;
      }
    }
  }
  return best;
}

/** Reads "open X", "ask X to ...": the launch, or the words of a one-shot request, or neither. */
function readInvocation(
  text: string,
  model: InteractionModel,
  language: string,
): { readonly kind: 'launch' } | { readonly kind: 'oneShot'; readonly rest: string } | undefined {
  const name = fold(model.invocationName, language);
  if (!isSpaced(language)) {
    const compact = name.replace(/\s+/g, '');
    for (const suffix of JA_LAUNCH_SUFFIXES) {
      if (text === `${compact}${fold(suffix, language)}`) return { kind: 'launch' };
    }
  }
  const verbs = [...(LAUNCH_VERBS[language] ?? []), ...(LAUNCH_VERBS['en'] ?? [])];
  for (const verb of verbs.map((v) => fold(v, language))) {
    if (text === `${verb} ${name}`) return { kind: 'launch' };
  }
  if (language === 'en') {
    for (const verb of ['ask', 'tell']) {
      for (const joint of ['to', 'for', 'and', 'that i want']) {
        const prefix = `${verb} ${name} ${joint} `;
        if (text.startsWith(prefix) && text.length > prefix.length) {
          return { kind: 'oneShot', rest: text.slice(prefix.length) };
        }
      }
    }
    const prefix = `open ${name} and `;
    if (text.startsWith(prefix) && text.length > prefix.length) {
      return { kind: 'oneShot', rest: text.slice(prefix.length) };
    }
  }
  return undefined;
}

const WAKE_WORD = /^(alexa|echo|computer)( |$)/;

/**
 * Understands what the shopper typed, the way Alexa would with the locale's interaction model:
 * "open <invocation name>" is a LaunchRequest; otherwise the sample utterances are matched, with
 * `{slot}`s filled from the words (AMAZON.NUMBER from digits or number words, custom slot types
 * resolved to a value id through its name and synonyms), and the built-in intents from their
 * usual phrases. Nothing matched is AMAZON.FallbackIntent.
 *
 * @example
 * understand('buy two bags of coffee', model);
 * // { kind: 'intent', intent: 'BuyIntent', slots: [product → house-blend, quantity = 2], ... }
 */
export function understand(words: string, model: InteractionModel): Understanding {
  const language = languageOf(model.locale);
  const cleaned = words.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, MAX_WORDS_LENGTH);
  const spoken = surface(cleaned, language);
  const withoutWakeWord = spoken.text.replace(WAKE_WORD, '');
  const offset = spoken.text.length - withoutWakeWord.length;
  const invocation = readInvocation(withoutWakeWord, model, language);
  if (invocation?.kind === 'launch') return { kind: 'launch', words: cleaned };
  const rest =
    invocation?.kind === 'oneShot'
      ? surface(
          spoken.origin.slice(spoken.map[spoken.text.length - invocation.rest.length]),
          language,
        )
      : surface(spoken.origin.slice(spoken.map[offset]), language);
  const best = matchIntent(rest, model, language);
  if (best === undefined) {
    return {
      kind: 'intent',
      intent: 'AMAZON.FallbackIntent',
      slots: [],
      sample: undefined,
      oneShot: invocation?.kind === 'oneShot',
      words: cleaned,
    };
  }
  return {
    kind: 'intent',
    intent: best.compiled.intent,
    slots: best.slots,
    sample: best.compiled.sample,
    oneShot: invocation?.kind === 'oneShot',
    words: cleaned,
  };
}

/**
 * Builds the `request` of the IntentRequest Alexa sends for an understood intent: every slot the
 * intent declares, with its value when filled and entity resolution for custom slot types.
 */
export function toIntentRequest(
  understanding: Extract<Understanding, { kind: 'intent' }>,
  skillId: string,
): Record<string, unknown> {
  const slots = Object.fromEntries(
    understanding.slots.map((slot) => [
      slot.name,
      {
        name: slot.name,
        confirmationStatus: 'NONE',
        ...(slot.value !== undefined && { value: slot.value, source: 'USER' }),
        ...(slot.resolution !== undefined && {
          resolutions: {
            resolutionsPerAuthority: [
              {
                authority: `amzn1.er-authority.echo-sdk.${skillId}.${slot.type}`,
                status: { code: slot.resolution.status },
                ...(slot.resolution.status === 'ER_SUCCESS_MATCH' && {
                  values: [
                    {
                      value: {
                        name: slot.resolution.name ?? slot.value ?? '',
                        id: slot.resolution.id ?? '',
                      },
                    },
                  ],
                }),
              },
            ],
          },
        }),
      },
    ]),
  );
  return {
    type: 'IntentRequest',
    intent: {
      name: understanding.intent,
      confirmationStatus: 'NONE',
      ...(understanding.slots.length > 0 && { slots }),
    },
  };
}

/** Describes an understanding in one line: `BuyIntent · product "bags of coffee" → house-blend`. */
export function describeUnderstanding(understanding: Understanding): string {
  if (understanding.kind === 'launch') return 'LaunchRequest';
  const slots = understanding.slots
    .filter((slot) => slot.value !== undefined)
    .map((slot) => {
      if (slot.type === 'AMAZON.NUMBER') {
        return slot.heard !== undefined && slot.heard !== slot.value
          ? `${slot.name} = ${slot.value ?? ''} ("${slot.heard}")`
          : `${slot.name} = ${slot.value ?? ''}`;
      }
      const resolved =
        slot.resolution === undefined
          ? ''
          : slot.resolution.status === 'ER_SUCCESS_MATCH'
            ? ` → ${slot.resolution.id ?? slot.resolution.name ?? '?'}`
            : ' → no match (ER_SUCCESS_NO_MATCH)';
      return `${slot.name} "${slot.value ?? ''}"${resolved}`;
    });
  return [
    understanding.intent,
    ...slots,
    ...(understanding.oneShot ? ['(one-shot: a new session)'] : []),
  ].join(' · ');
}
