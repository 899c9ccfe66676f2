import { localizeProduct, type Catalog } from '../../../src/checkout/Catalog';
import { loadDemoCatalog } from '../../../src/checkout/demoCatalog';
import type {
  CardText,
  MerchantContact,
  Prompts,
  SpokenBilling,
  SpokenLine,
  SpokenOrder,
} from '../../../src/speech/Prompts';
import { promptsFor, SPEECH_LOCALES, type SpeechLocale } from '../../../src/speech/promptsFor';
import { speakMoney } from '../../../src/speech/speakMoney';

const STORE = 'Blue Kettle Coffee';
const CONTACT: MerchantContact = { phone: '+1-206-555-0100', email: 'orders@example.com' };
const catalog: Catalog = loadDemoCatalog();

/** A word of each language that its order summary must contain. */
const ORDER_WORD: Readonly<Record<SpeechLocale, string>> = {
  'en-US': 'order',
  'en-GB': 'order',
  'de-DE': 'Bestellung',
  'fr-FR': 'commande',
  'it-IT': 'ordine',
  'es-ES': 'pedido',
  'ja-JP': '注文',
};

/** The spoken names of the catalog in a locale, as the handlers list them. */
function productsIn(locale: SpeechLocale): ReadonlyArray<string> {
  return catalog.products.map((p) => localizeProduct(p, locale).spokenName.other);
}

/** A line of `quantity` of the catalog product at `index`, priced in `currency`, for a locale. */
function aLine(
  locale: SpeechLocale,
  index: number,
  quantity: number,
  currency = 'USD',
): SpokenLine {
  const product = catalog.products[index];
  if (product === undefined) throw new Error(`catalog.json has no product ${index}`);
  const names = localizeProduct(product, locale);
  const unit = product.unitPriceMinor[currency as 'USD'];
  return {
    quantity,
    spokenName: names.spokenName,
    displayName: names.name,
    lineTotal: speakMoney({ amountMinor: unit * quantity, currency }, locale),
  };
}

/** An order of two bags of coffee and one set of cups, in the merchant's currency. */
function anOrder(
  locale: SpeechLocale,
  options: { currency?: string; taxMinor?: number; flatShipping?: boolean } = {},
): SpokenOrder {
  const currency = options.currency ?? 'USD';
  const money = (amountMinor: number): string => speakMoney({ amountMinor, currency }, locale);
  return {
    storeName: STORE,
    lines: [aLine(locale, 0, 2, currency), aLine(locale, 1, 1, currency)],
    shipping: money(499),
    tax: money(options.taxMinor ?? 0),
    total: money(2 * 1499 + 2499 + 499 + (options.taxMinor ?? 0)),
    hasTax: (options.taxMinor ?? 0) > 0,
    flatShipping: options.flatShipping ?? false,
  };
}

const MONTHLY: SpokenBilling = { kind: 'subscription', period: 'P1M' };
const PAY_AS_YOU_GO: SpokenBilling = { kind: 'payAsYouGo' };

