import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MwsStandIn } from './MwsStandIn';

/** A running loopback stand-in: its origin for `MwsClientOptions.endpointOrigin`, and `close`. */
export type MwsStandInServer = {
  readonly origin: string;
  readonly port: number;
  close(): Promise<void>;
};

const MAX_BODY_BYTES = 1_000_000;

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () =>
      resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')),
    );
    request.on('error', reject);
  });
}

/**
 * Serves an `MwsStandIn` over HTTP on a loopback address (port 0 picks a free one).
 *
 * @example
 * const server = await startMwsStandInServer(new MwsStandIn());
 * const client = new MwsClient(config, { endpointOrigin: server.origin });
 */
export async function startMwsStandInServer(
  standIn: MwsStandIn,
  options: { readonly port?: number; readonly host?: string } = {},
): Promise<MwsStandInServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    const reply = (status: number, body: string): void => {
      response.writeHead(status, { 'content-type': 'text/xml' });
      response.end(body);
    };
    readBody(request)
      .then(async (body) => {
        if (body === undefined) return reply(413, 'Request Entity Too Large');
        const path = new URL(request.url ?? '/', 'http://stand-in').pathname;
        const answer = await standIn.handle({ method: request.method ?? 'GET', path, body });
        return reply(answer.status, answer.body);
      })
      .catch(() => reply(500, 'Internal stand-in error'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}
