import { localizeProduct } from '../checkout/Catalog';
import { loadDemoCatalog } from '../checkout/demoCatalog';
import type { OrderStatus } from '../checkout/OrderStatus';
import { speechLocaleFor, type SpeechLocale } from '../speech/promptsFor';
import type {
  ChargeBehaviour,
  SetupBehaviour,
  SimulatorBehaviour,
} from './simulator/AmazonPaySimulator';
import { SIMULATED_ERROR_STATUS } from './simulator/AmazonPaySimulator';
import type { BuyerApiBehaviour } from './buyer/BuyerApiBehaviour';
import type { BackendStep } from './backendSteps';
import type { ConsentStatus } from './requestEnvelopes';

/** One thing the shopper says, and the request Alexa turns it into. */
export type ShopperTurn =
  | { readonly say: string; readonly kind: 'launch' }
  | {
      readonly say: string;
      readonly kind: 'intent';
      readonly intent: string;
      readonly slots?: Readonly<Record<string, string>>;
    };

/**
 * A scripted purchase: what the shopper says (one list of turns per visit), how Amazon Pay
 * answers each Connections directive in turn, and the order's expected final status.
 */
export type Scenario = {
  readonly name: string;
  readonly description: string;
  readonly consent: ConsentStatus;
  /** The shopper's visits; each is a new session, played after the previous visit's directives. */
  readonly visits: ReadonlyArray<ReadonlyArray<ShopperTurn>>;
  /** How the simulator answers the 1st, 2nd, ... directive (missing entries: normally). */
  readonly behaviours: ReadonlyArray<SimulatorBehaviour>;
  /** Configuration the scenario needs (for example a sandbox simulation string, or live mode). */
  readonly env?: Readonly<Record<string, string>>;
  /** The merchant's backend steps on the order, played after the visits (a refund, say). */
  readonly backend?: ReadonlyArray<BackendStep>;
  /** The order's final status, or `none` when no order should exist. */
  readonly expectedStatus: OrderStatus | 'none';
  /** How many charges the merchant's billing runs must capture (only scenarios with some). */
  readonly expectedBillingCaptures?: number;
  /** How the Buyer API stand-in answers (default: a sandbox buyer at the simulator's address). */
  readonly buyer?: ScenarioBuyer;
};

/** A scenario's shopper as the Buyer ID and Buyer Address APIs see them. */
export type ScenarioBuyer = {
  /** The default shipping address's fields that replace the sandbox buyer's (country, state). */
  readonly address?: Readonly<Record<string, string>>;
  /** How the Buyer Address API answers instead of normally (an error, a hang). */
  readonly addressBehaviour?: BuyerApiBehaviour;
};

/** What a shopper says in one locale; the words of every scenario. */
export type ShopperPhrases = {
  /** Opens the skill by its invocation name in that locale's interaction model. */
  readonly open: string;
  /** Asks for two of the first catalog product, named by `product` (its first synonym there). */
  readonly buyTwo: (product: string) => string;
  /** Asks for one of the catalog's subscription, named by `product`. */
  readonly subscribe: (product: string) => string;
  readonly yes: string;
  readonly no: string;
};

/** The shopper's phrases per locale the skill speaks. */
export const SHOPPER_PHRASES: Readonly<Record<SpeechLocale, ShopperPhrases>> = Object.freeze({
  'en-US': {
    open: 'open blue kettle coffee',
    buyTwo: (product) => `buy two bags of ${product}`,
    subscribe: (product) => `subscribe to the ${product}`,
    yes: 'yes',
    no: 'no',
  },
  'en-GB': {
    open: 'open blue kettle coffee',
    buyTwo: (product) => `buy two bags of ${product}`,
    subscribe: (product) => `subscribe to the ${product}`,
    yes: 'yes',
    no: 'no',
  },
  'de-DE': {
    open: 'öffne blue kettle coffee',
    buyTwo: (product) => `kaufe zwei Beutel ${product}`,
    subscribe: (product) => `kaufe das ${product}`,
    yes: 'ja',
    no: 'nein',
  },
  'fr-FR': {
    open: 'ouvre blue kettle coffee',
    buyTwo: (product) => `achète deux sachets de ${product}`,
    subscribe: (product) => `achète un ${product}`,
    yes: 'oui',
    no: 'non',
  },
  'it-IT': {
    open: 'apri blue kettle coffee',
    buyTwo: (product) => `compra due sacchetti di ${product}`,
    subscribe: (product) => `compra un ${product}`,
    yes: 'sì',
    no: 'no',
  },
  'es-ES': {
    open: 'abre blue kettle coffee',
    buyTwo: (product) => `compra dos paquetes de ${product}`,
    subscribe: (product) => `compra una ${product}`,
    yes: 'sí',
    no: 'no',
  },
  'ja-JP': {
    open: 'ブルーケトルコーヒーを開いて',
    buyTwo: (product) => `${product}を2袋ください`,
    subscribe: (product) => `${product}をください`,
    yes: 'はい',
    no: 'いいえ',
  },
});

