import { localizeProduct, type Catalog } from '../checkout/Catalog';
import type { Order } from '../checkout/Order';
import { billingOfOrder } from '../checkout/orderBilling';
import type { Prompts, SpokenOrder } from '../speech/Prompts';
import { speakMoney } from '../speech/speakMoney';

/**
 * Turns a stored order into what the prompts speak: names from the catalog in the locale's
 * language (the order's own display name when the catalog has none for the locale), amounts
 * formatted for the locale in the order's currency.
 */
export function toSpokenOrder(
  order: Order,
  catalog: Catalog,
  storeName: string,
  locale: string,
): SpokenOrder {
  const money = (amountMinor: number): string =>
    speakMoney({ amountMinor, currency: order.currency }, locale);
  return {
    storeName,
    lines: order.lines.map((line) => {
      const product = catalog.products.find((p) => p.id === line.productId);
      const names = product === undefined ? undefined : localizeProduct(product, locale);
      return {
        quantity: line.quantity,
        spokenName: names?.spokenName ?? { one: line.name, other: line.name },
        displayName: names !== undefined && names.name !== product?.name ? names.name : line.name,
        lineTotal: money(line.unitPriceMinor * line.quantity),
      };
    }),
    shipping: money(order.shippingMinor),
    tax: money(order.taxMinor),
    total: money(order.totalMinor),
    hasTax: order.taxMinor > 0,
    flatShipping: order.delivery?.kind === 'flat',
  };
}

/** The spoken names of everything the catalog sells, in the locale's language, for lists. */
export function productNames(catalog: Catalog, locale: string): ReadonlyArray<string> {
  return catalog.products.map((p) => localizeProduct(p, locale).spokenName.other);
}

/**
 * The summary of an order awaiting the shopper's yes, and its reprompt: the charge-now one, or
 * for an order charged later, what the shopper agrees to (amount and period) and that nothing is
 * charged now.
 */
export function summaryOf(
  order: Order,
  spoken: SpokenOrder,
  catalog: Catalog,
  prompts: Prompts,
): { readonly text: string; readonly reprompt: string } {
  const billing = billingOfOrder(catalog, order);
  return billing === undefined
    ? { text: prompts.summary(spoken), reprompt: prompts.summaryReprompt(spoken.total) }
    : {
        text: prompts.chargeLaterSummary(spoken, billing),
        reprompt: prompts.chargeLaterReprompt(spoken, billing),
      };
}
