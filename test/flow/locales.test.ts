import type { CountryOfEstablishment } from '../../src/local/simulator/regions';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readPath, readString } from '../../src/amazonpay/readUnknown';
import { CHECKOUT_LANGUAGES_OF_REGION, toAmazonPayRegion } from '../../src/amazonpay/regions';
import { localizeProduct } from '../../src/checkout/Catalog';
import { loadDemoCatalog } from '../../src/checkout/demoCatalog';
import { runScenario } from '../../src/local/runScenario';
import { scenariosFor, type Scenario } from '../../src/local/scenarios';
import { AmazonPaySimulator } from '../../src/local/simulator/AmazonPaySimulator';
import {
  buildRequestEnvelope,
  intentRequest,
  launchRequest,
} from '../../src/local/requestEnvelopes';
import { SPEECH_LOCALES, type SpeechLocale } from '../../src/speech/promptsFor';
import { aContext, TEST_SKILL_ID } from '../fixtures/requests';
import { startShop, type Reply, type TestShop } from '../support/shop';

const root = path.resolve(__dirname, '..', '..');
let userCounter = 0;

function newUser(): string {
  userCounter += 1;
  return `amzn1.ask.account.LOCALES-${String(userCounter).padStart(5, '0')}`;
}

/** Each locale with the merchant country it is at home in, and what that merchant charges. */
const HOME: Readonly<
  Record<SpeechLocale, { country: string; currency: string; amount: string; language: string }>
> = {
  'en-US': { country: 'US', currency: 'USD', amount: '34.97', language: 'en_US' },
  'en-GB': { country: 'UK', currency: 'GBP', amount: '27.97', language: 'en_GB' },
  'de-DE': { country: 'DE', currency: 'EUR', amount: '32.48', language: 'de_DE' },
  'fr-FR': { country: 'FR', currency: 'EUR', amount: '32.48', language: 'fr_FR' },
  'it-IT': { country: 'IT', currency: 'EUR', amount: '32.48', language: 'it_IT' },
  'es-ES': { country: 'ES', currency: 'EUR', amount: '32.48', language: 'es_ES' },
  'ja-JP': { country: 'JP', currency: 'JPY', amount: '4560', language: 'ja_JP' },
};

/** A synonym of the coffee in each locale, other than the one the npm start scenarios say. */
const COFFEE: Readonly<Record<SpeechLocale, string>> = {
  'en-US': 'coffee beans',
  'en-GB': 'bags of coffee',
  'de-DE': 'Kaffeebohnen',
  'fr-FR': 'café en grains',
  'it-IT': 'caffè in grani',
  'es-ES': 'café en grano',
  'ja-JP': 'コーヒー豆',
};

/** Words that show a reply is in the locale's language: the summary's and the thanks'. */
const WORDS: Readonly<Record<SpeechLocale, { summary: string; thanks: string }>> = {
  'en-US': { summary: 'Shall I place the order?', thanks: 'Thank you!' },
  'en-GB': { summary: 'Shall I place the order?', thanks: 'Thank you!' },
  'de-DE': { summary: 'Soll ich die Bestellung aufgeben?', thanks: 'Vielen Dank!' },
  'fr-FR': { summary: 'Dois-je passer la commande ?', thanks: 'Merci !' },
  'it-IT': { summary: "Vuoi che effettui l'ordine?", thanks: 'Grazie!' },
  'es-ES': { summary: '¿Hago el pedido?', thanks: '¡Gracias!' },
  'ja-JP': { summary: 'ご注文を確定してよろしいですか？', thanks: 'ありがとうございます。' },
};

/** Sends a request in a locale, for a user, in a session (a new one without attributes). */
function send(
  shop: TestShop,
  locale: string,
  userId: string,
  request: Record<string, unknown>,
  attributes?: Record<string, unknown>,
): Promise<Reply> {
  return shop.sendEnvelope(
    buildRequestEnvelope(aContext({ locale, userId }), request, {
      new: attributes === undefined,
      ...(attributes !== undefined && { attributes }),
    }),
  );
}

