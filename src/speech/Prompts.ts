/**
 * A product's spoken name in the prompts' language: singular, plural, the noun's gender (for the
 * word "one"; masculine when absent) and the counter said after a number (Japanese `袋`, `個`).
 */
export type SpokenProductName = {
  readonly one: string;
  readonly other: string;
  readonly gender?: 'masculine' | 'feminine' | 'neuter';
  readonly counter?: string;
};

/** One line of an order, ready to be spoken. */
export type SpokenLine = {
  readonly quantity: number;
  readonly spokenName: SpokenProductName;
  readonly displayName: string;
  readonly lineTotal: string;
};

/** How shoppers reach the merchant about placed orders, refunds and returns (from config). */
export type MerchantContact = { readonly phone: string; readonly email: string };

/** An order summary ready to be spoken: amounts already formatted for the locale. */
export type SpokenOrder = {
  readonly storeName: string;
  readonly lines: ReadonlyArray<SpokenLine>;
  readonly shipping: string;
  readonly tax: string;
  readonly total: string;
  readonly hasTax: boolean;
  /** Shipping is the flat rate because the shopper's address could not be had (the summary says so). */
  readonly flatShipping: boolean;
};

/**
 * How an order charged later is charged, for speech: every period of a subscription (ISO 8601:
 * `P1W`, `P1M`, `P3M`, `P1Y`), or by usage (pay-as-you-go).
 */
export type SpokenBilling =
  | { readonly kind: 'subscription'; readonly period: 'P1W' | 'P1M' | 'P3M' | 'P1Y' }
  | { readonly kind: 'payAsYouGo' };

/** A card for the Alexa app. */
export type CardText = { readonly title: string; readonly content: string };

/**
 * Every sentence the skill says, for one locale. Missing a key is a type error, so no locale can
 * lack a prompt. Texts are plain: the response builder escapes them for SSML.
 */
export type Prompts = {
  readonly welcome: (storeName: string, products: ReadonlyArray<string>) => string;
  readonly whatToBuy: (products: ReadonlyArray<string>) => string;
  readonly unknownProduct: (products: ReadonlyArray<string>) => string;
  readonly quantityNotUnderstood: (productOther: string, max: number) => string;
  readonly quantityNotWhole: (productOther: string, max: number) => string;
  readonly quantityTooFew: (productOther: string) => string;
  readonly quantityTooMany: (productOther: string, max: number) => string;
  readonly howMany: (productOther: string, max: number) => string;
  readonly overChargeLimit: (maxCharge: string) => string;
  readonly permissionNeeded: (storeName: string) => string;
  readonly summary: (order: SpokenOrder) => string;
  readonly summaryReprompt: (total: string) => string;
  /** BuyIntent: the default address is in a country or region the shop does not deliver to. */
  readonly undeliverable: (storeName: string) => string;
  /** BuyIntent: the address could not be had and the merchant's policy is to stop. */
  readonly addressUnavailable: string;
  /** After Setup: the address changed to another delivery zone, so nothing was charged. */
  readonly addressChanged: string;
  readonly noOrderWaiting: (products: ReadonlyArray<string>) => string;
  readonly orderExpired: string;
  readonly orderNotAwaiting: string;
  readonly orderCancelled: string;
  readonly nothingToCancel: string;
  readonly confirmed: (order: SpokenOrder) => string;
  readonly confirmationCard: (order: SpokenOrder, orderId: string) => CardText;
  readonly heldForReview: (storeName: string) => string;
  /** After Alexa or Amazon Pay has spoken: a few words that neither repeat nor contradict it. */
  readonly amazonSpoke: string;
  readonly amazonSpokeTryLater: string;
  readonly declined: string;
  readonly declinedTryLater: string;
  readonly agreementNotUsable: string;
  readonly noShippingAddress: string;
  readonly setupFailed: string;
  readonly paymentFailed: string;
  /** Amazon Pay did not finish the Charge: nothing is known yet, and nothing will be charged twice. */
  readonly paymentUnfinished: (storeName: string) => string;
  readonly somethingWentWrong: string;
  readonly voicePurchaseDisabled: string;
  readonly voicePurchaseCard: CardText;
  readonly unknownOrder: string;
  readonly alreadyHandled: string;
  readonly welcomeBackAwaiting: (order: SpokenOrder) => string;
  readonly welcomeBackUnfinished: (order: SpokenOrder) => string;
  readonly welcomeBackDeclined: (order: SpokenOrder) => string;
  readonly welcomeBackFailed: (order: SpokenOrder) => string;
  readonly welcomeBackUnpaid: (storeName: string, products: ReadonlyArray<string>) => string;
  readonly welcomeBackSettled: (
    order: SpokenOrder,
    status: 'paid' | 'shipped' | 'review',
  ) => string;
  /**
   * The summary of an order charged later (a subscription): what the shopper agrees to (the
   * amount and how often), that the merchant makes the first charge, not now, and a yes question.
   */
  readonly chargeLaterSummary: (order: SpokenOrder, billing: SpokenBilling) => string;
  readonly chargeLaterReprompt: (order: SpokenOrder, billing: SpokenBilling) => string;
  /** The confirmation of a billing agreement made: what was agreed, and Amazon Pay charges it. */
  readonly chargeLaterConfirmed: (order: SpokenOrder, billing: SpokenBilling) => string;
  readonly chargeLaterCard: (
    order: SpokenOrder,
    billing: SpokenBilling,
    orderId: string,
  ) => CardText;
  /** The welcome of a shopper whose last order is an agreement to be charged later. */
  readonly welcomeBackSubscribed: (order: SpokenOrder, billing: SpokenBilling) => string;
  readonly retryReprompt: string;
  readonly nothingToRetry: (products: ReadonlyArray<string>) => string;
  /** CancelOrderIntent with no order waiting for a yes: how to cancel an order already placed. */
  readonly cancelPlacedOrder: (storeName: string) => string;
  /** RefundIntent: who handles refunds and returns. */
  readonly refundOrReturn: (storeName: string) => string;
  /** RefundIntent when the last order has refunds on their way: their amount and the order. */
  readonly refundOnItsWay: (refund: string, order: SpokenOrder) => string;
  /** RefundIntent when the last order is refunded: the amount returned and the order. */
  readonly refundCompleted: (refund: string, order: SpokenOrder) => string;
  /** Said after cancelPlacedOrder or refundOrReturn when the merchant's contact is configured. */
  readonly contactDetails: (contact: MerchantContact) => string;
  readonly contactCard: (storeName: string, contact: MerchantContact) => CardText;
  readonly help: (products: ReadonlyArray<string>) => string;
  readonly fallback: (products: ReadonlyArray<string>) => string;
  readonly goodbye: string;
  readonly goodbyeCancelled: string;
  readonly unexpectedError: string;
};
