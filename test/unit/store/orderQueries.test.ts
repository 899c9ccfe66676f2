import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { Order } from '../../../src/checkout/Order';
import type { OrderListQuery, StatusTransition } from '../../../src/checkout/OrderStore';
import type { OrderStatus } from '../../../src/checkout/OrderStatus';
import { OrderStatus as Status } from '../../../src/checkout/OrderStatus';
import { createOrdersTable, DynamoDbOrderStore } from '../../../src/store/DynamoDbOrderStore';
import { createEmbeddedDocumentClient } from '../../../src/store/embeddedStore';
import { InvalidOrderQueryError } from '../../../src/store/errors';
import { RECORD_TYPE_ATTRIBUTE, toRecordKey } from '../../../src/store/recordType';
import {
  EXPIRY_ATTRIBUTE,
  toExpiresAtEpoch,
  toOrderItem,
  UNCHARGED_RETENTION_SECONDS,
} from '../../../src/store/orderItem';
import type { TestOrderStore } from '../../support/dynalite';
import { startTestOrderStore } from '../../support/dynalite';
import { anOrder, CREATED_AT, EXPIRES_AT } from '../../support/orders';

const USER = anOrder().userId;
const OTHER_USER = 'amzn1.ask.account.OTHERUSER';
const SHIPPED_AT = '2026-03-03T08:00:00.000Z';
const ALL_STATUSES: ReadonlyArray<OrderStatus> = Object.values(Status);

/** An ISO instant `minutes` after CREATED_AT. */
const minutesLater = (minutes: number): string =>
  new Date(Date.parse(CREATED_AT) + minutes * 60_000).toISOString();

/** A table of its own on the shared dynalite, so that listings see only the test's orders. */
async function aTable(t: TestOrderStore, name: string): Promise<DynamoDbOrderStore> {
  await createOrdersTable(t.client, name);
  return new DynamoDbOrderStore({ client: t.client, tableName: name });
}

/** Reads every page of a listing, following the cursor; fails on a cursor loop. */
async function allPages(
  store: DynamoDbOrderStore,
  query: Omit<OrderListQuery, 'cursor'>,
): Promise<{ orders: Order[]; pages: number }> {
  const orders: Order[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await store.listOrders({ ...query, ...(cursor !== undefined && { cursor }) });
    orders.push(...page.orders);
    cursor = page.cursor;
    pages += 1;
    if (pages > 50) throw new Error('the listing does not end');
  } while (cursor !== undefined);
  return { orders, pages };
}

