/**
 * The statuses of an order, as fixed by architecture.md.
 *
 * Only `paid` is released to fulfilment; `certification-test` and `held-for-review` were approved by
 * Amazon Pay but are never shipped without a merchant's decision. `subscribed` ends an order charged
 * later: its billing agreement was stored for the merchant's billing job; the order itself is never
 * charged and never released to fulfilment (each period's charge is the billing job's).
 */
export const OrderStatus = {
  AwaitingConfirmation: 'awaiting-confirmation',
  SetupPending: 'setup-pending',
  ChargePending: 'charge-pending',
  Paid: 'paid',
  CertificationTest: 'certification-test',
  HeldForReview: 'held-for-review',
  Declined: 'declined',
  Failed: 'failed',
  Cancelled: 'cancelled',
  Shipped: 'shipped',
  RefundPending: 'refund-pending',
  Refunded: 'refunded',
  Subscribed: 'subscribed',
} as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

const ALL_STATUSES: ReadonlySet<string> = new Set(Object.values(OrderStatus));

/** Tells whether a value is a known order status. */
export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === 'string' && ALL_STATUSES.has(value);
}

/**
 * The allowed status changes. Anything not listed here is refused by the domain, and the store's
 * conditional writes refuse it again if two requests race.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, ReadonlyArray<OrderStatus>>> =
  Object.freeze({
    'awaiting-confirmation': [OrderStatus.SetupPending, OrderStatus.Cancelled],
    'setup-pending': [
      OrderStatus.ChargePending,
      OrderStatus.Subscribed,
      OrderStatus.Failed,
      OrderStatus.Cancelled,
    ],
    'charge-pending': [
      OrderStatus.Paid,
      OrderStatus.CertificationTest,
      OrderStatus.HeldForReview,
      OrderStatus.Declined,
      OrderStatus.Failed,
    ],
    // A soft decline may be retried with the next attempt number.
    declined: [OrderStatus.ChargePending],
    paid: [OrderStatus.Shipped, OrderStatus.RefundPending],
    shipped: [OrderStatus.RefundPending],
    // Back to the status it had when the refunds leave it not refunded: a held order stays held.
    'refund-pending': [
      OrderStatus.Refunded,
      OrderStatus.Paid,
      OrderStatus.Shipped,
      OrderStatus.HeldForReview,
    ],
    'held-for-review': [OrderStatus.Paid, OrderStatus.RefundPending],
    'certification-test': [],
    failed: [],
    cancelled: [],
    refunded: [],
    subscribed: [],
  });

/** Tells whether an order may move from one status to another. */
export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** Statuses in which the shopper was charged, or may have been (never to be charged again). */
export const CHARGED_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>([
  OrderStatus.Paid,
  OrderStatus.CertificationTest,
  OrderStatus.HeldForReview,
  OrderStatus.Shipped,
  OrderStatus.RefundPending,
  OrderStatus.Refunded,
]);
