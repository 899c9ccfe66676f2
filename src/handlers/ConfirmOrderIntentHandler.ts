import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { merchantLocaleOf, promptsFor, speechLocaleFor } from '../speech/promptsFor';
import type { HandlerDeps } from './HandlerDeps';
import { isIntent } from './matchers';
import { escapeSsml, readLocale, readPendingOrderId, readUserId } from './requestFacts';
import { productNames } from './spokenOrder';

/**
 * Takes the shopper's yes (AMAZON.YesIntent, or SetupPaymentIntent: "check out", "pay now") for
 * the order awaiting confirmation and hands it to Amazon Pay with the Setup directive. The
 * session ends with the directive and nothing is spoken: Alexa runs its own Amazon Pay dialog.
 */
export class ConfirmOrderIntentHandler implements RequestHandler {
  constructor(private readonly deps: HandlerDeps) {}

  canHandle = isIntent('AMAZON.YesIntent', 'SetupPaymentIntent');

  async handle(input: HandlerInput): Promise<Response> {
    const locale = readLocale(input);
    const { checkout } = this.deps;
    const speech = speechLocaleFor(
      locale,
      merchantLocaleOf(checkout.merchant.countryOfEstablishment),
    );
    const prompts = promptsFor(speech);
    const products = productNames(checkout.catalog, speech);
    const orderId = readPendingOrderId(input);
    const userId = readUserId(input);
    if (orderId === undefined || userId === undefined) {
      return input.responseBuilder
        .speak(escapeSsml(prompts.noOrderWaiting(products)))
        .reprompt(escapeSsml(prompts.whatToBuy(products)))
        .getResponse();
    }
    const outcome = await this.deps.checkout.confirmOrder({ userId, orderId, locale });
    switch (outcome.kind) {
      case 'setup':
        input.attributesManager.setSessionAttributes({});
        return input.responseBuilder
          .addDirective(outcome.directive)
          .withShouldEndSession(true)
          .getResponse();
      case 'expired':
        input.attributesManager.setSessionAttributes({});
        return input.responseBuilder
          .speak(escapeSsml(prompts.orderExpired))
          .reprompt(escapeSsml(prompts.whatToBuy(products)))
          .getResponse();
      case 'notAwaiting':
        input.attributesManager.setSessionAttributes({});
        return input.responseBuilder
          .speak(escapeSsml(prompts.orderNotAwaiting))
          .withShouldEndSession(true)
          .getResponse();
      case 'notFound':
        input.attributesManager.setSessionAttributes({});
        return input.responseBuilder
          .speak(escapeSsml(prompts.noOrderWaiting(products)))
          .reprompt(escapeSsml(prompts.whatToBuy(products)))
          .getResponse();
      default: {
        const unreachable: never = outcome;
        return unreachable;
      }
    }
  }
}
