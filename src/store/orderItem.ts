import {
  SHIPPING_ADDRESS_FIELDS,
  type Order,
  type OrderLine,
  type OrderOutcomeRecord,
  type OrderStatusChange,
  type ShippingAddress,
} from '../checkout/Order';
import { CHARGED_STATUSES, isOrderStatus, OrderStatus } from '../checkout/OrderStatus';
import type { DeliveryBasis } from '../checkout/deliveryQuote';
import { isOrderRefundState, type OrderRefund } from '../checkout/OrderRefund';
import type { Currency, Money } from '../checkout/money';
import { isCurrency } from '../checkout/money';
import { CorruptOrderItemError } from './errors';

/** An order as a DynamoDB document (the attribute map that lib-dynamodb marshalls). */
export type OrderItem = Record<string, unknown>;

type Fields = Readonly<Record<string, unknown>>;

/**
 * The attribute that DynamoDB's time to live reads: an epoch time in seconds after which the item
 * may be deleted. Absent on orders that were, or may have been, charged.
 */
export const EXPIRY_ATTRIBUTE = 'expiresAtEpoch';

/** How long an order that was never charged is kept after its deadline (or its last change): 30 days. */
export const UNCHARGED_RETENTION_SECONDS = 30 * 24 * 60 * 60;

/**
 * Tells whether orders in a status are kept for good (no expiry attribute): every charged status,
 * `charge-pending`, whose Charge may have gone through without its answer reaching the skill, and
 * `subscribed`, whose billing agreement the merchant charges (and ships to its address) each period.
 */
export function isKeptForGood(status: OrderStatus): boolean {
  return (
    status === OrderStatus.ChargePending ||
    status === OrderStatus.Subscribed ||
    CHARGED_STATUSES.has(status)
  );
}

/** Converts an instant (ISO 8601) to the expiry attribute's value: that instant plus 30 days. */
export function toExpiresAtEpoch(instant: string): number {
  return Math.floor(Date.parse(instant) / 1000) + UNCHARGED_RETENTION_SECONDS;
}

// ISO 8601 with a UTC offset, as written by Date#toISOString: the GSI sort keys rely on it.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fieldsAt(value: unknown, field: string): Fields {
  if (!isFields(value)) {
    throw new CorruptOrderItemError(field, 'is not a map');
  }
  return value;
}

function stringAt(fields: Fields, key: string, path: string): string {
  const value = fields[key];
  if (typeof value !== 'string' || value.length === 0) {
    throw new CorruptOrderItemError(path, 'is not a non-empty string');
  }
  return value;
}

function optionalStringAt(fields: Fields, key: string, path: string): string | undefined {
  return fields[key] === undefined ? undefined : stringAt(fields, key, path);
}

function integerAt(fields: Fields, key: string, path: string): number {
  const value = fields[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new CorruptOrderItemError(path, 'is not a non-negative safe integer');
  }
  return value;
}

function instantAt(fields: Fields, key: string, path: string): string {
  const value = stringAt(fields, key, path);
  if (!ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
    throw new CorruptOrderItemError(path, 'is not an ISO 8601 instant');
  }
  return value;
}

function statusAt(fields: Fields, key: string, path: string): OrderStatus {
  const value = fields[key];
  if (!isOrderStatus(value)) {
    throw new CorruptOrderItemError(path, 'is not a known order status');
  }
  return value;
}

function currencyAt(fields: Fields, key: string, path: string): Currency {
  const value = fields[key];
  if (!isCurrency(value)) {
    throw new CorruptOrderItemError(path, 'is not a supported currency');
  }
  return value;
}

function listAt(fields: Fields, key: string, path: string): ReadonlyArray<unknown> {
  const value = fields[key];
  if (!Array.isArray(value)) {
    throw new CorruptOrderItemError(path, 'is not a list');
  }
  return value;
}

function parseLine(value: unknown, path: string): OrderLine {
  const fields = fieldsAt(value, path);
  return {
    productId: stringAt(fields, 'productId', `${path}.productId`),
    name: stringAt(fields, 'name', `${path}.name`),
    quantity: integerAt(fields, 'quantity', `${path}.quantity`),
    unitPriceMinor: integerAt(fields, 'unitPriceMinor', `${path}.unitPriceMinor`),
  };
}

function parseStatusChange(value: unknown, path: string): OrderStatusChange {
  const fields = fieldsAt(value, path);
  return {
    status: statusAt(fields, 'status', `${path}.status`),
    at: instantAt(fields, 'at', `${path}.at`),
  };
}

function parseOutcome(value: unknown, path: string): OrderOutcomeRecord {
  const fields = fieldsAt(value, path);
  const operation = fields.operation;
  if (operation !== 'Setup' && operation !== 'Charge') {
    throw new CorruptOrderItemError(`${path}.operation`, 'is neither Setup nor Charge');
  }
  return withoutUndefined({
    operation,
    kind: stringAt(fields, 'kind', `${path}.kind`),
    code: optionalStringAt(fields, 'code', `${path}.code`),
    statusCode: optionalStringAt(fields, 'statusCode', `${path}.statusCode`),
  });
}

