import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import type { Logger } from '../checkout/Logger';
import type { Currency } from '../checkout/money';
import type { Order } from '../checkout/Order';
import { OrderStatus } from '../checkout/OrderStatus';
import { completedRefundMinor, pendingRefundMinor } from '../refunds/refundTotals';
import type { MerchantContact, Prompts } from '../speech/Prompts';
import { merchantLocaleOf, promptsFor, speechLocaleFor } from '../speech/promptsFor';
import { speakMoney } from '../speech/speakMoney';
import type { HandlerDeps } from './HandlerDeps';
import { isIntent } from './matchers';
import { escapeSsml, readLocale, readUserId } from './requestFacts';
import { toSpokenOrder } from './spokenOrder';

/** What the contact handlers are built from: the usual deps plus the merchant's contact. */
export type ContactHandlerDeps = HandlerDeps & {
  /** Undefined when MERCHANT_CONTACT_PHONE and MERCHANT_CONTACT_EMAIL are not configured. */
  readonly merchantContact: MerchantContact | undefined;
};

/**
 * Ends the session with `text` followed by the merchant's phone and email, by voice and in a
 * Simple card. Alexa reads a number written with separators (`+1-206-555-0100`) digit by digit.
 * Without a configured contact only `text` is said, and a warning (with no contact data and
 * nothing about the shopper) is logged.
 */
export function speakMerchantContact(
  input: HandlerInput,
  options: {
    readonly text: string;
    readonly prompts: Prompts;
    readonly storeName: string;
    readonly contact: MerchantContact | undefined;
    readonly logger: Logger;
    readonly intent: string;
  },
): Response {
  const { contact, prompts } = options;
  if (contact === undefined) {
    options.logger.warn('merchant contact not configured', { intent: options.intent });
    return input.responseBuilder
      .speak(escapeSsml(options.text))
      .withShouldEndSession(true)
      .getResponse();
  }
  const card = prompts.contactCard(options.storeName, contact);
  return (
    input.responseBuilder
      .speak(escapeSsml(`${options.text} ${prompts.contactDetails(contact)}`))
      .withSimpleCard(card.title, card.content)
      // Ends rather than asking "anything else?": a yes would confirm an order awaiting one.
      .withShouldEndSession(true)
      .getResponse()
  );
}

/**
 * Takes "I want a refund" or "where is my refund". When the shopper's last order has refunds on
 * their way, or is refunded, the shopper hears so, with the amount and the order; otherwise
 * refunds and returns are the merchant's, so the shopper hears the merchant's phone and email and
 * gets them in a card. Calls one CheckoutService method, which only reads: an order awaiting a yes
 * stays as it is and is offered again at the next launch.
 */
export class RefundIntentHandler implements RequestHandler {
  constructor(private readonly deps: ContactHandlerDeps) {}

  canHandle = isIntent('RefundIntent');

  async handle(input: HandlerInput): Promise<Response> {
    const { checkout } = this.deps;
    const { merchant } = checkout;
    const locale = speechLocaleFor(
      readLocale(input),
      merchantLocaleOf(merchant.countryOfEstablishment),
    );
    const prompts = promptsFor(locale);
    const userId = readUserId(input);
    const last =
      userId === undefined ? ({ kind: 'none' } as const) : await checkout.welcomeBack({ userId });
    const refund = last.kind === 'settled' ? refundStatusOf(last.order) : undefined;
    if (last.kind === 'settled' && refund !== undefined) {
      const spoken = toSpokenOrder(last.order, checkout.catalog, merchant.storeName, locale);
      const amount = speakMoney(
        { amountMinor: refund.amountMinor, currency: refund.currency },
        locale,
      );
      return input.responseBuilder
        .speak(
          escapeSsml(
            refund.kind === 'onItsWay'
              ? prompts.refundOnItsWay(amount, spoken)
              : prompts.refundCompleted(amount, spoken),
          ),
        )
        .withShouldEndSession(true)
        .getResponse();
    }
    return speakMerchantContact(input, {
      text: prompts.refundOrReturn(merchant.storeName),
      prompts,
      storeName: merchant.storeName,
      contact: this.deps.merchantContact,
      logger: this.deps.logger,
      intent: 'RefundIntent',
    });
  }
}

/**
 * Where the refunds of an order stand, for the shopper: on their way (refund-pending, the sum of
 * the pending refunds) or completed (refunded, the sum returned); undefined for any other order.
 */
export function refundStatusOf(order: Order):
  | {
      readonly kind: 'onItsWay' | 'completed';
      readonly amountMinor: number;
      readonly currency: Currency;
    }
  | undefined {
  const currency = order.captured?.currency ?? order.currency;
  if (order.status === OrderStatus.RefundPending) {
    const amountMinor = pendingRefundMinor(order);
    return amountMinor > 0 ? { kind: 'onItsWay', amountMinor, currency } : undefined;
  }
  if (order.status === OrderStatus.Refunded) {
    const amountMinor = completedRefundMinor(order);
    return amountMinor > 0 ? { kind: 'completed', amountMinor, currency } : undefined;
  }
  return undefined;
}