/** Answers a directive with the simulator and delivers the answer, in the locale, as Alexa does. */
function deliver(
  shop: TestShop,
  locale: string,
  userId: string,
  directive: Record<string, unknown> | undefined,
): Promise<Reply> {
  if (directive === undefined) throw new Error('no directive to answer');
  // The shop's simulator writes en-US on its answers; Alexa writes the shopper's locale.
  return send(shop, locale, userId, { ...shop.simulator.answer(directive, {}), locale });
}

/** Launch, buy two of `product`, yes: returns the summary, the Setup directive and the order id. */
async function buyTwo(
  shop: TestShop,
  locale: string,
  userId: string,
  product: string,
): Promise<{ summary: Reply; setup: Record<string, unknown> | undefined; orderId: string }> {
  const launched = await send(shop, locale, userId, launchRequest());
  const summary = await send(
    shop,
    locale,
    userId,
    intentRequest('BuyIntent', { product, quantity: '2' }),
    launched.attributes ?? {},
  );
  const orderId = String(summary.attributes?.['pendingOrderId']);
  const confirmed = await send(
    shop,
    locale,
    userId,
    intentRequest('AMAZON.YesIntent'),
    summary.attributes ?? {},
  );
  return { summary, setup: confirmed.directives[0], orderId };
}

