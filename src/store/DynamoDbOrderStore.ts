import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Money } from '../checkout/money';
import type { Order, OrderOutcomeRecord, ShippingAddress } from '../checkout/Order';
import type {
  OrderChanges,
  OrderListQuery,
  OrderPage,
  QueryableOrderStore,
  ShipRequest,
  StatusTransition,
  TransitionResult,
} from '../checkout/OrderStore';
import { OrderStatus } from '../checkout/OrderStatus';
import type {
  BeginRefundRequest,
  RecordRefundCallRequest,
  RefundStore,
  SettleRefundRequest,
} from '../refunds/RefundStore';
import type { OrderStoreOperation } from './errors';
import { InvalidOrderQueryError, OrderExistsError, OrderStoreUnavailableError } from './errors';
import {
  DELIVERY_ZONE_ATTRIBUTE,
  EXPIRY_ATTRIBUTE,
  isKeptForGood,
  parseOrderItem,
  toExpiresAtEpoch,
  toMoneyItem,
  toOrderItem,
  toDeliveryZone,
  toOutcomeItem,
  toShippingAddressItem,
} from './orderItem';
import { isNonOrderRecord, RECORD_TYPE_ATTRIBUTE } from './recordType';
import {
  buildBeginRefundUpdate,
  buildRecordRefundCallUpdate,
  buildSettleRefundUpdate,
} from './refundUpdates';
import { errorName, isConditionalCheckFailed, toUnavailableError } from './sdkErrors';

/** Name of the global secondary index that finds a shopper's orders, latest `createdAt` last. */
export const ORDERS_BY_USER_INDEX = 'userId-createdAt';

/**
 * Name of the sparse global secondary index that finds a buyer's orders (those placed with an
 * Amazon Pay buyer id), latest `createdAt` last: the customer record of a buyer known by buyer id.
 */
export const ORDERS_BY_BUYER_INDEX = 'buyerId-createdAt';

/** Name of the global secondary index that lists orders in one status by `updatedAt`. */
export const ORDERS_BY_STATUS_INDEX = 'status-updatedAt';

/**
 * Name of the sparse global secondary index of the billing agreements with a charge due, earliest
 * first (see DynamoDbAgreementStore); only items with both its keys are in it.
 */
export const BILLING_DUE_INDEX = 'billing-due';

/** The partition key of BILLING_DUE_INDEX, set on an agreement only while it has a charge due. */
export const BILLING_DUE_PARTITION_ATTRIBUTE = 'billingDuePartition';

/** The sort key of BILLING_DUE_INDEX: when the agreement's next charge is due (ISO instant). */
export const NEXT_CHARGE_AT_ATTRIBUTE = 'nextChargeAt';

/**
 * The orders table, without its name: partition key `orderId`, on-demand billing, and the global
 * secondary indexes (all attributes projected): the two order indexes, and the sparse
 * `billing-due` index of the billing agreements with a charge due (only their items carry its
 * keys; see DynamoDbAgreementStore).
 *
 * Infrastructure code and `createOrdersTable` share it so that the local table and the deployed
 * one cannot drift apart.
 */
