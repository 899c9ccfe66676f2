import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OrderStore } from './checkout/OrderStore';
import { loadDemoCatalog } from './checkout/demoCatalog';
import { loadConfig } from './config/loadConfig';
import { createHandler } from './createHandler';
import { JsonLogger } from './logging/JsonLogger';
import { DynamoDbOrderStore } from './store/DynamoDbOrderStore';
import { openEmbeddedOrderStore } from './store/embeddedStore';

// Loaded once per container, when the module loads: an invalid value fails the import, so Lambda
// reports an init error that names the variable.
const config = loadConfig();

/** The table name the embedded store uses when ORDERS_TABLE is unset outside Lambda. */
const EMBEDDED_TABLE_NAME = 'orders';

let closeStore: () => Promise<void> = () => Promise.resolve();

function openStore(): OrderStore {
  if (config.ordersTable !== undefined) {
    let client: DynamoDBDocumentClient | undefined;
    return new DynamoDbOrderStore({
      tableName: config.ordersTable,
      client: () => {
        // Created on first use; timeouts keep a whole turn well inside Alexa's 8 seconds.
        client ??= DynamoDBDocumentClient.from(
          new DynamoDBClient({
            maxAttempts: 2,
            requestHandler: { connectionTimeout: 500, requestTimeout: 1_500 },
          }),
          { marshallOptions: { removeUndefinedValues: true } },
        );
        return Promise.resolve(client);
      },
    });
  }
  // Outside Lambda with no table: dynalite in-process, started on first use.
  const embedded = openEmbeddedOrderStore({
    dir: config.ordersDbDir,
    tableName: EMBEDDED_TABLE_NAME,
  });
  closeStore = () => embedded.close();
  return embedded.store;
}

/** The Lambda entry point: `index.handler`. */
export const handler = createHandler({
  config,
  store: openStore(),
  catalog: loadDemoCatalog(),
  logger: new JsonLogger({ level: config.logLevel }),
  clock: () => new Date(),
  // 128 random bits, URL-safe: 22 characters, unguessable.
  newOrderId: () => randomBytes(16).toString('base64url'),
});

/** Stops the embedded store, if one was started (for local tools; Lambda never calls it). */
export function shutdown(): Promise<void> {
  return closeStore();
}
