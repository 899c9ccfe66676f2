import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { readString } from '../amazonpay/readUnknown';
import type { HandlerDeps } from './HandlerDeps';
import { isRequestType } from './matchers';

/**
 * Takes System.ExceptionEncountered (Alexa reporting that an earlier response was invalid): logs
 * the error type and answers with no speech, which is all Alexa accepts here.
 */
export class ExceptionEncounteredHandler implements RequestHandler {
  constructor(private readonly deps: HandlerDeps) {}

  canHandle = isRequestType('System.ExceptionEncountered');

  handle(input: HandlerInput): Response {
    this.deps.logger.warn('Alexa reported an exception', {
      errorType: readString(input.requestEnvelope, 'request', 'error', 'type')?.slice(0, 64),
    });
    return input.responseBuilder.getResponse();
  }
}
