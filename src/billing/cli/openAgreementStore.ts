import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbAgreementStore } from '../../store/DynamoDbAgreementStore';
import { createOrdersTable } from '../../store/DynamoDbOrderStore';
import type { EmbeddedDynamo } from '../../store/embeddedStore';
import {
  createEmbeddedDocumentClient,
  EMBEDDED_ORDERS_TABLE,
  startEmbeddedDynamo,
} from '../../store/embeddedStore';

/** An agreement store opened for the billing tool, and how to stop it. */
export type OpenedAgreementStore = {
  readonly store: DynamoDbAgreementStore;
  /** Stops the embedded DynamoDB, or the client's connections; safe to call twice. */
  close(): Promise<void>;
};

/**
 * Opens the agreements of the configured store: the DynamoDB table `ordersTable` (default AWS
 * configuration) when set, otherwise the embedded store's folder, started on first use and shared
 * with the skill's local tools (the same table name and folder).
 */
export function openAgreementStore(where: {
  readonly ordersTable: string | undefined;
  readonly ordersDbDir: string;
}): OpenedAgreementStore {
  if (where.ordersTable !== undefined) {
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
      marshallOptions: { removeUndefinedValues: true },
    });
    return {
      store: new DynamoDbAgreementStore({ client, tableName: where.ordersTable }),
      close: () => {
        client.destroy();
        return Promise.resolve();
      },
    };
  }
  let started: Promise<{ dynamo: EmbeddedDynamo; client: DynamoDBDocumentClient }> | undefined;
  const start = async () => {
    const dynamo = await startEmbeddedDynamo({ dir: where.ordersDbDir });
    const client = createEmbeddedDocumentClient(dynamo.endpoint);
    try {
      await createOrdersTable(client, EMBEDDED_ORDERS_TABLE);
    } catch (error) {
      client.destroy();
      await dynamo.close();
      throw error;
    }
    return { dynamo, client };
  };
  let closing: Promise<void> | undefined;
  return {
    store: new DynamoDbAgreementStore({
      tableName: EMBEDDED_ORDERS_TABLE,
      client: async () => {
        started ??= start();
        return (await started).client;
      },
    }),
    close: () => {
      closing ??= (async () => {
        const running = await started?.catch(() => undefined);
        if (running === undefined) return;
        running.client.destroy();
        await running.dynamo.close();
      })();
      return closing;
    },
  };
}
