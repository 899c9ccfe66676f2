import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { SETUP_DIRECTIVE_NAME } from '../amazonpay/constants';
import { merchantLocaleOf, promptsFor, speechLocaleFor } from '../speech/promptsFor';
import type { HandlerDeps } from './HandlerDeps';
import { isConnectionsResponse } from './matchers';
import { replyForRow } from './outcomeReply';
import { escapeSsml, readLocale, readUserId } from './requestFacts';
import { toSpokenOrder } from './spokenOrder';

/**
 * Takes Amazon Pay's answer to Setup. It arrives as a new session and is matched to its order only
 * through the token. With an OPEN agreement the answer is the Charge directive, returned only after
 * the order is persisted in `charge-pending`; for an order charged later (a subscription), the
 * agreement is stored for the billing job, no Charge is sent, and the shopper hears what they
 * agreed to, with a card; otherwise the outcome table's reply, and no Charge.
 */
export class SetupConnectionsResponseHandler implements RequestHandler {
  constructor(private readonly deps: HandlerDeps) {}

  canHandle = isConnectionsResponse(SETUP_DIRECTIVE_NAME);

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
    const result = await this.deps.checkout.takeSetupResult({
      userId,
      connectionsResponse: input.requestEnvelope.request,
    });
    switch (result.kind) {
      case 'charge':
        // No speech beside the directive: Alexa speaks for Amazon Pay.
        return input.responseBuilder
          .addDirective(result.directive)
          .withShouldEndSession(true)
          .getResponse();
      case 'subscribed': {
        // Nothing is charged now: the merchant's billing job charges the agreement each period.
        const spoken = toSpokenOrder(
          result.order,
          this.deps.checkout.catalog,
          this.deps.checkout.merchant.storeName,
          speech,
        );
        const card = prompts.chargeLaterCard(spoken, result.billing, result.order.orderId);
        return input.responseBuilder
          .speak(escapeSsml(prompts.chargeLaterConfirmed(spoken, result.billing)))
          .withSimpleCard(card.title, card.content)
          .withShouldEndSession(true)
          .getResponse();
      }
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
