import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { promptsFor } from '../speech/promptsFor';
import type { HandlerDeps } from './HandlerDeps';
import { isIntent } from './matchers';
import { escapeSsml, readLocale, readPendingOrderId, readUserId } from './requestFacts';

/**
 * Takes the shopper's no (or "cancel my order") to the order awaiting confirmation: the order is
 * cancelled and nothing is charged.
 */
export class NoIntentHandler implements RequestHandler {
  constructor(private readonly deps: HandlerDeps) {}

  canHandle = isIntent('AMAZON.NoIntent', 'CancelOrderIntent');

  async handle(input: HandlerInput): Promise<Response> {
    const prompts = promptsFor(readLocale(input));
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
