import * as askCore from 'ask-sdk-core';
import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import { CheckoutService } from '../../../src/checkout/CheckoutService';
import { loadDemoCatalog } from '../../../src/checkout/demoCatalog';
import type { Logger } from '../../../src/checkout/Logger';
import type { OrderStore } from '../../../src/checkout/OrderStore';
import { buildRequestEnvelope, intentRequest } from '../../../src/local/requestEnvelopes';
import { buildSkill } from '../../../src/skill';
import { aContext } from '../../fixtures/requests';
import { MODELS } from './skillPackage';

const unused = (): Promise<never> =>
  Promise.reject(new Error('the store is not used by canHandle'));
const store: OrderStore = { create: unused, get: unused, transition: unused };
const logger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The request handlers buildSkill registers, in order, captured from the skill builder. */
function registeredHandlers(): ReadonlyArray<RequestHandler> {
  const registered: RequestHandler[] = [];
  const original = askCore.SkillBuilders.custom.bind(askCore.SkillBuilders);
  const spy = jest.spyOn(askCore.SkillBuilders, 'custom').mockImplementation(() => {
    const builder = original();
    const add = builder.addRequestHandlers.bind(builder);
    builder.addRequestHandlers = (...handlers) => {
      registered.push(...handlers);
      return add(...handlers);
    };
    return builder;
  });
  try {
    buildSkill({
      skillId: aContext().skillId,
      logger,
      merchantContact: { phone: '+1-206-555-0100', email: 'orders@example.com' },
      checkout: new CheckoutService({
        store,
        catalog: loadDemoCatalog(),
        merchant: {
          sellerId: 'A1EXAMPLESELLER',
          storeName: 'Blue Kettle Coffee',
          countryOfEstablishment: 'US',
          ledgerCurrency: 'USD',
          maxAmountMinor: { USD: 15_000_000 },
        },
        clock: () => new Date(0),
        newOrderId: () => 'order000001',
        logger,
      }),
    });
  } finally {
    spy.mockRestore();
  }
  return registered;
}

/** The session states a shopper can be in when an intent arrives. */
const SESSIONS: ReadonlyArray<Record<string, unknown>> = [
  {},
  { pendingOrderId: 'order000001' },
  { retryOrderId: 'order000001' },
];

function anInput(intent: string, attributes: Record<string, unknown>): HandlerInput {
  const requestEnvelope = buildRequestEnvelope(aContext(), intentRequest(intent), {
    new: false,
    attributes,
  });
  return {
    requestEnvelope,
    attributesManager: askCore.AttributesManagerFactory.init({ requestEnvelope }),
    responseBuilder: askCore.ResponseFactory.init(),
  };
}

const handlers = registeredHandlers();
const canHandle = (handler: RequestHandler, input: HandlerInput): boolean =>
  handler.canHandle(input) === true;
/** Handlers that take any intent at all (the fallback): they name no intent of their own. */
const isCatchAll = (handler: RequestHandler): boolean =>
  SESSIONS.some((s) => canHandle(handler, anInput('NoSuchIntentAnywhere', s)));
const firstHandlerOf = (intent: string, session: Record<string, unknown>) =>
  handlers.find((h) => canHandle(h, anInput(intent, session)));

/** Intent names to probe the handlers with: every built-in Alexa offers, and likely custom ones. */
const CANDIDATE_INTENTS = [
  ...new Set([
    ...MODELS.flatMap(([, model]) => model.intents.map((i) => i.name)),
    ...[
      'CancelIntent',
      'FallbackIntent',
      'HelpIntent',
      'LoopOffIntent',
      'LoopOnIntent',
      'MoreIntent',
      'NavigateHomeIntent',
      'NavigateSettingsIntent',
      'NextIntent',
      'NoIntent',
      'PageDownIntent',
      'PageUpIntent',
      'PauseIntent',
      'PreviousIntent',
      'RepeatIntent',
      'ResumeIntent',
      'ScrollDownIntent',
      'ScrollLeftIntent',
      'ScrollRightIntent',
      'ScrollUpIntent',
      'SelectIntent',
      'SendToPhoneIntent',
      'ShuffleOffIntent',
      'ShuffleOnIntent',
      'StartOverIntent',
      'StopIntent',
      'YesIntent',
    ].map((name) => `AMAZON.${name}`),
    'BuyIntent',
    'SetupPaymentIntent',
    'CancelOrderIntent',
    'RefundIntent',
    'ReturnIntent',
    'RetryIntent',
    'RetryOrderIntent',
    'ConfirmOrderIntent',
    'CheckoutIntent',
    'OrderIntent',
    'OrderStatusIntent',
    'ReorderIntent',
    'PayIntent',
  ]),
];

describe('intents and handlers', () => {
  it('finds the registered handlers, with one catch-all fallback', () => {
    expect(handlers.length).toBeGreaterThan(5);
    expect(handlers.filter(isCatchAll)).toHaveLength(1);
  });

  describe.each(MODELS)('the %s model', (_locale, model) => {
    it.each(model.intents.map((i) => i.name))('has a handler for %s in every session', (intent) => {
      for (const session of SESSIONS) expect(firstHandlerOf(intent, session)).toBeDefined();
    });

    it.each(
      model.intents
        .map((i) => i.name)
        .filter((name) => name !== 'AMAZON.FallbackIntent' && name !== 'AMAZON.NavigateHomeIntent'),
    )('has a handler of its own for %s, not the fallback', (intent) => {
      // Act
      const handler = firstHandlerOf(intent, {});
      // Assess
      expect(handler).toBeDefined();
      expect(handler !== undefined && isCatchAll(handler)).toBe(false);
    });
  });

  it('finds every intent a handler takes in every model', () => {
    // Act
    const handled = new Set<string>();
    for (const handler of handlers.filter((h) => !isCatchAll(h))) {
      for (const intent of CANDIDATE_INTENTS) {
        if (SESSIONS.some((s) => canHandle(handler, anInput(intent, s)))) handled.add(intent);
      }
    }
    // Assess
    expect(handled.size).toBeGreaterThan(5);
    for (const [locale, model] of MODELS) {
      const names = model.intents.map((i) => i.name);
      expect({ locale, missing: [...handled].filter((i) => !names.includes(i)) }).toEqual({
        locale,
        missing: [],
      });
    }
  });

  it('routes CancelOrderIntent and RefundIntent to their own handlers', () => {
    expect(firstHandlerOf('CancelOrderIntent', {})?.constructor.name).toBe(
      'CancelOrderIntentHandler',
    );
    expect(firstHandlerOf('RefundIntent', {})?.constructor.name).toBe('RefundIntentHandler');
    expect(firstHandlerOf('CancelOrderIntent', { pendingOrderId: 'x' })?.constructor.name).toBe(
      'CancelOrderIntentHandler',
    );
  });
});
