import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Order } from '../checkout/Order';
import type {
  OrderChanges,
  OrderStore,
  StatusTransition,
  TransitionResult,
} from '../checkout/OrderStore';
import { OrderExistsError, OrderStoreUnavailableError } from './errors';
import { parseOrderItem, toOrderItem, toOutcomeItem } from './orderItem';
import { errorName, isConditionalCheckFailed, toUnavailableError } from './sdkErrors';

/** Name of the global secondary index that finds a shopper's orders, latest `createdAt` last. */
export const ORDERS_BY_USER_INDEX = 'userId-createdAt';

/** Name of the global secondary index that lists orders in one status by `updatedAt`. */
export const ORDERS_BY_STATUS_INDEX = 'status-updatedAt';

/**
 * The orders table, without its name: partition key `orderId`, on-demand billing, and the two
 * global secondary indexes (all attributes projected).
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
  } catch (error) {
    throw toUnavailableError(error, 'createTable');
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
});

/**
 * Builds the single UpdateItem of a status change: its condition checks the owner, the current
 * status and, when asked, the attempt and the deadline; its update sets the status, `updatedAt`,
 * the changed fields, increments `version` and appends to `history`.
 */
function buildTransitionUpdate(change: StatusTransition, tableName: string): UpdateCommand {
  const names: Record<string, string> = {
    '#userId': 'userId',
    '#status': 'status',
    '#updatedAt': 'updatedAt',
    '#version': 'version',
    '#history': 'history',
  };
  const values: Record<string, unknown> = {
    ':userId': change.userId,
    ':from': change.from,
    ':to': change.to,
    ':at': change.at,
    ':one': 1,
    ':noHistory': [],
    ':historyEntry': [{ status: change.to, at: change.at }],
  };
  const conditions = ['#userId = :userId', '#status = :from'];
  const updates = [
    '#status = :to',
    '#updatedAt = :at',
    '#version = #version + :one',
    '#history = list_append(if_not_exists(#history, :noHistory), :historyEntry)',
  ];

  if (change.expectedAttempt !== undefined) {
    names['#attempt'] = 'attempt';
    values[':expectedAttempt'] = change.expectedAttempt;
    conditions.push('#attempt = :expectedAttempt');
  }
  if (change.notExpiredAt !== undefined) {
    names['#expiresAt'] = 'expiresAt';
    values[':now'] = change.notExpiredAt;
    // ISO 8601 UTC instants of one format compare correctly as strings.
    conditions.push('#expiresAt > :now');
  }
  const changes = change.changes ?? {};
  for (const field of Object.keys(CHANGE_FIELDS) as Array<keyof OrderChanges>) {
    const value = changes[field];
    if (value === undefined) {
      continue;
    }
    names[`#${field}`] = field;
    values[`:set_${field}`] = typeof value === 'object' ? toOutcomeItem(value) : value;
    updates.push(`#${field} = :set_${field}`);
  }

  return new UpdateCommand({
    TableName: tableName,
    Key: { orderId: change.orderId },
    // The condition on owner and current status makes a re-delivered or out-of-order response
    // a no-op instead of a second state change.
    ConditionExpression: conditions.join(' AND '),
    UpdateExpression: `SET ${updates.join(', ')}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnValues: 'ALL_NEW',
  });
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
export class DynamoDbOrderStore implements OrderStore {
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
    return item === undefined ? undefined : parseOrderItem(item);
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
      ({ Attributes: attributes } = await client.send(
        buildTransitionUpdate(change, this.#tableName),
      ));
    } catch (error) {
      if (isConditionalCheckFailed(error)) {
        return { kind: 'rejected', current: await this.get(change.orderId) };
      }
      throw toUnavailableError(error, 'transition');
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
