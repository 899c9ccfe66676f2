import type { Order } from '../../src/checkout/Order';

/** The fixed instant at which test orders are created. */
export const CREATED_AT = '2026-03-01T10:00:00.000Z';

/** The fixed instant after which a test order awaiting confirmation expires. */
export const EXPIRES_AT = '2026-03-01T10:15:00.000Z';

/**
 * Builds a valid order awaiting confirmation (two bags of coffee, USD), with fixed ids and
 * instants; `overrides` replace whole fields.
 */
export function anOrder(overrides: Partial<Order> = {}): Order {
  return {
    orderId: '01JNQ3Z8X6V7M2K4T9R5B1C0DE',
    userId: 'amzn1.ask.account.TESTUSER',
    status: 'awaiting-confirmation',
    version: 1,
    locale: 'en-US',
    currency: 'USD',
    lines: [{ productId: 'coffee-beans', name: 'Coffee beans', quantity: 2, unitPriceMinor: 1299 }],
    subtotalMinor: 2598,
    shippingMinor: 499,
    taxMinor: 208,
    totalMinor: 3305,
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
    expiresAt: EXPIRES_AT,
    attempt: 0,
    history: [{ status: 'awaiting-confirmation', at: CREATED_AT }],
    ...overrides,
  };
}
