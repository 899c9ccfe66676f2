import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BuyerApiOperation } from '../../amazonpay/buyer/BuyerApiOperation';
import {
  BUYER_ADDRESSES_LIVE_PATH,
  BUYER_ADDRESSES_SANDBOX_PATH,
  BUYER_ID_PATH,
  SANDBOX_EMAIL_HEADER,
} from '../../amazonpay/buyer/constants';
import type { BuyerApiBehaviour } from './BuyerApiBehaviour';
import type { BuyerProfile } from './BuyerProfile';
import { BuyerApiStandInError } from './errors';

/** One request the stand-in received, as a test may assert on it. */
export type RecordedBuyerApiRequest = {
  /** Undefined for a path that is neither API. */
  readonly operation: BuyerApiOperation | undefined;
  readonly method: string;
  /** The path without its query. */
  readonly path: string;
  /** The decoded query parameters. */
  readonly query: Readonly<Record<string, string>>;
  /**
   * The headers, names lower-cased. `authorization` is `Bearer <present>` when a bearer token was
   * sent and absent otherwise: the token itself is never kept.
   */
  readonly headers: Readonly<Record<string, string>>;
};

/** A running loopback Buyer API stand-in. */
export type BuyerApiStandInServer = {
  /** `http://127.0.0.1:PORT`, for `BuyerApiClientOptions.originOverride`. */
  readonly origin: string;
  /** Changes how one operation answers from the next request on. */
  setBehaviour(operation: BuyerApiOperation, behaviour: BuyerApiBehaviour): void;
  /** Makes an access token stand for a buyer. */
  addBuyer(apiAccessToken: string, profile: BuyerProfile): void;
  /** Every request received so far, oldest first. */
  readonly requests: ReadonlyArray<RecordedBuyerApiRequest>;
  /** Stops the server; ends hanging and delayed requests too. */
  close(): Promise<void>;
};

/** How a stand-in starts. */
export type BuyerApiStandInOptions = {
  /** Buyers by access token. */
  readonly buyers?: Readonly<Record<string, BuyerProfile>>;
  /** The buyer of a token not in `buyers`; without it, such a token gets 401. */
  readonly defaultProfile?: (apiAccessToken: string) => BuyerProfile;
  /** When set, a sandbox Buyer Address call must name this sandbox buyer, or it gets 400. */
  readonly sandboxEmail?: string;
};

type Route = { readonly operation: BuyerApiOperation; readonly sandbox: boolean };

const ROUTES: ReadonlyMap<string, Route> = new Map([
  [BUYER_ID_PATH, { operation: BuyerApiOperation.BuyerId, sandbox: false }],
  [BUYER_ADDRESSES_LIVE_PATH, { operation: BuyerApiOperation.BuyerAddress, sandbox: false }],
  [BUYER_ADDRESSES_SANDBOX_PATH, { operation: BuyerApiOperation.BuyerAddress, sandbox: true }],
]);

const BEARER_PATTERN = /^Bearer +(\S+)$/i;
const REASON_OF_STATUS: Readonly<Record<number, string>> = Object.freeze({
  400: 'InvalidRequest',
  401: 'InvalidAuthorizationToken',
  403: 'AccessDenied',
  404: 'ResourceNotFound',
  405: 'MethodNotAllowed',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  503: 'ServiceUnavailable',
});

function reasonOf(status: number): string {
  const known = Object.prototype.hasOwnProperty.call(REASON_OF_STATUS, status)
    ? REASON_OF_STATUS[status]
    : undefined;
  return known ?? (status >= 500 ? 'InternalServerError' : 'InvalidRequest');
}

function readBearerToken(headers: IncomingHttpHeaders): string | undefined {
  return BEARER_PATTERN.exec(headers.authorization ?? '')?.[1];
}

function recordHeaders(headers: IncomingHttpHeaders): Readonly<Record<string, string>> {
  const recorded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name === 'authorization') continue;
    recorded[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  if (readBearerToken(headers) !== undefined) recorded.authorization = 'Bearer <present>';
  return recorded;
}

function checkBehaviour(behaviour: BuyerApiBehaviour): void {
  if (behaviour.kind === 'status') {
    if (!Number.isInteger(behaviour.status) || behaviour.status < 400 || behaviour.status > 599) {
      throw new BuyerApiStandInError('a status behaviour needs an error status, 400 to 599');
    }
    const retryAfter = behaviour.retryAfterSeconds;
    if (retryAfter !== undefined && (!Number.isInteger(retryAfter) || retryAfter < 0)) {
      throw new BuyerApiStandInError('retryAfterSeconds must be a whole number of seconds');
    }
  }
  if (behaviour.kind === 'delay' && !(Number.isFinite(behaviour.ms) && behaviour.ms >= 0)) {
    throw new BuyerApiStandInError('a delay must be a finite, non-negative number of ms');
  }
}

