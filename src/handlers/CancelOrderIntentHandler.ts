import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { merchantLocaleOf, promptsFor } from '../speech/promptsFor';
import { isIntent } from './matchers';
import { type ContactHandlerDeps, speakMerchantContact } from './RefundIntentHandler';
import { escapeSsml, readLocale, readPendingOrderId, readUserId } from './requestFacts';

/**
 * Takes "cancel my order". An order awaiting the shopper's yes in this session is cancelled
 * (nothing was charged) and the shopper hears so; otherwise the order has already gone to Amazon
 * Pay or been placed, and the shopper hears the merchant's phone and email, also sent in a card.
 */
export class CancelOrderIntentHandler implements RequestHandler {
  constructor(private readonly deps: ContactHandlerDeps) {}

  canHandle = isIntent('CancelOrderIntent');

  async handle(input: HandlerInput): Promise<Response> {
    const { checkout } = this.deps;
    const prompts = promptsFor(
      readLocale(input),
      merchantLocaleOf(checkout.merchant.countryOfEstablishment),
    );
    const orderId = readPendingOrderId(input);
    const userId = readUserId(input);
    input.attributesManager.setSessionAttributes({});
    if (orderId !== undefined && userId !== undefined) {
      const outcome = await checkout.cancelOrder({ userId, orderId });
      if (outcome.kind === 'cancelled') {
        return input.responseBuilder
          .speak(escapeSsml(prompts.orderCancelled))
          .withShouldEndSession(true)
          .getResponse();
      }
    }
    return speakMerchantContact(input, {
      text: prompts.cancelPlacedOrder(checkout.merchant.storeName),
      prompts,
      storeName: checkout.merchant.storeName,
      contact: this.deps.merchantContact,
      logger: this.deps.logger,
      intent: 'CancelOrderIntent',
    });
  }
}
