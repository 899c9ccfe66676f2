import { EN_US, items } from './enUS';
import type { Prompts } from './Prompts';

/**
 * The skill's prompts in British English: the US English prompts, with British wording where the
 * two differ (delivery address, dispatched, get in touch, OK).
 */
export const EN_GB: Prompts = {
  ...EN_US,
  summary: (order) =>
    `Here's your order from ${order.storeName}: ${items(order)}. ` +
    (order.flatShipping
      ? `I couldn't get your delivery address from Amazon just now, so delivery is the standard ${order.shipping}`
      : `Delivery to your default Amazon delivery address costs ${order.shipping}`) +
    (order.hasTax ? `, and tax is ${order.tax}` : '') +
    `. Your total is ${order.total}, paid with Amazon Pay. Shall I place the order?`,
  undeliverable: (storeName) =>
    `Sorry, ${storeName} doesn't deliver to your default Amazon delivery address yet. You can choose another default address in your Amazon account, then ask me again.`,
  addressChanged:
    "Your default delivery address changed while I was setting up the payment, so your order didn't go through, and you haven't been charged. Please ask me again to hear the new total.",
  noShippingAddress:
    "I couldn't get a delivery address from your Amazon account, so your order didn't go through, and you haven't been charged. Please check your default delivery address in your Amazon account.",
  orderCancelled: "OK, I've cancelled that order. You haven't been charged.",
  nothingToCancel: "OK. There's no order to cancel.",
  goodbyeCancelled: "OK, I've cancelled your order, and you haven't been charged. Goodbye!",
  welcomeBackSettled: (order, status) =>
    `Welcome back to ${order.storeName}. ` +
    (status === 'shipped'
      ? `Your last order, ${items(order)}, has been dispatched. `
      : status === 'paid'
        ? `Your last order, ${items(order)}, is paid and will be dispatched soon. `
        : 'Your last order is being checked before it is dispatched. ') +
    'What would you like today?',
  cancelPlacedOrder: (store) =>
    `To cancel an order that has already been placed, please get in touch with ${store}.`,
  refundOrReturn: (store) => `For a refund or a return, please get in touch with ${store}.`,
  refundOnItsWay: (refund, order) =>
    `Your refund of ${refund} for your last order from ${order.storeName}, ${items(order)}, is on its way. ` +
    'Amazon Pay will return it to the payment method you paid with.',
  refundCompleted: (refund, order) =>
    `Your refund of ${refund} for your last order from ${order.storeName}, ${items(order)}, has been completed. ` +
    'The money has gone back to the payment method you paid with.',
};
