import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { CHARGE_DIRECTIVE_NAME } from '../amazonpay/constants';
import { merchantLocaleOf, promptsFor, speechLocaleFor } from '../speech/promptsFor';
import type { HandlerDeps } from './HandlerDeps';
import { isConnectionsResponse } from './matchers';
import { replyForRow } from './outcomeReply';
import { escapeSsml, readLocale, readUserId } from './requestFacts';

/**
 * Takes Amazon Pay's answer to Charge and answers as its row of the outcome table says: a paid
 * order (or a certification test, which the shopper cannot tell apart) is confirmed by voice and
 * with a card listing items, total and seller; anything else leaves the order unpaid.
 */
export class ChargeConnectionsResponseHandler implements RequestHandler {
  constructor(private readonly deps: HandlerDeps) {}

  canHandle = isConnectionsResponse(CHARGE_DIRECTIVE_NAME);

  async handle(input: HandlerInput): Promise<Response> {
    const speech = speechLocaleFor(
      readLocale(input),
      merchantLocaleOf(this.deps.checkout.merchant.countryOfEstablishment),
    );
    const prompts = promptsFor(speech);
    const userId = readUserId(input);
    const end = (text: string): Response =>
      input.responseBuilder.speak(escapeSsml(text)).withShouldEndSession(true).getResponse();
    if (userId === undefined) return end(prompts.unknownOrder);
    const result = await this.deps.checkout.takeChargeResult({
      userId,
      connectionsResponse: input.requestEnvelope.request,
    });
    switch (result.kind) {
      case 'answered':
        return replyForRow(input, result.row, result.order, this.deps.checkout, prompts, speech);
      case 'unknownOrder':
        return end(prompts.unknownOrder);
      case 'stale':
        return end(prompts.alreadyHandled);
      default: {
        const unreachable: never = result;
        void unreachable;
        return end(prompts.unexpectedError);
      }
    }
  }
}
