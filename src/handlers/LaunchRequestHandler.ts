import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { readAutopayConsent } from '../amazonpay/permissions';
import { billingOfOrder } from '../checkout/orderBilling';
import { OrderStatus } from '../checkout/OrderStatus';
import { merchantLocaleOf, promptsFor, speechLocaleFor } from '../speech/promptsFor';
import type { HandlerDeps } from './HandlerDeps';
import { isRequestType } from './matchers';
import { refundStatusOf } from './RefundIntentHandler';
import { speakMoney } from '../speech/speakMoney';
import {
  escapeSsml,
  PENDING_ORDER_ATTRIBUTE,
  readApiAccess,
  readLocale,
  readUserId,
  RETRY_ORDER_ATTRIBUTE,
} from './requestFacts';
import { productNames, summaryOf, toSpokenOrder } from './spokenOrder';

/**
 * Greets the shopper with the seller's name and what the shop sells. A returning shopper hears
 * where their last order stands first: one still waiting for a yes is offered again (the cart is
 * kept across sessions); one that did not go through is offered a retry.
 */
export class LaunchRequestHandler implements RequestHandler {
  constructor(private readonly deps: HandlerDeps) {}

  canHandle = isRequestType('LaunchRequest');

  /** The shopper's buyer id, asked only with the Amazon Pay permission granted. */
  private async buyerIdOf(input: HandlerInput): Promise<{ readonly buyerId?: string }> {
    const { buyers } = this.deps;
    const access = readApiAccess(input);
    if (buyers === undefined || access === undefined) return {};
    if (readAutopayConsent(input.requestEnvelope) !== 'granted') return {};
    const buyerId = await buyers.buyerId(access);
    return buyerId === undefined ? {} : { buyerId };
  }

  async handle(input: HandlerInput): Promise<Response> {
    const { checkout } = this.deps;
    const locale = speechLocaleFor(
      readLocale(input),
      merchantLocaleOf(checkout.merchant.countryOfEstablishment),
    );
    const prompts = promptsFor(locale);
    const storeName = checkout.merchant.storeName;
    const products = productNames(checkout.catalog, locale);
    const ask = (text: string, reprompt: string): Response =>
      input.responseBuilder.speak(escapeSsml(text)).reprompt(escapeSsml(reprompt)).getResponse();
    const userId = readUserId(input);
    const last =
      userId === undefined
        ? ({ kind: 'none' } as const)
        : await checkout.welcomeBack({ userId, ...(await this.buyerIdOf(input)) });
    switch (last.kind) {
      case 'awaiting': {
        const spoken = toSpokenOrder(last.order, checkout.catalog, storeName, locale);
        input.attributesManager.setSessionAttributes({
          [PENDING_ORDER_ATTRIBUTE]: last.order.orderId,
        });
        return ask(
          prompts.welcomeBackAwaiting(spoken),
          summaryOf(last.order, spoken, checkout.catalog, prompts).reprompt,
        );
      }
      case 'retryable': {
        const spoken = toSpokenOrder(last.order, checkout.catalog, storeName, locale);
        input.attributesManager.setSessionAttributes({
          [RETRY_ORDER_ATTRIBUTE]: last.order.orderId,
        });
        const text =
          last.plan === 'nextAttempt'
            ? prompts.welcomeBackDeclined(spoken)
            : last.plan === 'reorder'
              ? prompts.welcomeBackFailed(spoken)
              : prompts.welcomeBackUnfinished(spoken);
        return ask(text, prompts.retryReprompt);
      }
      case 'unpaid':
        return ask(prompts.welcomeBackUnpaid(storeName, products), prompts.whatToBuy(products));
      case 'settled': {
        const spoken = toSpokenOrder(last.order, checkout.catalog, storeName, locale);
        const refund = refundStatusOf(last.order);
        if (refund !== undefined) {
          // A refunded order, or one with a refund on its way: where the money stands.
          const amount = speakMoney(
            { amountMinor: refund.amountMinor, currency: refund.currency },
            locale,
          );
          const told =
            refund.kind === 'onItsWay'
              ? prompts.refundOnItsWay(amount, spoken)
              : prompts.refundCompleted(amount, spoken);
          return ask(`${told} ${prompts.whatToBuy(products)}`, prompts.whatToBuy(products));
        }
        const billing = billingOfOrder(checkout.catalog, last.order);
        if (last.order.status === OrderStatus.Subscribed && billing !== undefined) {
          return ask(prompts.welcomeBackSubscribed(spoken, billing), prompts.whatToBuy(products));
        }
        const status =
          last.order.status === 'shipped'
            ? 'shipped'
            : last.order.status === 'held-for-review'
              ? 'review'
              : 'paid';
        return ask(prompts.welcomeBackSettled(spoken, status), prompts.whatToBuy(products));
      }
      case 'none':
        return ask(prompts.welcome(storeName, products), prompts.whatToBuy(products));
      default: {
        const unreachable: never = last;
        void unreachable;
        return ask(prompts.welcome(storeName, products), prompts.whatToBuy(products));
      }
    }
  }
}
