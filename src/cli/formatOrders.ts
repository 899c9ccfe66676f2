import type { Order, OrderOutcomeRecord } from '../checkout/Order';
import type { OrderRefund } from '../checkout/OrderRefund';
import type { OrderStatus } from '../checkout/OrderStatus';
import { OrderStatus as Status } from '../checkout/OrderStatus';
import type { Currency } from '../checkout/money';
import { CURRENCY_EXPONENTS } from '../checkout/money';

/**
 * An amount as the order tools print it in JSON: minor units and currency (exact), the decimal
 * string (`"33.05"`, `"3305"` for yen) and a display form (`"$33.05"`).
 */
export type AmountJson = {
  readonly amountMinor: number;
  readonly currency: Currency;
  readonly decimal: string;
  readonly formatted: string;
};

/** One order in `list --json` and `fulfilment --json`: no user id, no personal data. */
export type OrderSummaryJson = {
  readonly orderId: string;
  readonly status: OrderStatus;
  readonly total: AmountJson;
  readonly totalMinor: number;
  readonly currency: Currency;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lines: ReadonlyArray<{
    readonly productId: string;
    readonly name: string;
    readonly quantity: number;
  }>;
};

/** The reference ids of an order: ours sent to Amazon Pay, and Amazon's. */
export type OrderReferencesJson = {
  readonly authorizationReferenceId?: string;
  readonly billingAgreementId?: string;
  readonly amazonAuthorizationId?: string;
  readonly amazonOrderReferenceId?: string;
  readonly amazonCaptureId?: string;
};

/** One order in `show --json`: lines, totals, history and references; no personal data. */
export type OrderDetailJson = OrderSummaryJson & {
  readonly locale: string;
  readonly expiresAt: string;
  readonly version: number;
  readonly attempt: number;
  readonly releasedForFulfilment: boolean;
  readonly lines: ReadonlyArray<{
    readonly productId: string;
    readonly name: string;
    readonly quantity: number;
    readonly unitPrice: AmountJson;
    readonly lineTotal: AmountJson;
  }>;
  readonly subtotal: AmountJson;
  readonly shipping: AmountJson;
  readonly tax: AmountJson;
  readonly history: ReadonlyArray<{ readonly status: OrderStatus; readonly at: string }>;
  readonly references: OrderReferencesJson;
  readonly lastOutcome?: OrderOutcomeRecord;
  /** The refunds of the order's capture, oldest first; absent when there are none. */
  readonly refunds?: ReadonlyArray<OrderRefund>;
};

const MONEY_FORMATS = new Map<Currency, Intl.NumberFormat>();

/**
 * Converts minor units to a decimal string with the currency's digits (`3305` USD -> `"33.05"`,
 * `3305` JPY -> `"3305"`), exactly, with no floating point.
 */
export function toDecimalAmount(amountMinor: number, currency: Currency): string {
  const exponent = CURRENCY_EXPONENTS[currency];
  const sign = amountMinor < 0 ? '-' : '';
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, '0');
  if (exponent === 0) {
    return `${sign}${digits}`;
  }
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** Formats an amount for people: the currency's symbol, grouping and digits (`$1,033.05`). */
export function formatMoney(amountMinor: number, currency: Currency): string {
  let format = MONEY_FORMATS.get(currency);
  if (format === undefined) {
    // One fixed locale, so that the output is the same on every machine; the symbol of these four
    // currencies is unambiguous in it.
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    MONEY_FORMATS.set(currency, format);
  }
  return format.format(toDecimalAmount(amountMinor, currency) as Intl.StringNumericLiteral);
}

/** Builds the JSON form of an amount. */
export function toAmountJson(amountMinor: number, currency: Currency): AmountJson {
  return {
    amountMinor,
    currency,
    decimal: toDecimalAmount(amountMinor, currency),
    formatted: formatMoney(amountMinor, currency),
  };
}

/** Builds the JSON form of an order in a listing. */
export function toOrderSummaryJson(order: Order): OrderSummaryJson {
  return {
    orderId: order.orderId,
    status: order.status,
    total: toAmountJson(order.totalMinor, order.currency),
    totalMinor: order.totalMinor,
    currency: order.currency,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    lines: order.lines.map((line) => ({
      productId: line.productId,
      name: line.name,
      quantity: line.quantity,
    })),
  };
}

