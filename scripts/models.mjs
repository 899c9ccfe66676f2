// Generates the interaction models, skill-package/interactionModels/custom/<locale>.json, from the
// catalog (the PRODUCT slot values: id = product id, the locale's names and synonyms) and the
// per-locale invocation names and sample utterances below. Usage:
//   node scripts/models.mjs           write the models
//   node scripts/models.mjs --check   exit 1 if a committed model differs from what would be written
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CATALOG = path.join(root, 'src', 'checkout', 'catalog.json');
const MODELS = path.join(root, 'skill-package', 'interactionModels', 'custom');

/** The built-in intents every model declares (handled by the skill, or by its fallback). */
const BUILT_IN_INTENTS = [
  'AMAZON.YesIntent',
  'AMAZON.NoIntent',
  'AMAZON.HelpIntent',
  'AMAZON.CancelIntent',
  'AMAZON.StopIntent',
  'AMAZON.FallbackIntent',
  'AMAZON.NavigateHomeIntent',
];

const ENGLISH = {
  invocationName: 'blue kettle coffee',
  buy: [
    'buy {product}',
    'buy {quantity} {product}',
    'order {product}',
    'order {quantity} {product}',
    'i want {product}',
    'i want {quantity} {product}',
    'i would like {quantity} {product}',
    'i would like {product}',
    'get me {quantity} {product}',
    'get me {product}',
    'i want to buy {product}',
    'i want to buy {quantity} {product}',
    'purchase {quantity} {product}',
    'purchase {product}',
    '{quantity} {product} please',
    '{product} please',
    'subscribe to {product}',
    'i want to subscribe to {product}',
  ],
  setupPayment: [
    'check out',
    'checkout',
    'pay now',
    'pay with amazon pay',
    'place the order',
    'place my order',
    'complete my order',
  ],
  cancelOrder: ['cancel my order', 'cancel the order', 'cancel order', 'i want to cancel my order'],
  refund: [
    'i want a refund',
    'refund my order',
    'return my order',
    'how do i return an item',
    'i want to return something',
  ],
};