/** One call of every prompt; a mapped type, so a prompt added to Prompts must be added here. */
function everyPrompt(locale: SpeechLocale): {
  readonly [K in keyof Prompts]: (p: Prompts) => string | CardText;
} {
  const products = productsIn(locale);
  const order = anOrder(locale, { taxMinor: 123 });
  const name = products[0] ?? '';
  return {
    welcome: (p) => p.welcome(STORE, products),
    whatToBuy: (p) => p.whatToBuy(products),
    unknownProduct: (p) => p.unknownProduct(products),
    quantityNotUnderstood: (p) => p.quantityNotUnderstood(name, 10),
    quantityNotWhole: (p) => p.quantityNotWhole(name, 10),
    quantityTooFew: (p) => p.quantityTooFew(name),
    quantityTooMany: (p) => p.quantityTooMany(name, 10),
    howMany: (p) => p.howMany(name, 10),
    overChargeLimit: (p) =>
      p.overChargeLimit(speakMoney({ amountMinor: 10, currency: 'USD' }, locale)),
    permissionNeeded: (p) => p.permissionNeeded(STORE),
    summary: (p) => p.summary(order),
    summaryReprompt: (p) => p.summaryReprompt(order.total),
    undeliverable: (p) => p.undeliverable(STORE),
    addressUnavailable: (p) => p.addressUnavailable,
    addressChanged: (p) => p.addressChanged,
    noOrderWaiting: (p) => p.noOrderWaiting(products),
    orderExpired: (p) => p.orderExpired,
    orderNotAwaiting: (p) => p.orderNotAwaiting,
    orderCancelled: (p) => p.orderCancelled,
    nothingToCancel: (p) => p.nothingToCancel,
    confirmed: (p) => p.confirmed(order),
    confirmationCard: (p) => p.confirmationCard(order, 'order000001abc'),
    heldForReview: (p) => p.heldForReview(STORE),
    amazonSpoke: (p) => p.amazonSpoke,
    amazonSpokeTryLater: (p) => p.amazonSpokeTryLater,
    declined: (p) => p.declined,
    declinedTryLater: (p) => p.declinedTryLater,
    agreementNotUsable: (p) => p.agreementNotUsable,
    noShippingAddress: (p) => p.noShippingAddress,
    setupFailed: (p) => p.setupFailed,
    paymentFailed: (p) => p.paymentFailed,
    paymentUnfinished: (p) => p.paymentUnfinished(STORE),
    somethingWentWrong: (p) => p.somethingWentWrong,
    voicePurchaseDisabled: (p) => p.voicePurchaseDisabled,
    voicePurchaseCard: (p) => p.voicePurchaseCard,
    unknownOrder: (p) => p.unknownOrder,
    alreadyHandled: (p) => p.alreadyHandled,
    welcomeBackAwaiting: (p) => p.welcomeBackAwaiting(order),
    welcomeBackUnfinished: (p) => p.welcomeBackUnfinished(order),
    welcomeBackDeclined: (p) => p.welcomeBackDeclined(order),
    welcomeBackFailed: (p) => p.welcomeBackFailed(order),
    welcomeBackUnpaid: (p) => p.welcomeBackUnpaid(STORE, products),
    welcomeBackSettled: (p) =>
      ['paid', 'shipped', 'review'].map((s) => p.welcomeBackSettled(order, s as 'paid')).join(' '),
    chargeLaterSummary: (p) =>
      [MONTHLY, PAY_AS_YOU_GO].map((b) => p.chargeLaterSummary(order, b)).join(' '),
    chargeLaterReprompt: (p) =>
      [MONTHLY, PAY_AS_YOU_GO].map((b) => p.chargeLaterReprompt(order, b)).join(' '),
    chargeLaterConfirmed: (p) =>
      [MONTHLY, PAY_AS_YOU_GO].map((b) => p.chargeLaterConfirmed(order, b)).join(' '),
    chargeLaterCard: (p) => p.chargeLaterCard(order, MONTHLY, 'order000001abc'),
    welcomeBackSubscribed: (p) =>
      (['P1W', 'P1M', 'P3M', 'P1Y'] as const)
        .map((period) => p.welcomeBackSubscribed(order, { kind: 'subscription', period }))
        .join(' '),
    retryReprompt: (p) => p.retryReprompt,
    nothingToRetry: (p) => p.nothingToRetry(products),
    cancelPlacedOrder: (p) => p.cancelPlacedOrder(STORE),
    refundOrReturn: (p) => p.refundOrReturn(STORE),
    refundOnItsWay: (p) => p.refundOnItsWay(order.total, order),
    refundCompleted: (p) => p.refundCompleted(order.total, order),
    contactDetails: (p) => p.contactDetails(CONTACT),
    contactCard: (p) => p.contactCard(STORE, CONTACT),
    help: (p) => p.help(products),
    fallback: (p) => p.fallback(products),
    goodbye: (p) => p.goodbye,
    goodbyeCancelled: (p) => p.goodbyeCancelled,
    unexpectedError: (p) => p.unexpectedError,
  };
}

const textOf = (value: string | CardText): string =>
  typeof value === 'string' ? value : `${value.title}\n${value.content}`;