function parseMoney(value: unknown, path: string): Money {
  const fields = fieldsAt(value, path);
  return {
    amountMinor: integerAt(fields, 'amountMinor', `${path}.amountMinor`),
    currency: currencyAt(fields, 'currency', `${path}.currency`),
  };
}

function parseRefund(value: unknown, path: string): OrderRefund {
  const fields = fieldsAt(value, path);
  const state = fields.state;
  if (!isOrderRefundState(state)) {
    throw new CorruptOrderItemError(`${path}.state`, 'is not a known refund state');
  }
  return withoutUndefined({
    refundReferenceId: stringAt(fields, 'refundReferenceId', `${path}.refundReferenceId`),
    amountMinor: integerAt(fields, 'amountMinor', `${path}.amountMinor`),
    currency: currencyAt(fields, 'currency', `${path}.currency`),
    requestedAt: instantAt(fields, 'requestedAt', `${path}.requestedAt`),
    state,
    amazonRefundId: optionalStringAt(fields, 'amazonRefundId', `${path}.amazonRefundId`),
    reasonCode: optionalStringAt(fields, 'reasonCode', `${path}.reasonCode`),
    updatedAt: instantAt(fields, 'updatedAt', `${path}.updatedAt`),
  });
}

/** Converts an amount to its stored form: its minor units and currency only. */
export function toMoneyItem(money: Money): OrderItem {
  return { amountMinor: money.amountMinor, currency: money.currency };
}

/** Converts a refund record to its stored form, without undefined optional fields. */
export function toRefundItem(refund: OrderRefund): OrderItem {
  return withoutUndefined({
    refundReferenceId: refund.refundReferenceId,
    amountMinor: refund.amountMinor,
    currency: refund.currency,
    requestedAt: refund.requestedAt,
    state: refund.state,
    amazonRefundId: refund.amazonRefundId,
    reasonCode: refund.reasonCode,
    updatedAt: refund.updatedAt,
  });
}

/** Drops the keys whose value is undefined, so optional fields are absent rather than undefined. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Parses a stored DynamoDB document into an Order, checking every field.
 *
 * Unknown attributes are ignored so that a newer writer does not break an older reader; absent
 * optional fields stay absent. A `null` is not accepted for an optional field.
 *
 * @throws CorruptOrderItemError naming the first field at fault (never its value).
 */
export function parseOrderItem(item: unknown): Order {
  const fields = fieldsAt(item, 'item');
  const order: Order = {
    orderId: stringAt(fields, 'orderId', 'orderId'),
    userId: stringAt(fields, 'userId', 'userId'),
    status: statusAt(fields, 'status', 'status'),
    version: integerAt(fields, 'version', 'version'),
    locale: stringAt(fields, 'locale', 'locale'),
    currency: currencyAt(fields, 'currency', 'currency'),
    lines: listAt(fields, 'lines', 'lines').map((line, i) => parseLine(line, `lines[${i}]`)),
    subtotalMinor: integerAt(fields, 'subtotalMinor', 'subtotalMinor'),
    shippingMinor: integerAt(fields, 'shippingMinor', 'shippingMinor'),
    taxMinor: integerAt(fields, 'taxMinor', 'taxMinor'),
    totalMinor: integerAt(fields, 'totalMinor', 'totalMinor'),
    createdAt: instantAt(fields, 'createdAt', 'createdAt'),
    updatedAt: instantAt(fields, 'updatedAt', 'updatedAt'),
    expiresAt: instantAt(fields, 'expiresAt', 'expiresAt'),
    buyerId: optionalStringAt(fields, 'buyerId', 'buyerId'),
    chargeLater: fields.chargeLater === true ? true : undefined,
    delivery:
      fields.delivery === undefined ? undefined : parseDelivery(fields.delivery, 'delivery'),
    attempt: integerAt(fields, 'attempt', 'attempt'),
    authorizationReferenceId: optionalStringAt(
      fields,
      'authorizationReferenceId',
      'authorizationReferenceId',
    ),
    billingAgreementId: optionalStringAt(fields, 'billingAgreementId', 'billingAgreementId'),
    amazonAuthorizationId: optionalStringAt(
      fields,
      'amazonAuthorizationId',
      'amazonAuthorizationId',
    ),
    amazonOrderReferenceId: optionalStringAt(
      fields,
      'amazonOrderReferenceId',
      'amazonOrderReferenceId',
    ),
    lastOutcome:
      fields.lastOutcome === undefined
        ? undefined
        : parseOutcome(fields.lastOutcome, 'lastOutcome'),
    shippingAddress:
      fields.shippingAddress === undefined
        ? undefined
        : parseShippingAddress(fields.shippingAddress, 'shippingAddress'),
    amazonCaptureId: optionalStringAt(fields, 'amazonCaptureId', 'amazonCaptureId'),
    captured: fields.captured === undefined ? undefined : parseMoney(fields.captured, 'captured'),
    refunds:
      fields.refunds === undefined
        ? undefined
        : listAt(fields, 'refunds', 'refunds').map((refund, i) =>
            parseRefund(refund, `refunds[${i}]`),
          ),
    statusBeforeRefund:
      fields.statusBeforeRefund === undefined
        ? undefined
        : statusAt(fields, 'statusBeforeRefund', 'statusBeforeRefund'),
    history: listAt(fields, 'history', 'history').map((change, i) =>
      parseStatusChange(change, `history[${i}]`),
    ),
  };
  return withoutUndefined(order);
}

