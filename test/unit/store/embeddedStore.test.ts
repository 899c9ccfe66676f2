import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { EmbeddedDynamoOptions } from '../../../src/store/embeddedStore';
import {
  createEmbeddedDocumentClient,
  openEmbeddedOrderStore,
  startEmbeddedDynamo,
} from '../../../src/store/embeddedStore';
import { EmbeddedStoreLockedError, EmbeddedStoreStartError } from '../../../src/store/errors';
import { anOrder } from '../../support/orders';

const PROJECT_ROOT = resolve(__dirname, '../../..');
const TABLE_NAME = 'orders-embedded-test';

/** A second Node process that holds a data folder until its stdin closes. */
type FolderHolder = { readonly child: ChildProcessWithoutNullStreams; stop(): Promise<void> };

// Runs in the child: either the esbuild bundle of embeddedStore.ts or plain dynalite.
const HOLDER_SCRIPT = `
const dir = process.env.HOLD_DIR;
const started = process.env.HOLD_BUNDLE
  ? require(process.env.HOLD_BUNDLE).startEmbeddedDynamo({ dir })
  : new Promise((ok) => {
      const server = require('dynalite')({ path: dir });
      server.listen(0, '127.0.0.1', () => ok({ close: () => new Promise((c) => server.close(c)) }));
    });
started.then(
  (dynamo) => {
    process.stdout.write('ready\\n');
    process.stdin.on('end', () => dynamo.close().then(() => process.exit(0)));
    process.stdin.resume();
  },
  (error) => { process.stdout.write('failed ' + error.name + '\\n'); process.exit(3); },
);
`;

function holdFolder(cwd: string, dir: string, bundle?: string): Promise<FolderHolder> {
  const child = spawn(process.execPath, ['-e', HOLDER_SCRIPT], {
    cwd,
    env: { ...process.env, HOLD_DIR: dir, HOLD_BUNDLE: bundle ?? '' },
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((ready, fail) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.startsWith('ready')) {
        ready({
          child,
          stop: async () => {
            child.stdin.end();
            await exited;
          },
        });
      } else if (out.includes('\n')) {
        fail(new Error(`the folder holder did not start: ${out.trim()}`));
      }
    });
    child.once('exit', (code) => fail(new Error(`the folder holder exited with ${String(code)}`)));
  });
}

