import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { merchantLocaleOf, promptsFor } from '../speech/promptsFor';
import type { HandlerDeps } from './HandlerDeps';
import { isIntent } from './matchers';
import { escapeSsml, readLocale, readPendingOrderId, readUserId } from './requestFacts';

/** Ends the session on AMAZON.StopIntent or AMAZON.CancelIntent, cancelling an unconfirmed order. */
export class StopIntentHandler implements RequestHandler {
  constructor(private readonly deps: HandlerDeps) {}

  canHandle = isIntent('AMAZON.StopIntent', 'AMAZON.CancelIntent');

  async handle(input: HandlerInput): Promise<Response> {
    const prompts = promptsFor(
      readLocale(input),
      merchantLocaleOf(this.deps.checkout.merchant.countryOfEstablishment),
    );
    const orderId = readPendingOrderId(input);
    const userId = readUserId(input);
    input.attributesManager.setSessionAttributes({});
    let text = prompts.goodbye;
    if (orderId !== undefined && userId !== undefined) {
      const outcome = await this.deps.checkout.cancelOrder({ userId, orderId });
      if (outcome.kind === 'cancelled') text = prompts.goodbyeCancelled;
    }
    return input.responseBuilder.speak(escapeSsml(text)).withShouldEndSession(true).getResponse();
  }
}