describe('the purchase in every locale', () => {
  describe.each(SPEECH_LOCALES)('%s, with a merchant at home there', (locale) => {
    const home = HOME[locale];
    let shop: TestShop;

    beforeAll(async () => {
      shop = await startShop({
        env: { MERCHANT_COUNTRY: home.country, LEDGER_CURRENCY: home.currency },
      });
    });

    afterAll(async () => {
      await shop.close();
    });

    it('ends paid, spoken in the language, with the merchant currency and a valid checkoutLanguage', async () => {
      // Prepare
      const userId = newUser();
      const coffee = loadDemoCatalog().products.find((p) => p.id === 'house-blend');
      expect(coffee !== undefined && localizeProduct(coffee, locale).synonyms).toContain(
        COFFEE[locale],
      );
      // Act
      const { summary, setup, orderId } = await buyTwo(shop, locale, userId, COFFEE[locale]);
      const afterSetup = await deliver(shop, locale, userId, setup);
      const charge = afterSetup.directives[0];
      const afterCharge = await deliver(shop, locale, userId, charge);
      // Assess
      expect(summary.speech).toContain(WORDS[locale].summary);
      expect(summary.speech).toContain('Blue Kettle Coffee');
      const language = readString(setup, 'payload', 'checkoutLanguage');
      const region = toAmazonPayRegion(home.country);
      expect(region).toBeDefined();
      expect(language).toBe(home.language);
      expect(region !== undefined && CHECKOUT_LANGUAGES_OF_REGION[region]).toContain(language);
      expect(readString(setup, 'payload', 'ledgerCurrency')).toBe(home.currency);
      const amount = readPath(charge, 'payload', 'authorizeAttributes', 'authorizationAmount');
      expect(amount).toMatchObject({ amount: home.amount, currencyCode: home.currency });
      expect(afterCharge.speech).toContain(WORDS[locale].thanks);
      expect(afterCharge.card).toMatchObject({ type: 'Simple' });
      expect((await shop.orders.store.get(orderId))?.status).toBe('paid');
    });
  });

  describe('with a US merchant', () => {
    let shop: TestShop;

    beforeAll(async () => {
      shop = await startShop();
    });

    afterAll(async () => {
      await shop.close();
    });

    it.each(SPEECH_LOCALES)(
      'speaks %s but charges USD with checkoutLanguage en_US',
      async (locale) => {
        // Prepare
        const userId = newUser();
        // Act
        const { summary, setup, orderId } = await buyTwo(shop, locale, userId, COFFEE[locale]);
        const afterSetup = await deliver(shop, locale, userId, setup);
        const charge = afterSetup.directives[0];
        await deliver(shop, locale, userId, charge);
        // Assess
        expect(summary.speech).toContain(WORDS[locale].summary);
        expect(readString(setup, 'payload', 'checkoutLanguage')).toBe('en_US');
        expect(
          readPath(charge, 'payload', 'authorizeAttributes', 'authorizationAmount'),
        ).toMatchObject({
          amount: '34.97',
          currencyCode: 'USD',
        });
        expect((await shop.orders.store.get(orderId))?.status).toBe('paid');
      },
    );
  });

  describe('a locale the skill does not speak', () => {
    it.each([
      ['fr-CA', 'DE', 'EUR', 'Willkommen bei Blue Kettle Coffee'],
      ['en-AU', 'UK', 'GBP', 'Welcome to Blue Kettle Coffee'],
      ['pt-BR', 'JP', 'JPY', 'Blue Kettle Coffeeへようこそ'],
      ['es-MX', 'US', 'USD', 'Welcome to Blue Kettle Coffee'],
    ])(
      "gets the merchant's language: %s with a merchant in %s",
      async (locale, country, currency, welcome) => {
        // Prepare
        const shop = await startShop({
          env: { MERCHANT_COUNTRY: country, LEDGER_CURRENCY: currency },
        });
        try {
          const userId = newUser();
          // Act
          const launched = await send(shop, locale, userId, launchRequest());
          const { setup } = await buyTwo(shop, locale, userId, 'coffee');
          // Assess
          expect(launched.speech).toContain(welcome);
          const region = toAmazonPayRegion(country);
          expect(region !== undefined && CHECKOUT_LANGUAGES_OF_REGION[region]).toContain(
            readString(setup, 'payload', 'checkoutLanguage'),
          );
        } finally {
          await shop.close();
        }
      },
    );
  });

  describe('the product slot', () => {
    let shop: TestShop;

    beforeAll(async () => {
      shop = await startShop({ env: { MERCHANT_COUNTRY: 'DE', LEDGER_CURRENCY: 'EUR' } });
    });

    afterAll(async () => {
      await shop.close();
    });

    it('takes the entity-resolution id over the spoken value', async () => {
      // Prepare
      const request = {
        type: 'IntentRequest',
        dialogState: 'COMPLETED',
        intent: {
          name: 'BuyIntent',
          confirmationStatus: 'NONE',
          slots: {
            quantity: { name: 'quantity', value: '1', confirmationStatus: 'NONE' },
            product: {
              name: 'product',
              value: 'Kännchen',
              confirmationStatus: 'NONE',
              resolutions: {
                resolutionsPerAuthority: [
                  {
                    authority: `amzn1.er-authority.echo-sdk.${TEST_SKILL_ID}.PRODUCT`,
                    status: { code: 'ER_SUCCESS_MATCH' },
                    values: [{ value: { name: 'Espressotassen-Sets', id: 'espresso-cups' } }],
                  },
                ],
              },
            },
          },
        },
      };
      // Act
      const reply = await send(shop, 'de-DE', newUser(), request);
      // Assess
      expect(reply.speech?.replace(/\u00a0/g, ' ')).toContain('ein Espressotassen-Set für 22,99 €');
    });

    it.each<[SpeechLocale, string, string]>([
      ['de-DE', 'den Kaffee', 'zwei Beutel House-Blend-Kaffee'],
      ['fr-FR', 'les tasses', 'deux coffrets de tasses à espresso'],
      ['it-IT', 'il kit', 'due kit per caffè filtro'],
      ['es-ES', 'unas tazas', 'dos juegos de tazas de espresso'],
      ['ja-JP', 'スターターキット', 'ハンドドリップのスターターキットを2個で'],
    ])('finds a product by its %s synonym "%s"', async (locale, phrase, spoken) => {
      // Act
      const reply = await send(
        shop,
        locale,
        newUser(),
        intentRequest('BuyIntent', { product: phrase, quantity: '2' }),
      );
      // Assess
      expect(reply.speech).toContain(spoken);
    });
  });
});