describe('DynamoDbOrderStore queries', () => {
  let t: TestOrderStore;

  beforeAll(async () => {
    t = await startTestOrderStore({ tableName: 'orders-queries' });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('latestOrderForUser', () => {
    it('returns the order the shopper created last, as stored now', async () => {
      // Prepare
      const store = await aTable(t, 'latest-newest');
      await store.create(anOrder({ orderId: 'latest-a', createdAt: minutesLater(0) }));
      await store.create(anOrder({ orderId: 'latest-c', createdAt: minutesLater(20) }));
      await store.create(anOrder({ orderId: 'latest-b', createdAt: minutesLater(10) }));
      await store.create(
        anOrder({ orderId: 'latest-other', userId: OTHER_USER, createdAt: minutesLater(30) }),
      );
      await store.transition({
        orderId: 'latest-c',
        userId: USER,
        from: 'awaiting-confirmation',
        to: 'cancelled',
        at: minutesLater(21),
      });

      // Act
      const latest = await store.latestOrderForUser(USER);

      // Assess
      expect(latest).toMatchObject({ orderId: 'latest-c', status: 'cancelled', version: 2 });
    });

    it('returns undefined for a shopper with no orders, and for an empty user id', async () => {
      // Prepare
      const store = await aTable(t, 'latest-none');
      await store.create(anOrder({ orderId: 'latest-none-other', userId: OTHER_USER }));

      // Act
      const none = await store.latestOrderForUser(USER);
      const empty = await store.latestOrderForUser('');

      // Assess
      expect(none).toBeUndefined();
      expect(empty).toBeUndefined();
    });

    it('reads the order back with a consistent GetItem after the index query', async () => {
      // Prepare
      const store = await aTable(t, 'latest-consistent');
      await store.create(anOrder({ orderId: 'latest-consistent-1' }));
      const send = jest.spyOn(t.client, 'send');

      // Act
      await store.latestOrderForUser(USER);

      // Assess
      const inputs = send.mock.calls.map(([command]) => command.input as Record<string, unknown>);
      expect(inputs).toEqual([
        expect.objectContaining({
          IndexName: 'userId-createdAt',
          ScanIndexForward: false,
          Limit: 1,
        }),
        expect.objectContaining({ Key: { orderId: 'latest-consistent-1' }, ConsistentRead: true }),
      ]);
      send.mockRestore();
    });

    it('wraps a missing table in an OrderStoreUnavailableError of this operation', async () => {
      // Prepare
      const store = new DynamoDbOrderStore({ client: t.client, tableName: 'no-such-table' });

      // Act
      const read = store.latestOrderForUser(USER);

      // Assess
      await expect(read).rejects.toMatchObject({
        name: 'OrderStoreUnavailableError',
        operation: 'latestOrderForUser',
        code: 'ResourceNotFoundException',
      });
    });
  });

  describe('latestOrderForBuyer', () => {
    it("finds a buyer's latest order under any user id, and nothing for an unknown buyer", async () => {
      // Prepare: the buyer ordered as USER, then (skill enabled again) as OTHER_USER
      const store = await aTable(t, 'buyer-orders');
      await store.create(
        anOrder({ orderId: 'buyer-1', buyerId: 'amzn1.account.B1', createdAt: minutesLater(0) }),
      );
      await store.create(
        anOrder({
          orderId: 'buyer-2',
          userId: OTHER_USER,
          buyerId: 'amzn1.account.B1',
          createdAt: minutesLater(5),
        }),
      );
      await store.create(anOrder({ orderId: 'no-buyer', createdAt: minutesLater(9) }));

      // Act
      const latest = await store.latestOrderForBuyer('amzn1.account.B1');
      const unknown = await store.latestOrderForBuyer('amzn1.account.NOBODY');
      const empty = await store.latestOrderForBuyer('');

      // Assess
      expect(latest?.orderId).toBe('buyer-2');
      expect(latest?.userId).toBe(OTHER_USER);
      expect(unknown).toBeUndefined();
      expect(empty).toBeUndefined();
    });
  });

  describe('listOrders', () => {
    let store: DynamoDbOrderStore;

    beforeAll(async () => {
      store = await aTable(t, 'list-orders');
      // Seven orders: three paid (updated at different times), two cancelled, two awaiting.
      const seeds: ReadonlyArray<[string, OrderStatus, number]> = [
        ['list-paid-1', 'paid', 5],
        ['list-paid-2', 'paid', 30],
        ['list-paid-3', 'paid', 15],
        ['list-cancelled-1', 'cancelled', 3],
        ['list-cancelled-2', 'cancelled', 4],
        ['list-awaiting-1', 'awaiting-confirmation', 0],
        ['list-awaiting-2', 'awaiting-confirmation', 0],
      ];
      for (const [orderId, status, updatedMinutes] of seeds) {
        await store.create(anOrder({ orderId, status, updatedAt: minutesLater(updatedMinutes) }));
      }
    });

    it('lists the orders of one status only, most recently updated first', async () => {
      // Act
      const page = await store.listOrders({ status: 'paid' });

      // Assess
      expect(page.orders.map((o) => o.orderId)).toEqual([
        'list-paid-2',
        'list-paid-3',
        'list-paid-1',
      ]);
      expect(page.cursor).toBeUndefined();
    });

    it('queries the status-updatedAt index for a status, and scans only without one', async () => {
      // Prepare
      const send = jest.spyOn(t.client, 'send');

      // Act
      await store.listOrders({ status: 'cancelled' });
      await store.listOrders();

      // Assess
      const names = send.mock.calls.map(([command]) => command.constructor.name);
      expect(names).toEqual(['QueryCommand', 'ScanCommand']);
      expect(send.mock.calls[0]?.[0].input).toMatchObject({ IndexName: 'status-updatedAt' });
      send.mockRestore();
    });

    it('lists every order when no status is given', async () => {
      // Act
      const page = await store.listOrders();

      // Assess
      expect(page.orders.map((o) => o.orderId).sort()).toEqual([
        'list-awaiting-1',
        'list-awaiting-2',
        'list-cancelled-1',
        'list-cancelled-2',
        'list-paid-1',
        'list-paid-2',
        'list-paid-3',
      ]);
    });

    it.each<[string, Omit<OrderListQuery, 'cursor'>, number]>([
      ['of one status', { status: 'paid', limit: 2 }, 3],
      ['of every status', { limit: 3 }, 7],
    ])('pages through the orders %s with a cursor, each once', async (label, query, expected) => {
      // Act
      const { orders, pages } = await allPages(store, query);

      // Assess
      const ids = orders.map((o) => o.orderId);
      expect(ids).toHaveLength(expected);
      expect(new Set(ids).size).toBe(expected);
      expect(pages).toBeGreaterThan(1);
    });

    it.each([0, 1001, 1.5, Number.NaN])('refuses a limit of %p', async (limit) => {
      // Act
      const list = store.listOrders({ limit });

      // Assess
      await expect(list).rejects.toThrow(InvalidOrderQueryError);
      await expect(list).rejects.toMatchObject({ field: 'limit' });
    });

    it('refuses a cursor it did not return, and one of another listing', async () => {
      // Prepare
      const paidPage = await store.listOrders({ status: 'paid', limit: 1 });
      const paidCursor = paidPage.cursor ?? '';
      const forged = Buffer.from(JSON.stringify({ orderId: 1 })).toString('base64url');

      // Act
      const attempts = [
        store.listOrders({ cursor: 'not a cursor' }),
        store.listOrders({ cursor: forged }),
        store.listOrders({ status: 'cancelled', cursor: paidCursor }),
        store.listOrders({ cursor: paidCursor }),
      ];

      // Assess
      expect(paidCursor).not.toBe('');
      for (const attempt of attempts) {
        await expect(attempt).rejects.toMatchObject({
          name: 'InvalidOrderQueryError',
          field: 'cursor',
        });
      }
    });

    it('drops an index entry whose order has changed status since (index lag)', async () => {
      // Prepare: the index still answers with an order that is shipped by now.
      const client = createEmbeddedDocumentClient(t.endpoint);
      const mock = mockClient(client);
      mock.on(QueryCommand).resolves({
        Items: [
          toOrderItem(anOrder({ orderId: 'lag-paid', status: 'paid' })),
          toOrderItem(anOrder({ orderId: 'lag-shipped', status: 'shipped' })),
        ],
      });
      const lagging = new DynamoDbOrderStore({ client, tableName: 'list-orders' });

      // Act
      const page = await lagging.listOrders({ status: 'paid' });

      // Assess
      expect(page.orders.map((o) => o.orderId)).toEqual(['lag-paid']);
      mock.restore();
      client.destroy();
    });

    it('wraps a missing table in an OrderStoreUnavailableError of this operation', async () => {
      // Prepare
      const missing = new DynamoDbOrderStore({ client: t.client, tableName: 'no-such-table' });

      // Act
      const list = missing.listOrders({ status: 'paid' });

      // Assess
      await expect(list).rejects.toMatchObject({
        name: 'OrderStoreUnavailableError',
        operation: 'listOrders',
      });
    });
  });

  describe('records that are not orders', () => {
    it('are skipped by get and by the full listing', async () => {
      // Prepare: an order and a customer record in one table
      const store = await aTable(t, 'mixed-records');
      await store.create(anOrder({ orderId: 'mixed-order-1' }));
      await t.client.send(
        new PutCommand({
          TableName: 'mixed-records',
          Item: { orderId: toRecordKey('customer', 'B1'), [RECORD_TYPE_ATTRIBUTE]: 'customer' },
        }),
      );

      // Act
      const found = await store.get(toRecordKey('customer', 'B1'));
      const listed = await allPages(store, { limit: 1 });

      // Assess
      expect(found).toBeUndefined();
      expect(listed.orders.map((o) => o.orderId)).toEqual(['mixed-order-1']);
    });
  });

  describe('markShipped', () => {
    let store: DynamoDbOrderStore;

    beforeAll(async () => {
      store = await aTable(t, 'mark-shipped');
    });

    it('moves a paid order to shipped: version + 1, history appended', async () => {
      // Prepare
      const order = anOrder({ orderId: 'ship-paid', status: 'paid', version: 4 });
      await store.create(order);

      // Act
      const result = await store.markShipped({ orderId: order.orderId, at: SHIPPED_AT });

      // Assess
      const expected = {
        ...order,
        status: 'shipped',
        version: 5,
        updatedAt: SHIPPED_AT,
        history: [...order.history, { status: 'shipped', at: SHIPPED_AT }],
      };
      expect(result).toEqual({ kind: 'applied', order: expected });
      await expect(store.get(order.orderId)).resolves.toEqual(expected);
    });

    it('refuses a second ship of the same order and changes nothing', async () => {
      // Prepare
      await store.create(anOrder({ orderId: 'ship-twice', status: 'paid' }));
      const first = await store.markShipped({ orderId: 'ship-twice', at: SHIPPED_AT });

      // Act
      const second = await store.markShipped({ orderId: 'ship-twice', at: minutesLater(9999) });

      // Assess
      expect(first.kind).toBe('applied');
      expect(second).toEqual({
        kind: 'rejected',
        current: first.kind === 'applied' ? first.order : undefined,
      });
    });

    it.each(ALL_STATUSES.filter((s) => s !== 'paid'))(
      'refuses an order in status %s and leaves it as it is',
      async (status) => {
        // Prepare
        const order = anOrder({ orderId: `ship-refused-${status}`, status });
        await store.create(order);

        // Act
        const result = await store.markShipped({ orderId: order.orderId, at: SHIPPED_AT });

        // Assess
        expect(result).toEqual({ kind: 'rejected', current: order });
        await expect(store.get(order.orderId)).resolves.toEqual(order);
      },
    );

    it('refuses an unknown order id and creates no item', async () => {
      // Act
      const result = await store.markShipped({ orderId: 'ship-unknown', at: SHIPPED_AT });

      // Assess
      expect(result).toEqual({ kind: 'rejected', current: undefined });
      await expect(t.rawItem('ship-unknown', 'mark-shipped')).resolves.toBeUndefined();
    });

    it('ships exactly once among 20 concurrent ships of one order', async () => {
      // Prepare
      await store.create(anOrder({ orderId: 'ship-race', status: 'paid' }));

      // Act
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          store.markShipped({ orderId: 'ship-race', at: SHIPPED_AT }),
        ),
      );

      // Assess
      expect(results.filter((r) => r.kind === 'applied')).toHaveLength(1);
      const stored = await store.get('ship-race');
      expect(stored).toMatchObject({ status: 'shipped', version: 2 });
      expect(stored?.history.map((h) => h.status)).toEqual(['awaiting-confirmation', 'shipped']);
    });
  });
});