export const ORDERS_TABLE_DEFINITION: Readonly<Omit<CreateTableCommandInput, 'TableName'>> =
  Object.freeze({
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'orderId', AttributeType: 'S' },
      { AttributeName: 'userId', AttributeType: 'S' },
      { AttributeName: 'createdAt', AttributeType: 'S' },
      { AttributeName: 'status', AttributeType: 'S' },
      { AttributeName: 'updatedAt', AttributeType: 'S' },
      { AttributeName: 'buyerId', AttributeType: 'S' },
      { AttributeName: BILLING_DUE_PARTITION_ATTRIBUTE, AttributeType: 'S' },
      { AttributeName: NEXT_CHARGE_AT_ATTRIBUTE, AttributeType: 'S' },
    ],
    KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [
      {
        IndexName: ORDERS_BY_USER_INDEX,
        KeySchema: [
          { AttributeName: 'userId', KeyType: 'HASH' },
          { AttributeName: 'createdAt', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: ORDERS_BY_STATUS_INDEX,
        KeySchema: [
          { AttributeName: 'status', KeyType: 'HASH' },
          { AttributeName: 'updatedAt', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: ORDERS_BY_BUYER_INDEX,
        KeySchema: [
          { AttributeName: 'buyerId', KeyType: 'HASH' },
          { AttributeName: 'createdAt', KeyType: 'RANGE' },
        ],
        // Only the key: the order itself is then read consistently from the table.
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
      {
        IndexName: BILLING_DUE_INDEX,
        KeySchema: [
          { AttributeName: BILLING_DUE_PARTITION_ATTRIBUTE, KeyType: 'HASH' },
          { AttributeName: NEXT_CHARGE_AT_ATTRIBUTE, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  } satisfies Omit<CreateTableCommandInput, 'TableName'>);

/** Options of `createOrdersTable`. */
export type CreateOrdersTableOptions = {
  /** How long to wait for the table and its indexes to become ACTIVE; default 60 s. */
  readonly waitTimeoutMs?: number;
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function isTableActive(client: DynamoDBDocumentClient, tableName: string): Promise<boolean> {
  const { Table: table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  return (
    table?.TableStatus === 'ACTIVE' &&
    (table.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE')
  );
}

/**
 * Creates the orders table if it does not exist, then waits until it and its indexes are ACTIVE.
 *
 * Idempotent: a table that exists already (ResourceInUseException) is fine, whatever created it.
 * Meant for the embedded store and tests; deployed tables come from infrastructure code.
 */
export async function createOrdersTable(
  client: DynamoDBDocumentClient,
  tableName: string,
  options: CreateOrdersTableOptions = {},
): Promise<void> {
  try {
    try {
      await client.send(
        new CreateTableCommand({ ...ORDERS_TABLE_DEFINITION, TableName: tableName }),
      );
    } catch (error) {
      if (errorName(error) !== 'ResourceInUseException') {
        throw error;
      }
    }
    const deadline = Date.now() + (options.waitTimeoutMs ?? 60_000);
    for (let delayMs = 10; !(await isTableActive(client, tableName)); delayMs *= 2) {
      if (Date.now() >= deadline) {
        throw new OrderStoreUnavailableError('order store table did not become ACTIVE in time', {
          operation: 'createTable',
          retryable: true,
        });
      }
      await sleep(Math.min(delayMs, 1000));
    }
    await requireIndexes(client, tableName);
  } catch (error) {
    throw toUnavailableError(error, 'createTable');
  }
}

/**
 * Fails, naming them, when a table that existed already lacks indexes of ORDERS_TABLE_DEFINITION
 * (an embedded store made by an older version): queries on them would fail later, one by one.
 */
async function requireIndexes(client: DynamoDBDocumentClient, tableName: string): Promise<void> {
  const { Table: table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const present = new Set((table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const missing = (ORDERS_TABLE_DEFINITION.GlobalSecondaryIndexes ?? [])
    .map((index) => index.IndexName)
    .filter((name): name is string => name !== undefined && !present.has(name));
  if (missing.length > 0) {
    throw new OrderStoreUnavailableError(
      `the orders table ${tableName} lacks the index(es) ${missing.join(', ')} of this version ` +
        '(it was made by an older one): for the embedded store, delete its folder (ORDERS_DB_DIR, ' +
        'default .data) or set ORDERS_DB_DIR to a new one; a deployed table gets them from the template',
      { operation: 'createTable', retryable: false },
    );
  }
}

/** Options of DynamoDbOrderStore. */
export type DynamoDbOrderStoreOptions = {
  /**
   * The document client, or a factory called on first use and then kept (its promise is shared by
   * concurrent first calls; a failed start is retried on the next call). The factory lets the
   * embedded store start only when an order is first read or written.
   */
  readonly client: DynamoDBDocumentClient | (() => Promise<DynamoDBDocumentClient>);
  readonly tableName: string;
};

// The fields of OrderChanges that a transition may set, as a record so that the compiler
// notices a field added to OrderChanges but not here.
const CHANGE_FIELDS: Readonly<Record<keyof OrderChanges, true>> = Object.freeze({
  attempt: true,
  authorizationReferenceId: true,
  billingAgreementId: true,
  amazonAuthorizationId: true,
  amazonOrderReferenceId: true,
  lastOutcome: true,
  shippingAddress: true,
  amazonCaptureId: true,
  captured: true,
});

/**
 * A conditional status write: a StatusTransition, or the merchant's ship, which has no owner to
 * check.
 */
type StatusWrite = Omit<StatusTransition, 'userId'> & { readonly userId?: string };

/**
 * Builds the single UpdateItem of a status change: its condition checks the current status and,
 * when asked, the owner, the attempt and the deadline; its update sets the status, `updatedAt`,
 * the changed fields and the expiry, increments `version` and appends to `history`.
 */
function buildStatusUpdate(change: StatusWrite, tableName: string): UpdateCommand {
  const names: Record<string, string> = {
    '#status': 'status',
    '#updatedAt': 'updatedAt',
    '#version': 'version',
    '#history': 'history',
    '#expiresAtEpoch': EXPIRY_ATTRIBUTE,
  };
  const values: Record<string, unknown> = {
    ':from': change.from,
    ':to': change.to,
    ':at': change.at,
    ':one': 1,
    ':noHistory': [],
    ':historyEntry': [{ status: change.to, at: change.at }],
  };
  // A missing item has no status, so this condition also keeps an update from creating one.
  const conditions = ['#status = :from'];
  const updates = [
    '#status = :to',
    '#updatedAt = :at',
    '#version = #version + :one',
    '#history = list_append(if_not_exists(#history, :noHistory), :historyEntry)',
  ];
  const removals: Array<string> = [];

  if (change.userId !== undefined) {
    names['#userId'] = 'userId';
    values[':userId'] = change.userId;
    conditions.unshift('#userId = :userId');
  }
  if (change.expectedAttempt !== undefined) {
    names['#attempt'] = 'attempt';
    values[':expectedAttempt'] = change.expectedAttempt;
    conditions.push('#attempt = :expectedAttempt');
  }
  if (change.expectedCharge !== undefined) {
    names['#authorizationReferenceId'] = 'authorizationReferenceId';
    values[':expectedReference'] = change.expectedCharge.authorizationReferenceId;
    conditions.push('#authorizationReferenceId = :expectedReference');
    if (change.expectedCharge.totalMinor !== undefined) {
      names['#totalMinor'] = 'totalMinor';
      values[':expectedTotal'] = change.expectedCharge.totalMinor;
      conditions.push('#totalMinor = :expectedTotal');
    }
    if (change.expectedCharge.currency !== undefined) {
      names['#currency'] = 'currency';
      values[':expectedCurrency'] = change.expectedCharge.currency;
      conditions.push('#currency = :expectedCurrency');
    }
  }
  if (change.expectedVersion !== undefined) {
    values[':expectedVersion'] = change.expectedVersion;
    conditions.push('#version = :expectedVersion');
  }
  if (change.expectedDelivery !== undefined && change.expectedDelivery.kind === 'address') {
    // Priced for this zone, or flat (any deliverable address), or before delivery zones.
    names['#deliveryZone'] = DELIVERY_ZONE_ATTRIBUTE;
    values[':deliveryZone'] = toDeliveryZone(change.expectedDelivery);
    values[':flatZone'] = 'flat';
    conditions.push(
      '(attribute_not_exists(#deliveryZone) OR #deliveryZone IN (:deliveryZone, :flatZone))',
    );
  }
  if (change.expectedChargeNow === true) {
    names['#chargeLater'] = 'chargeLater';
    conditions.push('attribute_not_exists(#chargeLater)');
  }
  if (change.notExpiredAt !== undefined) {
    names['#expiresAt'] = 'expiresAt';
    values[':now'] = change.notExpiredAt;
    // ISO 8601 UTC instants of one format compare correctly as strings.
    conditions.push('#expiresAt > :now');
  }
  if (isKeptForGood(change.to)) {
    // An order that was, or may have been, charged is never deleted by time to live.
    removals.push('#expiresAtEpoch');
  } else {
    // Keeps the expiry an order already has; one that lost it on the way through charge-pending
    // (a decline, a failure) gets a new one, counted from this change.
    values[':expiresAtEpoch'] = toExpiresAtEpoch(change.at);
    updates.push('#expiresAtEpoch = if_not_exists(#expiresAtEpoch, :expiresAtEpoch)');
  }
  const changes = change.changes ?? {};
  for (const field of Object.keys(CHANGE_FIELDS) as Array<keyof OrderChanges>) {
    const value = changes[field];
    if (value === undefined) {
      continue;
    }
    names[`#${field}`] = field;
    values[`:set_${field}`] =
      field === 'lastOutcome' && typeof value === 'object'
        ? toOutcomeItem(value as OrderOutcomeRecord)
        : field === 'shippingAddress' && typeof value === 'object'
          ? toShippingAddressItem(value as ShippingAddress)
          : field === 'captured' && typeof value === 'object'
            ? toMoneyItem(value as Money)
            : value;
    updates.push(`#${field} = :set_${field}`);
  }

  return new UpdateCommand({
    TableName: tableName,
    Key: { orderId: change.orderId },
    // The condition on owner and current status makes a re-delivered or out-of-order response
    // a no-op instead of a second state change.
    ConditionExpression: conditions.join(' AND '),
    UpdateExpression:
      `SET ${updates.join(', ')}` + (removals.length > 0 ? ` REMOVE ${removals.join(', ')}` : ''),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnValues: 'ALL_NEW',
  });
}

/** The default and the largest page size of `listOrders`. */
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

// The key attributes that a LastEvaluatedKey of the table or of its indexes can hold.
const CURSOR_KEYS: ReadonlySet<string> = new Set([
  'orderId',
  'userId',
  'createdAt',
  'status',
  'updatedAt',
]);

function toPageSize(limit: number | undefined): number {
  if (limit === undefined) {
    return DEFAULT_PAGE_SIZE;
  }
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new InvalidOrderQueryError('limit', `must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  return limit;
}

/** Encodes a LastEvaluatedKey as an opaque, URL-safe cursor. */
function toCursor(key: Readonly<Record<string, unknown>>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor back into the ExclusiveStartKey it came from, checking that it is a key of
 * string attributes only and, for a status listing, a key of that status.
 */
function parseCursor(cursor: string, status: OrderStatus | undefined): Record<string, string> {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw new InvalidOrderQueryError('cursor', 'is not one this store returned', { cause: error });
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) {
    throw new InvalidOrderQueryError('cursor', 'is not one this store returned');
  }
  const entries = Object.entries(decoded);
  const valid =
    entries.some(([name]) => name === 'orderId') &&
    entries.every(([name, value]) => CURSOR_KEYS.has(name) && typeof value === 'string');
  if (!valid) {
    throw new InvalidOrderQueryError('cursor', 'is not one this store returned');
  }
  const key = Object.fromEntries(entries) as Record<string, string>;
  if (status !== undefined ? key['status'] !== status : key['status'] !== undefined) {
    throw new InvalidOrderQueryError('cursor', 'belongs to another listing');
  }
  return key;
}

/**
 * The OrderStore adapter on DynamoDB (AWS SDK v3 document client): one item per order, keyed by
 * `orderId`; every status change is one conditional UpdateItem.
 *
 * The same class runs against the deployed table and against the embedded dynalite.
 *
 * @example
 * const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
 * const store = new DynamoDbOrderStore({ client, tableName: 'orders' });
 * const result = await store.transition({
 *   orderId,
 *   userId,
 *   from: 'awaiting-confirmation',
 *   to: 'setup-pending',
 *   at: clock.now(),
 * });
 */
export class DynamoDbOrderStore implements QueryableOrderStore, RefundStore {
  readonly #tableName: string;
  readonly #clientOption: DynamoDbOrderStoreOptions['client'];
  #client: Promise<DynamoDBDocumentClient> | undefined;

  constructor(options: DynamoDbOrderStoreOptions) {
    this.#tableName = options.tableName;
    this.#clientOption = options.client;
  }

  /** Stores a new order with a conditional PutItem; a duplicate id fails with OrderExistsError. */
  async create(order: Order): Promise<void> {
    const client = await this.#getClient();
    try {
      await client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: toOrderItem(order),
          ConditionExpression: 'attribute_not_exists(orderId)',
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) {
        throw new OrderExistsError(order.orderId, { cause: error });
      }
      throw toUnavailableError(error, 'create');
    }
  }

  /** Reads one order with a strongly consistent GetItem; undefined when there is none. */
  async get(orderId: string): Promise<Order | undefined> {
    const client = await this.#getClient();
    let item: unknown;
    try {
      ({ Item: item } = await client.send(
        new GetCommand({ TableName: this.#tableName, Key: { orderId }, ConsistentRead: true }),
      ));
    } catch (error) {
      throw toUnavailableError(error, 'get');
    }
    // A record of another type shares the table: it is no order.
    return item === undefined || isNonOrderRecord(item) ? undefined : parseOrderItem(item);
  }

  /**
   * Applies a status change with one conditional UpdateItem (`ReturnValues: ALL_NEW`).
   *
   * When the condition fails, nothing is written and the stored order is read once, consistently,
   * to report it as `current`. (dynalite ignores `ReturnValuesOnConditionCheckFailure`, so the
   * read-after-reject is the path that both dynalite and DynamoDB run.)
   */
  async transition(change: StatusTransition): Promise<TransitionResult> {
    const client = await this.#getClient();
    let attributes: unknown;
    try {
      ({ Attributes: attributes } = await client.send(buildStatusUpdate(change, this.#tableName)));
    } catch (error) {
      if (isConditionalCheckFailed(error)) {
        return { kind: 'rejected', current: await this.get(change.orderId) };
      }
      throw toUnavailableError(error, 'transition');
    }
    return { kind: 'applied', order: parseOrderItem(attributes) };
  }

  /**
   * Finds a shopper's latest order: a Query of the `userId-createdAt` index, newest first, limit
   * 1, then a consistent GetItem of that order (the index is eventually consistent).
   */
  async latestOrderForUser(userId: string): Promise<Order | undefined> {
    const order = await this.#latestOrderBy(
      ORDERS_BY_USER_INDEX,
      'userId',
      userId,
      'latestOrderForUser',
    );
    return order?.userId === userId ? order : undefined;
  }

  /**
   * Finds a buyer's latest order, whatever Alexa user placed it: a Query of the sparse
   * `buyerId-createdAt` index, newest first, limit 1, then a consistent GetItem of that order.
   */
  async latestOrderForBuyer(buyerId: string): Promise<Order | undefined> {
    const order = await this.#latestOrderBy(
      ORDERS_BY_BUYER_INDEX,
      'buyerId',
      buyerId,
      'latestOrderForBuyer',
    );
    return order?.buyerId === buyerId ? order : undefined;
  }

  async #latestOrderBy(
    indexName: string,
    attribute: 'userId' | 'buyerId',
    value: string,
    operation: 'latestOrderForUser' | 'latestOrderForBuyer',
  ): Promise<Order | undefined> {
    if (value === '') {
      return undefined;
    }
    const client = await this.#getClient();
    let items: ReadonlyArray<Readonly<Record<string, unknown>>> | undefined;
    try {
      ({ Items: items } = await client.send(
        new QueryCommand({
          TableName: this.#tableName,
          IndexName: indexName,
          KeyConditionExpression: '#key = :value',
          ExpressionAttributeNames: { '#key': attribute, '#orderId': 'orderId' },
          ExpressionAttributeValues: { ':value': value },
          ProjectionExpression: '#orderId',
          ScanIndexForward: false,
          Limit: 1,
        }),
      ));
    } catch (error) {
      throw toUnavailableError(error, operation);
    }
    const orderId = items?.[0]?.['orderId'];
    if (typeof orderId !== 'string' || orderId === '') {
      return undefined;
    }
    return this.get(orderId);
  }

  /**
   * Lists one page of orders. With a status, a Query of the `status-updatedAt` index, most
   * recently updated first: no scan. Without one, a paginated Scan of the table in no particular
   * order, which only the merchant's full listing and export use (never a request of the skill).
   *
   * An index can lag a write by a moment: an order listed under a status is dropped from the page
   * if the item no longer has it.
   */
  async listOrders(query: OrderListQuery = {}): Promise<OrderPage> {
    const { status } = query;
    const limit = toPageSize(query.limit);
    const startKey = query.cursor === undefined ? undefined : parseCursor(query.cursor, status);
    const client = await this.#getClient();
    let items: ReadonlyArray<unknown> | undefined;
    let lastKey: Readonly<Record<string, unknown>> | undefined;
    try {
      ({ Items: items, LastEvaluatedKey: lastKey } = await client.send(
        status === undefined
          ? new ScanCommand({
              TableName: this.#tableName,
              Limit: limit,
              ConsistentRead: true,
              ExclusiveStartKey: startKey,
              // Records that are not orders share the table; a page may hold fewer than `limit`.
              FilterExpression: 'attribute_not_exists(#recordType)',
              ExpressionAttributeNames: { '#recordType': RECORD_TYPE_ATTRIBUTE },
            })
          : new QueryCommand({
              TableName: this.#tableName,
              IndexName: ORDERS_BY_STATUS_INDEX,
              KeyConditionExpression: '#status = :status',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':status': status },
              ScanIndexForward: false,
              Limit: limit,
              ExclusiveStartKey: startKey,
            }),
      ));
    } catch (error) {
      throw toUnavailableError(error, 'listOrders');
    }
    const orders = (items ?? [])
      .map((item) => parseOrderItem(item))
      .filter((order) => status === undefined || order.status === status);
    return lastKey === undefined ? { orders } : { orders, cursor: toCursor(lastKey) };
  }

  /**
   * Marks a paid order shipped with one UpdateItem conditioned on status `paid`. Anything else
   * is rejected with the order as stored now (undefined for an unknown id) and nothing is written.
   */
  async markShipped(request: ShipRequest): Promise<TransitionResult> {
    const client = await this.#getClient();
    let attributes: unknown;
    try {
      ({ Attributes: attributes } = await client.send(
        buildStatusUpdate(
          {
            orderId: request.orderId,
            from: OrderStatus.Paid,
            to: OrderStatus.Shipped,
            at: request.at,
          },
          this.#tableName,
        ),
      ));
    } catch (error) {
      if (isConditionalCheckFailed(error)) {
        return { kind: 'rejected', current: await this.get(request.orderId) };
      }
      throw toUnavailableError(error, 'markShipped');
    }
    return { kind: 'applied', order: parseOrderItem(attributes) };
  }

  /** Records a pending refund and moves the order to refund-pending: one conditional UpdateItem. */
  async beginRefund(request: BeginRefundRequest): Promise<TransitionResult> {
    return this.#refundWrite(
      buildBeginRefundUpdate(request, this.#tableName),
      request,
      'beginRefund',
    );
  }

  /** Records Amazon's id on a pending refund: one conditional UpdateItem. */
  async recordRefundCall(request: RecordRefundCallRequest): Promise<TransitionResult> {
    return this.#refundWrite(
      buildRecordRefundCallUpdate(request, this.#tableName),
      request,
      'recordRefundCall',
    );
  }

  /** Settles a pending refund and moves the order on: one conditional UpdateItem. */
  async settleRefund(request: SettleRefundRequest): Promise<TransitionResult> {
    return this.#refundWrite(
      buildSettleRefundUpdate(request, this.#tableName),
      request,
      'settleRefund',
    );
  }

  /** Sends a refund write; a failed condition writes nothing and reads the order once. */
  async #refundWrite(
    command: UpdateCommand,
    request: { readonly orderId: string },
    operation: OrderStoreOperation,
  ): Promise<TransitionResult> {
    const client = await this.#getClient();
    let attributes: unknown;
    try {
      ({ Attributes: attributes } = await client.send(command));
    } catch (error) {
      if (isConditionalCheckFailed(error)) {
        return { kind: 'rejected', current: await this.get(request.orderId) };
      }
      throw toUnavailableError(error, operation);
    }
    return { kind: 'applied', order: parseOrderItem(attributes) };
  }

  #getClient(): Promise<DynamoDBDocumentClient> {
    const option = this.#clientOption;
    if (typeof option !== 'function') {
      return Promise.resolve(option);
    }
    if (this.#client === undefined) {
      const starting = (async () => option())().catch((error: unknown) => {
        // Forget a failed start so that the next call tries again.
        if (this.#client === starting) {
          this.#client = undefined;
        }
        throw toUnavailableError(error, 'connect');
      });
      this.#client = starting;
    }
    return this.#client;
  }
}
