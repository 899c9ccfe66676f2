import type { Prompts, SpokenBilling, SpokenLine, SpokenOrder } from './Prompts';

/** Joins phrases the English way: "a, b, and c" (or "a, b, or c"). */
export function list(items: ReadonlyArray<string>, conjunction: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  if (items.length === 2) return `${items[0]} ${conjunction} ${items[1]}`;
  return `${items.slice(0, -1).join(', ')}, ${conjunction} ${items[items.length - 1]}`;
}

const NUMBER_WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
];

function line(item: SpokenLine): string {
  const count = NUMBER_WORDS[item.quantity] ?? String(item.quantity);
  const name = item.quantity === 1 ? item.spokenName.one : item.spokenName.other;
  return `${count} ${name} for ${item.lineTotal}`;
}

/** Says an order's lines in English: "two bags of coffee for $29.98 and one kit for $39.99". */
export function items(order: SpokenOrder): string {
  return list(order.lines.map(line), 'and');
}

/** Says how often an order charged later is charged: "every month", "for what you use". */
function every(billing: SpokenBilling): string {
  if (billing.kind === 'payAsYouGo') return 'for what you use';
  switch (billing.period) {
    case 'P1W':
      return 'every week';
    case 'P1M':
      return 'every month';
    case 'P3M':
      return 'every three months';
    case 'P1Y':
      return 'every year';
    default: {
      const unreachable: never = billing.period;
      return unreachable;
    }
  }
}

/** The amount agreed to: "$18.97 every month", or what is used. */
function agreed(order: SpokenOrder, billing: SpokenBilling): string {
  return billing.kind === 'payAsYouGo' ? 'for what you use' : `${order.total} ${every(billing)}`;
}