/** The shopper's turns in one locale: the product slot is a synonym from the catalog's locale. */
function turnsFor(locale: SpeechLocale): {
  readonly open: ShopperTurn;
  readonly buyTwo: ShopperTurn;
  readonly subscribe: ShopperTurn;
  readonly yes: ShopperTurn;
  readonly no: ShopperTurn;
} {
  const phrases = SHOPPER_PHRASES[locale];
  const catalog = loadDemoCatalog();
  const first = catalog.products[0];
  const product =
    first === undefined ? 'coffee' : (localizeProduct(first, locale).synonyms[0] ?? first.id);
  const charged = catalog.products.find((p) => p.billing?.kind === 'subscription');
  const subscription =
    charged === undefined
      ? 'coffee subscription'
      : (localizeProduct(charged, locale).synonyms[0] ?? charged.id);
  return {
    open: { say: phrases.open, kind: 'launch' },
    buyTwo: {
      say: phrases.buyTwo(product),
      kind: 'intent',
      intent: 'BuyIntent',
      slots: { product, quantity: '2' },
    },
    subscribe: {
      say: phrases.subscribe(subscription),
      kind: 'intent',
      intent: 'BuyIntent',
      slots: { product: subscription },
    },
    yes: { say: phrases.yes, kind: 'intent', intent: 'AMAZON.YesIntent' },
    no: { say: phrases.no, kind: 'intent', intent: 'AMAZON.NoIntent' },
  };
}

const setupError = (errorCode: string): SimulatorBehaviour => ({
  setup: { kind: 'error', errorCode, statusCode: SIMULATED_ERROR_STATUS[errorCode] ?? '400' },
});
const chargeError = (errorCode: string): SimulatorBehaviour => ({
  charge: { kind: 'error', errorCode, statusCode: SIMULATED_ERROR_STATUS[errorCode] ?? '400' },
});
const setup = (behaviour: SetupBehaviour): SimulatorBehaviour => ({ setup: behaviour });
const charge = (behaviour: ChargeBehaviour): SimulatorBehaviour => ({ charge: behaviour });

/**
 * The scenarios `npm start` can play, in the order `--list` prints them, with the shopper
 * speaking the given locale (one the skill speaks; any other gets US English phrases).
 */
