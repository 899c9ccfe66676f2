import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import type { Logger } from '../checkout/Logger';
import type { MerchantContact, Prompts } from '../speech/Prompts';
import { merchantLocaleOf, promptsFor } from '../speech/promptsFor';
import type { HandlerDeps } from './HandlerDeps';
import { isIntent } from './matchers';
import { escapeSsml, readLocale } from './requestFacts';

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
 * Takes "I want a refund" or "return my order": refunds and returns are the merchant's, so the
 * shopper hears the merchant's phone and email and gets them in a card. Calls no CheckoutService
 * method; an order awaiting a yes stays as it is and is offered again at the next launch.
 */
export class RefundIntentHandler implements RequestHandler {
  constructor(private readonly deps: ContactHandlerDeps) {}

  canHandle = isIntent('RefundIntent');

  handle(input: HandlerInput): Response {
    const { merchant } = this.deps.checkout;
    const prompts = promptsFor(
      readLocale(input),
      merchantLocaleOf(merchant.countryOfEstablishment),
    );
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
