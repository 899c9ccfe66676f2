import type { Order } from '../../../src/checkout/Order';
import { CorruptOrderItemError } from '../../../src/store/errors';
import type { OrderItem } from '../../../src/store/orderItem';
import {
  EXPIRY_ATTRIBUTE,
  isKeptForGood,
  parseOrderItem,
  toExpiresAtEpoch,
  toOrderItem,
} from '../../../src/store/orderItem';
import { anOrder, EXPIRES_AT } from '../../support/orders';

const aFullOrder = (): Order =>
  anOrder({
    status: 'charge-pending',
    version: 3,
    attempt: 1,
    lines: [
      { productId: 'coffee-beans', name: 'Coffee beans', quantity: 2, unitPriceMinor: 1299 },
      { productId: 'mug', name: 'Mug', quantity: 1, unitPriceMinor: 0 },
    ],
    authorizationReferenceId: '01JNQ3Z8X6V7M2K4T9R5B1C0DE-1',
    billingAgreementId: 'C01-1234567-1234567',
    amazonAuthorizationId: 'S01-1234567-1234567-A000001',
    amazonOrderReferenceId: 'S01-1234567-1234567',
    lastOutcome: {
      operation: 'Charge',
      kind: 'declined',
      code: 'InvalidPaymentMethod',
      statusCode: '200',
    },
    amazonCaptureId: 'S01-1234567-1234567-C000001',
    captured: { amountMinor: 3305, currency: 'USD' },
    refunds: [
      {
        refundReferenceId: '01JNQ3Z8X6V7M2K4T9R5B1C0DE-r1',
        amountMinor: 1000,
        currency: 'USD',
        requestedAt: '2026-03-02T10:00:00.000Z',
        state: 'declined',
        amazonRefundId: 'S01-1234567-1234567-R000002',
        reasonCode: 'AmazonRejected',
        updatedAt: '2026-03-02T11:00:00.000Z',
      },
      {
        refundReferenceId: '01JNQ3Z8X6V7M2K4T9R5B1C0DE-r2',
        amountMinor: 2305,
        currency: 'USD',
        requestedAt: '2026-03-03T10:00:00.000Z',
        state: 'pending',
        updatedAt: '2026-03-03T10:00:00.000Z',
      },
    ],
    statusBeforeRefund: 'shipped',
    history: [
      { status: 'awaiting-confirmation', at: '2026-03-01T10:00:00.000Z' },
      { status: 'setup-pending', at: '2026-03-01T10:01:00.000Z' },
      { status: 'charge-pending', at: '2026-03-01T10:02:00+01:00' },
    ],
  });