function referencesOf(order: Order): OrderReferencesJson {
  return {
    ...(order.authorizationReferenceId !== undefined && {
      authorizationReferenceId: order.authorizationReferenceId,
    }),
    ...(order.billingAgreementId !== undefined && {
      billingAgreementId: order.billingAgreementId,
    }),
    ...(order.amazonAuthorizationId !== undefined && {
      amazonAuthorizationId: order.amazonAuthorizationId,
    }),
    ...(order.amazonOrderReferenceId !== undefined && {
      amazonOrderReferenceId: order.amazonOrderReferenceId,
    }),
    ...(order.amazonCaptureId !== undefined && { amazonCaptureId: order.amazonCaptureId }),
  };
}

/** Builds the JSON form of one order with everything the merchant may need, but no user id. */
export function toOrderDetailJson(order: Order): OrderDetailJson {
  const money = (amountMinor: number): AmountJson => toAmountJson(amountMinor, order.currency);
  return {
    ...toOrderSummaryJson(order),
    locale: order.locale,
    expiresAt: order.expiresAt,
    version: order.version,
    attempt: order.attempt,
    releasedForFulfilment: order.status === Status.Paid,
    lines: order.lines.map((line) => ({
      productId: line.productId,
      name: line.name,
      quantity: line.quantity,
      unitPrice: money(line.unitPriceMinor),
      lineTotal: money(line.unitPriceMinor * line.quantity),
    })),
    subtotal: money(order.subtotalMinor),
    shipping: money(order.shippingMinor),
    tax: money(order.taxMinor),
    history: order.history.map((change) => ({ status: change.status, at: change.at })),
    references: referencesOf(order),
    ...(order.lastOutcome !== undefined && { lastOutcome: { ...order.lastOutcome } }),
    ...(order.refunds !== undefined && { refunds: order.refunds.map((refund) => ({ ...refund })) }),
  };
}

/** Prints a value as the tools' JSON output: two-space indented, with a final newline. */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

type Column = { readonly header: string; readonly align?: 'right' };