export function scenariosFor(shopperLocale: string): ReadonlyArray<Scenario> {
  const { open, buyTwo, subscribe, yes, no } = turnsFor(speechLocaleFor(shopperLocale));
  const purchaseVisits = [[open, buyTwo, yes]];
  const purchase = (
    name: string,
    description: string,
    expectedStatus: OrderStatus | 'none',
    behaviours: ReadonlyArray<SimulatorBehaviour>,
    env?: Readonly<Record<string, string>>,
  ): Scenario => ({
    name,
    description,
    consent: 'GRANTED',
    visits: purchaseVisits,
    behaviours,
    expectedStatus,
    ...(env !== undefined && { env }),
  });
  return [
    purchase('happy-path', 'buys two bags of coffee; Setup and Charge succeed', 'paid', []),
    {
      name: 'shopper-says-no',
      description: 'the shopper hears the summary and says no: the order is cancelled',
      consent: 'GRANTED',
      visits: [[open, buyTwo, no]],
      behaviours: [],
      expectedStatus: 'cancelled',
    },
    {
      name: 'permission-denied',
      description: 'the shopper has denied the Amazon Pay permission: a consent card, no Setup',
      consent: 'DENIED',
      visits: [[open, buyTwo]],
      behaviours: [],
      expectedStatus: 'none',
    },
    {
      name: 'permission-missing',
      description: 'the shopper was never asked for the Amazon Pay permission: a consent card',
      consent: 'missing',
      visits: [[open, buyTwo]],
      behaviours: [],
      expectedStatus: 'none',
    },
    // Setup outcomes.
    purchase('setup-access-denied', 'Setup answers ACCESS_DENIED: a consent card', 'failed', [
      setupError('ACCESS_DENIED'),
    ]),
    purchase('voice-purchase-off', 'voice purchasing is off in the Alexa app', 'failed', [
      setupError('VoicePurchaseNotEnabled'),
    ]),
    purchase('unsupported-device', 'the device cannot use Amazon Pay', 'failed', [
      setupError('UnsupportedClientPlatform'),
    ]),
    purchase(
      'setup-throttled',
      'Setup is throttled: the order waits for a retry',
      'setup-pending',
      [setupError('RequestThrottled')],
    ),
    purchase('invalid-shipping-address', "the shopper's default address is invalid", 'failed', [
      setupError('InvalidShippingAddress'),
    ]),
    purchase('merchant-account-suspended', "the merchant's account is suspended", 'failed', [
      setupError('InvalidAccountStatus'),
    ]),
    purchase('setup-integration-error', 'Setup answers InvalidSellerId', 'failed', [
      setupError('InvalidSellerId'),
    ]),
    purchase('setup-unknown-error', 'Setup answers a code nobody documented', 'failed', [
      setupError('SomethingNobodyDocumented'),
    ]),
    purchase('agreement-suspended', 'Setup returns a SUSPENDED agreement: no Charge', 'failed', [
      setup({ kind: 'agreementStatus', status: 'SUSPENDED' }),
    ]),
    purchase(
      'sandbox-agreement-under-live',
      'a live shop gets a SANDBOX agreement (sandboxMode left on): never charged',
      'failed',
      [setup({ kind: 'releaseEnvironment', releaseEnvironment: 'SANDBOX' })],
      { SANDBOX: 'false' },
    ),
    // Charge outcomes, by sandbox simulation string where Amazon Pay has one.
    purchase(
      'charge-declined',
      'the payment method is declined (sandbox string InvalidPaymentMethod, soft decline)',
      'declined',
      [],
      { SANDBOX_SIMULATION: 'InvalidPaymentMethod' },
    ),
    purchase(
      'charge-declined-error-form',
      'Amazon rejects the payment (sandbox string AmazonRejected, 400 error form)',
      'declined',
      [],
      { SANDBOX_SIMULATION: 'AmazonRejected' },
    ),
    purchase(
      'charge-declined-state-form',
      'a 200 answer with state Declined and reasonCode InvalidPaymentMethod',
      'declined',
      [
        {},
        charge({
          kind: 'declined',
          reasonCode: 'InvalidPaymentMethod',
          form: 'state',
          softDecline: true,
        }),
      ],
    ),
    purchase(
      'charge-timed-out',
      'the authorization is not processed in time (sandbox string TransactionTimedOut)',
      'declined',
      [],
      { SANDBOX_SIMULATION: 'TransactionTimedOut' },
    ),
    purchase(
      'sca-failed',
      'strong customer authentication fails (EU/UK; sandbox string State Failure)',
      'declined',
      [],
      { SANDBOX_SIMULATION: 'AuthenticationFailure' },
    ),
    purchase(
      'sca-abandoned',
      'the shopper abandons strong customer authentication (State Abandoned)',
      'declined',
      [],
      { SANDBOX_SIMULATION: 'AuthenticationAbandoned' },
    ),
    purchase(
      'sca-not-supported',
      'the payment method cannot do strong customer authentication (State NotSupported)',
      'failed',
      [],
      { SANDBOX_SIMULATION: 'AuthenticationNotSupported' },
    ),
    purchase('charge-access-denied', 'Charge answers ACCESS_DENIED: a consent card', 'failed', [
      {},
      chargeError('ACCESS_DENIED'),
    ]),
    purchase(
      'charge-server-error',
      'Charge answers InternalServerError: the order keeps its reference id for a resend',
      'charge-pending',
      [{}, chargeError('InternalServerError')],
    ),
    purchase('charge-throttled', 'Charge is throttled: resend later', 'charge-pending', [
      {},
      chargeError('RequestThrottled'),
    ]),
    purchase(
      'charge-agreement-not-open',
      'Charge answers InvalidBillingAgreementStatus',
      'failed',
      [{}, chargeError('InvalidBillingAgreementStatus')],
    ),
    purchase('charge-unknown-error', 'Charge answers a code nobody documented', 'failed', [
      {},
      chargeError('SomethingNobodyDocumented'),
    ]),
    purchase(
      'charge-malformed',
      'Charge answers 200 without authorization details',
      'held-for-review',
      [{}, charge({ kind: 'malformed' })],
    ),
    purchase(
      'charge-pending',
      'the authorization comes back Pending: never shipped',
      'held-for-review',
      [{}, charge({ kind: 'pending' })],
    ),
    purchase(
      'charge-unknown-reason',
      'an approval with a reason code the skill does not know: held for review',
      'held-for-review',
      [{}, charge({ kind: 'reasonCode', state: 'Closed', reasonCode: 'SomethingNew' })],
    ),
    purchase(
      'certification-test',
      "a certification tester's order: confirmed to the shopper, never shipped",
      'certification-test',
      [
        {},
        charge({ kind: 'reasonCode', state: 'Closed', reasonCode: 'CertificationTestTransaction' }),
      ],
    ),
    // Coming back after a failure.
    {
      name: 'retry-after-decline',
      description:
        'a retryable decline (TransactionTimedOut); the shopper comes back, says yes, and the next attempt is paid',
      consent: 'GRANTED',
      visits: [
        [open, buyTwo, yes],
        [open, yes],
      ],
      behaviours: [
        {},
        charge({ kind: 'declined', reasonCode: 'TransactionTimedOut', form: 'state' }),
      ],
      expectedStatus: 'paid',
    },
    {
      name: 'resume-after-server-error',
      description:
        'Charge gets InternalServerError; the shopper comes back and the same Charge (same reference id) is paid',
      consent: 'GRANTED',
      visits: [
        [open, buyTwo, yes],
        [open, yes],
      ],
      behaviours: [{}, chargeError('InternalServerError')],
      expectedStatus: 'paid',
    },
    {
      name: 'cart-kept-across-sessions',
      description: 'the shopper leaves before saying yes; next time the waiting order is offered',
      consent: 'GRANTED',
      visits: [
        [open, buyTwo],
        [open, yes],
      ],
      behaviours: [],
      expectedStatus: 'paid',
    },
    {
      name: 'taxed-address',
      description:
        "the shopper's default address is in Washington: delivery and the state's sales tax are priced in",
      consent: 'GRANTED',
      visits: purchaseVisits,
      behaviours: [],
      expectedStatus: 'paid',
      buyer: {
        address: { countryCode: 'US', stateOrRegion: 'WA', city: 'Seattle', postalCode: '98101' },
      },
    },
    {
      name: 'undeliverable-address',
      description: "the shopper's default address is in Canada, where the shop does not deliver",
      consent: 'GRANTED',
      visits: [[open, buyTwo]],
      behaviours: [],
      expectedStatus: 'none',
      buyer: { address: { countryCode: 'CA', stateOrRegion: 'ON', city: 'Toronto' } },
    },
    {
      name: 'address-unavailable',
      description:
        'the Buyer Address API answers 503: the shopper hears that standard shipping applies, and buys',
      consent: 'GRANTED',
      visits: purchaseVisits,
      behaviours: [],
      expectedStatus: 'paid',
      buyer: { addressBehaviour: { kind: 'status', status: 503 } },
    },
    {
      name: 'address-unavailable-stop',
      description:
        'the Buyer Address API never answers and the policy is stop: the shopper is told, no order',
      consent: 'GRANTED',
      visits: [[open, buyTwo]],
      behaviours: [],
      env: { ADDRESS_UNAVAILABLE_POLICY: 'stop', BUYER_API_TIMEOUT_MS: '300' },
      expectedStatus: 'none',
      buyer: { addressBehaviour: { kind: 'hang' } },
    },
    // The merchant's backend, after the purchase.
    {
      name: 'refund',
      description:
        'buys two bags of coffee; the merchant refunds the order through the MWS API (a loopback stand-in) and syncs the refund',
      consent: 'GRANTED',
      visits: purchaseVisits,
      behaviours: [],
      backend: [{ kind: 'refund' }, { kind: 'syncRefunds' }],
      expectedStatus: 'refunded',
    },
    {
      name: 'subscription',
      description:
        "subscribes to the coffee subscription by voice (a merchant-initiated agreement, nothing charged in the skill); the merchant's billing job charges period 0, then period 1 a month later, then nothing more at that time",
      consent: 'GRANTED',
      visits: [[open, subscribe, yes]],
      behaviours: [],
      backend: [
        { kind: 'billingRun' },
        { kind: 'billingRun', periodsLater: 1 },
        { kind: 'billingRun', periodsLater: 1 },
      ],
      expectedStatus: 'subscribed',
      expectedBillingCaptures: 2,
    },
  ];
}

/** The scenarios with a US English shopper. */
export const SCENARIOS: ReadonlyArray<Scenario> = scenariosFor('en-US');

/** Finds a scenario by name, with the shopper speaking `shopperLocale` (default en-US). */
export function findScenario(name: string, shopperLocale = 'en-US'): Scenario | undefined {
  return scenariosFor(shopperLocale).find((s) => s.name === name);
}