/** A stored item of the full order with one attribute replaced (or removed, with `undefined`). */
function anItemWith(path: ReadonlyArray<string | number>, value: unknown): OrderItem {
  const item = structuredClone(toOrderItem(aFullOrder())) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = item;
  for (const key of path.slice(0, -1)) {
    node = node[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1] ?? '';
  if (value === undefined) {
    delete node[last];
  } else {
    node[last] = value;
  }
  return item;
}

function thrownBy(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('orderItem', () => {
  describe('parseOrderItem', () => {
    it('reads back every field of an order written by toOrderItem', () => {
      expect(parseOrderItem(toOrderItem(aFullOrder()))).toStrictEqual(aFullOrder());
    });

    it('leaves absent optional fields absent', () => {
      // Act
      const order = parseOrderItem(toOrderItem(anOrder()));

      // Assess
      expect(order).toStrictEqual(anOrder());
      expect(Object.keys(order)).not.toContain('lastOutcome');
    });

    it('ignores attributes it does not know', () => {
      const item = { ...toOrderItem(anOrder()), futureField: 'x', ttl: 1 };
      expect(parseOrderItem(item)).toStrictEqual(anOrder());
    });

    it.each<[string, unknown]>([
      ['null', null],
      ['a list', [toOrderItem(anOrder())]],
      ['a string', 'order'],
    ])('rejects an item that is %s', (_label, item) => {
      expect(thrownBy(() => parseOrderItem(item))).toMatchObject({
        name: 'CorruptOrderItemError',
        field: 'item',
      });
    });

    it.each<[string, ReadonlyArray<string | number>, unknown]>([
      ['orderId', ['orderId'], undefined],
      ['orderId', ['orderId'], ''],
      ['userId', ['userId'], 42],
      ['status', ['status'], 'lost-in-the-mail'],
      ['version', ['version'], -1],
      ['version', ['version'], 1.5],
      ['version', ['version'], '3'],
      ['version', ['version'], Number.MAX_SAFE_INTEGER + 1],
      ['locale', ['locale'], undefined],
      ['currency', ['currency'], 'CHF'],
      ['lines', ['lines'], { 0: 'x' }],
      ['lines[1]', ['lines', 1], 'mug'],
      ['lines[0].productId', ['lines', 0, 'productId'], undefined],
      ['lines[0].name', ['lines', 0, 'name'], ['Coffee']],
      ['lines[0].quantity', ['lines', 0, 'quantity'], -2],
      ['lines[1].unitPriceMinor', ['lines', 1, 'unitPriceMinor'], '0'],
      ['subtotalMinor', ['subtotalMinor'], Number.NaN],
      ['shippingMinor', ['shippingMinor'], Number.POSITIVE_INFINITY],
      ['taxMinor', ['taxMinor'], null],
      ['totalMinor', ['totalMinor'], undefined],
      ['createdAt', ['createdAt'], 'yesterday'],
      ['updatedAt', ['updatedAt'], '2026-13-45T99:00:00.000Z'],
      ['expiresAt', ['expiresAt'], 1772359200000],
      ['attempt', ['attempt'], -1],
      ['authorizationReferenceId', ['authorizationReferenceId'], null],
      ['billingAgreementId', ['billingAgreementId'], ''],
      ['amazonAuthorizationId', ['amazonAuthorizationId'], {}],
      ['amazonOrderReferenceId', ['amazonOrderReferenceId'], 7],
      ['lastOutcome', ['lastOutcome'], 'declined'],
      ['lastOutcome.operation', ['lastOutcome', 'operation'], 'Refund'],
      ['lastOutcome.kind', ['lastOutcome', 'kind'], undefined],
      ['lastOutcome.code', ['lastOutcome', 'code'], 3],
      ['lastOutcome.statusCode', ['lastOutcome', 'statusCode'], 200],
      ['amazonCaptureId', ['amazonCaptureId'], ''],
      ['captured', ['captured'], 3305],
      ['captured.amountMinor', ['captured', 'amountMinor'], -1],
      ['captured.currency', ['captured', 'currency'], 'XBT'],
      ['refunds', ['refunds'], { 0: 'r1' }],
      ['refunds[1]', ['refunds', 1], 'r2'],
      ['refunds[0].refundReferenceId', ['refunds', 0, 'refundReferenceId'], undefined],
      ['refunds[0].amountMinor', ['refunds', 0, 'amountMinor'], '10.00'],
      ['refunds[0].currency', ['refunds', 0, 'currency'], undefined],
      ['refunds[1].requestedAt', ['refunds', 1, 'requestedAt'], 'today'],
      ['refunds[0].state', ['refunds', 0, 'state'], 'Completed'],
      ['refunds[1].state', ['refunds', 1, 'state'], undefined],
      ['refunds[0].amazonRefundId', ['refunds', 0, 'amazonRefundId'], ''],
      ['refunds[0].reasonCode', ['refunds', 0, 'reasonCode'], 42],
      ['refunds[1].updatedAt', ['refunds', 1, 'updatedAt'], null],
      ['statusBeforeRefund', ['statusBeforeRefund'], 'Paid'],
      ['history', ['history'], 'awaiting-confirmation'],
      ['history[2]', ['history', 2], null],
      ['history[0].status', ['history', 0, 'status'], 'pending'],
      ['history[1].at', ['history', 1, 'at'], '2026-03-01 10:01'],
    ])('names %s when it holds %p', (field, path, value) => {
      // Act
      const parse = (): Order => parseOrderItem(anItemWith(path, value));

      // Assess
      expect(parse).toThrow(CorruptOrderItemError);
      expect(thrownBy(parse)).toMatchObject({ field });
      expect(parse).toThrow(`stored order item is corrupt: ${field} `);
    });

    it('never puts the offending value in the message', () => {
      // Prepare
      const secret = 'amzn1.ask.account.SECRET';
      const item = anItemWith(['lines', 0, 'name'], { userId: secret });

      // Act
      const parse = (): Order => parseOrderItem(item);

      // Assess
      expect(parse).toThrow(CorruptOrderItemError);
      expect(parse).not.toThrow(secret);
    });
  });

  describe('isKeptForGood', () => {
    it.each([
      ['charge-pending', true],
      ['paid', true],
      ['certification-test', true],
      ['held-for-review', true],
      ['shipped', true],
      ['refund-pending', true],
      ['refunded', true],
      ['awaiting-confirmation', false],
      ['setup-pending', false],
      ['declined', false],
      ['failed', false],
      ['cancelled', false],
    ] as const)('says %s -> %p', (status, kept) => {
      expect(isKeptForGood(status)).toBe(kept);
    });
  });

  describe('toExpiresAtEpoch', () => {
    it('rounds a fractional second down', () => {
      expect(toExpiresAtEpoch('1970-01-01T00:00:01.999Z')).toBe(1 + 2_592_000);
    });
  });

  describe('toOrderItem', () => {
    it('drops undefined optional fields, also inside lastOutcome', () => {
      // Act
      const item = toOrderItem(
        anOrder({
          billingAgreementId: undefined,
          lastOutcome: { operation: 'Setup', kind: 'ok', code: undefined },
        }),
      );

      // Assess
      expect(Object.keys(item)).not.toContain('billingAgreementId');
      expect(item.lastOutcome).toStrictEqual({ operation: 'Setup', kind: 'ok' });
    });

    it('adds the expiry, 30 days after expiresAt in epoch seconds, to an uncharged order', () => {
      expect(toOrderItem(anOrder())[EXPIRY_ATTRIBUTE]).toBe(
        Math.floor(Date.parse(EXPIRES_AT) / 1000) + 2_592_000,
      );
    });

    it('leaves the expiry out of an order kept for good', () => {
      expect(Object.keys(toOrderItem(anOrder({ status: 'paid' })))).not.toContain(EXPIRY_ATTRIBUTE);
    });

    it('copies only the fields of Order', () => {
      const order = { ...anOrder(), sessionSecret: 'x' } as Order;
      expect(Object.keys(toOrderItem(order))).not.toContain('sessionSecret');
    });
  });
});
