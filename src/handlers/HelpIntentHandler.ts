import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { merchantLocaleOf, promptsFor, speechLocaleFor } from '../speech/promptsFor';
import type { HandlerDeps } from './HandlerDeps';
import { isIntent } from './matchers';
import { escapeSsml, readLocale } from './requestFacts';
import { productNames } from './spokenOrder';

/** Explains what the shop can do and how to order. */
export class HelpIntentHandler implements RequestHandler {
  constructor(private readonly deps: HandlerDeps) {}

  canHandle = isIntent('AMAZON.HelpIntent');

  handle(input: HandlerInput): Response {
    const { checkout } = this.deps;
    const speech = speechLocaleFor(
      readLocale(input),
      merchantLocaleOf(checkout.merchant.countryOfEstablishment),
    );
    const prompts = promptsFor(speech);
    const products = productNames(checkout.catalog, speech);
    return input.responseBuilder
      .speak(escapeSsml(prompts.help(products)))
      .reprompt(escapeSsml(prompts.whatToBuy(products)))
      .getResponse();
  }
}
