import type { Catalog } from '../checkout/Catalog';
import type { Order } from '../checkout/Order';
import type { SpokenOrder } from '../speech/Prompts';
import { speakMoney } from '../speech/speakMoney';

/** Turns a stored order into what the prompts speak: names from the catalog, amounts formatted. */
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
      return {
        quantity: line.quantity,
        spokenName: product?.spokenName ?? { one: line.name, other: line.name },
        displayName: line.name,
        lineTotal: money(line.unitPriceMinor * line.quantity),
      };
    }),
    shipping: money(order.shippingMinor),
    tax: money(order.taxMinor),
    total: money(order.totalMinor),
    hasTax: order.taxMinor > 0,
  };
}

/** The spoken names of everything the catalog sells, for lists in prompts. */
export function productNames(catalog: Catalog): ReadonlyArray<string> {
  return catalog.products.map((p) => p.spokenName.other);
}
