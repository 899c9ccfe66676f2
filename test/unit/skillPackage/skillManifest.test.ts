import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SPEECH_LOCALES, type SpeechLocale } from '../../../src/speech/promptsFor';
import { matchesSample, readModel, ROOT } from './skillPackage';

type LocaleInfo = {
  readonly name: string;
  readonly summary: string;
  readonly description: string;
  readonly examplePhrases: ReadonlyArray<string>;
  readonly keywords: ReadonlyArray<string>;
};

type Manifest = {
  readonly manifest: {
    readonly manifestVersion: string;
    readonly publishingInformation: {
      readonly locales: Readonly<Record<string, LocaleInfo>>;
      readonly isAvailableWorldwide: boolean;
      readonly distributionCountries: ReadonlyArray<string>;
      readonly testingInstructions: string;
      readonly category: string;
    };
    readonly privacyAndCompliance: {
      readonly allowsPurchases: boolean;
      readonly usesPersonalInfo: boolean;
      readonly isChildDirected: boolean;
      readonly isExportCompliant: boolean;
      readonly containsAds: boolean;
      readonly locales: Readonly<
        Record<string, { readonly privacyPolicyUrl: string; readonly termsOfUseUrl: string }>
      >;
    };
    readonly permissions: ReadonlyArray<{ readonly name: string }>;
    readonly apis: { readonly custom: { readonly endpoint: { readonly uri: string } } };
  };
};

const { manifest } = JSON.parse(
  readFileSync(path.join(ROOT, 'skill-package', 'skill.json'), 'utf8'),
) as Manifest;

/**
 * The sentence Amazon's certification page requires in the description, per language (protocol
 * page, section 9, requirement 2): Amazon Pay processes the payments, and the voice code.
 */
const AMAZON_PAY_SENTENCE: Readonly<Record<SpeechLocale, string>> = {
  'en-US':
    'This skill uses Amazon Pay to process your payments. To help protect against unwanted ordering, you can enable a four-digit voice code under Settings in the Alexa app.',
  'en-GB':
    'This skill uses Amazon Pay to process your payments. To help protect against unwanted ordering, you can enable a four-digit voice code under Settings in the Alexa app.',
  'de-DE':
    'Dieser Skill verwendet Amazon Pay, um Ihre Zahlungen zu verarbeiten. Zum Schutz vor unerwünschten Bestellungen, können Sie in der Alexa App unter Einstellungen einen vierstelligen Sprachcode vergeben.',
  'fr-FR':
    "Cette Skill utilise Amazon Pay pour traiter vos paiements. Pour vous protéger des commandes non souhaitées, vous pouvez activer un code vocal à quatre chiffres sous Paramètres dans l'application Alexa.",
  'it-IT':
    "Questa Skill usa Amazon Pay per elaborare i tuoi pagamenti. Per evitare ordini indesiderati, è possibile abilitare un codice vocale di quattro cifre accedendo alla sezione Impostazioni dell'app Alexa.",
  'es-ES':
    'Esta Skill utiliza Amazon Pay para procesar tus pagos. Para evitar pedidos no deseados, puedes activar un código de voz de cuatro dígitos en Configuración en la aplicación de Alexa.',
  'ja-JP':
    'このスキルは、Amazon Payを使用して支払いを処理します。意図しないご注文を避けるために、Alexaアプリの「設定」から4桁の確認コードを設定することができます。',
};

/** How an example phrase wakes Alexa and joins the invocation name to the request, per locale. */
const PHRASE_FORMS: Readonly<
  Record<SpeechLocale, { readonly wake: string; readonly joins: ReadonlyArray<string> }>
> = {
  'en-US': { wake: 'Alexa, ', joins: ['to ', 'for '] },
  'en-GB': { wake: 'Alexa, ', joins: ['to ', 'for '] },
  'de-DE': { wake: 'Alexa, ', joins: [', '] },
  'fr-FR': { wake: 'Alexa, ', joins: ["d'", 'de '] },
  'it-IT': { wake: 'Alexa, ', joins: ['di '] },
  'es-ES': { wake: 'Alexa, ', joins: ['que '] },
  'ja-JP': { wake: 'アレクサ、', joins: ['で'] },
};

