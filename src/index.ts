import { randomBytes } from 'node:crypto';
import { BuyerApiClient } from './amazonpay/buyer/BuyerApiClient';
import { loadDemoCatalog } from './checkout/demoCatalog';
import { loadConfig } from './config/loadConfig';
import { createHandler } from './createHandler';
import { JsonLogger } from './logging/JsonLogger';
import { openOrderStore } from './store/openOrderStore';

// Loaded once per container, when the module loads: an invalid value fails the import, so Lambda
// reports an init error that names the variable.
const config = loadConfig();

// ORDERS_TABLE in Lambda; outside Lambda with no table, dynalite in-process, started on first use.
// The billing agreements live in the same table, through the same client.
const orders = openOrderStore(config);

/** The Lambda entry point: `index.handler`. */
export const handler = createHandler({
  config,
  store: orders.store,
  // The agreements of subscriptions, on the same table and client, for the billing job to charge.
  agreements: orders.agreements,
  catalog: loadDemoCatalog(),
  logger: new JsonLogger({ level: config.logLevel }),
  clock: () => new Date(),
  // 128 random bits, URL-safe: 22 characters, unguessable.
  newOrderId: () => randomBytes(16).toString('base64url'),
  // The host follows each request's apiEndpoint; BUYER_API_ORIGIN (never in Lambda) replaces it.
  buyerApi: new BuyerApiClient({
    timeoutMs: config.buyerApiTimeoutMs,
    ...(config.buyerApiOrigin !== undefined && { originOverride: config.buyerApiOrigin }),
  }),
});

/** Stops the order store (for local tools; Lambda never calls it). */
export function shutdown(): Promise<void> {
  return orders.close();
}
