import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { AUTOPAY_CONSENT_SCOPE } from '../amazonpay/constants';
import { readAutopayConsent } from '../amazonpay/permissions';
import { localizeProduct } from '../checkout/Catalog';
import { merchantLocaleOf, promptsFor, speechLocaleFor } from '../speech/promptsFor';
import { speakMoney } from '../speech/speakMoney';
import type { HandlerDeps } from './HandlerDeps';
import { isIntent } from './matchers';
import {
  PENDING_ORDER_ATTRIBUTE,
  escapeSsml,
  readApiAccess,
  readLocale,
  readSlot,
  readUserId,
} from './requestFacts';
import { productNames, summaryOf, toSpokenOrder } from './spokenOrder';

/**
 * Takes "buy two bags of coffee": checks the Amazon Pay permission, the product and the quantity,
 * looks up the buyer and their default shipping address (Buyer ID and Buyer Address APIs), prices
 * delivery and tax for it, creates the order awaiting confirmation, and speaks the summary
 * (seller, items, delivery, tax, total; for a subscription, the amount of each period and that
 * nothing is charged now) asking for a yes. An address the shop does not deliver to,
 * or (with the stop policy) no address at all, gets a clear answer and no order.
 */
export class BuyIntentHandler implements RequestHandler {
  constructor(private readonly deps: HandlerDeps) {}

  canHandle = isIntent('BuyIntent');

  async handle(input: HandlerInput): Promise<Response> {
    const locale = readLocale(input);
    const { checkout } = this.deps;
    // Speech follows the shopper's locale, or the merchant's language for a locale not spoken.
    const speech = speechLocaleFor(
      locale,
      merchantLocaleOf(checkout.merchant.countryOfEstablishment),
    );
    const prompts = promptsFor(speech);
    const products = productNames(checkout.catalog, speech);
    const userId = readUserId(input);
    if (userId === undefined) {
      return input.responseBuilder.speak(escapeSsml(prompts.unexpectedError)).getResponse();
    }
    const product = readSlot(input, 'product');
    const { buyers } = this.deps;
    const access = readApiAccess(input);
    const outcome = await checkout.startOrder({
      userId,
      locale,
      consent: readAutopayConsent(input.requestEnvelope),
      product: {
        ...(product.resolvedId !== undefined && { id: product.resolvedId }),
        ...(product.value !== undefined && { phrase: product.value }),
      },
      quantity: readSlot(input, 'quantity').value,
      // Goods are shipped: the default address decides whether and at what cost.
      ...(buyers !== undefined &&
        access !== undefined && { lookUpShopper: () => buyers.buyerAndAddress(access) }),
    });
    const speak = (text: string, reprompt: string): Response =>
      input.responseBuilder.speak(escapeSsml(text)).reprompt(escapeSsml(reprompt)).getResponse();

    switch (outcome.kind) {
      case 'permissionRequired':
        return input.responseBuilder
          .speak(escapeSsml(prompts.permissionNeeded(checkout.merchant.storeName)))
          .withAskForPermissionsConsentCard([AUTOPAY_CONSENT_SCOPE])
          .withShouldEndSession(true)
          .getResponse();
      case 'unknownProduct':
        return speak(prompts.unknownProduct(products), prompts.whatToBuy(products));
      case 'invalidQuantity': {
        const name = localizeProduct(outcome.product, speech).spokenName.other;
        const max = outcome.maxQuantity;
        const text =
          outcome.problem === 'notUnderstood'
            ? prompts.quantityNotUnderstood(name, max)
            : outcome.problem === 'notWhole'
              ? prompts.quantityNotWhole(name, max)
              : outcome.problem === 'tooFew'
                ? prompts.quantityTooFew(name)
                : prompts.quantityTooMany(name, max);
        return speak(text, prompts.howMany(name, max));
      }
      case 'overChargeLimit':
        return speak(
          prompts.overChargeLimit(
            speakMoney({ amountMinor: outcome.maxChargeMinor, currency: outcome.currency }, speech),
          ),
          prompts.whatToBuy(products),
        );
      case 'undeliverable':
        return input.responseBuilder
          .speak(escapeSsml(prompts.undeliverable(checkout.merchant.storeName)))
          .withShouldEndSession(true)
          .getResponse();
      case 'addressUnavailable':
        return input.responseBuilder
          .speak(escapeSsml(prompts.addressUnavailable))
          .withShouldEndSession(true)
          .getResponse();
      case 'created': {
        const spoken = toSpokenOrder(
          outcome.order,
          checkout.catalog,
          checkout.merchant.storeName,
          speech,
        );
        // The session holds only the id of the order awaiting a yes: never money or cart contents.
        input.attributesManager.setSessionAttributes({
          [PENDING_ORDER_ATTRIBUTE]: outcome.order.orderId,
        });
        const summary = summaryOf(outcome.order, spoken, checkout.catalog, prompts);
        return speak(summary.text, summary.reprompt);
      }
      default: {
        const unreachable: never = outcome;
        return unreachable;
      }
    }
  }
}
