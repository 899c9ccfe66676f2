import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { AUTOPAY_CONSENT_SCOPE, CHARGE_DIRECTIVE_NAME } from '../amazonpay/constants';
import { promptsFor } from '../speech/promptsFor';
import type { HandlerDeps } from './HandlerDeps';
import { isConnectionsResponse } from './matchers';
import { escapeSsml, readLocale, readUserId } from './requestFacts';
import { toSpokenOrder } from './spokenOrder';

/**
 * Takes Amazon Pay's answer to Charge and tells the shopper how it went: a paid order (or a
 * certification test, which the shopper cannot tell apart) is confirmed by voice and with a card
 * listing items, total and seller; anything else leaves the order unpaid with a short answer.
 */
export class ChargeConnectionsResponseHandler implements RequestHandler {
  constructor(private readonly deps: HandlerDeps) {}

  canHandle = isConnectionsResponse(CHARGE_DIRECTIVE_NAME);

  async handle(input: HandlerInput): Promise<Response> {
    const locale = readLocale(input);
    const prompts = promptsFor(locale);
    const { checkout } = this.deps;
    const builder = input.responseBuilder.withShouldEndSession(true);
    const userId = readUserId(input);
    if (userId === undefined) return builder.speak(escapeSsml(prompts.unknownOrder)).getResponse();
    const result = await checkout.takeChargeResult({
      userId,
      connectionsResponse: input.requestEnvelope.request,
    });
    switch (result.kind) {
      case 'unknownOrder':
        return builder.speak(escapeSsml(prompts.unknownOrder)).getResponse();
      case 'stale':
        return builder.speak(escapeSsml(prompts.alreadyHandled)).getResponse();
      case 'completed':
        break;
      default: {
        const unreachable: never = result;
        return unreachable;
      }
    }
    const outcome = result.outcome;
    const storeName = checkout.merchant.storeName;
    switch (outcome.kind) {
      case 'approved':
      case 'certificationTest': {
        const spoken = toSpokenOrder(result.order, checkout.catalog, storeName, locale);
        const card = prompts.confirmationCard(spoken, result.order.orderId);
        return builder
          .speak(escapeSsml(prompts.confirmed(spoken)))
          .withSimpleCard(card.title, card.content)
          .getResponse();
      }
      case 'heldForReview':
        return builder.speak(escapeSsml(prompts.heldForReview(storeName))).getResponse();
      case 'declined':
        return builder
          .speak(escapeSsml(outcome.amazonSpoke ? prompts.declinedAmazonSpoke : prompts.declined))
          .getResponse();
      case 'permissionRequired':
        return builder
          .speak(escapeSsml(prompts.permissionNeeded(storeName)))
          .withAskForPermissionsConsentCard([AUTOPAY_CONSENT_SCOPE])
          .getResponse();
      case 'voicePurchaseDisabled':
        return builder.speak(escapeSsml(prompts.voicePurchaseDisabled)).getResponse();
      case 'failed':
        return builder.speak(escapeSsml(prompts.paymentFailed)).getResponse();
      default: {
        const unreachable: never = outcome;
        return unreachable;
      }
    }
  }
}
