import { inspect } from 'node:util';
import type { BuyerAddressesCall, BuyerApiCall } from '../../src/amazonpay/buyer/BuyerApiClient';
import { BuyerApiClient } from '../../src/amazonpay/buyer/BuyerApiClient';
import type { BuyerApiOperation } from '../../src/amazonpay/buyer/BuyerApiOperation';
import type { BuyerApiError } from '../../src/amazonpay/buyer/errors';
import {
  BuyerApiMalformedResponseError,
  BuyerApiNetworkError,
  BuyerApiNotFoundError,
  BuyerApiPermissionError,
  BuyerApiRequestError,
  BuyerApiThrottledError,
  BuyerApiTimeoutError,
  BuyerApiUnavailableError,
  BuyerApiValidationError,
} from '../../src/amazonpay/buyer/errors';
import { findDefaultShippingAddress } from '../../src/amazonpay/buyer/findDefaultShippingAddress';
import type { BuyerApiBehaviour } from '../../src/local/buyer/BuyerApiBehaviour';
import type { BuyerProfile } from '../../src/local/buyer/BuyerProfile';
import { SANDBOX_BUYER } from '../../src/local/buyer/sandboxBuyer';
import type { BuyerApiStandInServer } from '../../src/local/buyer/startBuyerApiStandIn';
import { startBuyerApiStandIn } from '../../src/local/buyer/startBuyerApiStandIn';

const TOKEN = 'Atza|IwEBIExampleAccessToken-Never-Shown';
const EMAIL = 'sandbox.buyer+private@example.com';
const SELLER_ID = 'A1SELLER&role=admin+x y';
const NA_ENDPOINT = 'https://api.amazonalexa.com';
// Short, so that the hang tests stay fast; the default is 1500 ms.
const SHORT_TIMEOUT_MS = 200;

const standIns: BuyerApiStandInServer[] = [];

afterEach(async () => {
  await Promise.all(standIns.splice(0).map((standIn) => standIn.close()));
});

async function aStandIn(): Promise<BuyerApiStandInServer> {
  const standIn = await startBuyerApiStandIn({
    defaultProfile: SANDBOX_BUYER,
    sandboxEmail: EMAIL,
  });
  standIns.push(standIn);
  return standIn;
}

function aClient(standIn: BuyerApiStandInServer, timeoutMs = 5000): BuyerApiClient {
  return new BuyerApiClient({ originOverride: standIn.origin, timeoutMs });
}

function aCall(overrides: Partial<BuyerApiCall> = {}): BuyerApiCall {
  return { apiEndpoint: NA_ENDPOINT, apiAccessToken: TOKEN, ...overrides };
}

function anAddressesCall(overrides: Partial<BuyerAddressesCall> = {}): BuyerAddressesCall {
  return { ...aCall(), sellerId: SELLER_ID, sandbox: { customerEmail: EMAIL }, ...overrides };
}

/** Calls one operation of the client, so that each failure path is tested on both. */
function callOperation(client: BuyerApiClient, operation: BuyerApiOperation): Promise<unknown> {
  return operation === 'BuyerId'
    ? client.getBuyerId(aCall())
    : client.getBuyerAddresses(anAddressesCall());
}

async function failureOf(promise: Promise<unknown>): Promise<BuyerApiError> {
  try {
    await promise;
  } catch (error) {
    return error as BuyerApiError;
  }
  throw new Error('the call succeeded');
}

const OPERATIONS: ReadonlyArray<BuyerApiOperation> = ['BuyerId', 'BuyerAddress'];

