import type { Catalog } from './Catalog';
import type { Order } from './Order';
import type { ProductBilling } from './ProductBilling';

/**
 * Tells how an order is charged: undefined when it is charged now (the purchase's Charge), or
 * its product's billing when it is charged later through a billing agreement.
 *
 * An order has one line, so its product decides; the catalog is the one the order was priced
 * from (a product no longer in it is treated as charged now, as it was sold).
 */
export function billingOfOrder(
  catalog: Catalog,
  order: Pick<Order, 'lines'>,
): ProductBilling | undefined {
  for (const line of order.lines) {
    const billing = catalog.products.find((p) => p.id === line.productId)?.billing;
    if (billing !== undefined) return billing;
  }
  return undefined;
}

/** Tells whether a catalog sells anything charged later (then a Setup answer reads its order). */
export function hasChargeLaterProducts(catalog: Catalog): boolean {
  return catalog.products.some((p) => p.billing !== undefined);
}
