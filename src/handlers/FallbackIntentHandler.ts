import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { merchantLocaleOf, promptsFor, speechLocaleFor } from '../speech/promptsFor';
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
    const { checkout } = this.deps;
    const speech = speechLocaleFor(
      readLocale(input),
      merchantLocaleOf(checkout.merchant.countryOfEstablishment),
    );
    const prompts = promptsFor(speech);
    const products = productNames(checkout.catalog, speech);
    return input.responseBuilder
      .speak(escapeSsml(prompts.fallback(products)))
      .reprompt(escapeSsml(prompts.whatToBuy(products)))
      .getResponse();
  }
}
