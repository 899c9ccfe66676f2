import type { Prompts, SpokenLine, SpokenOrder } from './Prompts';

function list(items: ReadonlyArray<string>, conjunction: 'and' | 'or'): string {
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

function items(order: SpokenOrder): string {
  return list(order.lines.map(line), 'and');
}

/** The skill's prompts in US English; also the fallback for locales without their own. */
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
    `Delivery to your default Amazon shipping address costs ${order.shipping}` +
    (order.hasTax ? `, and tax is ${order.tax}` : '') +
    `. Your total is ${order.total}, paid with Amazon Pay. Shall I place the order?`,
  summaryReprompt: (total) => `Shall I place your order for ${total}? Please say yes or no.`,
  noOrderWaiting: (products) =>
    `There's no order waiting for your okay. You can buy ${list(products, 'or')}. What would you like?`,
  orderExpired:
    'That order waited too long, so I cancelled it. You have not been charged. What would you like to buy?',
  orderNotAwaiting: 'That order is already on its way through checkout.',
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
    `Thank you. ${store} has received your order and will check it before it ships. You'll get an email from Amazon Pay.`,
  declined: 'Your order was not placed, and you were not charged.',
  declinedAmazonSpoke: 'Your order was not placed, and you were not charged.',
  setupFailed:
    "Sorry, I couldn't set up Amazon Pay for this order, so it was not placed and you were not charged. Please try again later.",
  setupFailedAmazonSpoke: 'Your order was not placed, and you were not charged.',
  paymentFailed:
    "Sorry, the payment didn't go through, so your order was not placed. Please try again later.",
  voicePurchaseDisabled:
    'To order by voice, please turn on voice purchasing in the Alexa app, under Settings, Account Settings, Voice Purchasing. Your order was not placed.',
  unknownOrder: "Sorry, I couldn't find that order.",
  alreadyHandled: 'That order has already been taken care of.',
  help: (products) =>
    `I can order ${list(products, 'or')} for you, paid with Amazon Pay. Try saying: buy two bags of coffee. What would you like?`,
  fallback: (products) =>
    `Sorry, I didn't get that. You can buy ${list(products, 'or')}. What would you like?`,
  goodbye: 'Goodbye!',
  goodbyeCancelled: "Okay, I've cancelled your order, and you have not been charged. Goodbye!",
  unexpectedError: 'Sorry, something went wrong on our side. Please try again in a moment.',
};
