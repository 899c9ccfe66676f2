import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { StatusTransition } from '../../../src/checkout/OrderStore';
import {
  BILLING_DUE_INDEX,
  createOrdersTable,
  ORDERS_TABLE_DEFINITION,
  DynamoDbOrderStore,
  ORDERS_BY_STATUS_INDEX,
  ORDERS_BY_BUYER_INDEX,
  ORDERS_BY_USER_INDEX,
} from '../../../src/store/DynamoDbOrderStore';
import {
  createEmbeddedDocumentClient,
  startEmbeddedDynamo,
} from '../../../src/store/embeddedStore';
import {
  CorruptOrderItemError,
  OrderExistsError,
  OrderStoreUnavailableError,
} from '../../../src/store/errors';
import { toOrderItem } from '../../../src/store/orderItem';
import type { TestOrderStore } from '../../support/dynalite';
import { startTestOrderStore } from '../../support/dynalite';
import { anOrder, CREATED_AT } from '../../support/orders';

const CONFIRMED_AT = '2026-03-01T10:01:00.000Z';
const AFTER_EXPIRY = '2026-03-01T10:20:00.000Z';

describe('DynamoDbOrderStore', () => {
  let t: TestOrderStore;

  beforeAll(async () => {
    t = await startTestOrderStore();
  });

  afterAll(async () => {
    await t.close();
  });

  const confirm = (
    orderId: string,
    overrides: Partial<StatusTransition> = {},
  ): StatusTransition => ({
    orderId,
    userId: anOrder().userId,
    from: 'awaiting-confirmation',
    to: 'setup-pending',
    at: CONFIRMED_AT,
    ...overrides,
  });

  describe('create', () => {
    it('stores an order that get reads back unchanged', async () => {
      // Prepare
      const order = anOrder({
        orderId: 'create-roundtrip',
        billingAgreementId: 'C01-1234567-1234567',
        lastOutcome: { operation: 'Setup', kind: 'approved', statusCode: '200' },
      });

      // Act
      await t.store.create(order);
      const stored = await t.store.get(order.orderId);

      // Assess
      expect(stored).toEqual(order);
    });

    it('leaves out undefined optional fields instead of failing', async () => {
      // Prepare
      const order = anOrder({
        orderId: 'create-undefined',
        billingAgreementId: undefined,
        lastOutcome: { operation: 'Charge', kind: 'declined', code: undefined },
      });

      // Act
      await t.store.create(order);
      const stored = await t.store.get(order.orderId);

      // Assess
      expect(stored).toStrictEqual({
        ...anOrder({ orderId: 'create-undefined' }),
        lastOutcome: { operation: 'Charge', kind: 'declined' },
      });
    });

    it('rejects a second order with the same id and keeps the first', async () => {
      // Prepare
      const first = anOrder({ orderId: 'create-twice' });
      await t.store.create(first);

      // Act
      const second = t.store.create({ ...first, totalMinor: 1 });

      // Assess
      await expect(second).rejects.toThrow(OrderExistsError);
      await expect(second).rejects.toMatchObject({ orderId: 'create-twice' });
      await expect(t.store.get(first.orderId)).resolves.toEqual(first);
    });
  });

  describe('get', () => {
    it('returns undefined for an unknown order id', async () => {
      await expect(t.store.get('no-such-order')).resolves.toBeUndefined();
    });

    it('throws CorruptOrderItemError naming the field of a corrupt stored item', async () => {
      // Prepare
      const item = { ...toOrderItem(anOrder({ orderId: 'get-corrupt' })), totalMinor: -5 };
      await t.client.send(new PutCommand({ TableName: t.tableName, Item: item }));

      // Act
      const read = t.store.get('get-corrupt');

      // Assess
      await expect(read).rejects.toThrow(CorruptOrderItemError);
      await expect(read).rejects.toMatchObject({ field: 'totalMinor' });
    });
  });

  describe('transition', () => {
    it('applies the change and returns the new order, version + 1, history appended', async () => {
      // Prepare
      const order = anOrder({ orderId: 'transition-applies' });
      await t.store.create(order);

      // Act
      const result = await t.store.transition(confirm(order.orderId));

      // Assess
      const expected = {
        ...order,
        status: 'setup-pending',
        updatedAt: CONFIRMED_AT,
        version: 2,
        history: [...order.history, { status: 'setup-pending', at: CONFIRMED_AT }],
      };
      expect(result).toEqual({ kind: 'applied', order: expected });
      await expect(t.store.get(order.orderId)).resolves.toEqual(expected);
    });

    it('sets the given changes with the status, when attempt and deadline hold', async () => {
      // Prepare
      const order = anOrder({ orderId: 'transition-changes', status: 'setup-pending' });
      await t.store.create(order);
      const change = confirm(order.orderId, {
        from: 'setup-pending',
        to: 'charge-pending',
        expectedAttempt: 0,
        notExpiredAt: CONFIRMED_AT,
        changes: {
          attempt: 1,
          authorizationReferenceId: 'transition-changes-1',
          billingAgreementId: 'C01-7654321-7654321',
          lastOutcome: { operation: 'Setup', kind: 'approved', code: undefined },
        },
      });

      // Act
      const result = await t.store.transition(change);

      // Assess
      expect(result).toEqual({
        kind: 'applied',
        order: {
          ...order,
          status: 'charge-pending',
          updatedAt: CONFIRMED_AT,
          version: 2,
          attempt: 1,
          authorizationReferenceId: 'transition-changes-1',
          billingAgreementId: 'C01-7654321-7654321',
          lastOutcome: { operation: 'Setup', kind: 'approved' },
          history: [...order.history, { status: 'charge-pending', at: CONFIRMED_AT }],
        },
      });
    });

    it.each<[string, Partial<StatusTransition>]>([
      ['the status is not the expected one', { from: 'setup-pending', to: 'charge-pending' }],
      ['the order belongs to another user', { userId: 'amzn1.ask.account.SOMEONEELSE' }],
      ['the attempt is not the expected one', { expectedAttempt: 1 }],
      ['the version is not the one read', { expectedVersion: 7 }],
      ['the order has expired', { notExpiredAt: AFTER_EXPIRY }],
    ])('writes nothing and returns the stored order when %s', async (label, overrides) => {
      // Prepare
      const order = anOrder({ orderId: `transition-stale-${label}` });
      await t.store.create(order);

      // Act
      const result = await t.store.transition(confirm(order.orderId, overrides));

      // Assess
      expect(result).toEqual({ kind: 'rejected', current: order });
      await expect(t.store.get(order.orderId)).resolves.toEqual(order);
    });

    it('keeps a shipping address set with a transition, its known fields only', async () => {
      // Prepare
      const order = anOrder({ orderId: 'transition-address' });
      await t.store.create(order);
      const address = { name: 'Ship To', addressLine1: '1 Dock Road', countryCode: 'US' };

      // Act
      const result = await t.store.transition(
        confirm(order.orderId, {
          changes: { shippingAddress: { ...address, phone: '555', extra: 'x' } as typeof address },
        }),
      );

      // Assess
      expect(result.kind === 'applied' && result.order.shippingAddress).toEqual(address);
      expect((await t.store.get(order.orderId))?.shippingAddress).toEqual(address);
    });

    it('rejects an unknown order with no current order, and creates none', async () => {
      // Act
      const result = await t.store.transition(confirm('transition-missing'));

      // Assess
      expect(result).toEqual({ kind: 'rejected', current: undefined });
      await expect(t.store.get('transition-missing')).resolves.toBeUndefined();
    });

    it('applies exactly one of 20 concurrent identical transitions', async () => {
      // Prepare
      const order = anOrder({ orderId: 'transition-race' });
      await t.store.create(order);

      // Act
      const results = await Promise.all(
        Array.from({ length: 20 }, () => t.store.transition(confirm(order.orderId))),
      );

      // Assess
      const applied = results.filter((r) => r.kind === 'applied');
      const rejected = results.filter((r) => r.kind === 'rejected');
      expect(applied).toHaveLength(1);
      expect(rejected).toHaveLength(19);
      const stored = await t.store.get(order.orderId);
      expect(stored).toMatchObject({ status: 'setup-pending', version: 2 });
      expect(stored?.history).toHaveLength(2);
      for (const r of rejected) {
        expect(r).toEqual({ kind: 'rejected', current: stored });
      }
    });
  });

  describe('errors', () => {
    it('wraps a refused connection in a retryable OrderStoreUnavailableError', async () => {
      // Prepare
      const dynamo = await startEmbeddedDynamo({ inMemory: true });
      await dynamo.close();
      const client = createEmbeddedDocumentClient(dynamo.endpoint);
      const store = new DynamoDbOrderStore({ client, tableName: t.tableName });

      // Act
      const read = store.get('any-order');

      // Assess
      await expect(read).rejects.toThrow(OrderStoreUnavailableError);
      await expect(read).rejects.toMatchObject({
        operation: 'get',
        retryable: true,
        code: 'ECONNREFUSED',
      });
      client.destroy();
    });

    it('wraps a missing table in a non-retryable error that names no user', async () => {
      // Prepare
      const store = new DynamoDbOrderStore({ client: t.client, tableName: 'no-such-table' });

      // Act
      const write = store.transition(confirm('errors-missing-table'));

      // Assess
      await expect(write).rejects.toMatchObject({
        name: 'OrderStoreUnavailableError',
        operation: 'transition',
        retryable: false,
        code: 'ResourceNotFoundException',
        cause: expect.objectContaining({ name: 'ResourceNotFoundException' }) as unknown,
      });
      await expect(write).rejects.not.toThrow(anOrder().userId);
    });
  });

  describe('with a client factory', () => {
    it('calls the factory once for concurrent first calls', async () => {
      // Prepare
      const factory = jest.fn(() => Promise.resolve(t.client));
      const store = new DynamoDbOrderStore({ client: factory, tableName: t.tableName });

      // Act
      await Promise.all([store.get('factory-a'), store.get('factory-b'), store.get('factory-c')]);
      await store.get('factory-d');

      // Assess
      expect(factory).toHaveBeenCalledTimes(1);
    });

    it('reports a failed start and tries again on the next call', async () => {
      // Prepare
      const factory = jest
        .fn<Promise<DynamoDBDocumentClient>, []>()
        .mockRejectedValueOnce(new Error('boom'))
        .mockResolvedValue(t.client);
      const store = new DynamoDbOrderStore({ client: factory, tableName: t.tableName });

      // Act
      const first = store.get('factory-retry');
      await expect(first).rejects.toMatchObject({
        name: 'OrderStoreUnavailableError',
        operation: 'connect',
      });
      const second = await store.get('factory-retry');

      // Assess
      expect(second).toBeUndefined();
      expect(factory).toHaveBeenCalledTimes(2);
    });
  });
});