/** The request an example phrase makes after the invocation name ('' for a plain launch). */
function requestOf(locale: SpeechLocale, phrase: string, invocationName: string): string {
  const at = phrase.toLowerCase().indexOf(invocationName);
  const rest = at < 0 ? phrase : phrase.slice(at + invocationName.length).trimStart();
  // "アレクサ、ブルーケトルコーヒーを開いて" is a launch, like "Alexa, open Blue Kettle Coffee".
  if (rest === 'を開いて') return '';
  const join = PHRASE_FORMS[locale].joins.find((j) => rest.startsWith(j));
  return join === undefined ? rest : rest.slice(join.length);
}

describe('skill-package/skill.json', () => {
  it('publishes the seven locales in the seven countries', () => {
    // Assess
    expect(Object.keys(manifest.publishingInformation.locales).sort()).toEqual(
      [...SPEECH_LOCALES].sort(),
    );
    expect([...manifest.publishingInformation.distributionCountries].sort()).toEqual(
      ['DE', 'ES', 'FR', 'GB', 'IT', 'JP', 'US'].sort(),
    );
    expect(manifest.publishingInformation.isAvailableWorldwide).toBe(false);
    expect(manifest.publishingInformation.category).toBe('SHOPPING');
    expect(manifest.publishingInformation.testingInstructions).toContain(
      'CertificationTestTransaction',
    );
  });

  it('asks for the Amazon Pay permission and for no customer contact data', () => {
    expect(manifest.permissions).toEqual([{ name: 'payments:autopay_consent' }]);
  });

  it('allows purchases, uses personal information, and is not child-directed', () => {
    expect(manifest.privacyAndCompliance).toMatchObject({
      allowsPurchases: true,
      usesPersonalInfo: true,
      isChildDirected: false,
      isExportCompliant: true,
      containsAds: false,
    });
  });

  it('has placeholder privacy and terms URLs for every locale, for the merchant to replace', () => {
    // Assess
    expect(Object.keys(manifest.privacyAndCompliance.locales).sort()).toEqual(
      [...SPEECH_LOCALES].sort(),
    );
    for (const urls of Object.values(manifest.privacyAndCompliance.locales)) {
      expect(urls.privacyPolicyUrl).toMatch(/^https:\/\/\S+REPLACE/);
      expect(urls.termsOfUseUrl).toMatch(/^https:\/\/\S+REPLACE/);
    }
  });

  it('has a custom endpoint for the merchant to replace', () => {
    expect(manifest.apis.custom.endpoint.uri).toMatch(/^arn:aws:lambda:.+REPLACE/);
  });

  describe.each(SPEECH_LOCALES)('%s', (locale) => {
    const info = manifest.publishingInformation.locales[locale];
    const model = readModel(locale);

    it("is named after the seller, as the model's invocation name says", () => {
      expect(info?.name.toLowerCase()).toBe(model.invocationName);
    });

    it("says in the description, in the locale's language, that Amazon Pay takes the payment and how to set a voice code", () => {
      // Assess
      expect(info?.description).toContain(AMAZON_PAY_SENTENCE[locale]);
      expect(info?.summary.length).toBeGreaterThan(10);
      expect(info?.summary.length).toBeLessThanOrEqual(160);
      expect(info?.keywords.length).toBeGreaterThan(2);
    });

    it('has up to three example phrases, the first a launch, all matching the model', () => {
      // Prepare
      const phrases = info?.examplePhrases ?? [];
      const products = model.types[0]?.values ?? [];
      const samples = model.intents.flatMap((i) => i.samples);
      // Act
      const requests = phrases.map((p) => requestOf(locale, p, model.invocationName));
      // Assess
      expect(phrases.length).toBeGreaterThanOrEqual(1);
      expect(phrases.length).toBeLessThanOrEqual(3);
      for (const phrase of phrases) {
        expect(phrase.startsWith(PHRASE_FORMS[locale].wake)).toBe(true);
        expect(phrase.toLowerCase()).toContain(model.invocationName);
      }
      expect(requests[0]).toBe('');
      for (const request of requests.slice(1)) {
        expect({ request, matches: matchesSample(request, samples, products) }).toEqual({
          request,
          matches: true,
        });
      }
    });
  });
});
