/**
 * What the benchmark's drivers take from the project's own code, bundled by bench/lib/build.mjs
 * into bench/.out/tools.bundle (packages external): the offline Amazon Pay simulator, the request
 * envelope factories, and the order store (to create the table, seed the floor's order and check
 * the orders after the load test). Nothing here is timed: the timed code is the Lambda bundles.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Order } from '../../src/checkout/Order';
import { OrderStatus } from '../../src/checkout/OrderStatus';
import { toOrderItem } from '../../src/store/orderItem';

export { AmazonPaySimulator } from '../../src/local/simulator/AmazonPaySimulator';
export { startLocalBuyerApi } from '../../src/local/buyer/startLocalBuyerApi';
export {
  buildRequestEnvelope,
  intentRequest,
  launchRequest,
} from '../../src/local/requestEnvelopes';
export {
  createOrdersTable,
  DynamoDbOrderStore,
  ORDERS_TABLE_DEFINITION,
} from '../../src/store/DynamoDbOrderStore';
export {
  createEmbeddedDocumentClient,
  EMBEDDED_ORDERS_TABLE,
  openEmbeddedOrderStore,
  startEmbeddedDynamo,
} from '../../src/store/embeddedStore';

/**
 * Writes the item the floor reads on every turn: a paid order of the same shape and size as the
 * ones ours stores (two bags of coffee, shipping address, four history entries).
 */
export async function seedFloorOrder(
  client: DynamoDBDocumentClient,
  tableName: string,
  orderId: string,
): Promise<void> {
  const at = '2026-12-03T10:00:00.000Z';
  const order: Order = {
    orderId,
    userId: 'amzn1.ask.account.BENCH-FLOOR-SHOPPER-000000000000000000000000000000000000000000',
    status: OrderStatus.Paid,
    version: 4,
    locale: 'en-US',
    currency: 'USD',
    lines: [
      {
        productId: 'house-blend',
        name: 'House Blend Coffee, 340 g',
        quantity: 2,
        unitPriceMinor: 1499,
      },
    ],
    subtotalMinor: 2998,
    shippingMinor: 499,
    taxMinor: 0,
    totalMinor: 3497,
    createdAt: at,
    updatedAt: at,
    expiresAt: '2026-12-03T10:15:00.000Z',
    attempt: 1,
    authorizationReferenceId: `${orderId}-1`,
    billingAgreementId: 'B02-1234567-1234567',
    amazonAuthorizationId: 'S02-1234567-1234567-A000001',
    amazonOrderReferenceId: 'S02-1234567-1234567',
    lastOutcome: { operation: 'Charge', kind: 'Charge:Closed:MaxCapturesProcessed' },
    shippingAddress: {
      name: 'Test Buyer (simulated)',
      addressLine1: '123 Example Street',
      addressLine2: 'Simulated address, not a real place',
      city: 'Springfield',
      stateOrRegion: 'XX',
      postalCode: '00000',
      countryCode: 'US',
    },
    history: [
      { status: OrderStatus.AwaitingConfirmation, at },
      { status: OrderStatus.SetupPending, at },
      { status: OrderStatus.ChargePending, at },
      { status: OrderStatus.Paid, at },
    ],
  };
  await client.send(new PutCommand({ TableName: tableName, Item: toOrderItem(order) }));
}
