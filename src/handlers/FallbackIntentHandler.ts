import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { promptsFor } from '../speech/promptsFor';
import type { HandlerDeps } from './HandlerDeps';
import { isAnyIntent } from './matchers';
import { escapeSsml, readLocale } from './requestFacts';
import { productNames } from './spokenOrder';

/**
 * Answers AMAZON.FallbackIntent, and any intent no earlier handler took (registered after all
 * intent handlers), with what the shop sells.
 */
export class FallbackIntentHandler implements RequestHandler {
  constructor(private readonly deps: HandlerDeps) {}

  canHandle = isAnyIntent;

  handle(input: HandlerInput): Response {
    const prompts = promptsFor(readLocale(input));
    const products = productNames(this.deps.checkout.catalog);
    return input.responseBuilder
      .speak(escapeSsml(prompts.fallback(products)))
      .reprompt(escapeSsml(prompts.whatToBuy(products)))
      .getResponse();
  }
}
