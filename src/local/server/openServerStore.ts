import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OrderStore } from '../../checkout/OrderStore';
import type { Config } from '../../config/loadConfig';
import { DynamoDbOrderStore } from '../../store/DynamoDbOrderStore';
import { EMBEDDED_ORDERS_TABLE, openEmbeddedOrderStore } from '../../store/embeddedStore';

/** The order store the local endpoint uses, and how to stop it. */
export type ServerStore = {
  readonly store: OrderStore;
  /** True for the embedded store (dynalite in this process), false for a DynamoDB table. */
  readonly embedded: boolean;
  /** Stops the embedded store if it was started; safe to call more than once. */
  close(): Promise<void>;
};

/**
 * Opens the order store the configuration names, as the Lambda entry does: the DynamoDB table
 * `ORDERS_TABLE` (default credentials and region) when it is set, otherwise the embedded store in
 * `ORDERS_DB_DIR`, started on first use.
 */
export function openServerStore(config: Config): ServerStore {
  if (config.ordersTable !== undefined) {
    let base: DynamoDBClient | undefined;
    let client: DynamoDBDocumentClient | undefined;
    const store = new DynamoDbOrderStore({
      tableName: config.ordersTable,
      client: () => {
        // The same timeouts as in Lambda: a whole turn stays well inside Alexa's 8 seconds.
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
    dir: config.ordersDbDir,
    tableName: EMBEDDED_ORDERS_TABLE,
  });
  return { store: embedded.store, embedded: true, close: () => embedded.close() };
}