describe('cancel-order and refund intents', () => {
  let shop: TestShop;

  beforeAll(async () => {
    shop = await startShop({ env: { MERCHANT_COUNTRY: 'FR', LEDGER_CURRENCY: 'EUR' } });
  });

  afterAll(async () => {
    await shop.close();
  });

  const contactLogged = (): boolean =>
    shop.logger.lines.some((line) =>
      JSON.stringify(line).match(/555-0100|orders@example\.com|LOCALES-/),
    );

  it('cancels an order awaiting a yes, and says so', async () => {
    // Prepare
    const userId = newUser();
    const summary = await send(
      shop,
      'fr-FR',
      userId,
      intentRequest('BuyIntent', { product: 'café', quantity: '2' }),
    );
    const orderId = String(summary.attributes?.['pendingOrderId']);
    // Act
    const reply = await send(
      shop,
      'fr-FR',
      userId,
      intentRequest('CancelOrderIntent'),
      summary.attributes ?? {},
    );
    // Assess
    expect(reply.speech).toContain("D'accord, j'ai annulé cette commande.");
    expect(reply.ended).toBe(true);
    expect((await shop.orders.store.get(orderId))?.status).toBe('cancelled');
  });

  it.each(SPEECH_LOCALES)(
    "gives the merchant's contact in %s by voice and card when no order awaits a yes",
    async (locale) => {
      // Act
      const cancel = await send(shop, locale, newUser(), intentRequest('CancelOrderIntent'));
      const refund = await send(shop, locale, newUser(), intentRequest('RefundIntent'));
      // Assess
      for (const reply of [cancel, refund]) {
        expect(reply.speech).toContain('+1-206-555-0100');
        expect(reply.speech).toContain('orders@example.com');
        expect(reply.card).toMatchObject({ type: 'Simple' });
        expect(String(reply.card?.['content'])).toContain('+1-206-555-0100');
        expect(String(reply.card?.['content'])).toContain('orders@example.com');
        expect(reply.ended).toBe(true);
      }
      expect(cancel.speech).not.toBe(refund.speech);
      expect(contactLogged()).toBe(false);
    },
  );

  it('gives the contact for an order already paid, and changes nothing', async () => {
    // Prepare
    const userId = newUser();
    const { setup, orderId } = await buyTwo(shop, 'fr-FR', userId, 'café');
    const afterSetup = await deliver(shop, 'fr-FR', userId, setup);
    await deliver(shop, 'fr-FR', userId, afterSetup.directives[0]);
    // Act
    const reply = await send(shop, 'fr-FR', userId, intentRequest('CancelOrderIntent'), {
      pendingOrderId: orderId,
    });
    // Assess
    expect(reply.speech).toContain('Pour annuler une commande déjà passée');
    expect(reply.card).toMatchObject({ type: 'Simple', title: 'Contacter Blue Kettle Coffee' });
    expect((await shop.orders.store.get(orderId))?.status).toBe('paid');
  });

  it('keeps an order awaiting a yes on a refund question', async () => {
    // Prepare
    const userId = newUser();
    const summary = await send(
      shop,
      'fr-FR',
      userId,
      intentRequest('BuyIntent', { product: 'café', quantity: '1' }),
    );
    const orderId = String(summary.attributes?.['pendingOrderId']);
    // Act
    const reply = await send(
      shop,
      'fr-FR',
      userId,
      intentRequest('RefundIntent'),
      summary.attributes,
    );
    // Assess
    expect(reply.speech).toContain('Pour un remboursement ou un retour');
    expect((await shop.orders.store.get(orderId))?.status).toBe('awaiting-confirmation');
  });

  it('names no contact, and logs why, when a live merchant has not configured one', async () => {
    // Prepare
    const live = await startShop({
      env: {
        AWS_LAMBDA_FUNCTION_NAME: 'shop',
        SELLER_ID: 'A2SELLER123456',
        SKILL_ID: TEST_SKILL_ID,
        ORDERS_TABLE: 'orders-test',
        MERCHANT_COUNTRY: 'US',
        LEDGER_CURRENCY: 'USD',
        SANDBOX: 'false',
      },
    });
    try {
      // Act
      const reply = await send(live, 'en-US', newUser(), intentRequest('RefundIntent'));
      // Assess
      expect(live.config.merchantContact).toBeUndefined();
      expect(reply.speech).toContain(
        'For a refund or a return, please contact Blue Kettle Coffee.',
      );
      expect(reply.card).toBeUndefined();
      expect(live.logger.lines).toContainEqual({
        level: 'warn',
        message: 'merchant contact not configured',
        fields: { intent: 'RefundIntent' },
      });
    } finally {
      await live.close();
    }
  });
});

