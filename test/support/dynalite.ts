import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createOrdersTable, DynamoDbOrderStore } from '../../src/store/DynamoDbOrderStore';
import { createEmbeddedDocumentClient, startEmbeddedDynamo } from '../../src/store/embeddedStore';

/** An order store on a fresh in-memory dynalite, with the client and table behind it. */
export type TestOrderStore = {
  readonly store: DynamoDbOrderStore;
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly endpoint: string;
  /**
   * Reads an order's stored item as it is, with attributes the Order type does not carry, from
   * this store's table or another table on the same server.
   */
  rawItem(
    orderId: string,
    tableName?: string,
  ): Promise<Readonly<Record<string, unknown>> | undefined>;
  /** Destroys the client and stops dynalite. */
  close(): Promise<void>;
};

/**
 * Starts an in-memory dynalite on a free loopback port, creates the orders table and returns a
 * DynamoDbOrderStore on it. Call it in `beforeAll` and `close` in `afterAll`; give each test its
 * own order ids, or its own table with `tableName`.
 */
export async function startTestOrderStore(
  options: { readonly tableName?: string } = {},
): Promise<TestOrderStore> {
  const tableName = options.tableName ?? 'orders-test';
  const dynamo = await startEmbeddedDynamo({ inMemory: true });
  const client = createEmbeddedDocumentClient(dynamo.endpoint);
  try {
    await createOrdersTable(client, tableName);
  } catch (error) {
    client.destroy();
    await dynamo.close();
    throw error;
  }
  return {
    store: new DynamoDbOrderStore({ client, tableName }),
    client,
    tableName,
    endpoint: dynamo.endpoint,
    rawItem: async (orderId, table = tableName) => {
      const { Item: item } = await client.send(
        new GetCommand({ TableName: table, Key: { orderId }, ConsistentRead: true }),
      );
      return item;
    },
    close: async () => {
      client.destroy();
      await dynamo.close();
    },
  };
}
