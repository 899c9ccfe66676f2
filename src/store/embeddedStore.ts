import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { TranslateConfig } from '@aws-sdk/lib-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbAgreementStore } from './DynamoDbAgreementStore';
import { createOrdersTable, DynamoDbOrderStore } from './DynamoDbOrderStore';
import { EmbeddedStoreLockedError, EmbeddedStoreStartError, OrderStoreError } from './errors';

/** Where the embedded DynamoDB keeps its data: a folder (LevelDB) or memory only. */
export type EmbeddedDynamoOptions =
  | { readonly dir: string; readonly inMemory?: false }
  | { readonly inMemory: true; readonly dir?: undefined };

/** A running embedded DynamoDB (dynalite) on a loopback port. */
export type EmbeddedDynamo = {
  /** The endpoint to give the SDK client, `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** The folder holding the data, absolute; undefined in memory. */
  readonly dir: string | undefined;
  /** Stops the server and closes the database; safe to call more than once. */
  close(): Promise<void>;
};

// A second LevelDB, inside the data folder, that a running store keeps open for its whole life.
// Its lock is taken before dynalite opens the data folder, so two stores starting at the same time
// cannot both get past the check (dynalite crashes the process on a locked folder instead of
// reporting it).
const OWNER_LOCK_FOLDER = 'embedded-store.lock';

type LevelDatabase = { open(): Promise<void>; close(): Promise<void> };
type LevelConstructor = new (location: string) => LevelDatabase;

function startErrorMessage(problem: string, dir: string | undefined): string {
  const where = dir === undefined ? 'in memory' : `folder ${dir}`;
  return `the embedded order store ${problem} (${where})`;
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null;
}

/**
 * Loads the LevelDB binding that dynalite itself uses, resolved from dynalite's folder, or
 * undefined if it cannot be found (then the folder lock is not checked beforehand).
 */
function loadLevel(): LevelConstructor | undefined {
  try {
    const requireFromDynalite = createRequire(require.resolve('dynalite'));
    const level: unknown = requireFromDynalite('level');
    const Level = isObject(level) ? level.Level : undefined;
    return typeof Level === 'function' ? (Level as LevelConstructor) : undefined;
  } catch {
    return undefined;
  }
}

function isLockError(error: unknown): boolean {
  // classic-level reports `LEVEL_DATABASE_NOT_OPEN` with the `LEVEL_LOCKED` reason as its cause.
  for (let e: unknown = error, depth = 0; isObject(e) && depth < 5; e = e.cause, depth += 1) {
    if (e.code === 'LEVEL_LOCKED') {
      return true;
    }
  }
  return false;
}

async function openLevel(Level: LevelConstructor, location: string, dir: string) {
  const db = new Level(location);
  try {
    await db.open();
    return db;
  } catch (error) {
    if (isLockError(error)) {
      throw new EmbeddedStoreLockedError(dir, { cause: error });
    }
    throw new EmbeddedStoreStartError(startErrorMessage('could not open its folder', dir), dir, {
      cause: error,
    });
  }
}

/**
 * Takes the owner lock of a data folder and checks that no other process holds the data itself.
 * Returns the owner lock to release on close, or undefined when LevelDB could not be loaded.
 */
async function lockFolder(dir: string): Promise<LevelDatabase | undefined> {
  const Level = loadLevel();
  if (Level === undefined) {
    return undefined;
  }
  const owner = await openLevel(Level, join(dir, OWNER_LOCK_FOLDER), dir);
  try {
    // A process that is not one of ours (the dynalite CLI, say) holds only the data lock.
    const probe = await openLevel(Level, dir, dir);
    await probe.close();
  } catch (error) {
    await owner.close();
    throw error;
  }
  return owner;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      if (isObject(address) && typeof address.port === 'number') {
        resolvePort(address.port);
      } else {
        reject(new Error('the embedded DynamoDB server has no TCP address'));
      }
    });
  });
}

function closeServer(server: Server): Promise<void> {
  // dynalite's close stops accepting connections, then closes LevelDB once pending writes end.
  return new Promise((resolveClose, reject) => {
    server.close((error) => (error ? reject(error) : resolveClose()));
  });
}

function toDir(options: EmbeddedDynamoOptions): string | undefined {
  // Checked at run time as well: a caller may build the options from configuration.
  const { dir, inMemory }: { readonly dir?: unknown; readonly inMemory?: unknown } = options;
  if (inMemory === true) {
    if (dir !== undefined) {
      throw new EmbeddedStoreStartError(
        'the embedded order store needs either dir or inMemory, not both',
        undefined,
      );
    }
    return undefined;
  }
  if (typeof dir !== 'string' || dir === '') {
    throw new EmbeddedStoreStartError(
      'the embedded order store needs a dir, or inMemory: true',
      undefined,
    );
  }
  return resolve(dir);
}

/**
 * Starts dynalite in this process on 127.0.0.1 at a free port, in a folder or in memory.
 *
 * dynalite is loaded with a dynamic import so that the Lambda bundle keeps it external. With a
 * folder, the folder is created if missing, and a folder that another process (or another store
 * in this process) uses is refused with EmbeddedStoreLockedError before dynalite opens it.
 *
 * @example
 * const dynamo = await startEmbeddedDynamo({ dir: '.data' });
 * const client = createEmbeddedDocumentClient(dynamo.endpoint);
 * // ...
 * client.destroy();
 * await dynamo.close();
 */