describe('the expiry attribute (time to live)', () => {
  let t: TestOrderStore;

  beforeAll(async () => {
    t = await startTestOrderStore({ tableName: 'orders-expiry' });
  });

  afterAll(async () => {
    await t.close();
  });

  const expiryOf = async (orderId: string): Promise<unknown> =>
    (await t.rawItem(orderId))?.[EXPIRY_ATTRIBUTE];

  /** Runs a path of transitions for one order, created awaiting confirmation. */
  async function walk(orderId: string, path: ReadonlyArray<OrderStatus>): Promise<void> {
    await t.store.create(anOrder({ orderId }));
    let from: OrderStatus = 'awaiting-confirmation';
    for (const [i, to] of path.entries()) {
      const change: StatusTransition = {
        orderId,
        userId: USER,
        from,
        to,
        at: minutesLater(i + 1),
      };
      const result = await t.store.transition(change);
      if (result.kind !== 'applied') throw new Error(`${from} -> ${to} was rejected`);
      from = to;
    }
  }

  it('is 30 days after expiresAt, in epoch seconds, on an order created awaiting a yes', async () => {
    // Act
    await t.store.create(anOrder({ orderId: 'expiry-created' }));

    // Assess
    const expected = Date.parse(EXPIRES_AT) / 1000 + 30 * 24 * 60 * 60;
    await expect(expiryOf('expiry-created')).resolves.toBe(expected);
    expect(toExpiresAtEpoch(EXPIRES_AT)).toBe(expected);
    expect(UNCHARGED_RETENTION_SECONDS).toBe(2_592_000);
  });

  it.each<[string, ReadonlyArray<OrderStatus>]>([
    ['confirmed', ['setup-pending']],
    ['cancelled', ['cancelled']],
    ['failed at Setup', ['setup-pending', 'failed']],
  ])('stays as it was on an order %s', async (label, path) => {
    // Prepare
    const orderId = `expiry-kept-${label}`;

    // Act
    await walk(orderId, path);

    // Assess
    await expect(expiryOf(orderId)).resolves.toBe(toExpiresAtEpoch(EXPIRES_AT));
  });

  it.each<[string, ReadonlyArray<OrderStatus>]>([
    ['charge-pending', ['setup-pending', 'charge-pending']],
    ['paid', ['setup-pending', 'charge-pending', 'paid']],
    ['certification-test', ['setup-pending', 'charge-pending', 'certification-test']],
    ['held-for-review', ['setup-pending', 'charge-pending', 'held-for-review']],
    ['held for review, then paid', ['setup-pending', 'charge-pending', 'held-for-review', 'paid']],
  ])('is removed from an order that is %s', async (label, path) => {
    // Prepare
    const orderId = `expiry-removed-${label}`;

    // Act
    await walk(orderId, path);

    // Assess
    const item = await t.rawItem(orderId);
    expect(item).toBeDefined();
    expect(item).not.toHaveProperty(EXPIRY_ATTRIBUTE);
  });

  it.each<[string, ReadonlyArray<OrderStatus>]>([
    ['declined', ['setup-pending', 'charge-pending', 'declined']],
    ['failed at Charge', ['setup-pending', 'charge-pending', 'failed']],
  ])(
    'comes back, 30 days from the change, on an order %s after its Charge',
    async (label, path) => {
      // Prepare
      const orderId = `expiry-renewed-${label}`;

      // Act
      await walk(orderId, path);

      // Assess
      await expect(expiryOf(orderId)).resolves.toBe(toExpiresAtEpoch(minutesLater(path.length)));
    },
  );

  it('is removed when a paid order is shipped', async () => {
    // Prepare
    await walk('expiry-shipped', ['setup-pending', 'charge-pending', 'paid']);

    // Act
    await t.store.markShipped({ orderId: 'expiry-shipped', at: SHIPPED_AT });

    // Assess
    const item = await t.rawItem('expiry-shipped');
    expect(item).toMatchObject({ status: 'shipped' });
    expect(item).not.toHaveProperty(EXPIRY_ATTRIBUTE);
  });

  it.each(ALL_STATUSES)(
    'is written on create for status %s unless it is kept for good',
    async (status) => {
      // Act
      await t.store.create(anOrder({ orderId: `expiry-create-${status}`, status }));

      // Assess
      const keptForGood = [
        'charge-pending',
        'paid',
        'certification-test',
        'held-for-review',
        'shipped',
        'refund-pending',
        'refunded',
        'subscribed',
      ].includes(status);
      await expect(expiryOf(`expiry-create-${status}`)).resolves.toBe(
        keptForGood ? undefined : toExpiresAtEpoch(EXPIRES_AT),
      );
    },
  );
});
