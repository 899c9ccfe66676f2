import { DESTINATION_SHIPPING_FIELDS } from '../amazonpay/connectionsResponse';
import type { DeliveryBasis } from './deliveryQuote';
import type { Currency, Money } from './money';
import type { OrderRefund } from './OrderRefund';
import type { OrderStatus } from './OrderStatus';

/** One line of an order: a catalog product, how many, and the unit price at order time. */
export type OrderLine = {
  readonly productId: string;
  /** The product's display name in the catalog, for cards and the merchant's tools. */
  readonly name: string;
  readonly quantity: number;
  readonly unitPriceMinor: number;
};

/** One entry of an order's timeline: the status it entered and when (ISO 8601). */
export type OrderStatusChange = {
  readonly status: OrderStatus;
  readonly at: string;
};

/**
 * What the last Amazon Pay answer said, kept for the merchant: classified outcome and Amazon's own
 * codes, never personal data.
 */
export type OrderOutcomeRecord = {
  readonly operation: 'Setup' | 'Charge';
  readonly kind: string;
  /** Amazon's error code or authorization reason code, if any. */
  readonly code?: string;
  readonly statusCode?: string;
};

/**
 * Where an order ships: the fields of Amazon Pay's `destination` that fulfilment needs, and no
 * more (no phone number, no billing address). Kept only on orders that were charged or may be.
 */
export type ShippingAddress = {
  readonly name?: string;
  readonly companyName?: string;
  readonly addressLine1?: string;
  readonly addressLine2?: string;
  readonly addressLine3?: string;
  readonly city?: string;
  readonly districtOrCounty?: string;
  readonly stateOrRegion?: string;
  readonly postalCode?: string;
  readonly countryCode?: string;
};

/** The fields of a ShippingAddress, in the order a label prints them. */
export const SHIPPING_ADDRESS_FIELDS: ReadonlyArray<keyof ShippingAddress> =
  DESTINATION_SHIPPING_FIELDS;

/**
 * An order of the voice purchase, as stored: one item per order, keyed by `orderId`.
 *
 * `version` increases with every write; `attempt` counts Charge attempts (from 1 once Charge is
 * sent) and makes the authorizationReferenceId `${orderId}-${attempt}`.
 */
export type Order = {
  readonly orderId: string;
  readonly userId: string;
  readonly status: OrderStatus;
  readonly version: number;
  readonly locale: string;
  readonly currency: Currency;
  readonly lines: ReadonlyArray<OrderLine>;
  readonly subtotalMinor: number;
  readonly shippingMinor: number;
  readonly taxMinor: number;
  readonly totalMinor: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** After this instant (ISO 8601) an order awaiting confirmation can no longer be confirmed. */
  readonly expiresAt: string;
  /**
   * The shopper's Amazon Pay buyer id, when the Buyer ID API gave it at order time: it finds the
   * buyer's orders across Alexa user ids (the `buyerId-createdAt` index).
   */
  readonly buyerId?: string;
  /**
   * True on an order of a product charged later (a subscription): its approved Setup stores the
   * billing agreement instead of charging it. Absent on charge-now orders.
   */
  readonly chargeLater?: true;
  /** What shipping and tax were priced on (absent on orders from before delivery zones). */
  readonly delivery?: DeliveryBasis;
  readonly attempt: number;
  readonly authorizationReferenceId?: string;
  readonly billingAgreementId?: string;
  readonly amazonAuthorizationId?: string;
  readonly amazonOrderReferenceId?: string;
  readonly lastOutcome?: OrderOutcomeRecord;
  /** Set with the move to charge-pending, from the Setup answer's destination. */
  readonly shippingAddress?: ShippingAddress;
  /**
   * The capture of the Charge (the first `idList` entry), set with the move to paid,
   * held-for-review or certification-test: what a refund refunds.
   */
  readonly amazonCaptureId?: string;
  /** What that capture took, as the Charge answer reported it; set with `amazonCaptureId`. */
  readonly captured?: Money;
  /** The refunds of the capture, oldest first; absent until the first one. */
  readonly refunds?: ReadonlyArray<OrderRefund>;
  /** The status an order in refund-pending goes back to when its refunds leave it not refunded. */
  readonly statusBeforeRefund?: OrderStatus;
  readonly history: ReadonlyArray<OrderStatusChange>;
};

/** Builds the authorizationReferenceId of a Charge attempt (architecture.md: `${orderId}-${attempt}`). */
export function toAuthorizationReferenceId(orderId: string, attempt: number): string {
  return `${orderId}-${attempt}`;
}
