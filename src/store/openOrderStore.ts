import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbAgreementStore } from './DynamoDbAgreementStore';
import { DynamoDbOrderStore } from './DynamoDbOrderStore';
import { EMBEDDED_ORDERS_TABLE, openEmbeddedOrderStore } from './embeddedStore';

/** An order store (and the agreement store on its table) opened from the configuration. */
export type OpenedOrderStore = {
  readonly store: DynamoDbOrderStore;
  /** The billing agreements, in the same table through the same client. */
  readonly agreements: DynamoDbAgreementStore;
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
    const connect = (): Promise<DynamoDBDocumentClient> => {
      // Timeouts that keep a whole turn well inside Alexa's 8 seconds.
      base ??= new DynamoDBClient({
        maxAttempts: 2,
        requestHandler: { connectionTimeout: 500, requestTimeout: 1_500 },
      });
      client ??= DynamoDBDocumentClient.from(base, {
        marshallOptions: { removeUndefinedValues: true },
      });
      return Promise.resolve(client);
    };
    return {
      store: new DynamoDbOrderStore({ tableName: where.ordersTable, client: connect }),
      agreements: new DynamoDbAgreementStore({ tableName: where.ordersTable, client: connect }),
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
  return {
    store: embedded.store,
    agreements: embedded.agreements,
    embedded: true,
    close: () => embedded.close(),
  };
}
