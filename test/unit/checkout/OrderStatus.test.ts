import {
  canTransition,
  CHARGED_STATUSES,
  isOrderStatus,
  ORDER_TRANSITIONS,
  OrderStatus,
} from '../../../src/checkout/OrderStatus';

const S = OrderStatus;
const ALL: ReadonlyArray<OrderStatus> = Object.values(OrderStatus);

/** The allowed changes, written out from architecture.md (not read back from the table). */
const ALLOWED: ReadonlyArray<[OrderStatus, OrderStatus]> = [
  [S.AwaitingConfirmation, S.SetupPending],
  [S.AwaitingConfirmation, S.Cancelled],
  [S.SetupPending, S.ChargePending],
  [S.SetupPending, S.Failed],
  [S.SetupPending, S.Cancelled],
  [S.ChargePending, S.Paid],
  [S.ChargePending, S.CertificationTest],
  [S.ChargePending, S.HeldForReview],
  [S.ChargePending, S.Declined],
  [S.ChargePending, S.Failed],
  [S.Declined, S.ChargePending],
  [S.Paid, S.Shipped],
  [S.Paid, S.RefundPending],
  [S.Shipped, S.RefundPending],
  [S.RefundPending, S.Refunded],
  [S.RefundPending, S.Paid],
  [S.RefundPending, S.Shipped],
  [S.RefundPending, S.HeldForReview],
  [S.HeldForReview, S.Paid],
  [S.HeldForReview, S.RefundPending],
  [S.SetupPending, S.Subscribed],
];

const isAllowed = (from: OrderStatus, to: OrderStatus) =>
  ALLOWED.some(([f, t]) => f === from && t === to);

const FORBIDDEN: ReadonlyArray<[OrderStatus, OrderStatus]> = ALL.flatMap((from) =>
  ALL.filter((to) => !isAllowed(from, to)).map((to): [OrderStatus, OrderStatus] => [from, to]),
);

describe('OrderStatus', () => {
  describe('isOrderStatus', () => {
    it.each(ALL)('knows %s', (status) => {
      expect(isOrderStatus(status)).toBe(true);
    });

    it.each(['Paid', 'PAID', 'awaiting_confirmation', '', 'toString', undefined, null, 1])(
      'does not know %p',
      (value) => {
        expect(isOrderStatus(value)).toBe(false);
      },
    );
  });

  describe('canTransition', () => {
    it.each(ALLOWED)('allows %s -> %s', (from, to) => {
      expect(canTransition(from, to)).toBe(true);
    });

    it.each<[string, OrderStatus, OrderStatus]>([
      ["charging without the shopper's yes", S.AwaitingConfirmation, S.ChargePending],
      ['paying without a Charge', S.SetupPending, S.Paid],
      ['charging a paid order again', S.Paid, S.ChargePending],
      ['charging a held order again', S.HeldForReview, S.ChargePending],
      ['shipping a certification test', S.CertificationTest, S.Shipped],
      ['paying a declined order without a new Charge', S.Declined, S.Paid],
      ['reviving a cancelled order', S.Cancelled, S.SetupPending],
      ['retrying a failed order', S.Failed, S.ChargePending],
      ['refunding twice', S.Refunded, S.RefundPending],
      ['shipping a held order before review', S.HeldForReview, S.Shipped],
      ['cancelling after the Charge was sent', S.ChargePending, S.Cancelled],
    ])('forbids %s (%s -> %s)', (_name, from, to) => {
      expect(canTransition(from, to)).toBe(false);
    });

    it('forbids every change that is not listed', () => {
      // Act
      const allowedAnyway = FORBIDDEN.filter(([from, to]) => canTransition(from, to));

      // Assess
      expect(FORBIDDEN.length).toBe(ALL.length * ALL.length - ALLOWED.length);
      expect(allowedAnyway).toEqual([]);
    });

    it.each([S.CertificationTest, S.Failed, S.Cancelled, S.Refunded, S.Subscribed])(
      'leaves the terminal status %s nowhere to go',
      (status) => {
        expect(ORDER_TRANSITIONS[status]).toEqual([]);
      },
    );

    it('never moves an order back to awaiting-confirmation', () => {
      expect(ALL.filter((from) => canTransition(from, S.AwaitingConfirmation))).toEqual([]);
    });

    it('never moves an order to the status it is in', () => {
      expect(ALL.filter((status) => canTransition(status, status))).toEqual([]);
    });

    it('never leads an order that may have been charged back to charge-pending', () => {
      expect([...CHARGED_STATUSES].filter((s) => canTransition(s, S.ChargePending))).toEqual([]);
    });
  });

  describe('CHARGED_STATUSES', () => {
    it('holds every status in which money may have been taken', () => {
      expect([...CHARGED_STATUSES].sort()).toEqual(
        [
          S.Paid,
          S.CertificationTest,
          S.HeldForReview,
          S.Shipped,
          S.RefundPending,
          S.Refunded,
        ].sort(),
      );
    });
  });
});
