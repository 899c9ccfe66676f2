import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbOrderStore } from './DynamoDbOrderStore';
import { EMBEDDED_ORDERS_TABLE, openEmbeddedOrderStore } from './embeddedStore';

/** An order store opened from the configuration, and how to stop it. */
export type OpenedOrderStore = {
  readonly store: DynamoDbOrderStore;
  /** True for the embedded store (dynalite in this process), false for a DynamoDB table. */
  readonly embedded: boolean;
  /** Stops the embedded store, or the DynamoDB client's connections; safe to call twice. */
  close(): Promise<void>;
};

/**
 * Opens the order store the configuration names: the DynamoDB table `ordersTable` (default
 * credentials and region) when it is set, otherwise the embedded store in `ordersDbDir`. Either
 * starts on first use, so nothing connects at module load.
 *
 * @example
 * const { store, close } = openOrderStore({ ordersTable: config.ordersTable, ordersDbDir: config.ordersDbDir });
 */
export function openOrderStore(where: {
  readonly ordersTable: string | undefined;
  readonly ordersDbDir: string;
}): OpenedOrderStore {
  if (where.ordersTable !== undefined) {
    let base: DynamoDBClient | undefined;
    let client: DynamoDBDocumentClient | undefined;
    const store = new DynamoDbOrderStore({
      tableName: where.ordersTable,
      client: () => {
        // Timeouts that keep a whole turn well inside Alexa's 8 seconds.
        base ??= new DynamoDBClient({
          maxAttempts: 2,
          requestHandler: { connectionTimeout: 500, requestTimeout: 1_500 },
        });
        client ??= DynamoDBDocumentClient.from(base, {
          marshallOptions: { removeUndefinedValues: true },
        });
        return Promise.resolve(client);
      },
    });
    return {
      store,
      embedded: false,
      close: () => {
        // The document client does not own the connections of the client it wraps.
        base?.destroy();
        return Promise.resolve();
      },
    };
  }
  const embedded = openEmbeddedOrderStore({
    dir: where.ordersDbDir,
    tableName: EMBEDDED_ORDERS_TABLE,
  });
  return { store: embedded.store, embedded: true, close: () => embedded.close() };
}