/** Per locale: the invocation name (the seller's name; Japanese in katakana) and the samples. */
const LOCALES = {
  'en-US': ENGLISH,
  'en-GB': ENGLISH,
  'de-DE': {
    invocationName: 'blue kettle coffee',
    buy: [
      'kaufe {product}',
      'kaufe {quantity} {product}',
      'bestelle {product}',
      'bestelle {quantity} {product}',
      'ich möchte {product}',
      'ich möchte {quantity} {product}',
      'ich möchte {product} kaufen',
      'ich möchte {quantity} {product} kaufen',
      'ich möchte {product} bestellen',
      'ich möchte {quantity} {product} bestellen',
      'ich hätte gern {product}',
      'ich hätte gern {quantity} {product}',
      'ich nehme {product}',
      'ich nehme {quantity} {product}',
      '{quantity} {product} bitte',
      '{product} bitte',
    ],
    setupPayment: [
      'zur kasse',
      'zur kasse gehen',
      'jetzt bezahlen',
      'mit amazon pay bezahlen',
      'bestellung aufgeben',
      'bestellung abschließen',
      'meine bestellung abschließen',
    ],
    cancelOrder: [
      'storniere meine bestellung',
      'storniere die bestellung',
      'bestellung stornieren',
      'ich möchte meine bestellung stornieren',
    ],
    refund: [
      'ich möchte eine erstattung',
      'ich möchte mein geld zurück',
      'bestellung zurückgeben',
      'wie kann ich etwas zurückgeben',
      'ich möchte etwas zurückschicken',
    ],
  },
  'fr-FR': {
    invocationName: 'blue kettle coffee',
    buy: [
      'achète {product}',
      'achète {quantity} {product}',
      'commande {product}',
      'commande {quantity} {product}',
      'acheter {product}',
      'acheter {quantity} {product}',
      'commander {product}',
      'commander {quantity} {product}',
      'je veux {product}',
      'je veux {quantity} {product}',
      'je voudrais {product}',
      'je voudrais {quantity} {product}',
      'je voudrais acheter {quantity} {product}',
      'je prends {quantity} {product}',
      "{quantity} {product} s'il te plaît",
      "{product} s'il te plaît",
    ],
    setupPayment: [
      'passer à la caisse',
      'payer maintenant',
      'payer avec amazon pay',
      'passer la commande',
      'valider ma commande',
      'finaliser ma commande',
    ],
    cancelOrder: [
      'annule ma commande',
      'annuler ma commande',
      'annule la commande',
      'je veux annuler ma commande',
    ],
    refund: [
      'je veux un remboursement',
      'rembourse ma commande',
      'retourner ma commande',
      'comment retourner un article',
      'je veux retourner quelque chose',
    ],
  },
  'it-IT': {
    invocationName: 'blue kettle coffee',
    buy: [
      'compra {product}',
      'compra {quantity} {product}',
      'ordina {product}',
      'ordina {quantity} {product}',
      'comprare {product}',
      'comprare {quantity} {product}',
      'ordinare {product}',
      'ordinare {quantity} {product}',
      'voglio {product}',
      'voglio {quantity} {product}',
      'vorrei {product}',
      'vorrei {quantity} {product}',
      'vorrei comprare {quantity} {product}',
      'prendo {quantity} {product}',
      '{quantity} {product} per favore',
      '{product} per favore',
    ],
    setupPayment: [
      'vai alla cassa',
      'paga ora',
      'paga con amazon pay',
      "effettua l'ordine",
      'completa il mio ordine',
      "concludi l'ordine",
    ],
    cancelOrder: [
      'annulla il mio ordine',
      "annulla l'ordine",
      'cancella il mio ordine',
      'voglio annullare il mio ordine',
    ],
    refund: [
      'voglio un rimborso',
      'rimborsa il mio ordine',
      'restituire il mio ordine',
      'come faccio un reso',
      'voglio restituire qualcosa',
    ],
  },
  'es-ES': {
    invocationName: 'blue kettle coffee',
    buy: [
      'compra {product}',
      'compra {quantity} {product}',
      'pide {product}',
      'pide {quantity} {product}',
      'quiero {product}',
      'quiero {quantity} {product}',
      'me gustaría {product}',
      'me gustaría {quantity} {product}',
      'quiero comprar {product}',
      'quiero comprar {quantity} {product}',
      'quiero pedir {quantity} {product}',
      'dame {quantity} {product}',
      '{quantity} {product} por favor',
      '{product} por favor',
    ],
    setupPayment: [
      'pagar ahora',
      'pagar con amazon pay',
      'hacer el pedido',
      'finalizar el pedido',
      'finalizar mi pedido',
      'tramitar el pedido',
    ],
    cancelOrder: [
      'cancela mi pedido',
      'cancelar mi pedido',
      'cancela el pedido',
      'quiero cancelar mi pedido',
    ],
    refund: [
      'quiero un reembolso',
      'reembolsa mi pedido',
      'devolver mi pedido',
      'cómo devuelvo un artículo',
      'quiero devolver algo',
    ],
  },
  'ja-JP': {
    invocationName: 'ブルーケトルコーヒー',
    buy: [
      '{product}をください',
      '{product}を{quantity}つください',
      '{product}を{quantity}個ください',
      '{product}を{quantity}袋ください',
      '{product}を{quantity}セットください',
      '{product}を買いたい',
      '{product}を{quantity}個買いたい',
      '{product}を{quantity}袋買いたい',
      '{product}を注文して',
      '{product}を{quantity}個注文して',
      '{product}を{quantity}袋注文して',
      '{product}を{quantity}セット注文して',
      '{quantity}個の{product}を注文して',
      '{product}が欲しい',
    ],
    setupPayment: [
      '会計して',
      'お会計',
      '支払いをする',
      'アマゾンペイで支払う',
      '注文を確定して',
      '購入手続きをして',
    ],
    cancelOrder: [
      '注文をキャンセルして',
      '注文をキャンセル',
      '注文を取り消して',
      '注文を取り消したい',
    ],
    refund: [
      '返金してほしい',
      '返金したい',
      '返品したい',
      '注文を返品したい',
      '返品の方法を教えて',
    ],
  },
};