describe('Buyer API client against the loopback stand-in', () => {
  describe('getBuyerId', () => {
    it('returns the buyer id of the access token', async () => {
      // Prepare
      const standIn = await aStandIn();

      // Act
      const result = await aClient(standIn).getBuyerId(aCall());

      // Assess
      expect(result).toEqual({ buyerId: SANDBOX_BUYER(TOKEN).buyerId });
    });

    it('sends GET /live/v1/buyer/id with Accept and a bearer token, and no sandbox header', async () => {
      // Prepare
      const standIn = await aStandIn();

      // Act
      await aClient(standIn).getBuyerId(aCall());

      // Assess
      expect(standIn.requests).toHaveLength(1);
      const [request] = standIn.requests;
      expect(request).toMatchObject({
        operation: 'BuyerId',
        method: 'GET',
        path: '/live/v1/buyer/id',
        query: {},
      });
      expect(request?.headers).toMatchObject({
        accept: 'application/json',
        authorization: 'Bearer <present>',
      });
      expect(request?.headers).not.toHaveProperty('x-amz-pay-sandbox-email-id');
    });

    it('answers a token the stand-in does not know with a permission error', async () => {
      // Prepare
      const standIn = await startBuyerApiStandIn({ buyers: {} });
      standIns.push(standIn);

      // Act
      const error = await failureOf(aClient(standIn).getBuyerId(aCall()));

      // Assess
      expect(error).toBeInstanceOf(BuyerApiPermissionError);
      expect(error).toMatchObject({ status: 401, reasonCode: 'InvalidAuthorizationToken' });
    });

    it('refuses a body over the size cap as malformed', async () => {
      // Prepare
      const standIn = await aStandIn();
      standIn.addBuyer(TOKEN, { buyerId: 'A'.repeat(70 * 1024), addresses: [] });

      // Act
      const error = await failureOf(aClient(standIn).getBuyerId(aCall()));

      // Assess
      expect(error).toBeInstanceOf(BuyerApiMalformedResponseError);
      expect(error).toMatchObject({ status: 200, problem: 'the body is over 65536 bytes' });
    });
  });

  describe('getBuyerAddresses', () => {
    it('returns the addresses, the default shipping one among them', async () => {
      // Prepare
      const standIn = await aStandIn();

      // Act
      const result = await aClient(standIn).getBuyerAddresses(anAddressesCall());

      // Assess
      expect(result.addresses.map((entry) => entry.addressType)).toEqual([
        'DefaultOneClickShippingAddress',
        'BillingAddress',
      ]);
      expect(findDefaultShippingAddress(result)).toEqual(
        SANDBOX_BUYER(TOKEN).addresses[0]?.address,
      );
    });

    it('sends the sandbox email header on the sandbox path only in sandbox', async () => {
      // Prepare
      const standIn = await aStandIn();
      const client = aClient(standIn);

      // Act
      await client.getBuyerAddresses(anAddressesCall());
      await client.getBuyerAddresses(anAddressesCall({ sandbox: undefined }));

      // Assess
      const [sandbox, live] = standIn.requests;
      expect(sandbox?.path).toBe('/sandbox/v1/buyer/addresses');
      expect(sandbox?.headers['x-amz-pay-sandbox-email-id']).toBe(EMAIL);
      expect(live?.path).toBe('/live/v1/buyer/addresses');
      expect(live?.headers).not.toHaveProperty('x-amz-pay-sandbox-email-id');
      expect(live?.headers).toMatchObject({
        accept: 'application/json',
        authorization: 'Bearer <present>',
      });
    });

    it('URL-encodes the seller id, so that its & = + and space reach Amazon unchanged', async () => {
      // Prepare
      const standIn = await aStandIn();

      // Act
      await aClient(standIn).getBuyerAddresses(anAddressesCall());

      // Assess
      expect(standIn.requests[0]?.query).toEqual({ sellerId: SELLER_ID });
    });

    it('answers another sandbox buyer than the configured one with a request error', async () => {
      // Prepare
      const standIn = await aStandIn();
      const call = anAddressesCall({ sandbox: { customerEmail: 'other@example.com' } });

      // Act
      const error = await failureOf(aClient(standIn).getBuyerAddresses(call));

      // Assess
      expect(error).toBeInstanceOf(BuyerApiRequestError);
      expect(error.status).toBe(400);
    });

    it('refuses a body over the size cap as malformed', async () => {
      // Prepare
      const standIn = await aStandIn();
      const line = { addressType: 'Other', address: { addressLine1: 'x'.repeat(1000) } };
      const profile: BuyerProfile = { buyerId: 'B1', addresses: Array(80).fill(line) };
      standIn.addBuyer(TOKEN, profile);

      // Act
      const error = await failureOf(aClient(standIn).getBuyerAddresses(anAddressesCall()));

      // Assess
      expect(error).toBeInstanceOf(BuyerApiMalformedResponseError);
      expect(error.message).toContain('over 65536 bytes');
    });

    it.each([
      ['an empty token', { apiAccessToken: '' }, 'apiAccessToken'],
      ['an empty seller id', { sellerId: '' }, 'sellerId'],
      ['an empty sandbox email', { sandbox: { customerEmail: '' } }, 'sandbox.customerEmail'],
    ] as const)('rejects %s without sending anything', async (_, overrides, field) => {
      // Prepare
      const standIn = await aStandIn();

      // Act
      const error = await failureOf(aClient(standIn).getBuyerAddresses(anAddressesCall(overrides)));

      // Assess
      expect(error).toBeInstanceOf(BuyerApiValidationError);
      expect(error).toMatchObject({ kind: 'invalidCall', field });
      expect(standIn.requests).toEqual([]);
    });
  });

  describe.each(OPERATIONS)('failures of %s', (operation) => {
    it.each([
      [401, 'permission', BuyerApiPermissionError],
      [403, 'permission', BuyerApiPermissionError],
      [404, 'notFound', BuyerApiNotFoundError],
      [429, 'throttled', BuyerApiThrottledError],
      [500, 'unavailable', BuyerApiUnavailableError],
      [503, 'unavailable', BuyerApiUnavailableError],
      [400, 'request', BuyerApiRequestError],
    ] as const)('maps HTTP %i to a %s error', async (status, kind, errorClass) => {
      // Prepare
      const standIn = await aStandIn();
      standIn.setBehaviour(operation, { kind: 'status', status });

      // Act
      const error = await failureOf(callOperation(aClient(standIn), operation));

      // Assess
      expect(error).toBeInstanceOf(errorClass);
      expect(error).toMatchObject({ kind, operation, status });
    });

    it('reads Retry-After of a 429 as seconds', async () => {
      // Prepare
      const standIn = await aStandIn();
      standIn.setBehaviour(operation, { kind: 'status', status: 429, retryAfterSeconds: 7 });

      // Act
      const error = await failureOf(callOperation(aClient(standIn), operation));

      // Assess
      expect(error).toBeInstanceOf(BuyerApiThrottledError);
      expect(error).toMatchObject({ retryAfterSeconds: 7, reasonCode: 'TooManyRequests' });
    });

    it.each([
      ['never answers', { kind: 'hang' }],
      ['sends headers and never finishes the body', { kind: 'hangBody' }],
    ] as const)('times out at its deadline when the server %s', async (_, behaviour) => {
      // Prepare
      const standIn = await aStandIn();
      standIn.setBehaviour(operation, behaviour);

      // Act
      const error = await failureOf(callOperation(aClient(standIn, SHORT_TIMEOUT_MS), operation));

      // Assess
      expect(error).toBeInstanceOf(BuyerApiTimeoutError);
      expect(error).toMatchObject({
        kind: 'timeout',
        operation,
        trigger: 'deadline',
        timeoutMs: SHORT_TIMEOUT_MS,
      });
      expect(standIn.requests).toHaveLength(1);
    });

    it("ends when the caller's signal aborts, before its own deadline", async () => {
      // Prepare
      const standIn = await aStandIn();
      standIn.setBehaviour(operation, { kind: 'hang' });
      const controller = new AbortController();
      const client = aClient(standIn, 30_000);
      const call =
        operation === 'BuyerId'
          ? client.getBuyerId(aCall({ signal: controller.signal }))
          : client.getBuyerAddresses(anAddressesCall({ signal: controller.signal }));

      // Act
      await new Promise((resolve) => setImmediate(resolve));
      controller.abort();
      const error = await failureOf(call);

      // Assess
      expect(error).toBeInstanceOf(BuyerApiTimeoutError);
      expect(error).toMatchObject({ trigger: 'callerSignal' });
    });

    it('answers after a delay shorter than its deadline', async () => {
      // Prepare
      const standIn = await aStandIn();
      standIn.setBehaviour(operation, { kind: 'delay', ms: 20 });

      // Act
      const result = await callOperation(aClient(standIn), operation);

      // Assess
      expect(result).toEqual(
        operation === 'BuyerId'
          ? { buyerId: SANDBOX_BUYER(TOKEN).buyerId }
          : { addresses: SANDBOX_BUYER(TOKEN).addresses },
      );
    });

    it.each([
      ['a body that is not JSON', { kind: 'malformed' }, /^the body is not JSON$/],
      ['JSON of the wrong shape', { kind: 'wrongShape' }, /is missing or not/],
    ] as const)('refuses %s as malformed', async (_, behaviour, problem) => {
      // Prepare
      const standIn = await aStandIn();
      standIn.setBehaviour(operation, behaviour);

      // Act
      const error = await failureOf(callOperation(aClient(standIn), operation));

      // Assess
      expect(error).toBeInstanceOf(BuyerApiMalformedResponseError);
      expect(error).toMatchObject({ kind: 'malformedResponse', status: 200 });
      expect((error as BuyerApiMalformedResponseError).problem).toMatch(problem);
    });

    it('reports a refused connection as a network error', async () => {
      // Prepare
      const standIn = await aStandIn();
      const client = aClient(standIn);
      await standIn.close();

      // Act
      const error = await failureOf(callOperation(client, operation));

      // Assess
      expect(error).toBeInstanceOf(BuyerApiNetworkError);
      expect(error).toMatchObject({ kind: 'network', operation });
      expect(error.status).toBeUndefined();
    });
  });

  describe('error privacy', () => {
    it('keeps the token, the sandbox email and the seller id out of every error', async () => {
      // Prepare
      const standIn = await aStandIn();
      const closed = await aStandIn();
      await closed.close();
      const behaviours: ReadonlyArray<BuyerApiBehaviour> = [
        { kind: 'status', status: 401 },
        { kind: 'status', status: 429, retryAfterSeconds: 1 },
        { kind: 'status', status: 503 },
        { kind: 'hang' },
        { kind: 'hangBody' },
        { kind: 'malformed' },
        { kind: 'wrongShape' },
      ];
      const errors: unknown[] = [];

      // Act
      for (const behaviour of behaviours) {
        standIn.setBehaviour('BuyerAddress', behaviour);
        errors.push(
          await failureOf(aClient(standIn, SHORT_TIMEOUT_MS).getBuyerAddresses(anAddressesCall())),
        );
      }
      errors.push(await failureOf(aClient(closed).getBuyerAddresses(anAddressesCall())));
      // A token fetch would refuse as a header value: its error would quote the token.
      errors.push(
        await failureOf(
          aClient(standIn).getBuyerAddresses(anAddressesCall({ apiAccessToken: `${TOKEN}\n` })),
        ),
      );

      // Assess
      expect(errors).toHaveLength(behaviours.length + 2);
      for (const error of errors) {
        const shown = `${String(error)} ${JSON.stringify(error)} ${inspect(error, { depth: 5 })}`;
        for (const secret of [TOKEN, 'IwEBIExampleAccessToken', EMAIL, 'A1SELLER', 'role=admin']) {
          expect(shown).not.toContain(secret);
        }
      }
    });
  });
});
