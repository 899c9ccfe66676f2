import type { HandlerInput } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { AUTOPAY_CONSENT_SCOPE } from '../amazonpay/constants';
import type { CheckoutService } from '../checkout/CheckoutService';
import type { Order } from '../checkout/Order';
import type { OutcomeRow, Reply } from '../checkout/outcomeTable';
import type { Prompts } from '../speech/Prompts';
import { escapeSsml } from './requestFacts';
import { toSpokenOrder } from './spokenOrder';

function textOf(
  reply: Reply,
  prompts: Prompts,
  storeName: string,
  order: Order,
  checkout: CheckoutService,
  locale: string,
): string {
  switch (reply) {
    case 'confirmed':
      return prompts.confirmed(toSpokenOrder(order, checkout.catalog, storeName, locale));
    case 'heldForReview':
      return prompts.heldForReview(storeName);
    case 'permissionNeeded':
      return prompts.permissionNeeded(storeName);
    case 'voicePurchaseDisabled':
      return prompts.voicePurchaseDisabled;
    case 'amazonSpoke':
      return prompts.amazonSpoke;
    case 'amazonSpokeTryLater':
      return prompts.amazonSpokeTryLater;
    case 'declined':
      return prompts.declined;
    case 'declinedTryLater':
      return prompts.declinedTryLater;
    case 'agreementNotUsable':
      return prompts.agreementNotUsable;
    case 'noShippingAddress':
      return prompts.noShippingAddress;
    case 'undeliverable':
      return prompts.undeliverable(storeName);
    case 'addressChanged':
      return prompts.addressChanged;
    case 'setupFailed':
      return prompts.setupFailed;
    case 'paymentFailed':
      return prompts.paymentFailed;
    case 'paymentUnfinished':
      return prompts.paymentUnfinished(storeName);
    case 'somethingWentWrong':
      return prompts.somethingWentWrong;
    default: {
      const unreachable: never = reply;
      void unreachable;
      return prompts.somethingWentWrong;
    }
  }
}

/**
 * Answers an Amazon Pay outcome the way its row of the classification table says: the words,
 * the card (consent, voice purchasing, or the order confirmation), and the end of the session.
 */
export function replyForRow(
  input: HandlerInput,
  row: OutcomeRow,
  order: Order,
  checkout: CheckoutService,
  prompts: Prompts,
  locale: string,
): Response {
  const storeName = checkout.merchant.storeName;
  const builder = input.responseBuilder
    .speak(escapeSsml(textOf(row.reply, prompts, storeName, order, checkout, locale)))
    .withShouldEndSession(true);
  switch (row.card) {
    case 'consent':
      return builder.withAskForPermissionsConsentCard([AUTOPAY_CONSENT_SCOPE]).getResponse();
    case 'voicePurchase':
      return builder
        .withSimpleCard(prompts.voicePurchaseCard.title, prompts.voicePurchaseCard.content)
        .getResponse();
    case 'confirmation': {
      const card = prompts.confirmationCard(
        toSpokenOrder(order, checkout.catalog, storeName, locale),
        order.orderId,
      );
      return builder.withSimpleCard(card.title, card.content).getResponse();
    }
    case 'none':
      return builder.getResponse();
    default: {
      const unreachable: never = row.card;
      void unreachable;
      return builder.getResponse();
    }
  }
}