describe('createOrdersTable', () => {
  let t: TestOrderStore;

  beforeAll(async () => {
    t = await startTestOrderStore({ tableName: 'orders-table-test' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('succeeds on a table that exists already', async () => {
    await expect(createOrdersTable(t.client, t.tableName)).resolves.toBeUndefined();
  });

  it('names the indexes an older table lacks, instead of failing query by query', async () => {
    // Prepare: a table made before the buyer and billing indexes
    const older = {
      ...ORDERS_TABLE_DEFINITION,
      GlobalSecondaryIndexes: (ORDERS_TABLE_DEFINITION.GlobalSecondaryIndexes ?? []).filter(
        (index) => index.IndexName === 'userId-createdAt' || index.IndexName === 'status-updatedAt',
      ),
    };
    await t.client.send(new CreateTableCommand({ ...older, TableName: 'orders-older-version' }));
    // Act
    const created = createOrdersTable(t.client, 'orders-older-version');
    // Assess
    await expect(created).rejects.toThrow(
      'the orders table orders-older-version lacks the index(es) buyerId-createdAt, billing-due',
    );
  });

  it('defines the orderId key and the global secondary indexes, all ACTIVE', async () => {
    // Act
    const { Table: table } = await t.client.send(
      new DescribeTableCommand({ TableName: t.tableName }),
    );

    // Assess
    expect(table?.KeySchema).toEqual([{ AttributeName: 'orderId', KeyType: 'HASH' }]);
    expect(table?.TableStatus).toBe('ACTIVE');
    expect(
      table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.IndexStatus, i.KeySchema]),
    ).toEqual([
      [
        ORDERS_BY_USER_INDEX,
        'ACTIVE',
        [
          { AttributeName: 'userId', KeyType: 'HASH' },
          { AttributeName: 'createdAt', KeyType: 'RANGE' },
        ],
      ],
      [
        ORDERS_BY_STATUS_INDEX,
        'ACTIVE',
        [
          { AttributeName: 'status', KeyType: 'HASH' },
          { AttributeName: 'updatedAt', KeyType: 'RANGE' },
        ],
      ],
      [
        ORDERS_BY_BUYER_INDEX,
        'ACTIVE',
        [
          { AttributeName: 'buyerId', KeyType: 'HASH' },
          { AttributeName: 'createdAt', KeyType: 'RANGE' },
        ],
      ],
      [
        BILLING_DUE_INDEX,
        'ACTIVE',
        [
          { AttributeName: 'billingDuePartition', KeyType: 'HASH' },
          { AttributeName: 'nextChargeAt', KeyType: 'RANGE' },
        ],
      ],
    ]);
  });

  it('lets a shopper latest order be found through the userId-createdAt index', async () => {
    // Prepare
    await t.store.create(anOrder({ orderId: 'gsi-older', createdAt: CREATED_AT }));
    await t.store.create(anOrder({ orderId: 'gsi-newer', createdAt: '2026-03-02T09:00:00.000Z' }));

    // Act
    const { Items: items } = await t.client.send(
      new QueryCommand({
        TableName: t.tableName,
        IndexName: ORDERS_BY_USER_INDEX,
        KeyConditionExpression: 'userId = :u',
        ExpressionAttributeValues: { ':u': anOrder().userId },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );

    // Assess
    expect(items?.map((i): unknown => i.orderId)).toEqual(['gsi-newer']);
  });
});
