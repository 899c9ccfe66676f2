import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { merchantLocaleOf, promptsFor } from '../speech/promptsFor';
import type { HandlerDeps } from './HandlerDeps';
import { isIntent } from './matchers';
import { escapeSsml, readLocale, readPendingOrderId, readUserId } from './requestFacts';

/**
 * Takes the shopper's no to the order awaiting confirmation: the order is cancelled and nothing is
 * charged. ("Cancel my order" is CancelOrderIntentHandler's.)
 */
export class NoIntentHandler implements RequestHandler {
  constructor(private readonly deps: HandlerDeps) {}

  canHandle = isIntent('AMAZON.NoIntent');

  async handle(input: HandlerInput): Promise<Response> {
    const prompts = promptsFor(
      readLocale(input),
      merchantLocaleOf(this.deps.checkout.merchant.countryOfEstablishment),
    );
    const orderId = readPendingOrderId(input);
    const userId = readUserId(input);
    input.attributesManager.setSessionAttributes({});
    if (orderId === undefined || userId === undefined) {
      return input.responseBuilder
        .speak(escapeSsml(prompts.nothingToCancel))
        .withShouldEndSession(true)
        .getResponse();
    }
    const outcome = await this.deps.checkout.cancelOrder({ userId, orderId });
    const text =
      outcome.kind === 'cancelled'
        ? prompts.orderCancelled
        : outcome.kind === 'notAwaiting'
          ? prompts.orderNotAwaiting
          : prompts.nothingToCancel;
    return input.responseBuilder.speak(escapeSsml(text)).withShouldEndSession(true).getResponse();
  }
}