function checkProfile(apiAccessToken: string, profile: BuyerProfile): void {
  if (typeof apiAccessToken !== 'string' || apiAccessToken === '') {
    throw new BuyerApiStandInError('a buyer needs a non-empty access token');
  }
  if (typeof profile.buyerId !== 'string' || profile.buyerId === '') {
    throw new BuyerApiStandInError('a buyer needs a non-empty buyerId');
  }
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function sendError(
  response: ServerResponse,
  status: number,
  message: string,
  headers?: Readonly<Record<string, string>>,
): void {
  sendJson(response, status, { reasonCode: reasonOf(status), message }, headers);
}

/**
 * Starts a loopback HTTP stand-in of the Buyer ID and Buyer Address APIs on 127.0.0.1 and a free
 * port, with sandbox-like answers and a switch for each failure.
 *
 * Sandbox-like rules, in this order: an unknown path gets 404 and a method other than GET 405;
 * then the operation's behaviour applies (`ok` and `delay` go on); a missing or non-bearer
 * `Authorization` and an unknown token get 401; a Buyer Address call without `sellerId`, or a
 * sandbox one without (or with another than `sandboxEmail`) `x-amz-pay-sandbox-email-id`, gets
 * 400. Error bodies are `{"reasonCode":"...","message":"..."}`. It listens on loopback only.
 *
 * @example
 * const standIn = await startBuyerApiStandIn({ defaultProfile: SANDBOX_BUYER });
 * const client = new BuyerApiClient({ originOverride: standIn.origin });
 * standIn.setBehaviour('BuyerAddress', { kind: 'hang' });
 */
export async function startBuyerApiStandIn(
  options: BuyerApiStandInOptions = {},
): Promise<BuyerApiStandInServer> {
  const buyers = new Map<string, BuyerProfile>();
  for (const [token, profile] of Object.entries(options.buyers ?? {})) {
    checkProfile(token, profile);
    buyers.set(token, profile);
  }
  const behaviours = new Map<BuyerApiOperation, BuyerApiBehaviour>();
  const recorded: RecordedBuyerApiRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const answer = (
    request: IncomingMessage,
    response: ServerResponse,
    route: Route,
    url: URL,
  ): void => {
    const token = readBearerToken(request.headers);
    if (token === undefined) {
      return sendError(response, 401, 'A bearer access token is required');
    }
    const profile = buyers.get(token) ?? options.defaultProfile?.(token);
    if (profile === undefined) {
      return sendError(response, 401, 'The access token is not valid');
    }
    if (route.operation === BuyerApiOperation.BuyerId) {
      return sendJson(response, 200, { buyerId: profile.buyerId });
    }
    if ((url.searchParams.get('sellerId') ?? '') === '') {
      return sendError(response, 400, 'sellerId is required');
    }
    if (route.sandbox) {
      const email = request.headers[SANDBOX_EMAIL_HEADER];
      if (typeof email !== 'string' || email === '') {
        return sendError(response, 400, `${SANDBOX_EMAIL_HEADER} is required in sandbox`);
      }
      if (options.sandboxEmail !== undefined && email !== options.sandboxEmail) {
        return sendError(response, 400, 'The sandbox buyer is not known');
      }
    }
    return sendJson(response, 200, { addresses: profile.addresses });
  };

  // A throwing defaultProfile must not take the process down: it becomes a 500.
  const answerSafely = (
    request: IncomingMessage,
    response: ServerResponse,
    route: Route,
    url: URL,
  ): void => {
    try {
      answer(request, response, route, url);
    } catch {
      sendError(response, 500, 'Internal stand-in error');
    }
  };

  const server = createServer((request, response) => {
    // GET carries no body; drain anything sent so the connection stays usable.
    request.resume();
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const route = ROUTES.get(url.pathname);
    const method = request.method ?? 'GET';
    recorded.push({
      operation: route?.operation,
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: recordHeaders(request.headers),
    });
    if (route === undefined) return sendError(response, 404, 'No such resource');
    if (method !== 'GET') return sendError(response, 405, 'Only GET is allowed', { allow: 'GET' });
    const behaviour = behaviours.get(route.operation) ?? { kind: 'ok' };
    switch (behaviour.kind) {
      case 'ok':
        return answerSafely(request, response, route, url);
      case 'delay': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          answerSafely(request, response, route, url);
        }, behaviour.ms);
        timers.add(timer);
        return;
      }
      case 'status':
        return sendError(
          response,
          behaviour.status,
          'Simulated failure',
          behaviour.retryAfterSeconds === undefined
            ? {}
            : { 'retry-after': String(behaviour.retryAfterSeconds) },
        );
      case 'hang':
        return;
      case 'hangBody':
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write(
          route.operation === BuyerApiOperation.BuyerId ? '{"buyerId":"amzn1.' : '{"addresses":[',
        );
        return;
      case 'malformed':
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('<html><body>Service error</body></html>');
        return;
      case 'wrongShape':
        return sendJson(
          response,
          200,
          route.operation === BuyerApiOperation.BuyerId
            ? { buyer: { id: 42 } }
            : { addresses: { type: 'none' } },
        );
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    origin: `http://127.0.0.1:${port}`,
    setBehaviour(operation, behaviour) {
      if (!Object.values(BuyerApiOperation).includes(operation)) {
        throw new BuyerApiStandInError('unknown operation');
      }
      checkBehaviour(behaviour);
      behaviours.set(operation, behaviour);
    },
    addBuyer(apiAccessToken, profile) {
      checkProfile(apiAccessToken, profile);
      buyers.set(apiAccessToken, profile);
    },
    get requests() {
      return [...recorded];
    },
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        // Ends keep-alive, hanging and half-sent answers, so close does not wait for clients.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
