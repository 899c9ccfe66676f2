import type { OrderStatus } from '../checkout/OrderStatus';
import type { SimulatorBehaviour } from './simulator/AmazonPaySimulator';
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

/** A scripted purchase: what the shopper says, how Amazon Pay answers, and the expected end. */
export type Scenario = {
  readonly name: string;
  readonly description: string;
  readonly consent: ConsentStatus;
  readonly turns: ReadonlyArray<ShopperTurn>;
  readonly behaviour: SimulatorBehaviour;
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

/** The scenarios `npm start` can play, in the order `--list` prints them. */
export const SCENARIOS: ReadonlyArray<Scenario> = [
  {
    name: 'happy-path',
    description: 'buys two bags of coffee; Setup and Charge succeed',
    consent: 'GRANTED',
    turns: [OPEN, BUY_TWO, YES],
    behaviour: {},
    expectedStatus: 'paid',
  },
  {
    name: 'charge-declined',
    description: 'the payment method is declined at Charge (InvalidPaymentMethod, soft decline)',
    consent: 'GRANTED',
    turns: [OPEN, BUY_TWO, YES],
    behaviour: {
      charge: {
        kind: 'declined',
        reasonCode: 'InvalidPaymentMethod',
        form: 'state',
        softDecline: true,
      },
    },
    expectedStatus: 'declined',
  },
  {
    name: 'permission-denied',
    description: 'the shopper has denied the Amazon Pay permission: a consent card, no Setup',
    consent: 'DENIED',
    turns: [OPEN, BUY_TWO],
    behaviour: {},
    expectedStatus: 'none',
  },
  {
    name: 'permission-missing',
    description:
      'the shopper was never asked for the Amazon Pay permission: a consent card, no Setup',
    consent: 'missing',
    turns: [OPEN, BUY_TWO],
    behaviour: {},
    expectedStatus: 'none',
  },
  {
    name: 'shopper-says-no',
    description: 'the shopper hears the summary and says no: the order is cancelled',
    consent: 'GRANTED',
    turns: [OPEN, BUY_TWO, { say: 'no', kind: 'intent', intent: 'AMAZON.NoIntent' }],
    behaviour: {},
    expectedStatus: 'cancelled',
  },
  {
    name: 'agreement-suspended',
    description: 'Setup returns a SUSPENDED billing agreement: no Charge is sent',
    consent: 'GRANTED',
    turns: [OPEN, BUY_TWO, YES],
    behaviour: { setup: { kind: 'agreementStatus', status: 'SUSPENDED' } },
    expectedStatus: 'failed',
  },
  {
    name: 'charge-declined-error-form',
    description: 'Amazon Pay rejects the Charge with a 400 AmazonRejected error',
    consent: 'GRANTED',
    turns: [OPEN, BUY_TWO, YES],
    behaviour: { charge: { kind: 'declined', reasonCode: 'AmazonRejected', form: 'error' } },
    expectedStatus: 'declined',
  },
  {
    name: 'certification-test',
    description: "a certification tester's order: confirmed to the shopper, never shipped",
    consent: 'GRANTED',
    turns: [OPEN, BUY_TWO, YES],
    behaviour: {
      charge: { kind: 'reasonCode', state: 'Closed', reasonCode: 'CertificationTestTransaction' },
    },
    expectedStatus: 'certification-test',
  },
];

/** Finds a scenario by name. */
export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
