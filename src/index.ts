import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { readString } from './amazonpay/readUnknown';
import { CheckoutService } from './checkout/CheckoutService';
import { loadDemoCatalog } from './checkout/demoCatalog';
import type { OrderStore } from './checkout/OrderStore';
import { loadConfig } from './config/loadConfig';
import { JsonLogger } from './logging/JsonLogger';
import { buildSkill } from './skill';
import { DynamoDbOrderStore } from './store/DynamoDbOrderStore';
import { openEmbeddedOrderStore } from './store/embeddedStore';

// Loaded once per container, when the module loads: an invalid value fails the import, so Lambda
// reports an init error that names the variable.
const config = loadConfig();
const logger = new JsonLogger({ level: config.logLevel });

/** The table name the embedded store uses when ORDERS_TABLE is unset outside Lambda. */
const EMBEDDED_TABLE_NAME = 'orders';

let closeStore: () => Promise<void> = () => Promise.resolve();

function openStore(): OrderStore {
  if (config.ordersTable !== undefined) {
    const tableName = config.ordersTable;
    let client: DynamoDBDocumentClient | undefined;
    return new DynamoDbOrderStore({
      tableName,
      client: () => {
        // Created on first use; timeouts keep a whole turn well inside Alexa's 8 seconds.
        client ??= DynamoDBDocumentClient.from(
          new DynamoDBClient({
            maxAttempts: 2,
            requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 },
          }),
          { marshallOptions: { removeUndefinedValues: true } },
        );
        return Promise.resolve(client);
      },
    });
  }
  const embedded = openEmbeddedOrderStore({
    dir: config.ordersDbDir,
    tableName: EMBEDDED_TABLE_NAME,
  });
  closeStore = () => embedded.close();
  return embedded.store;
}

const checkout = new CheckoutService({
  store: openStore(),
  catalog: loadDemoCatalog(),
  merchant: {
    sellerId: config.sellerId,
    storeName: config.storeName,
    countryOfEstablishment: config.merchantCountry,
    ledgerCurrency: config.ledgerCurrency,
    maxAmountMinor: config.maxAmountMinor,
    ...(config.sandboxCustomerEmail !== undefined && {
      sandbox: { customerEmail: config.sandboxCustomerEmail },
    }),
  },
  clock: () => new Date(),
  // 128 random bits, URL-safe: 22 characters, unguessable.
  newOrderId: () => randomBytes(16).toString('base64url'),
  logger,
});

const skill = buildSkill({ skillId: config.skillId, checkout, logger });

/** Thrown when a request names another skill (or none): refused before any handler runs. */
export class SkillIdMismatchError extends Error {
  constructor() {
    super('request is not for this skill');
    this.name = 'SkillIdMismatchError';
  }
}

/**
 * The Lambda entry: refuses requests for another skill id, then hands the envelope to the skill.
 */
export async function handler(event: unknown, context?: unknown): Promise<ResponseEnvelope> {
  const applicationId = readString(event, 'context', 'System', 'application', 'applicationId');
  if (applicationId !== config.skillId || readString(event, 'request', 'type') === undefined) {
    logger.warn('request refused', { reason: 'skill id mismatch or no request' });
    throw new SkillIdMismatchError();
  }
  return skill.invoke(event as RequestEnvelope, context);
}

/** Stops the embedded store, if one was started (for local tools; Lambda never calls it). */
export function shutdown(): Promise<void> {
  return closeStore();
}
