import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { merchantLocaleOf, promptsFor, speechLocaleFor } from '../speech/promptsFor';
import type { HandlerDeps } from './HandlerDeps';
import { allOf, hasSessionAttribute, isIntent, not } from './matchers';
import {
  escapeSsml,
  PENDING_ORDER_ATTRIBUTE,
  readLocale,
  readRetryOrderId,
  readUserId,
  RETRY_ORDER_ATTRIBUTE,
} from './requestFacts';
import { productNames, summaryOf, toSpokenOrder } from './spokenOrder';

/**
 * Takes the shopper's yes to "shall I try again?" after the welcome offered their last order: the
 * same Setup or Charge again (same reference id), the next attempt after a retryable decline, or a
 * new order with the same items, which is summarised and needs its own yes.
 */
export class RetryOrderIntentHandler implements RequestHandler {
  constructor(private readonly deps: HandlerDeps) {}

  canHandle = allOf(
    isIntent('AMAZON.YesIntent', 'SetupPaymentIntent'),
    hasSessionAttribute(RETRY_ORDER_ATTRIBUTE),
    not(hasSessionAttribute(PENDING_ORDER_ATTRIBUTE)),
  );

  async handle(input: HandlerInput): Promise<Response> {
    const locale = readLocale(input);
    const { checkout } = this.deps;
    const speech = speechLocaleFor(
      locale,
      merchantLocaleOf(checkout.merchant.countryOfEstablishment),
    );
    const prompts = promptsFor(speech);
    const products = productNames(checkout.catalog, speech);
    const orderId = readRetryOrderId(input);
    const userId = readUserId(input);
    input.attributesManager.setSessionAttributes({});
    const nothing = (): Response =>
      input.responseBuilder
        .speak(escapeSsml(prompts.nothingToRetry(products)))
        .reprompt(escapeSsml(prompts.whatToBuy(products)))
        .getResponse();
    if (orderId === undefined || userId === undefined) return nothing();
    const outcome = await checkout.retryOrder({ userId, orderId, locale });
    switch (outcome.kind) {
      case 'setup':
      case 'charge':
        return input.responseBuilder
          .addDirective(outcome.directive)
          .withShouldEndSession(true)
          .getResponse();
      case 'reordered': {
        const spoken = toSpokenOrder(
          outcome.order,
          checkout.catalog,
          checkout.merchant.storeName,
          speech,
        );
        input.attributesManager.setSessionAttributes({
          [PENDING_ORDER_ATTRIBUTE]: outcome.order.orderId,
        });
        const summary = summaryOf(outcome.order, spoken, checkout.catalog, prompts);
        return input.responseBuilder
          .speak(escapeSsml(summary.text))
          .reprompt(escapeSsml(summary.reprompt))
          .getResponse();
      }
      case 'nothingToRetry':
      case 'notFound':
        return nothing();
      default: {
        const unreachable: never = outcome;
        void unreachable;
        return nothing();
      }
    }
  }
}
