import type { ErrorHandler, HandlerInput } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { readString } from '../amazonpay/readUnknown';
import { promptsFor } from '../speech/promptsFor';
import type { HandlerDeps } from './HandlerDeps';
import { escapeSsml, readLocale } from './requestFacts';

/**
 * The catch-all, registered last: logs the error's name and message (ours, free of personal data)
 * and speaks a short apology. Never speaks internal codes.
 */
export class UnexpectedErrorHandler implements ErrorHandler {
  constructor(private readonly deps: Pick<HandlerDeps, 'logger'>) {}

  canHandle(): boolean {
    return true;
  }

  handle(input: HandlerInput, error: Error): Response {
    this.deps.logger.error('request failed', {
      requestType: readString(input.requestEnvelope, 'request', 'type'),
      errorName: error.name,
      errorMessage: error.message.slice(0, 300),
    });
    return input.responseBuilder
      .speak(escapeSsml(promptsFor(readLocale(input)).unexpectedError))
      .withShouldEndSession(true)
      .getResponse();
  }
}
