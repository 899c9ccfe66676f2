import type { ErrorHandler, HandlerInput } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { readString } from '../amazonpay/readUnknown';
import { merchantLocaleOf, promptsFor } from '../speech/promptsFor';
import type { HandlerDeps } from './HandlerDeps';
import { escapeSsml, readLocale } from './requestFacts';

/**
 * The catch-all, registered last: logs the error's name and message (ours, free of personal data)
 * and speaks a short apology. Never speaks internal codes.
 */
export class UnexpectedErrorHandler implements ErrorHandler {
  constructor(
    private readonly deps: Pick<HandlerDeps, 'logger'> & Partial<Pick<HandlerDeps, 'checkout'>>,
  ) {}

  canHandle(): boolean {
    return true;
  }

  /** The merchant's language, when the handler was given the checkout (it is in the skill). */
  private fallbackLocale(): string | undefined {
    const country = this.deps.checkout?.merchant.countryOfEstablishment;
    return country === undefined ? undefined : merchantLocaleOf(country);
  }

  handle(input: HandlerInput, error: unknown): Response {
    // Anything can be thrown (or rejected with): never assume an Error.
    this.deps.logger.error('request failed', {
      requestType: readString(input.requestEnvelope, 'request', 'type')?.slice(0, 64),
      errorName: error instanceof Error ? error.name : typeof error,
      errorMessage: error instanceof Error ? String(error.message).slice(0, 300) : undefined,
    });
    return input.responseBuilder
      .speak(escapeSsml(promptsFor(readLocale(input), this.fallbackLocale()).unexpectedError))
      .withShouldEndSession(true)
      .getResponse();
  }
}
