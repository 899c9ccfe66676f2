import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { promptsFor } from '../speech/promptsFor';
import type { HandlerDeps } from './HandlerDeps';
import { isRequestType } from './matchers';
import { escapeSsml, readLocale } from './requestFacts';
import { productNames } from './spokenOrder';

/** Greets the shopper with the seller's name and what the shop sells. */
export class LaunchRequestHandler implements RequestHandler {
  constructor(private readonly deps: HandlerDeps) {}

  canHandle = isRequestType('LaunchRequest');

  handle(input: HandlerInput): Response {
    const prompts = promptsFor(readLocale(input));
    const products = productNames(this.deps.checkout.catalog);
    return input.responseBuilder
      .speak(escapeSsml(prompts.welcome(this.deps.checkout.merchant.storeName, products)))
      .reprompt(escapeSsml(prompts.whatToBuy(products)))
      .getResponse();
  }
}
