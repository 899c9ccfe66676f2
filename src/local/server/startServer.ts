import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import {
  SkillRequestSignatureVerifier,
  TimestampVerifier,
  type Verifier,
} from 'ask-sdk-express-adapter';
import type { Catalog } from '../../checkout/Catalog';
import type { Logger } from '../../checkout/Logger';
import type { OrderStore } from '../../checkout/OrderStore';
import { loadDemoCatalog } from '../../checkout/demoCatalog';
import type { Config } from '../../config/loadConfig';
import { BuyerApiClient } from '../../amazonpay/buyer/BuyerApiClient';
import { createHandler } from '../../createHandler';
import { JsonLogger } from '../../logging/JsonLogger';
import { ALEXA_PATH, createAlexaApp } from './createAlexaApp';
import { ServerListenError } from './errors';
import { openServerStore, type ServerStore } from './openServerStore';

/** The only address the endpoint listens on: loopback, behind an HTTPS proxy of the merchant's. */
export const SERVER_HOST = '127.0.0.1';

/**
 * How requests are verified before the skill sees them.
 *
 * `on` runs Amazon's checks (ask-sdk-express-adapter's SkillRequestSignatureVerifier, which
 * downloads and checks the signing certificate chain, then TimestampVerifier with its 150-second
 * tolerance) unless `verifiers` replaces them (tests, with a test certificate authority). `off`
 * checks nothing: for local curl tests only.
 * See https://developer.amazon.com/en-US/docs/alexa/custom-skills/host-a-custom-skill-as-a-web-service.html
 */
export type RequestVerification =
  { readonly kind: 'on'; readonly verifiers?: ReadonlyArray<Verifier> } | { readonly kind: 'off' };

/** What startServer needs; everything but the configuration, port and verification has a default. */
export type ServerOptions = {
  readonly config: Config;
  /** The port on 127.0.0.1; 0 picks a free one (the chosen one is in the returned url). */
  readonly port: number;
  readonly verification: RequestVerification;
  /**
   * The order store to use, owned by the caller (it is neither checked nor closed here). By
   * default the store the configuration names is opened, checked before listening, and closed by
   * `close()`.
   */
  readonly store?: OrderStore;
  /** Default: JSON lines on stdout at the configured level. */
  readonly logger?: Logger;
  readonly catalog?: Catalog;
  readonly clock?: () => Date;
  readonly newOrderId?: () => string;
};

/** A listening endpoint. */
export type RunningServer = {
  /** The endpoint's URL, `http://127.0.0.1:<port>/alexa`. */
  readonly url: string;
  readonly port: number;
  /** Stops listening, lets requests in flight finish (up to 5 s), then closes the store it opened. */
  close(): Promise<void>;
};

// How long close() lets requests in flight finish before it drops their connections.
const CLOSE_GRACE_MS = 5_000;

// A turn takes at most the skill's budget (6 s by default, under Alexa's 8): a request that has
// not arrived completely in this time is not from Alexa.
const REQUEST_TIMEOUT_MS = 10_000;

// The id the start-up check reads: no order has it, and reading it starts the embedded store.
const STORE_CHECK_ID = 'serve-store-check';

function toVerifiers(verification: RequestVerification): ReadonlyArray<Verifier> {
  if (verification.kind === 'off') return [];
  return verification.verifiers ?? [new SkillRequestSignatureVerifier(), new TimestampVerifier()];
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(new ServerListenError(SERVER_HOST, port, error.code, { cause: error }));
    };
    server.once('error', onError);
    server.listen(port, SERVER_HOST, () => {
      server.off('error', onError);
      const address = server.address();
      if (address !== null && typeof address === 'object') {
        resolve(address.port);
      } else {
        reject(new ServerListenError(SERVER_HOST, port, undefined));
      }
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    // Keep-alive connections with no request in flight would hold close() open until they time out.
    server.closeIdleConnections();
  });
}

/**
 * Starts the skill's HTTP endpoint on 127.0.0.1: the same handler as the Lambda function
 * (createHandler, with the skill id check) behind the request verifiers, at `/alexa`.
 *
 * When it opens the store itself, it reads from it once before listening, so that an embedded
 * store folder used by another process fails the start (EmbeddedStoreLockedError), not the first
 * request. A port in use rejects with ServerListenError. Either way nothing is left open.
 *
 * @example
 * const server = await startServer({ config: loadConfig(), port: 3000, verification: { kind: 'on' } });
 * console.log(server.url); // http://127.0.0.1:3000/alexa
 * await server.close();
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { config } = options;
  const logger = options.logger ?? new JsonLogger({ level: config.logLevel });
  let owned: ServerStore | undefined;
  let store: OrderStore;
  if (options.store !== undefined) {
    store = options.store;
  } else {
    owned = openServerStore(config);
    store = owned.store;
  }

  let server: Server;
  let port: number;
  try {
    if (owned?.embedded === true) await owned.store.get(STORE_CHECK_ID);
    const handler = createHandler({
      config,
      store,
      // As in the Lambda entry; a store given by the caller comes without agreements.
      ...(owned !== undefined && { agreements: owned.agreements }),
      catalog: options.catalog ?? loadDemoCatalog(),
      logger,
      clock: options.clock ?? (() => new Date()),
      // 128 random bits, URL-safe: 22 characters, unguessable (as in the Lambda entry).
      newOrderId: options.newOrderId ?? (() => randomBytes(16).toString('base64url')),
      // As in the Lambda entry: the host of each request's apiEndpoint, or BUYER_API_ORIGIN.
      buyerApi: new BuyerApiClient({
        timeoutMs: config.buyerApiTimeoutMs,
        ...(config.buyerApiOrigin !== undefined && { originOverride: config.buyerApiOrigin }),
      }),
    });
    const app = createAlexaApp({ handler, verifiers: toVerifiers(options.verification), logger });
    server = createServer(app);
    server.requestTimeout = REQUEST_TIMEOUT_MS;
    server.headersTimeout = REQUEST_TIMEOUT_MS;
    port = await listen(server, options.port);
  } catch (error) {
    // Nothing listens when this is reached: only the store may need closing.
    await owned?.close();
    throw error;
  }

  const listening = server;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${SERVER_HOST}:${port}${ALEXA_PATH}`,
    port,
    close: () => {
      closing ??= closeServer(listening).finally(() => owned?.close());
      return closing;
    },
  };
}
