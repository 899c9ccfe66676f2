import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readField, readString } from '../../amazonpay/readUnknown';
import { ConfigError } from '../../config/errors';
import { renderPage } from './page/page';
import {
  parseSettings,
  ShopSimulator,
  SimulatorInputError,
  type ShopSimulatorOptions,
} from './ShopSimulator';

/** The only address the simulator listens on. */
export const SIMULATOR_HOST = '127.0.0.1';

/** The port of `npm run simulator` when SIM_PORT is not set. */
export const DEFAULT_SIMULATOR_PORT = 3100;

/** Options of startSimulatorServer: the port, and how to build the simulator. */
export type SimulatorServerOptions = ShopSimulatorOptions & {
  /** The port on 127.0.0.1; 0 picks a free one (the chosen one is in the returned url). */
  readonly port: number;
};

/** A listening simulator. */
export type RunningSimulator = {
  /** The page's URL, `http://127.0.0.1:<port>/`. */
  readonly url: string;
  readonly port: number;
  readonly simulator: ShopSimulator;
  /** Stops listening, then closes the simulator (and its store); safe to call more than once. */
  close(): Promise<void>;
};

/** Thrown when the port cannot be listened on (in use, not allowed). */
export class SimulatorListenError extends Error {
  constructor(port: number, code: string | undefined, options?: { readonly cause?: unknown }) {
    super(
      code === 'EADDRINUSE'
        ? `port ${port} on ${SIMULATOR_HOST} is in use: set SIM_PORT to another port (0 picks a free one)`
        : `cannot listen on ${SIMULATOR_HOST}:${port}${code === undefined ? '' : ` (${code})`}`,
      options,
    );
    this.name = 'SimulatorListenError';
  }
}

const MAX_BODY_BYTES = 64 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Readonly<Record<string, string>>,
): void {
  res.writeHead(status, {
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Content-Length': String(Buffer.byteLength(body, 'utf8')),
    ...headers,
  });
  res.end(body);
}

function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  send(res, status, JSON.stringify(value), {
    'Content-Type': 'application/json; charset=utf-8',
    ...headers,
  });
}

function readBody(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    return Promise.reject(new HttpError(415, 'send the body as application/json'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, 'the body is too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text === '' ? {} : (JSON.parse(text) as unknown));
      } catch {
        reject(new HttpError(400, 'the body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

/** The settings of a body: `{ settings: {...} }`, or the body itself (`{ text, locale, ... }`). */
function settingsOf(body: unknown): unknown {
  const nested = readField(body, 'settings');
  return nested === undefined ? body : nested;
}

function isAllowedHost(host: string | undefined, port: number): boolean {
  // A page on another site must not drive the simulator through DNS rebinding.
  return host === `${SIMULATOR_HOST}:${port}` || host === `localhost:${port}`;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(new SimulatorListenError(port, error.code, { cause: error }));
    };
    server.once('error', onError);
    server.listen(port, SIMULATOR_HOST, () => {
      server.off('error', onError);
      const address = server.address();
      if (address !== null && typeof address === 'object') resolve(address.port);
      else reject(new SimulatorListenError(port, undefined));
    });
  });
}

/**
 * Starts the browser simulator on 127.0.0.1: the page at `/` and its JSON API under `/api/`,
 * driving a ShopSimulator (the real Lambda handler with the embedded store and the offline Amazon
 * Pay simulator).
 *
 * API: `GET /api/scenarios`, `GET /api/locales`, `GET /api/state`, `GET /api/order`,
 * `GET /api/transcript` (a download), `POST /api/say {text, settings}`,
 * `POST /api/new-session {settings}`, `POST /api/reset`. POST bodies are JSON; the settings
 * (`locale`, `device`, `consent`, `voicePurchasing`, `scenario`) may also sit beside `text`.
 *
 * @example
 * const running = await startSimulatorServer({ port: 0 });
 * console.log(running.url); // http://127.0.0.1:41234/
 * await running.close();
 */
export async function startSimulatorServer(
  options: SimulatorServerOptions,
): Promise<RunningSimulator> {
  const simulator = await ShopSimulator.open(options);
  const page = renderPage();
  let port = options.port;

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', `http://${SIMULATOR_HOST}`);
    const method = req.method ?? 'GET';
    if (!isAllowedHost(req.headers.host, port)) {
      throw new HttpError(421, `use http://${SIMULATOR_HOST}:${port}/`);
    }
    const get = method === 'GET' || method === 'HEAD';
    const key = `${get ? 'GET' : method} ${url.pathname}`;
    switch (key) {
      case 'GET /':
        send(res, 200, page.html, {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': page.contentSecurityPolicy,
        });
        return;
      case 'GET /favicon.ico':
        res.writeHead(204, { 'Cache-Control': 'max-age=86400' });
        res.end();
        return;
      case 'GET /api/scenarios':
        sendJson(res, 200, {
          scenarios: simulator.scenarios(),
          defaults: simulator.defaultSettings(),
        });
        return;
      case 'GET /api/locales':
        sendJson(res, 200, { locales: simulator.locales() });
        return;
      case 'GET /api/state':
        sendJson(res, 200, await simulator.state());
        return;
      case 'GET /api/order':
        sendJson(res, 200, { order: await simulator.order() });
        return;
      case 'GET /api/transcript': {
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        sendJson(res, 200, simulator.transcript(), {
          'Content-Disposition': `attachment; filename="simulator-transcript-${stamp}.json"`,
        });
        return;
      }
      case 'POST /api/say': {
        const body = await readBody(req);
        const text = readString(body, 'text');
        if (text === undefined) throw new HttpError(400, 'text must be a string');
        sendJson(res, 200, await simulator.say(text, parseSettings(settingsOf(body))));
        return;
      }
      case 'POST /api/new-session': {
        const body = await readBody(req);
        sendJson(res, 200, await simulator.newSession(parseSettings(settingsOf(body))));
        return;
      }
      case 'POST /api/reset':
        await readBody(req);
        sendJson(res, 200, await simulator.reset());
        return;
      default:
        if (
          [
            '/',
            '/api/scenarios',
            '/api/locales',
            '/api/state',
            '/api/order',
            '/api/transcript',
            '/api/say',
            '/api/new-session',
            '/api/reset',
          ].includes(url.pathname)
        ) {
          throw new HttpError(405, `${method} is not allowed on ${url.pathname}`);
        }
        throw new HttpError(404, `nothing at ${url.pathname}`);
    }
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      const status =
        error instanceof HttpError
          ? error.status
          : error instanceof SimulatorInputError || error instanceof ConfigError
            ? 400
            : 500;
      if (status === 500) {
        process.stderr.write(
          `simulator: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
        );
      }
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendJson(res, status, { error: error instanceof Error ? error.message : String(error) });
    });
  });
  server.requestTimeout = 30_000;
  try {
    port = await listen(server, options.port);
  } catch (error) {
    await simulator.close();
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    url: `http://${SIMULATOR_HOST}:${port}/`,
    port,
    simulator,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      }).then(() => simulator.close());
      return closing;
    },
  };
}