export async function startEmbeddedDynamo(options: EmbeddedDynamoOptions): Promise<EmbeddedDynamo> {
  const dir = toDir(options);
  let owner: LevelDatabase | undefined;
  if (dir !== undefined) {
    try {
      await mkdir(dir, { recursive: true });
    } catch (error) {
      throw new EmbeddedStoreStartError(
        startErrorMessage('could not create its folder', dir),
        dir,
        {
          cause: error,
        },
      );
    }
    owner = await lockFolder(dir);
  }

  let server: Server;
  try {
    const { default: dynalite } = await import('dynalite');
    server = dynalite({
      ...(dir === undefined ? {} : { path: dir }),
      // Without these, tables stay CREATING for 500 ms and writes right after CreateTable fail.
      createTableMs: 0,
      deleteTableMs: 0,
      updateTableMs: 0,
    });
  } catch (error) {
    await owner?.close();
    throw new EmbeddedStoreStartError(startErrorMessage('could not load dynalite', dir), dir, {
      cause: error,
    });
  }

  let port: number;
  try {
    port = await listen(server);
  } catch (error) {
    await owner?.close();
    throw new EmbeddedStoreStartError(startErrorMessage('could not listen', dir), dir, {
      cause: error,
    });
  }

  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    dir,
    close: () => {
      closing ??= closeServer(server).finally(() => owner?.close());
      return closing;
    },
  };
}

/** A document client whose `destroy()` also frees the sockets of the client it wraps. */
class OwningDocumentClient extends DynamoDBDocumentClient {
  readonly #base: DynamoDBClient;

  constructor(base: DynamoDBClient, translateConfig: TranslateConfig) {
    super(base, translateConfig);
    this.#base = base;
  }

  override destroy(): void {
    this.#base.destroy();
  }
}

/**
 * Builds a document client for an embedded DynamoDB endpoint: region `local`, fixed fake
 * credentials, short timeouts and two attempts, and undefined values removed when marshalling.
 *
 * Its `destroy()` closes the underlying connections.
 */
export function createEmbeddedDocumentClient(endpoint: string): DynamoDBDocumentClient {
  const base = new DynamoDBClient({
    endpoint,
    region: 'local',
    // dynalite checks that requests are signed, not by whom.
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 2,
    requestHandler: {
      connectionTimeout: 1_000,
      requestTimeout: 5_000,
      throwOnRequestTimeout: true,
    },
  });
  return new OwningDocumentClient(base, { marshallOptions: { removeUndefinedValues: true } });
}

/**
 * The table name of the embedded store's orders, shared by every local tool that opens the same
 * folder (the skill outside Lambda, `npm start`, the merchant's order tools).
 */
export const EMBEDDED_ORDERS_TABLE = 'orders';

/** Options of openEmbeddedOrderStore: where the data lives and the table's name. */
export type EmbeddedOrderStoreOptions = EmbeddedDynamoOptions & { readonly tableName: string };

/** An order store on the embedded DynamoDB, and how to stop it. */
export type EmbeddedOrderStore = {
  readonly store: DynamoDbOrderStore;
  /** The billing agreements, in the same table through the same client. */
  readonly agreements: DynamoDbAgreementStore;
  /** Stops the embedded DynamoDB if it was started; safe to call more than once. */
  close(): Promise<void>;
};

type Running = { readonly dynamo: EmbeddedDynamo; readonly client: DynamoDBDocumentClient };

async function startRunning(options: EmbeddedOrderStoreOptions): Promise<Running> {
  const dynamo = await startEmbeddedDynamo(options);
  const client = createEmbeddedDocumentClient(dynamo.endpoint);
  try {
    await createOrdersTable(client, options.tableName);
  } catch (error) {
    client.destroy();
    await dynamo.close();
    throw error;
  }
  return { dynamo, client };
}

/**
 * Opens the default local order store: a DynamoDbOrderStore on dynalite, started on first use.
 *
 * Nothing starts until the store is first called; that call starts dynalite and creates the table,
 * and concurrent first calls share the one start. A failed start (a locked folder, say) is reported
 * to the caller and tried again on the next call.
 *
 * @example
 * const { store, close } = openEmbeddedOrderStore({ dir: '.data', tableName: 'orders' });
 * await store.get('01J...');
 * await close();
 */
export function openEmbeddedOrderStore(options: EmbeddedOrderStoreOptions): EmbeddedOrderStore {
  let running: Promise<Running> | undefined;
  let closing: Promise<void> | undefined;

  const connect = (): Promise<DynamoDBDocumentClient> => {
    if (closing !== undefined) {
      return Promise.reject(new OrderStoreError('the embedded order store is closed'));
    }
    if (running === undefined) {
      const starting = startRunning(options).catch((error: unknown) => {
        if (running === starting) {
          running = undefined;
        }
        throw error;
      });
      running = starting;
    }
    return running.then(({ client }) => client);
  };

  const close = (): Promise<void> => {
    closing ??= (async () => {
      const started = await running?.catch(() => undefined);
      if (started !== undefined) {
        started.client.destroy();
        await started.dynamo.close();
      }
    })();
    return closing;
  };

  return {
    store: new DynamoDbOrderStore({ client: connect, tableName: options.tableName }),
    agreements: new DynamoDbAgreementStore({ client: connect, tableName: options.tableName }),
    close,
  };
}
