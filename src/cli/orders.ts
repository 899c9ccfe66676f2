import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { QueryableOrderStore } from '../checkout/OrderStore';
import { createSecretFetcher } from '../config/createSecretFetcher';
import type { Config } from '../config/loadConfig';
import { loadConfig } from '../config/loadConfig';
import { loadMwsConfig, type MwsConfig } from '../config/loadMwsConfig';
import { JsonLogger } from '../logging/JsonLogger';
import { createRefundService } from '../refunds/createRefundService';
import type { RefundStore } from '../refunds/RefundStore';
import { DynamoDbOrderStore } from '../store/DynamoDbOrderStore';
import { EMBEDDED_ORDERS_TABLE, openEmbeddedOrderStore } from '../store/embeddedStore';
import { ORDERS_USAGE, parseOrdersArgs } from './parseOrdersArgs';
import { ExitCode, runOrdersCommand } from './runOrdersCommand';
import { toFailureMessage } from './toFailureMessage';

type OpenedStore = {
  readonly store: QueryableOrderStore & RefundStore;
  close(): Promise<void>;
};

const stdout = (text: string): void => {
  process.stdout.write(text);
};
const stderr = (text: string): void => {
  process.stderr.write(text);
};

/** Opens the store the configuration names: the DynamoDB table, or the embedded store's folder. */
function openStore(config: Config): OpenedStore {
  if (config.ordersTable !== undefined) {
    // The default AWS configuration: region and credentials from the environment or the profile.
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
      marshallOptions: { removeUndefinedValues: true },
    });
    return {
      store: new DynamoDbOrderStore({ client, tableName: config.ordersTable }),
      close: () => {
        client.destroy();
        return Promise.resolve();
      },
    };
  }
  return openEmbeddedOrderStore({ dir: config.ordersDbDir, tableName: EMBEDDED_ORDERS_TABLE });
}

function isConfigError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'ConfigError';
}

async function main(argv: ReadonlyArray<string>): Promise<ExitCode> {
  const command = parseOrdersArgs(argv);
  if (command.kind === 'usageError') {
    stderr(`orders: ${command.message}\n\n${ORDERS_USAGE}\n`);
    return ExitCode.Usage;
  }
  if (command.kind === 'help') {
    stdout(`${ORDERS_USAGE}\n`);
    return ExitCode.Ok;
  }

  // Node 20 is supported until early 2027; the SDK's reminder would only clutter the output.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (isConfigError(error)) {
      stderr(`orders: ${error.message}\n`);
      return ExitCode.Usage;
    }
    throw error;
  }

  // Only the refund commands need (and check) the MWS settings.
  let mws: MwsConfig | undefined;
  if (command.kind === 'refund' || command.kind === 'sync-refunds') {
    try {
      mws = await loadMwsConfig(config, process.env, { fetchSecret: createSecretFetcher() });
    } catch (error) {
      if (isConfigError(error)) {
        stderr(`orders: ${error.message}\n`);
        return ExitCode.Usage;
      }
      throw error;
    }
  }

  const opened = openStore(config);
  try {
    return await runOrdersCommand(command, {
      store: opened.store,
      clock: () => new Date(),
      stdout,
      stderr,
      writeFile: (file, text) => writeFile(resolve(file), text, 'utf8'),
      ...(mws !== undefined && {
        refunds: createRefundService(mws, {
          store: opened.store,
          clock: () => new Date(),
          // The one-line messages are the output; only warnings and errors are logged, to stderr.
          logger: new JsonLogger({ level: 'warn', write: (line) => stderr(`${line}\n`) }),
        }),
      }),
    });
  } catch (error) {
    stderr(`orders: ${toFailureMessage(error)}\n`);
    return ExitCode.Failed;
  } finally {
    // Stops the embedded DynamoDB, if it was started, so that the process can exit.
    await opened.close().catch(() => undefined);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    stderr(`orders: ${toFailureMessage(error)}\n`);
    process.exitCode = ExitCode.Failed;
  },
);
