import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { readString } from '../amazonpay/readUnknown';
import type { HandlerDeps } from './HandlerDeps';
import { isRequestType } from './matchers';

/**
 * Acknowledges SessionEndedRequest (Alexa allows no speech here). An order left awaiting
 * confirmation stays unconfirmed and expires; nothing is charged without a yes.
 */
export class SessionEndedRequestHandler implements RequestHandler {
  constructor(private readonly deps: HandlerDeps) {}

  canHandle = isRequestType('SessionEndedRequest');

  handle(input: HandlerInput): Response {
    this.deps.logger.info('session ended', {
      reason: readString(input.requestEnvelope, 'request', 'reason')?.slice(0, 64),
      errorType: readString(input.requestEnvelope, 'request', 'error', 'type')?.slice(0, 64),
    });
    return input.responseBuilder.getResponse();
  }
}
