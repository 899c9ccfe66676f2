import {
  describeLines,
  formatFulfilmentList,
  formatMoney,
  formatOrderDetail,
  formatOrderList,
  formatTable,
  ORDER_CSV_HEADER,
  paidAtOf,
  toAmountJson,
  toDecimalAmount,
  toJsonText,
  toOrderCsvRow,
  toOrderDetailJson,
  toOrderSummaryJson,
} from '../../../src/cli/formatOrders';
import type { Order } from '../../../src/checkout/Order';
import { anOrder, CREATED_AT } from '../../support/orders';

const PAID_AT = '2026-03-01T10:03:00.000Z';

const aPaidOrder = (overrides: Partial<Order> = {}): Order =>
  anOrder({
    orderId: 'paid-order-1',
    status: 'paid',
    version: 4,
    attempt: 1,
    updatedAt: PAID_AT,
    lines: [
      { productId: 'coffee-beans', name: 'Coffee beans', quantity: 2, unitPriceMinor: 1299 },
      { productId: 'mug', name: 'Mug, "large"', quantity: 1, unitPriceMinor: 0 },
    ],
    authorizationReferenceId: 'paid-order-1-1',
    billingAgreementId: 'C01-1234567-1234567',
    amazonAuthorizationId: 'S01-1234567-1234567-A000001',
    lastOutcome: { operation: 'Charge', kind: 'approved', statusCode: '200' },
    history: [
      { status: 'awaiting-confirmation', at: CREATED_AT },
      { status: 'setup-pending', at: '2026-03-01T10:01:00.000Z' },
      { status: 'charge-pending', at: '2026-03-01T10:02:00.000Z' },
      { status: 'paid', at: PAID_AT },
    ],
    ...overrides,
  });