/** The skill's prompts in US English; the last fallback for a locale the skill does not speak. */
export const EN_US: Prompts = {
  welcome: (store, products) =>
    `Welcome to ${store}. You can buy ${list(products, 'or')}, paid with Amazon Pay. What would you like?`,
  whatToBuy: (products) => `What would you like? You can buy ${list(products, 'or')}.`,
  unknownProduct: (products) =>
    `Sorry, we don't sell that. You can buy ${list(products, 'or')}. What would you like?`,
  quantityNotUnderstood: (name, max) =>
    `Sorry, I didn't catch how many ${name} you want. You can order up to ${max}. How many would you like?`,
  quantityNotWhole: (name, max) =>
    `Please tell me a whole number of ${name}, up to ${max}. How many would you like?`,
  quantityTooFew: (name) => `You need to order at least one. How many ${name} would you like?`,
  quantityTooMany: (name, max) =>
    `Sorry, you can order at most ${max} ${name} at a time. How many would you like?`,
  overChargeLimit: (max) =>
    `Sorry, that order would come to more than ${max}, the most I can charge at once. Please order fewer.`,
  howMany: (name, max) => `How many ${name} would you like? You can order up to ${max}.`,
  permissionNeeded: (store) =>
    `To pay ${store} with Amazon Pay, please allow Amazon Pay for this skill in the Alexa app. I've sent a card there to help.`,
  summary: (order) =>
    `Here's your order from ${order.storeName}: ${items(order)}. ` +
    (order.flatShipping
      ? `I couldn't get your delivery address from Amazon just now, so delivery is the standard ${order.shipping}`
      : `Delivery to your default Amazon shipping address costs ${order.shipping}`) +
    (order.hasTax ? `, and tax is ${order.tax}` : '') +
    `. Your total is ${order.total}, paid with Amazon Pay. Shall I place the order?`,
  undeliverable: (storeName) =>
    `Sorry, ${storeName} doesn't deliver to your default Amazon shipping address yet. You can pick another default address in your Amazon account, then ask me again.`,
  addressChanged:
    "Your default shipping address changed while I was setting up the payment, so your order didn't go through, and you haven't been charged. Please ask me again to hear the new total.",
  addressUnavailable:
    "Sorry, I couldn't get your delivery address from Amazon just now, so I can't work out the delivery cost. Please try again in a little while.",
  summaryReprompt: (total) => `Shall I place your order for ${total}? Please say yes or no.`,
  noOrderWaiting: (products) =>
    `There's no order waiting for your okay. You can buy ${list(products, 'or')}. What would you like?`,
  orderExpired:
    'That order waited too long, so I cancelled it. You have not been charged. What would you like to buy?',
  orderNotAwaiting: 'That order is already with Amazon Pay.',
  orderCancelled: "Okay, I've cancelled that order. You have not been charged.",
  nothingToCancel: "Okay. There's no order to cancel.",
  confirmed: (order) =>
    `Thank you! Your order from ${order.storeName} is placed: ${items(order)}, ` +
    `${order.total} in total. I've sent the details to your Alexa app.`,
  confirmationCard: (order, orderId) => ({
    title: `Order confirmed: ${order.storeName}`,
    content: [
      ...order.lines.map((l) => `${l.quantity} x ${l.displayName}: ${l.lineTotal}`),
      `Delivery: ${order.shipping}`,
      ...(order.hasTax ? [`Tax: ${order.tax}`] : []),
      `Total: ${order.total}`,
      `Seller: ${order.storeName}`,
      `Order number: ${orderId}`,
      'Paid with Amazon Pay.',
    ].join('\n'),
  }),
  heldForReview: (store) =>
    `Thank you. ${store} has your order and will check the payment before anything ships. You'll get an email about it.`,
  amazonSpoke: 'You have not been charged for this order.',
  amazonSpokeTryLater: 'You have not been charged. You can try again in a little while.',
  declined:
    "Amazon Pay couldn't accept this payment, so your order didn't go through. You have not been charged.",
  declinedTryLater:
    "The payment couldn't be completed, so your order didn't go through, and you have not been charged. You can try again later.",
  agreementNotUsable:
    "The payment method on your Amazon account can't be used right now, so your order didn't go through. Please check it in your Amazon account, then try again.",
  noShippingAddress:
    "I couldn't get a delivery address from your Amazon account, so your order didn't go through, and you have not been charged. Please check your default shipping address in your Amazon account.",
  setupFailed:
    "Sorry, I couldn't set up Amazon Pay for this order, so it didn't go through, and you have not been charged. Please try again later.",
  paymentFailed:
    "Sorry, the payment didn't go through, so your order didn't either. Please try again later.",
  paymentUnfinished: (store) =>
    `Amazon Pay didn't finish the payment just now. Open ${store} again in a few minutes and I'll finish your order; you won't be charged twice.`,
  somethingWentWrong:
    "Sorry, something went wrong with the payment, so your order didn't go through.",
  voicePurchaseDisabled:
    "To order by voice, please turn on voice purchasing in the Alexa app, under Settings, Account Settings, Voice Purchasing. I sent a card with the steps. Your order didn't go through.",
  voicePurchaseCard: {
    title: 'Turn on voice purchasing',
    content:
      'In the Alexa app: Settings > Account Settings > Voice Purchasing. Switch purchasing by voice on; you can also set a voice code there. Then open the skill again.',
  },
  unknownOrder: "Sorry, I couldn't find that order.",
  alreadyHandled: 'That order has already been taken care of.',
  welcomeBackAwaiting: (order) =>
    `Welcome back to ${order.storeName}. Your order of ${items(order)} is still waiting: ` +
    `${order.total} in total. Shall I place it?`,
  welcomeBackUnfinished: (order) =>
    `Welcome back to ${order.storeName}. Your order of ${items(order)} hasn't finished going through yet. Shall I try again?`,
  welcomeBackDeclined: (order) =>
    `Welcome back to ${order.storeName}. The payment for your order of ${items(order)} didn't go through. If you've checked your payment method, I can try again. Shall I?`,
  welcomeBackFailed: (order) =>
    `Welcome back to ${order.storeName}. Your last order, ${items(order)}, didn't go through. Would you like to order it again?`,
  welcomeBackUnpaid: (store, products) =>
    `Welcome back to ${store}. Your last order didn't go through, and you were not charged for it. You can buy ${list(products, 'or')}. What would you like?`,
  welcomeBackSettled: (order, status) =>
    `Welcome back to ${order.storeName}. ` +
    (status === 'shipped'
      ? `Your last order, ${items(order)}, has shipped. `
      : status === 'paid'
        ? `Your last order, ${items(order)}, is paid and will ship soon. `
        : 'Your last order is being checked before it ships. ') +
    'What would you like today?',
  retryReprompt: 'Shall I try that order again? Please say yes or no.',
  nothingToRetry: (products) =>
    `There's nothing I can try again for that order. You can buy ${list(products, 'or')}. What would you like?`,
  cancelPlacedOrder: (store) =>
    `To cancel an order that has already gone through, please contact ${store}.`,
  refundOrReturn: (store) => `For a refund or a return, please contact ${store}.`,
  refundOnItsWay: (refund, order) =>
    `Your refund of ${refund} for your last order from ${order.storeName}, ${items(order)}, is on its way. ` +
    'Amazon Pay returns it to the payment method you paid with.',
  refundCompleted: (refund, order) =>
    `Your refund of ${refund} for your last order from ${order.storeName}, ${items(order)}, was completed. ` +
    'The money went back to the payment method you paid with.',
  contactDetails: (contact) =>
    `You can call ${contact.phone} or email ${contact.email}. I've sent these details to your Alexa app.`,
  contactCard: (store, contact) => ({
    title: `Contact ${store}`,
    content: [
      `Phone: ${contact.phone}`,
      `Email: ${contact.email}`,
      'For cancellations, refunds and returns.',
    ].join('\n'),
  }),
  help: (products) =>
    `I can order ${list(products, 'or')} for you, paid with Amazon Pay. Try saying: buy two bags of coffee. What would you like?`,
  fallback: (products) =>
    `Sorry, I didn't get that. You can buy ${list(products, 'or')}. What would you like?`,
  goodbye: 'Goodbye!',
  goodbyeCancelled: "Okay, I've cancelled your order, and you have not been charged. Goodbye!",
  unexpectedError: 'Sorry, something went wrong on our side. Please try again in a moment.',
  chargeLaterSummary: (order, billing) =>
    `Here's your subscription from ${order.storeName}: ${items(order)}, delivered ${every(billing)}` +
    (order.hasTax
      ? `, with delivery ${order.shipping} and tax ${order.tax}`
      : `, with delivery ${order.shipping}`) +
    `. Amazon Pay will charge you ${agreed(order, billing)} until you cancel. Nothing is charged right now: ` +
    `${order.storeName} makes the first charge shortly. Shall I set up the subscription?`,
  chargeLaterReprompt: (order, billing) =>
    `Shall I set up your subscription for ${agreed(order, billing)}? Please say yes or no.`,
  chargeLaterConfirmed: (order, billing) =>
    `Thank you! Your subscription from ${order.storeName} is set up: ${items(order)}, ` +
    `${agreed(order, billing)}. Amazon Pay will charge it ${every(billing)}, starting with ${order.storeName}'s first charge shortly. ` +
    "I've sent the details to your Alexa app.",
  chargeLaterCard: (order, billing, orderId) => ({
    title: `Subscription set up: ${order.storeName}`,
    content: [
      ...order.lines.map((l) => `${l.quantity} x ${l.displayName}: ${l.lineTotal}`),
      `Delivery: ${order.shipping}`,
      ...(order.hasTax ? [`Tax: ${order.tax}`] : []),
      billing.kind === 'payAsYouGo'
        ? 'Charged for what you use'
        : `Charged ${every(billing)}: ${order.total}`,
      `Seller: ${order.storeName}`,
      `Order number: ${orderId}`,
      'Charged by Amazon Pay; nothing was charged when you subscribed.',
    ].join('\n'),
  }),
  welcomeBackSubscribed: (order, billing) =>
    `Welcome back to ${order.storeName}. Your subscription, ${items(order)}, is active: Amazon Pay charges it ${every(billing)}. ` +
    'What would you like today?',
};