describe('the prompts of every locale', () => {
  describe.each(SPEECH_LOCALES)('%s', (locale) => {
    const prompts = promptsFor(locale);

    it.each(Object.entries(everyPrompt(locale)))('says %s as finished text', (_key, call) => {
      // Act
      const text = textOf(call(prompts));
      // Assess
      expect(text.trim().length).toBeGreaterThan(0);
      expect(text).not.toMatch(/undefined|NaN|\[object|\$\{|<|>(?! )/);
    });

    it('never asks for the voice code, which Alexa collects itself', () => {
      // Prepare
      const calls = Object.entries(everyPrompt(locale)).filter(
        ([key]) => key !== 'voicePurchaseCard' && key !== 'voicePurchaseDisabled',
      );
      // Act
      const texts = calls.map(([, call]) => textOf(call(prompts)));
      // Assess
      for (const text of texts) {
        expect(text).not.toMatch(
          /voice code|\bPIN\b|Sprachcode|code vocal|codice vocale|código de voz|確認コード/i,
        );
      }
    });

    it('summarises seller, items, delivery and total, and asks for a yes', () => {
      // Prepare
      const order = anOrder(locale);
      // Act
      const summary = prompts.summary(order);
      // Assess
      expect(summary).toContain(STORE);
      for (const line of order.lines) {
        expect(summary).toContain(
          line.quantity === 1 ? line.spokenName.one : line.spokenName.other,
        );
        expect(summary).toContain(line.lineTotal);
      }
      expect(summary).toContain(order.shipping);
      expect(summary).toContain(order.total);
      expect(summary).toContain('Amazon Pay');
      expect(summary).toContain(ORDER_WORD[locale]);
      expect(summary).toMatch(/[?？]$/);
      expect(summary).not.toContain(order.tax);
    });

    it('says when delivery is the flat rate because the address could not be had', () => {
      // Prepare
      const priced = anOrder(locale);
      const flat = anOrder(locale, { flatShipping: true });
      // Act
      const pricedSummary = prompts.summary(priced);
      const flatSummary = prompts.summary(flat);
      // Assess: the same amounts, but other words about delivery
      expect(flatSummary).toContain(flat.shipping);
      expect(flatSummary).toContain(flat.total);
      expect(flatSummary).not.toBe(pricedSummary);
      expect(flatSummary).toMatch(/[?？]$/);
    });

    it('names the tax when there is some', () => {
      // Prepare
      const order = anOrder(locale, { taxMinor: 275 });
      // Act
      const summary = prompts.summary(order);
      // Assess
      expect(summary).toContain(order.tax);
      expect(summary).toContain(order.total);
    });

    it('confirms a paid order by voice and card with items, total and seller', () => {
      // Prepare
      const order = anOrder(locale);
      // Act
      const spoken = prompts.confirmed(order);
      const card = prompts.confirmationCard(order, 'order000001abc');
      // Assess
      expect(spoken).toContain(STORE);
      expect(spoken).toContain(order.total);
      expect(card.title).toContain(STORE);
      expect(card.content).toContain('order000001abc');
      expect(card.content).toContain(order.total);
      for (const line of order.lines) expect(card.content).toContain(line.displayName);
    });

    it("gives the merchant's phone and email by voice and card", () => {
      // Act
      const spoken = prompts.contactDetails(CONTACT);
      const card = prompts.contactCard(STORE, CONTACT);
      // Assess
      for (const text of [spoken, card.content]) {
        expect(text).toContain(CONTACT.phone);
        expect(text).toContain(CONTACT.email);
      }
      expect(card.title).toContain(STORE);
      expect(prompts.cancelPlacedOrder(STORE)).toContain(STORE);
      expect(prompts.refundOrReturn(STORE)).toContain(STORE);
    });

    it('tells where a refund stands with its amount, the seller and the items', () => {
      // Prepare
      const order = anOrder(locale);
      const refund = speakMoney({ amountMinor: 1000, currency: 'USD' }, locale);
      // Act
      const onItsWay = prompts.refundOnItsWay(refund, order);
      const completed = prompts.refundCompleted(refund, order);
      // Assess
      for (const text of [onItsWay, completed]) {
        expect(text).toContain(refund);
        expect(text).toContain(STORE);
        for (const line of order.lines) {
          expect(text).toContain(line.quantity === 1 ? line.spokenName.one : line.spokenName.other);
        }
      }
      expect(onItsWay).toContain('Amazon Pay');
      expect(onItsWay).not.toBe(completed);
    });

    it('lists every product the shop sells', () => {
      // Prepare
      const products = productsIn(locale);
      // Act
      const welcome = prompts.welcome(STORE, products);
      // Assess
      expect(welcome).toContain(STORE);
      for (const product of products) expect(welcome).toContain(product);
    });

    it("keeps the merchant's currency whatever the language", () => {
      // Act
      const summary = prompts.summary(anOrder(locale, { currency: 'EUR' }));
      // Assess
      expect(summary).toContain('€');
      expect(summary).not.toMatch(/\$|US\$|USD/);
    });
  });
});

describe('numbers of items', () => {
  it.each<[SpeechLocale, number, string]>([
    ['en-US', 1, 'one bag of House Blend coffee'],
    ['en-US', 2, 'two bags of House Blend coffee'],
    ['en-GB', 10, 'ten bags of House Blend coffee'],
    ['en-US', 12, '12 bags of House Blend coffee'],
    ['de-DE', 1, 'ein Beutel House-Blend-Kaffee'],
    ['de-DE', 2, 'zwei Beutel House-Blend-Kaffee'],
    ['fr-FR', 1, 'un sachet de café House Blend'],
    ['fr-FR', 3, 'trois sachets de café House Blend'],
    ['it-IT', 1, 'un sacchetto di caffè House Blend'],
    ['it-IT', 2, 'due sacchetti di caffè House Blend'],
    ['es-ES', 1, 'un paquete de café House Blend'],
    ['es-ES', 2, 'dos paquetes de café House Blend'],
    ['ja-JP', 1, 'ハウスブレンドのコーヒー豆を1袋で'],
    ['ja-JP', 2, 'ハウスブレンドのコーヒー豆を2袋で'],
  ])('says %s %d of coffee as "%s"', (locale, quantity, expected) => {
    // Prepare
    const order = { ...anOrder(locale), lines: [aLine(locale, 0, quantity)] };
    // Act
    const summary = promptsFor(locale).summary(order);
    // Assess
    expect(summary).toContain(expected);
  });

  it.each<[SpeechLocale, 'masculine' | 'feminine' | 'neuter', string, string]>([
    ['de-DE', 'feminine', 'Tasse', 'eine Tasse'],
    ['de-DE', 'neuter', 'Set', 'ein Set'],
    ['fr-FR', 'feminine', 'tasse', 'une tasse'],
    ['it-IT', 'feminine', 'tazzina', 'una tazzina'],
    ['it-IT', 'feminine', 'agenda', "un'agenda"],
    ['it-IT', 'masculine', 'spremiagrumi', 'uno spremiagrumi'],
    ['es-ES', 'feminine', 'taza', 'una taza'],
  ])('says one in %s with a %s noun: %s', (locale, gender, noun, expected) => {
    // Prepare
    const line: SpokenLine = {
      quantity: 1,
      spokenName: { one: noun, other: `${noun}s`, gender },
      displayName: noun,
      lineTotal: '1,00 €',
    };
    // Act
    const summary = promptsFor(locale).summary({ ...anOrder(locale), lines: [line] });
    // Assess
    expect(summary).toContain(`${expected} `);
  });

  it('counts with 個 in Japanese when the catalog names no counter', () => {
    // Prepare
    const line: SpokenLine = {
      quantity: 3,
      spokenName: { one: 'マグカップ', other: 'マグカップ' },
      displayName: 'マグカップ',
      lineTotal: '￥3,000',
    };
    // Act
    const summary = promptsFor('ja-JP').summary({ ...anOrder('ja-JP'), lines: [line] });
    // Assess
    expect(summary).toContain('マグカップを3個で￥3,000');
  });
});

describe('lists', () => {
  it.each<[SpeechLocale, string]>([
    [
      'en-US',
      'bags of House Blend coffee, sets of espresso cups, pour-over starter kits, or coffee subscriptions',
    ],
    [
      'de-DE',
      'Beutel House-Blend-Kaffee, Espressotassen-Sets, Pour-Over-Startersets oder Kaffee-Abos',
    ],
    [
      'fr-FR',
      'des sachets de café House Blend, des coffrets de tasses à espresso, des kits de démarrage pour café filtre ou des abonnements café',
    ],
    [
      'it-IT',
      'sacchetti di caffè House Blend, set di tazzine da espresso, kit per caffè filtro o abbonamenti caffè',
    ],
    [
      'es-ES',
      'paquetes de café House Blend, juegos de tazas de espresso, kits de iniciación para café de filtro o suscripciones de café',
    ],
    [
      'ja-JP',
      'ハウスブレンドのコーヒー豆、エスプレッソカップ、ハンドドリップのスターターキット、またはコーヒー定期便',
    ],
  ])('offers the products in %s as "%s"', (locale, expected) => {
    expect(promptsFor(locale).whatToBuy(productsIn(locale))).toContain(expected);
  });

  it('says "u" for "o" before an o sound in Spanish', () => {
    expect(promptsFor('es-ES').whatToBuy(['tazas', 'ollas'])).toContain('tazas u ollas');
    expect(promptsFor('es-ES').whatToBuy(['tazas', 'hornillos'])).toContain('tazas u hornillos');
    expect(promptsFor('es-ES').whatToBuy(['tazas', 'kits'])).toContain('tazas o kits');
  });

  it('says one product without a conjunction', () => {
    expect(promptsFor('de-DE').whatToBuy(['Tee'])).toBe('Was möchten Sie? Sie können Tee kaufen.');
  });
});
