import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createSecretsManagerFetcher } from './billing/createSecretsManagerFetcher';
import { createBillingJobHandler } from './billing/lambda/createBillingJobHandler';
import { loadBillingConfig } from './billing/loadBillingConfig';
import { BillingConfigError } from './billing/errors';
import { JsonLogger } from './logging/JsonLogger';
import { DynamoDbAgreementStore } from './store/DynamoDbAgreementStore';

// Loaded once per container, when the module loads: an invalid value fails the import, so Lambda
// reports an init error that names the variable.
const config = loadBillingConfig(process.env);
if (config.ordersTable === undefined) {
  throw new BillingConfigError([{ variable: 'ORDERS_TABLE', problem: 'is required' }]);
}

/** The scheduled billing Lambda's entry point: `billing.handler` (built to lambda/billing.js). */
export const handler = createBillingJobHandler({
  config,
  env: process.env,
  store: new DynamoDbAgreementStore({
    tableName: config.ordersTable,
    client: DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 3 }), {
      marshallOptions: { removeUndefinedValues: true },
    }),
  }),
  logger: new JsonLogger({ level: config.logLevel, base: { service: 'billing' } }),
  clock: () => new Date(),
  fetchSecret: createSecretsManagerFetcher(),
});