/** Lays out rows as a plain-text table: a header row, then one row per entry, columns padded. */
export function formatTable(
  columns: ReadonlyArray<Column>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
): string {
  const widths = columns.map((column, i) =>
    Math.max(column.header.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: ReadonlyArray<string>): string =>
    columns
      .map((column, i) => {
        const cell = cells[i] ?? '';
        const width = widths[i] ?? 0;
        return column.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...rows.map(line)].map((l) => `${l}\n`).join('');
}

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** Describes an order's lines in one short phrase: `2 x House Blend, 1 x Mug`. */
export function describeLines(order: Order, separator = ', '): string {
  return order.lines.map((line) => `${line.quantity} x ${line.name}`).join(separator);
}

/**
 * The instant an order became paid, from its history (the last `paid` entry); its `updatedAt`
 * when the history has none.
 */
export function paidAtOf(order: Order): string {
  const paid = order.history.filter((change) => change.status === Status.Paid).at(-1);
  return paid?.at ?? order.updatedAt;
}

/** Formats `list`: one row per order (id, status, total, created), then a count. */
export function formatOrderList(orders: ReadonlyArray<Order>, status?: OrderStatus): string {
  if (orders.length === 0) {
    return status === undefined ? 'No orders.\n' : `No orders with status ${status}.\n`;
  }
  const table = formatTable(
    [
      { header: 'ORDER ID' },
      { header: 'STATUS' },
      { header: 'TOTAL', align: 'right' },
      { header: 'CREATED' },
    ],
    orders.map((o) => [o.orderId, o.status, formatMoney(o.totalMinor, o.currency), o.createdAt]),
  );
  return `${table}${plural(orders.length, 'order')}\n`;
}

/** Formats `fulfilment`: the paid orders to ship (id, paid at, total, items), then a count. */
export function formatFulfilmentList(orders: ReadonlyArray<Order>): string {
  if (orders.length === 0) {
    return 'Nothing to ship: no paid orders.\n';
  }
  const table = formatTable(
    [
      { header: 'ORDER ID' },
      { header: 'PAID' },
      { header: 'TOTAL', align: 'right' },
      { header: 'ITEMS' },
    ],
    orders.map((o) => [
      o.orderId,
      paidAtOf(o),
      formatMoney(o.totalMinor, o.currency),
      describeLines(o),
    ]),
  );
  return `${table}${plural(orders.length, 'order')} to ship\n`;
}

const STATUS_NOTES: Partial<Record<OrderStatus, string>> = {
  [Status.Paid]: 'paid: released for fulfilment',
  [Status.CertificationTest]: 'a certification test order: never shipped',
  [Status.HeldForReview]: 'approved with a reason the skill does not know: a merchant decides',
  [Status.RefundPending]: 'a refund is pending at Amazon Pay: npm run orders -- sync-refunds',
  [Status.Subscribed]:
    'a billing agreement: never charged here; npm run billing -- run-due charges each period',
};

function describeOutcome(outcome: OrderOutcomeRecord): string {
  const details = [
    outcome.code === undefined ? undefined : `code ${outcome.code}`,
    outcome.statusCode === undefined ? undefined : `status ${outcome.statusCode}`,
  ].filter((d) => d !== undefined);
  return `${outcome.operation}: ${outcome.kind}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
}

/** Lays out label/value pairs as indented lines, labels padded, values aligned right or left. */
function alignPairs(
  pairs: ReadonlyArray<readonly [string, string]>,
  values: 'left' | 'right' = 'right',
): string[] {
  const labelWidth = Math.max(...pairs.map(([label]) => label.length));
  const valueWidth = Math.max(...pairs.map(([, value]) => value.length));
  return pairs.map(([label, value]) =>
    `  ${label.padEnd(labelWidth)}  ${values === 'right' ? value.padStart(valueWidth) : value}`.trimEnd(),
  );
}

/** Formats `show`: one order with its lines, totals, status history and reference ids. */
export function formatOrderDetail(order: Order): string {
  const money = (amountMinor: number): string => formatMoney(amountMinor, order.currency);
  const note = STATUS_NOTES[order.status];
  const out: string[] = [
    `Order ${order.orderId}`,
    `  status    ${order.status}${note === undefined ? '' : ` (${note})`}`,
    `  created   ${order.createdAt}`,
    `  updated   ${order.updatedAt}`,
    `  locale    ${order.locale}`,
    '',
    'Lines',
    ...formatTable(
      [
        { header: 'QTY', align: 'right' },
        { header: 'PRODUCT' },
        { header: 'UNIT PRICE', align: 'right' },
        { header: 'LINE TOTAL', align: 'right' },
      ],
      order.lines.map((line) => [
        String(line.quantity),
        `${line.name} (${line.productId})`,
        money(line.unitPriceMinor),
        money(line.unitPriceMinor * line.quantity),
      ]),
    )
      .trimEnd()
      .split('\n')
      .map((l) => `  ${l}`),
    '',
    'Totals',
    ...alignPairs([
      ['subtotal', money(order.subtotalMinor)],
      ['shipping', money(order.shippingMinor)],
      ['tax', money(order.taxMinor)],
      ['total', money(order.totalMinor)],
    ]),
    '',
    'History',
    ...order.history.map((change) => `  ${change.at}  ${change.status}`),
  ];
  const references = Object.entries(referencesOf(order));
  if (references.length > 0) {
    out.push('', 'References', ...alignPairs(references, 'left'));
  }
  if (order.lastOutcome !== undefined) {
    out.push('', `Last Amazon Pay answer: ${describeOutcome(order.lastOutcome)}`);
  }
  if (order.refunds !== undefined && order.refunds.length > 0) {
    out.push(
      '',
      'Refunds',
      ...order.refunds.map(
        (refund) =>
          `  ${refund.requestedAt}  ${formatMoney(refund.amountMinor, refund.currency)}  ` +
          `${refund.state}${refund.reasonCode === undefined ? '' : ` (${refund.reasonCode})`}  ` +
          `${refund.refundReferenceId}${refund.amazonRefundId === undefined ? '' : `  ${refund.amazonRefundId}`}`,
      ),
    );
  }
  return `${out.join('\n')}\n`;
}

/** The header row of `export-csv`. */
export const ORDER_CSV_HEADER: ReadonlyArray<string> = Object.freeze([
  'orderId',
  'status',
  'createdAt',
  'updatedAt',
  'currency',
  'subtotal',
  'shipping',
  'tax',
  'total',
  'items',
  'authorizationReferenceId',
  'amazonAuthorizationId',
  'amazonOrderReferenceId',
  'billingAgreementId',
]);

/** Builds one `export-csv` row: amounts as decimal strings in the row's currency. */
export function toOrderCsvRow(order: Order): ReadonlyArray<string> {
  const decimal = (amountMinor: number): string => toDecimalAmount(amountMinor, order.currency);
  return [
    order.orderId,
    order.status,
    order.createdAt,
    order.updatedAt,
    order.currency,
    decimal(order.subtotalMinor),
    decimal(order.shippingMinor),
    decimal(order.taxMinor),
    decimal(order.totalMinor),
    describeLines(order, '; '),
    order.authorizationReferenceId ?? '',
    order.amazonAuthorizationId ?? '',
    order.amazonOrderReferenceId ?? '',
    order.billingAgreementId ?? '',
  ];
}