describe('formatOrders', () => {
  describe('toDecimalAmount', () => {
    it.each<[number, 'USD' | 'EUR' | 'GBP' | 'JPY', string]>([
      [3305, 'USD', '33.05'],
      [5, 'EUR', '0.05'],
      [0, 'GBP', '0.00'],
      [100, 'USD', '1.00'],
      [3305, 'JPY', '3305'],
      [0, 'JPY', '0'],
      [-250, 'USD', '-2.50'],
      [Number.MAX_SAFE_INTEGER, 'USD', '90071992547409.91'],
    ])('writes %p %s as %p', (minor, currency, expected) => {
      expect(toDecimalAmount(minor, currency)).toBe(expected);
    });
  });

  describe('formatMoney', () => {
    it.each<[number, 'USD' | 'EUR' | 'GBP' | 'JPY', string]>([
      [3305, 'USD', '$33.05'],
      [103305, 'USD', '$1,033.05'],
      [1250, 'EUR', '€12.50'],
      [999, 'GBP', '£9.99'],
      [3305, 'JPY', '¥3,305'],
    ])('formats %p %s as %p', (minor, currency, expected) => {
      expect(formatMoney(minor, currency)).toBe(expected);
    });

    it('formats an amount beyond float precision exactly', () => {
      expect(formatMoney(Number.MAX_SAFE_INTEGER, 'USD')).toBe('$90,071,992,547,409.91');
    });
  });

  describe('toOrderSummaryJson', () => {
    it('holds the id, status, total in every form, currency, instants and lines', () => {
      expect(toOrderSummaryJson(aPaidOrder())).toStrictEqual({
        orderId: 'paid-order-1',
        status: 'paid',
        total: { amountMinor: 3305, currency: 'USD', decimal: '33.05', formatted: '$33.05' },
        totalMinor: 3305,
        currency: 'USD',
        createdAt: CREATED_AT,
        updatedAt: PAID_AT,
        lines: [
          { productId: 'coffee-beans', name: 'Coffee beans', quantity: 2 },
          { productId: 'mug', name: 'Mug, "large"', quantity: 1 },
        ],
      });
    });

    it('carries no user id', () => {
      expect(JSON.stringify(toOrderSummaryJson(aPaidOrder()))).not.toContain(anOrder().userId);
    });
  });

  describe('toOrderDetailJson', () => {
    it('adds lines with prices, totals, history, references and the last outcome', () => {
      // Act
      const json = toOrderDetailJson(aPaidOrder());

      // Assess
      expect(json).toMatchObject({
        orderId: 'paid-order-1',
        status: 'paid',
        releasedForFulfilment: true,
        locale: 'en-US',
        version: 4,
        attempt: 1,
        subtotal: { amountMinor: 2598, decimal: '25.98' },
        shipping: { amountMinor: 499, decimal: '4.99' },
        tax: { amountMinor: 208, decimal: '2.08' },
        total: { amountMinor: 3305, decimal: '33.05' },
        references: {
          authorizationReferenceId: 'paid-order-1-1',
          billingAgreementId: 'C01-1234567-1234567',
          amazonAuthorizationId: 'S01-1234567-1234567-A000001',
        },
        lastOutcome: { operation: 'Charge', kind: 'approved', statusCode: '200' },
      });
      expect(json.lines[0]).toEqual({
        productId: 'coffee-beans',
        name: 'Coffee beans',
        quantity: 2,
        unitPrice: { amountMinor: 1299, currency: 'USD', decimal: '12.99', formatted: '$12.99' },
        lineTotal: { amountMinor: 2598, currency: 'USD', decimal: '25.98', formatted: '$25.98' },
      });
      expect(json.history.map((h) => h.status)).toEqual([
        'awaiting-confirmation',
        'setup-pending',
        'charge-pending',
        'paid',
      ]);
      expect(JSON.stringify(json)).not.toContain(anOrder().userId);
    });

    it.each(['certification-test', 'held-for-review', 'charge-pending', 'shipped'] as const)(
      'does not release an order in status %s for fulfilment',
      (status) => {
        expect(toOrderDetailJson(aPaidOrder({ status })).releasedForFulfilment).toBe(false);
      },
    );

    it('leaves out references and outcome an order does not have', () => {
      // Act
      const json = toOrderDetailJson(anOrder());

      // Assess
      expect(json.references).toStrictEqual({});
      expect(json).not.toHaveProperty('lastOutcome');
    });
  });

  describe('toJsonText', () => {
    it('indents by two spaces and ends with a newline', () => {
      expect(toJsonText([{ a: 1 }])).toBe('[\n  {\n    "a": 1\n  }\n]\n');
    });
  });

  describe('formatTable', () => {
    it('pads columns to their widest cell, right-aligns where asked, trims line ends', () => {
      // Act
      const text = formatTable(
        [{ header: 'ID' }, { header: 'TOTAL', align: 'right' }, { header: 'NOTE' }],
        [
          ['a', '$1.00', ''],
          ['long-id', '$100.00', 'x'],
        ],
      );

      // Assess
      expect(text).toBe(
        'ID         TOTAL  NOTE\n' + 'a          $1.00\n' + 'long-id  $100.00  x\n',
      );
    });
  });

  describe('describeLines', () => {
    it('says the quantity and name of each line', () => {
      expect(describeLines(aPaidOrder())).toBe('2 x Coffee beans, 1 x Mug, "large"');
      expect(describeLines(aPaidOrder(), '; ')).toBe('2 x Coffee beans; 1 x Mug, "large"');
    });
  });

  describe('paidAtOf', () => {
    it('takes the instant of the last paid entry of the history', () => {
      expect(paidAtOf(aPaidOrder({ updatedAt: '2026-04-01T00:00:00.000Z' }))).toBe(PAID_AT);
    });

    it('falls back to updatedAt when the history has no paid entry', () => {
      expect(paidAtOf(aPaidOrder({ history: [] }))).toBe(PAID_AT);
    });
  });

  describe('formatOrderList', () => {
    it('prints one row per order and a count', () => {
      // Act
      const text = formatOrderList([
        aPaidOrder(),
        anOrder({ orderId: 'yen-order', currency: 'JPY', totalMinor: 3305 }),
      ]);

      // Assess
      expect(text.split('\n')).toEqual([
        'ORDER ID      STATUS                  TOTAL  CREATED',
        `paid-order-1  paid                   $33.05  ${CREATED_AT}`,
        `yen-order     awaiting-confirmation  ¥3,305  ${CREATED_AT}`,
        '2 orders',
        '',
      ]);
    });

    it('says so when there are no orders, naming the status asked for', () => {
      expect(formatOrderList([])).toBe('No orders.\n');
      expect(formatOrderList([], 'paid')).toBe('No orders with status paid.\n');
    });
  });

  describe('formatFulfilmentList', () => {
    it('prints the paid instant, total and items of each order', () => {
      // Act
      const text = formatFulfilmentList([aPaidOrder()]);

      // Assess
      expect(text).toContain(`paid-order-1  ${PAID_AT}  $33.05  2 x Coffee beans, 1 x Mug`);
      expect(text.endsWith('1 order to ship\n')).toBe(true);
    });

    it('says that there is nothing to ship', () => {
      expect(formatFulfilmentList([])).toBe('Nothing to ship: no paid orders.\n');
    });
  });

  describe('formatOrderDetail', () => {
    it('prints lines, totals, history, references and the last Amazon Pay answer', () => {
      // Act
      const text = formatOrderDetail(aPaidOrder());

      // Assess
      expect(text).toContain('Order paid-order-1\n');
      expect(text).toContain('status    paid (paid: released for fulfilment)');
      expect(text).toMatch(/ {2}2 +Coffee beans \(coffee-beans\) +\$12\.99 +\$25\.98\n/);
      expect(text).toMatch(/ {2}total +\$33\.05\n/);
      expect(text).toContain(`  ${PAID_AT}  paid\n`);
      expect(text).toMatch(/ {2}authorizationReferenceId +paid-order-1-1\n/);
      expect(text).toContain('Last Amazon Pay answer: Charge: approved (status 200)');
      expect(text).not.toContain(anOrder().userId);
    });

    it('says that a certification test order is never shipped', () => {
      expect(formatOrderDetail(aPaidOrder({ status: 'certification-test' }))).toContain(
        'certification-test (a certification test order: never shipped)',
      );
    });

    it('prints no references section for an order without any', () => {
      expect(formatOrderDetail(anOrder())).not.toContain('References');
    });

    it('prints the capture and each refund with its amount, state, reason and ids', () => {
      // Prepare
      const order = aPaidOrder({
        status: 'refund-pending',
        amazonCaptureId: 'S01-1234567-1234567-C000001',
        captured: { amountMinor: 3305, currency: 'USD' },
        refunds: [
          {
            refundReferenceId: 'paid-order-1-r1',
            amountMinor: 1000,
            currency: 'USD',
            requestedAt: PAID_AT,
            state: 'declined',
            amazonRefundId: 'S01-1234567-1234567-R000002',
            reasonCode: 'AmazonRejected',
            updatedAt: PAID_AT,
          },
          {
            refundReferenceId: 'paid-order-1-r2',
            amountMinor: 3305,
            currency: 'USD',
            requestedAt: PAID_AT,
            state: 'pending',
            updatedAt: PAID_AT,
          },
        ],
      });

      // Act
      const text = formatOrderDetail(order);
      const json = toOrderDetailJson(order);

      // Assess
      expect(text).toContain('refund-pending (a refund is pending at Amazon Pay');
      expect(text).toMatch(/ {2}amazonCaptureId +S01-1234567-1234567-C000001\n/);
      expect(text).toContain(
        `Refunds\n  ${PAID_AT}  $10.00  declined (AmazonRejected)  paid-order-1-r1  ` +
          `S01-1234567-1234567-R000002\n  ${PAID_AT}  $33.05  pending  paid-order-1-r2\n`,
      );
      expect(json.references.amazonCaptureId).toBe('S01-1234567-1234567-C000001');
      expect(json.refunds).toEqual(order.refunds);
    });

    it('prints no refunds section for an order without refunds', () => {
      expect(formatOrderDetail(aPaidOrder())).not.toContain('Refunds');
    });
  });

  describe('toOrderCsvRow', () => {
    it('matches the header, with decimal amounts and the currency', () => {
      // Act
      const row = toOrderCsvRow(aPaidOrder());

      // Assess
      expect(row).toHaveLength(ORDER_CSV_HEADER.length);
      expect(Object.fromEntries(ORDER_CSV_HEADER.map((h, i) => [h, row[i]]))).toEqual({
        orderId: 'paid-order-1',
        status: 'paid',
        createdAt: CREATED_AT,
        updatedAt: PAID_AT,
        currency: 'USD',
        subtotal: '25.98',
        shipping: '4.99',
        tax: '2.08',
        total: '33.05',
        items: '2 x Coffee beans; 1 x Mug, "large"',
        authorizationReferenceId: 'paid-order-1-1',
        amazonAuthorizationId: 'S01-1234567-1234567-A000001',
        amazonOrderReferenceId: '',
        billingAgreementId: 'C01-1234567-1234567',
      });
    });

    it('writes yen amounts without decimals', () => {
      // Act
      const row = toOrderCsvRow(anOrder({ currency: 'JPY', totalMinor: 3305 }));

      // Assess
      expect(row[ORDER_CSV_HEADER.indexOf('total')]).toBe('3305');
    });
  });

  describe('toAmountJson', () => {
    it('gives every form of the amount', () => {
      expect(toAmountJson(1250, 'EUR')).toEqual({
        amountMinor: 1250,
        currency: 'EUR',
        decimal: '12.50',
        formatted: '€12.50',
      });
    });
  });
});