describe('every npm start scenario in every locale', () => {
  /** The scenarios grouped by the configuration they need, so that each group shares a shop. */
  const groups = new Map<string, Scenario[]>();
  for (const scenario of scenariosFor('en-US')) {
    const key = JSON.stringify(scenario.env ?? {});
    groups.set(key, [...(groups.get(key) ?? []), scenario]);
  }

  describe.each([...groups.entries()])('configured %s', (env, scenarios) => {
    let shop: TestShop;

    beforeAll(async () => {
      shop = await startShop({ env: JSON.parse(env) as Record<string, string> });
    });

    afterAll(async () => {
      await shop.close();
    });

    it.each(SPEECH_LOCALES.flatMap((locale) => scenarios.map((s) => [s.name, locale] as const)))(
      'plays %s in %s to its expected status',
      async (name, locale) => {
        // Prepare
        const scenario = scenariosFor(locale).find((s) => s.name === name);
        if (scenario === undefined) throw new Error(`no scenario ${name} in ${locale}`);
        const simulator = new AmazonPaySimulator({ locale });
        // Act
        const result = await runScenario({
          scenario,
          handler: shop.handler,
          simulator,
          skillId: TEST_SKILL_ID,
          userId: newUser(),
          locale,
          readOrder: (orderId) => shop.orders.store.get(orderId),
          print: () => undefined,
          ...(shop.buyerApi !== undefined && {
            buyerApi: {
              standIn: shop.buyerApi,
              country: shop.config.merchantCountry as CountryOfEstablishment,
            },
          }),
          backend: {
            openStore: () =>
              Promise.resolve({
                store: shop.orders.store,
                agreements: shop.agreements,
                close: () => Promise.resolve(),
              }),
            amazonPayAgreement: (billingAgreementId) => simulator.agreement(billingAgreementId),
            sellerId: shop.config.sellerId,
            merchantCountry: shop.config.merchantCountry,
            sandbox: shop.config.sandbox,
          },
        });
        // Assess
        expect(result.finalStatus).toBe(scenario.expectedStatus);
        expect(result.billingCaptures).toBe(scenario.expectedBillingCaptures ?? 0);
      },
    );
  });
});

describe('npm start -- --locale LOCALE', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'locales-'));
    const built = spawnSync(process.execPath, ['scripts/build.mjs'], {
      cwd: root,
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`);
  }, 120_000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const start = (args: ReadonlyArray<string>) =>
    spawnSync(process.execPath, ['.build/start.js', ...args], {
      cwd: root,
      encoding: 'utf8',
      env: {
        PATH: process.env['PATH'] ?? '',
        ORDERS_DB_DIR: path.join(dir, 'data'),
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    });

  it.each(SPEECH_LOCALES)(
    'plays the happy path in %s to a paid order and exits 0',
    (locale) => {
      // Act
      const run = start(['--locale', locale]);
      // Assess
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`Locale:     ${locale}`);
      expect(run.stdout).toContain(WORDS[locale].summary);
      expect(run.stdout).toContain('Result:     OK: final status paid, expected paid');
    },
    30_000,
  );

  it.each([
    [['--locale', 'xx-XX'], 'unknown locale: xx-XX'],
    [['--locale'], '--locale needs a locale'],
    [['--locale=__proto__'], 'unknown locale: __proto__'],
  ])('exits 2 for %p', (args, message) => {
    // Act
    const run = start(args);
    // Assess
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('takes --scenario and --locale together', () => {
    // Act
    const run = start(['--scenario', 'shopper-says-no', '--locale=ja-JP']);
    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Shopper:    "いいえ"');
    expect(run.stdout).toContain('Result:     OK: final status cancelled, expected cancelled');
  });
});