function parseDelivery(value: unknown, path: string): DeliveryBasis {
  const fields = fieldsAt(value, path);
  if (fields.kind === 'flat') return { kind: 'flat' };
  if (fields.kind !== 'address') {
    throw new CorruptOrderItemError(`${path}.kind`, 'is neither address nor flat');
  }
  return withoutUndefined({
    kind: 'address',
    country: stringAt(fields, 'country', `${path}.country`),
    region: optionalStringAt(fields, 'region', `${path}.region`),
  });
}

/** The item attribute that names an order's delivery zone, for conditions on it. */
export const DELIVERY_ZONE_ATTRIBUTE = 'deliveryZone';

/**
 * The one-string form of a delivery basis (`US/WA`, `GB`, `flat`): written with the order so that a
 * write can be conditioned on the zone with one short comparison.
 */
export function toDeliveryZone(delivery: DeliveryBasis): string {
  return delivery.kind === 'flat'
    ? 'flat'
    : delivery.region === undefined
      ? delivery.country
      : `${delivery.country}/${delivery.region}`;
}

/** Converts a delivery basis to its stored form: the zone's codes only. */
export function toDeliveryItem(delivery: DeliveryBasis): OrderItem {
  return delivery.kind === 'flat'
    ? { kind: 'flat' }
    : withoutUndefined({ kind: 'address', country: delivery.country, region: delivery.region });
}

/** Converts a shipping address to its stored form: its known, non-empty text fields only. */
export function toShippingAddressItem(address: ShippingAddress): OrderItem {
  const item: OrderItem = {};
  for (const field of SHIPPING_ADDRESS_FIELDS) {
    const value = address[field];
    if (typeof value === 'string' && value.trim() !== '') item[field] = value;
  }
  return item;
}

function parseShippingAddress(value: unknown, path: string): ShippingAddress {
  const fields = fieldsAt(value, path);
  const address: Record<string, string> = {};
  for (const field of SHIPPING_ADDRESS_FIELDS) {
    const text = optionalStringAt(fields, field, `${path}.${field}`);
    if (text !== undefined) address[field] = text;
  }
  return address;
}

/** Converts an outcome record to its stored form, without undefined optional fields. */
export function toOutcomeItem(outcome: OrderOutcomeRecord): OrderItem {
  return withoutUndefined({ ...outcome });
}

/**
 * Converts an Order to the document stored in DynamoDB: the same fields, minus undefined ones,
 * plus the expiry attribute.
 *
 * Only the fields of Order are copied, so a caller's extra properties never reach the table. The
 * expiry (`expiresAtEpoch`) is 30 days after `expiresAt`, and left out for a status kept for good.
 */
export function toOrderItem(order: Order): OrderItem {
  return withoutUndefined({
    orderId: order.orderId,
    userId: order.userId,
    status: order.status,
    version: order.version,
    locale: order.locale,
    currency: order.currency,
    lines: order.lines.map((line) => ({
      productId: line.productId,
      name: line.name,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
    })),
    subtotalMinor: order.subtotalMinor,
    shippingMinor: order.shippingMinor,
    taxMinor: order.taxMinor,
    totalMinor: order.totalMinor,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    expiresAt: order.expiresAt,
    buyerId: order.buyerId,
    chargeLater: order.chargeLater === true ? true : undefined,
    delivery: order.delivery === undefined ? undefined : toDeliveryItem(order.delivery),
    [DELIVERY_ZONE_ATTRIBUTE]:
      order.delivery === undefined ? undefined : toDeliveryZone(order.delivery),
    attempt: order.attempt,
    authorizationReferenceId: order.authorizationReferenceId,
    billingAgreementId: order.billingAgreementId,
    amazonAuthorizationId: order.amazonAuthorizationId,
    amazonOrderReferenceId: order.amazonOrderReferenceId,
    lastOutcome: order.lastOutcome === undefined ? undefined : toOutcomeItem(order.lastOutcome),
    shippingAddress:
      order.shippingAddress === undefined
        ? undefined
        : toShippingAddressItem(order.shippingAddress),
    amazonCaptureId: order.amazonCaptureId,
    captured: order.captured === undefined ? undefined : toMoneyItem(order.captured),
    refunds: order.refunds?.map(toRefundItem),
    statusBeforeRefund: order.statusBeforeRefund,
    history: order.history.map((change) => ({ status: change.status, at: change.at })),
    [EXPIRY_ATTRIBUTE]: isKeptForGood(order.status) ? undefined : toExpiresAtEpoch(order.expiresAt),
  });
}