/** A product's names in a locale: its own entry, or the default names (as Catalog.ts does). */
function namesIn(product, locale) {
  const own = product.locales !== undefined && Object.hasOwn(product.locales, locale);
  return own ? product.locales[locale] : product;
}

/** The PRODUCT values of a locale: the plural spoken name, then the singular and the synonyms. */
function productValues(catalog, locale) {
  return catalog.products.map((product) => {
    const names = namesIn(product, locale);
    const value = names.spokenName.other;
    const seen = new Set([value.toLowerCase()]);
    const synonyms = [];
    for (const phrase of [names.spokenName.one, ...names.synonyms]) {
      if (seen.has(phrase.toLowerCase())) continue;
      seen.add(phrase.toLowerCase());
      synonyms.push(phrase);
    }
    return { id: product.id, name: { value, synonyms } };
  });
}

function model(catalog, locale) {
  const language = LOCALES[locale];
  const intent = (name, samples) => ({ name, slots: [], samples });
  return {
    interactionModel: {
      languageModel: {
        invocationName: language.invocationName,
        intents: [
          {
            name: 'BuyIntent',
            slots: [
              { name: 'product', type: 'PRODUCT' },
              { name: 'quantity', type: 'AMAZON.NUMBER' },
            ],
            samples: language.buy,
          },
          intent('SetupPaymentIntent', language.setupPayment),
          intent('CancelOrderIntent', language.cancelOrder),
          intent('RefundIntent', language.refund),
          ...BUILT_IN_INTENTS.map((name) => ({ name, samples: [] })),
        ],
        types: [{ name: 'PRODUCT', values: productValues(catalog, locale) }],
      },
    },
  };
}

async function render(file, value) {
  // Prettier's own formatting (it folds short arrays), so that `prettier --check` passes.
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(`${JSON.stringify(value, null, 2)}\n`, { ...options, filepath: file });
}

async function main(args) {
  const check = args.includes('--check');
  if (args.some((arg) => arg !== '--check')) {
    process.stderr.write('Usage: node scripts/models.mjs [--check]\n');
    return 2;
  }
  const catalog = JSON.parse(await readFile(CATALOG, 'utf8'));
  const wanted = new Map();
  for (const locale of Object.keys(LOCALES)) {
    const file = path.join(MODELS, `${locale}.json`);
    wanted.set(file, await render(file, model(catalog, locale)));
  }
  if (!check) {
    await mkdir(MODELS, { recursive: true });
    for (const [file, text] of wanted) await writeFile(file, text);
    process.stderr.write(
      `wrote ${wanted.size} interaction models to ${path.relative(root, MODELS)}\n`,
    );
    return 0;
  }
  const stale = [];
  for (const [file, text] of wanted) {
    const committed = await readFile(file, 'utf8').catch(() => undefined);
    if (committed !== text) stale.push(path.relative(root, file));
  }
  const present = await readdir(MODELS).catch(() => []);
  for (const name of present) {
    if (name.endsWith('.json') && !wanted.has(path.join(MODELS, name))) {
      stale.push(`${path.relative(root, path.join(MODELS, name))} (no such locale)`);
    }
  }
  if (stale.length > 0) {
    process.stderr.write(
      `interaction models out of date (run npm run models):\n${stale.map((f) => `  ${f}\n`).join('')}`,
    );
    return 1;
  }
  process.stdout.write(`${wanted.size} interaction models are up to date\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(
      `models failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
