import type { OrderStatus } from '../checkout/OrderStatus';
import type {
  ChargeBehaviour,
  SetupBehaviour,
  SimulatorBehaviour,
} from './simulator/AmazonPaySimulator';
import { SIMULATED_ERROR_STATUS } from './simulator/AmazonPaySimulator';
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
  /** The order's final status, or `none` when no order should exist. */
  readonly expectedStatus: OrderStatus | 'none';
};

const OPEN: ShopperTurn = { say: 'open blue kettle coffee', kind: 'launch' };
const BUY_TWO: ShopperTurn = {
  say: 'buy two bags of coffee',
  kind: 'intent',
  intent: 'BuyIntent',
  slots: { product: 'coffee', quantity: '2' },
};
const YES: ShopperTurn = { say: 'yes', kind: 'intent', intent: 'AMAZON.YesIntent' };
const PURCHASE = [[OPEN, BUY_TWO, YES]];

const setupError = (errorCode: string): SimulatorBehaviour => ({
  setup: { kind: 'error', errorCode, statusCode: SIMULATED_ERROR_STATUS[errorCode] ?? '400' },
});
const chargeError = (errorCode: string): SimulatorBehaviour => ({
  charge: { kind: 'error', errorCode, statusCode: SIMULATED_ERROR_STATUS[errorCode] ?? '400' },
});
const setup = (behaviour: SetupBehaviour): SimulatorBehaviour => ({ setup: behaviour });
const charge = (behaviour: ChargeBehaviour): SimulatorBehaviour => ({ charge: behaviour });

function purchase(
  name: string,
  description: string,
  expectedStatus: OrderStatus | 'none',
  behaviours: ReadonlyArray<SimulatorBehaviour>,
  env?: Readonly<Record<string, string>>,
): Scenario {
  return {
    name,
    description,
    consent: 'GRANTED',
    visits: PURCHASE,
    behaviours,
    expectedStatus,
    ...(env !== undefined && { env }),
  };
}

/** The scenarios `npm start` can play, in the order `--list` prints them. */
export const SCENARIOS: ReadonlyArray<Scenario> = [
  purchase('happy-path', 'buys two bags of coffee; Setup and Charge succeed', 'paid', []),
  {
    name: 'shopper-says-no',
    description: 'the shopper hears the summary and says no: the order is cancelled',
    consent: 'GRANTED',
    visits: [[OPEN, BUY_TWO, { say: 'no', kind: 'intent', intent: 'AMAZON.NoIntent' }]],
    behaviours: [],
    expectedStatus: 'cancelled',
  },
  {
    name: 'permission-denied',
    description: 'the shopper has denied the Amazon Pay permission: a consent card, no Setup',
    consent: 'DENIED',
    visits: [[OPEN, BUY_TWO]],
    behaviours: [],
    expectedStatus: 'none',
  },
  {
    name: 'permission-missing',
    description: 'the shopper was never asked for the Amazon Pay permission: a consent card',
    consent: 'missing',
    visits: [[OPEN, BUY_TWO]],
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
  purchase('setup-throttled', 'Setup is throttled: the order waits for a retry', 'setup-pending', [
    setupError('RequestThrottled'),
  ]),
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
  purchase('charge-agreement-not-open', 'Charge answers InvalidBillingAgreementStatus', 'failed', [
    {},
    chargeError('InvalidBillingAgreementStatus'),
  ]),
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
      [OPEN, BUY_TWO, YES],
      [OPEN, YES],
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
      [OPEN, BUY_TWO, YES],
      [OPEN, YES],
    ],
    behaviours: [{}, chargeError('InternalServerError')],
    expectedStatus: 'paid',
  },
  {
    name: 'cart-kept-across-sessions',
    description: 'the shopper leaves before saying yes; next time the waiting order is offered',
    consent: 'GRANTED',
    visits: [
      [OPEN, BUY_TWO],
      [OPEN, YES],
    ],
    behaviours: [],
    expectedStatus: 'paid',
  },
];

/** Finds a scenario by name. */
export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