describe('embeddedStore', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'embedded-store-'));
    // The child processes and the bundle resolve dynalite from here, as lambda/ does in the project
    // (a native import() ignores NODE_PATH).
    await symlink(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  });

  afterAll(async () => {
    // Remove the link first so that nothing can ever recurse into the project's node_modules.
    await unlink(join(root, 'node_modules'));
    await rm(root, { recursive: true, force: true });
  });

  let folders = 0;
  const aFolder = (): string => join(root, `store-${(folders += 1)}`);

  describe('startEmbeddedDynamo', () => {
    it('listens on a loopback port in memory and closes more than once', async () => {
      // Act
      const dynamo = await startEmbeddedDynamo({ inMemory: true });

      // Assess
      expect(dynamo.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(dynamo.dir).toBeUndefined();
      await dynamo.close();
      await expect(dynamo.close()).resolves.toBeUndefined();
    });

    it('creates a missing folder, nested, and reports it as absolute', async () => {
      // Prepare
      const dir = join(aFolder(), 'nested', 'data');

      // Act
      const dynamo = await startEmbeddedDynamo({ dir });

      // Assess
      expect(existsSync(dir)).toBe(true);
      expect(dynamo.dir).toBe(resolve(dir));
      await dynamo.close();
    });

    it('refuses a folder that this process uses already, and frees it on close', async () => {
      // Prepare
      const dir = aFolder();
      const first = await startEmbeddedDynamo({ dir });

      // Act
      const second = startEmbeddedDynamo({ dir });

      // Assess
      await expect(second).rejects.toThrow(EmbeddedStoreLockedError);
      await expect(second).rejects.toThrow(`folder ${dir} is used by another process`);
      await first.close();
      const third = await startEmbeddedDynamo({ dir });
      await third.close();
    });

    it('refuses a folder that another process holds, with this module bundled', async () => {
      // Prepare: the same bundling the Lambda build uses, with dynalite kept external.
      const dir = aFolder();
      const bundle = join(root, 'embeddedStore.bundle.js');
      await build({
        entryPoints: [join(PROJECT_ROOT, 'src/store/embeddedStore.ts')],
        outfile: bundle,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        mainFields: ['module', 'main'],
        external: ['dynalite', '@aws-sdk/*'],
        logLevel: 'silent',
      });
      const holder = await holdFolder(root, dir, bundle);

      try {
        // Act
        const started = startEmbeddedDynamo({ dir });

        // Assess
        await expect(started).rejects.toThrow(EmbeddedStoreLockedError);
        await expect(started).rejects.toMatchObject({ dir });
      } finally {
        await holder.stop();
      }
    });

    it('refuses a folder that a plain dynalite in another process holds', async () => {
      // Prepare
      const dir = aFolder();
      const holder = await holdFolder(root, dir);

      try {
        // Act
        const started = startEmbeddedDynamo({ dir });

        // Assess
        await expect(started).rejects.toThrow(EmbeddedStoreLockedError);
      } finally {
        await holder.stop();
      }
    });

    it.each<[string, unknown]>([
      ['both dir and inMemory', { dir: 'x', inMemory: true }],
      ['neither dir nor inMemory', {}],
      ['an empty dir', { dir: '' }],
    ])('refuses %s', async (_label, options) => {
      await expect(startEmbeddedDynamo(options as EmbeddedDynamoOptions)).rejects.toThrow(
        EmbeddedStoreStartError,
      );
    });
  });

  describe('createEmbeddedDocumentClient', () => {
    it('uses the local region and at most two attempts', async () => {
      // Act
      const client = createEmbeddedDocumentClient('http://127.0.0.1:1');

      // Assess
      await expect(client.config.region()).resolves.toBe('local');
      await expect(client.config.maxAttempts()).resolves.toBe(2);
      client.destroy();
    });
  });

  describe('openEmbeddedOrderStore', () => {
    it('starts nothing before the first call', async () => {
      // Prepare
      const dir = aFolder();

      // Act
      const embedded = openEmbeddedOrderStore({ dir, tableName: TABLE_NAME });

      // Assess
      expect(existsSync(dir)).toBe(false);
      await embedded.close();
      expect(existsSync(dir)).toBe(false);
    });

    it('shares one start between concurrent first calls', async () => {
      // Prepare: a second start on the same folder would fail with EmbeddedStoreLockedError.
      const embedded = openEmbeddedOrderStore({ dir: aFolder(), tableName: TABLE_NAME });
      const orders = ['a', 'b', 'c', 'd', 'e'].map((id) =>
        anOrder({ orderId: `concurrent-${id}` }),
      );

      // Act
      await Promise.all(orders.map((order) => embedded.store.create(order)));

      // Assess
      await expect(Promise.all(orders.map((o) => embedded.store.get(o.orderId)))).resolves.toEqual(
        orders,
      );
      await embedded.close();
    });

    it('keeps orders in its folder across close and reopen', async () => {
      // Prepare
      const dir = aFolder();
      const order = anOrder({ orderId: 'persisted-order' });
      const first = openEmbeddedOrderStore({ dir, tableName: TABLE_NAME });
      await first.store.create(order);
      await first.store.transition({
        orderId: order.orderId,
        userId: order.userId,
        from: 'awaiting-confirmation',
        to: 'cancelled',
        at: '2026-03-01T10:05:00.000Z',
      });
      await first.close();

      // Act
      const second = openEmbeddedOrderStore({ dir, tableName: TABLE_NAME });
      const stored = await second.store.get(order.orderId);

      // Assess
      expect(stored).toMatchObject({ orderId: order.orderId, status: 'cancelled', version: 2 });
      await second.close();
    });

    it('reports a locked folder on first use and starts once the folder is free', async () => {
      // Prepare
      const dir = aFolder();
      const holder = openEmbeddedOrderStore({ dir, tableName: TABLE_NAME });
      await holder.store.create(anOrder({ orderId: 'locked-order' }));
      const waiting = openEmbeddedOrderStore({ dir, tableName: TABLE_NAME });

      // Act
      const refused = waiting.store.get('locked-order');

      // Assess
      await expect(refused).rejects.toThrow(EmbeddedStoreLockedError);
      await holder.close();
      await expect(waiting.store.get('locked-order')).resolves.toMatchObject({
        orderId: 'locked-order',
      });
      await waiting.close();
    });

    it('refuses to start after close', async () => {
      // Prepare
      const embedded = openEmbeddedOrderStore({ inMemory: true, tableName: TABLE_NAME });
      await embedded.close();

      // Act
      const read = embedded.store.get('after-close');

      // Assess
      await expect(read).rejects.toThrow('the embedded order store is closed');
    });
  });
});
