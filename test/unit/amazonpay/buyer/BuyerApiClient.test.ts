import type {
  BuyerAddressesCall,
  BuyerApiCall,
  BuyerApiClientOptions,
  BuyerApiFetch,
} from '../../../../src/amazonpay/buyer/BuyerApiClient';
import { BuyerApiClient } from '../../../../src/amazonpay/buyer/BuyerApiClient';
import type { BuyerApiError } from '../../../../src/amazonpay/buyer/errors';
import {
  BuyerApiConfigError,
  BuyerApiMalformedResponseError,
  BuyerApiNetworkError,
  BuyerApiNotFoundError,
  BuyerApiPermissionError,
  BuyerApiRequestError,
  BuyerApiThrottledError,
  BuyerApiTimeoutError,
  BuyerApiUnavailableError,
  BuyerApiValidationError,
} from '../../../../src/amazonpay/buyer/errors';

const TOKEN = 'Atza|IwEBIExampleToken';
const EMAIL = 'sandbox.buyer@example.com';
const BUYER_ID_BODY = JSON.stringify({ buyerId: 'amzn1.account.AEXAMPLE' });
const ADDRESSES_BODY = JSON.stringify({
  addresses: [{ addressType: 'DefaultOneClickShippingAddress', address: { countryCode: 'us' } }],
});

type SentRequest = { readonly url: string; readonly init: RequestInit | undefined };

/** A fetch that records each request and answers with `answer`, by default a Buyer ID 200. */
function aFetch(answer: (request: SentRequest) => Promise<Response> | Response = () => ok()): {
  readonly fetch: BuyerApiFetch;
  readonly sent: SentRequest[];
} {
  const sent: SentRequest[] = [];
  const fetch: BuyerApiFetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const request = { url, init };
    sent.push(request);
    return Promise.resolve(answer(request));
  };
  return { fetch, sent };
}

function ok(
  body: ConstructorParameters<typeof Response>[0] = BUYER_ID_BODY,
  init: ResponseInit = {},
): Response {
  return new Response(body, { status: 200, ...init });
}

/** A body that sends its first bytes and then never ends. */
function aHangingBody(): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"buyerId":'));
    },
  });
}

function aCall(overrides: Partial<BuyerApiCall> = {}): BuyerApiCall {
  return { apiEndpoint: 'https://api.amazonalexa.com', apiAccessToken: TOKEN, ...overrides };
}

function anAddressesCall(overrides: Partial<BuyerAddressesCall> = {}): BuyerAddressesCall {
  return { ...aCall(), sellerId: 'A1SELLER', ...overrides };
}

function aClient(fetch: BuyerApiFetch, options: BuyerApiClientOptions = {}): BuyerApiClient {
  return new BuyerApiClient({ fetch, ...options });
}

async function failureOf(promise: Promise<unknown>): Promise<BuyerApiError> {
  try {
    await promise;
  } catch (error) {
    return error as BuyerApiError;
  }
  throw new Error('the call succeeded');
}

afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('BuyerApiClient', () => {
  describe('region routing', () => {
    it.each([
      ['https://api.amazonalexa.com', 'https://pay-api.amazon.com'],
      ['https://api.eu.amazonalexa.com', 'https://pay-api.amazon.eu'],
      ['https://api.fe.amazonalexa.com', 'https://pay-api.amazon.jp'],
      ['https://api.example.com', 'https://pay-api.amazon.com'],
      [undefined, 'https://pay-api.amazon.com'],
    ])('sends the calls of the Alexa endpoint %s to %s', async (apiEndpoint, origin) => {
      // Prepare
      const { fetch, sent } = aFetch(({ url }) =>
        ok(url.includes('/addresses') ? ADDRESSES_BODY : BUYER_ID_BODY),
      );
      const client = aClient(fetch);

      // Act
      await client.getBuyerId(aCall({ apiEndpoint }));
      await client.getBuyerAddresses(anAddressesCall({ apiEndpoint }));
      await client.getBuyerAddresses(
        anAddressesCall({ apiEndpoint, sandbox: { customerEmail: EMAIL } }),
      );

      // Assess
      expect(sent.map(({ url }) => url)).toEqual([
        `${origin}/live/v1/buyer/id`,
        `${origin}/live/v1/buyer/addresses?sellerId=A1SELLER`,
        `${origin}/sandbox/v1/buyer/addresses?sellerId=A1SELLER`,
      ]);
    });

    it('sends every call to the override origin instead, whatever the endpoint', async () => {
      // Prepare
      const { fetch, sent } = aFetch();
      const client = aClient(fetch, { originOverride: 'http://127.0.0.1:4567/' });

      // Act
      await client.getBuyerId(aCall({ apiEndpoint: 'https://api.eu.amazonalexa.com' }));

      // Assess
      expect(sent[0]?.url).toBe('http://127.0.0.1:4567/live/v1/buyer/id');
    });
  });

  describe('requests', () => {
    it('sends a Buyer ID GET with Accept and the bearer token only', async () => {
      // Prepare
      const { fetch, sent } = aFetch();

      // Act
      const result = await aClient(fetch).getBuyerId(aCall());

      // Assess
      expect(result).toEqual({ buyerId: 'amzn1.account.AEXAMPLE' });
      expect(sent[0]?.init).toMatchObject({
        method: 'GET',
        headers: { accept: 'application/json', authorization: `Bearer ${TOKEN}` },
        redirect: 'manual',
      });
      expect(Object.keys(sent[0]?.init?.headers ?? {})).toEqual(['accept', 'authorization']);
      expect(sent[0]?.init?.signal).toBeInstanceOf(AbortSignal);
    });

    it('adds the sandbox email header to a sandbox Buyer Address call only', async () => {
      // Prepare
      const { fetch, sent } = aFetch(() => ok(ADDRESSES_BODY));
      const client = aClient(fetch);

      // Act
      await client.getBuyerAddresses(anAddressesCall({ sandbox: { customerEmail: EMAIL } }));
      await client.getBuyerAddresses(anAddressesCall());

      // Assess
      expect(sent[0]?.init?.headers).toEqual({
        accept: 'application/json',
        authorization: `Bearer ${TOKEN}`,
        'x-amz-pay-sandbox-email-id': EMAIL,
      });
      expect(sent[1]?.init?.headers).toEqual({
        accept: 'application/json',
        authorization: `Bearer ${TOKEN}`,
      });
    });

    it('percent-encodes every reserved character of the seller id', async () => {
      // Prepare
      const { fetch, sent } = aFetch(() => ok(ADDRESSES_BODY));

      // Act
      await aClient(fetch).getBuyerAddresses(anAddressesCall({ sellerId: 'A1&b=c+d e/#?' }));

      // Assess
      expect(sent[0]?.url).toBe(
        'https://pay-api.amazon.com/live/v1/buyer/addresses?sellerId=A1%26b%3Dc%2Bd%20e%2F%23%3F',
      );
    });

    it('returns the parsed addresses', async () => {
      // Prepare
      const { fetch } = aFetch(() => ok(ADDRESSES_BODY));

      // Act
      const result = await aClient(fetch).getBuyerAddresses(anAddressesCall());

      // Assess
      expect(result).toEqual({
        addresses: [
          { addressType: 'DefaultOneClickShippingAddress', address: { countryCode: 'US' } },
        ],
      });
    });

    it('uses the global fetch by default, looked up at the call', async () => {
      // Prepare
      const spy = jest.spyOn(globalThis, 'fetch').mockResolvedValue(ok());
      const client = new BuyerApiClient();

      // Act
      const result = await client.getBuyerId(aCall());

      // Assess
      expect(result.buyerId).toBe('amzn1.account.AEXAMPLE');
      expect(spy).toHaveBeenCalledWith(
        'https://pay-api.amazon.com/live/v1/buyer/id',
        expect.anything(),
      );
    });

    it('accepts another 2xx status with a body', async () => {
      // Prepare
      const { fetch } = aFetch(() => new Response(BUYER_ID_BODY, { status: 203 }));

      // Act
      const result = await aClient(fetch).getBuyerId(aCall());

      // Assess
      expect(result.buyerId).toBe('amzn1.account.AEXAMPLE');
    });
  });

  describe('invalid calls', () => {
    it.each([
      ['an empty token', { apiAccessToken: '' }, 'apiAccessToken'],
      ['a token with a space', { apiAccessToken: 'Atza| x' }, 'apiAccessToken'],
      [
        'a token that is not a string',
        { apiAccessToken: 42 as unknown as string },
        'apiAccessToken',
      ],
      ['an empty seller id', { sellerId: '' }, 'sellerId'],
      ['a blank seller id', { sellerId: '  ' }, 'sellerId'],
      ['a seller id that is not a string', { sellerId: null as unknown as string }, 'sellerId'],
      ['an empty sandbox email', { sandbox: { customerEmail: '' } }, 'sandbox.customerEmail'],
      [
        'a sandbox email with a newline',
        { sandbox: { customerEmail: `${EMAIL}\r\n` } },
        'sandbox.customerEmail',
      ],
    ] as const)(
      'rejects a Buyer Address call with %s, sending nothing',
      async (_, overrides, field) => {
        // Prepare
        const { fetch, sent } = aFetch();

        // Act
        const error = await failureOf(aClient(fetch).getBuyerAddresses(anAddressesCall(overrides)));

        // Assess
        expect(error).toBeInstanceOf(BuyerApiValidationError);
        expect(error).toMatchObject({ operation: 'BuyerAddress', field });
        expect(sent).toEqual([]);
      },
    );

    it('rejects a Buyer ID call with an empty token as a rejected promise, sending nothing', async () => {
      // Prepare
      const { fetch, sent } = aFetch();
      const client = aClient(fetch);

      // Act
      const promise = client.getBuyerId(aCall({ apiAccessToken: '' }));

      // Assess
      await expect(promise).rejects.toBeInstanceOf(BuyerApiValidationError);
      expect(sent).toEqual([]);
    });

    it('rejects a call whose signal has already aborted, sending nothing', async () => {
      // Prepare
      const { fetch, sent } = aFetch();

      // Act
      const error = await failureOf(
        aClient(fetch).getBuyerId(aCall({ signal: AbortSignal.abort() })),
      );

      // Assess
      expect(error).toBeInstanceOf(BuyerApiTimeoutError);
      expect(error).toMatchObject({ trigger: 'callerSignal' });
      expect(sent).toEqual([]);
    });
  });

  describe('options', () => {
    it.each([
      ['not a URL', 'not a url'],
      ['a host and port without a scheme', 'localhost:4567'],
      ['not http(s)', 'ftp://127.0.0.1:4567'],
      ['a URL with a path', 'http://127.0.0.1:4567/v1'],
      ['a URL with a query', 'http://127.0.0.1:4567/?x=1'],
    ])('refuses an origin override that is %s', (_, originOverride) => {
      expect(() => new BuyerApiClient({ originOverride })).toThrow(BuyerApiConfigError);
    });

    it.each([[0], [-1], [Number.NaN], [Number.POSITIVE_INFINITY], [2 ** 31]])(
      'refuses a timeout of %p ms',
      (timeoutMs) => {
        expect(() => new BuyerApiClient({ timeoutMs })).toThrow(BuyerApiConfigError);
      },
    );
  });

  describe('deadline', () => {
    it('times out at 1500 ms by default when fetch ignores its signal and never settles', async () => {
      // Prepare
      jest.useFakeTimers();
      const { fetch } = aFetch(() => new Promise<Response>(() => undefined));
      let settled = false;
      const call = failureOf(aClient(fetch).getBuyerId(aCall())).finally(() => {
        settled = true;
      });

      // Act
      await jest.advanceTimersByTimeAsync(1499);
      const settledBefore = settled;
      await jest.advanceTimersByTimeAsync(1);
      const error = await call;

      // Assess
      expect(settledBefore).toBe(false);
      expect(error).toBeInstanceOf(BuyerApiTimeoutError);
      expect(error).toMatchObject({ trigger: 'deadline', timeoutMs: 1500 });
    });

    it('aborts the signal it gave fetch, and keeps the abort as the cause', async () => {
      // Prepare
      jest.useFakeTimers();
      const { fetch, sent } = aFetch(
        ({ init }) =>
          new Promise<Response>((_, reject) => {
            init?.signal?.addEventListener('abort', () => reject(new Error('fetch aborted')));
          }),
      );
      const call = failureOf(aClient(fetch, { timeoutMs: 300 }).getBuyerId(aCall()));

      // Act
      await jest.advanceTimersByTimeAsync(300);
      const error = await call;

      // Assess
      expect(sent[0]?.init?.signal?.aborted).toBe(true);
      expect(error).toBeInstanceOf(BuyerApiTimeoutError);
      expect(error.cause).toEqual(new Error('fetch aborted'));
    });

    it('times out when the headers come and the body never ends', async () => {
      // Prepare
      jest.useFakeTimers();
      const { fetch } = aFetch(() => new Response(aHangingBody()));
      const call = failureOf(aClient(fetch, { timeoutMs: 300 }).getBuyerId(aCall()));

      // Act
      await jest.advanceTimersByTimeAsync(300);
      const error = await call;

      // Assess
      expect(error).toBeInstanceOf(BuyerApiTimeoutError);
      expect(error).toMatchObject({ trigger: 'deadline' });
    });

    it("ends the body read when the caller's signal aborts", async () => {
      // Prepare
      const { fetch } = aFetch(() => new Response(aHangingBody()));
      const controller = new AbortController();
      const call = failureOf(
        aClient(fetch, { timeoutMs: 60_000 }).getBuyerId(aCall({ signal: controller.signal })),
      );

      // Act
      await new Promise((resolve) => setImmediate(resolve));
      controller.abort();
      const error = await call;

      // Assess
      expect(error).toBeInstanceOf(BuyerApiTimeoutError);
      expect(error).toMatchObject({ trigger: 'callerSignal', timeoutMs: 60_000 });
    });

    it("keeps the deadline as the trigger when the caller's signal aborts during its abort", async () => {
      // Prepare
      jest.useFakeTimers();
      const caller = new AbortController();
      const { fetch } = aFetch(
        ({ init }) =>
          new Promise<Response>((_, reject) => {
            init?.signal?.addEventListener('abort', () => {
              caller.abort();
              reject(new Error('fetch aborted'));
            });
          }),
      );
      const call = failureOf(
        aClient(fetch, { timeoutMs: 300 }).getBuyerId(aCall({ signal: caller.signal })),
      );

      // Act
      await jest.advanceTimersByTimeAsync(300);
      const error = await call;

      // Assess
      expect(caller.signal.aborted).toBe(true);
      expect(error).toMatchObject({ kind: 'timeout', trigger: 'deadline' });
    });

    it("leaves no timer and no listener on the caller's signal once done", async () => {
      // Prepare
      jest.useFakeTimers();
      const { fetch } = aFetch();
      const controller = new AbortController();
      const added = jest.spyOn(controller.signal, 'addEventListener');
      const removed = jest.spyOn(controller.signal, 'removeEventListener');

      // Act
      await aClient(fetch).getBuyerId(aCall({ signal: controller.signal }));

      // Assess
      expect(jest.getTimerCount()).toBe(0);
      expect(added).toHaveBeenCalledTimes(1);
      expect(removed).toHaveBeenCalledWith('abort', added.mock.calls[0]?.[1]);
    });

    it('still reports the status of an error answer whose body never ends', async () => {
      // Prepare
      jest.useFakeTimers();
      const { fetch } = aFetch(() => new Response(aHangingBody(), { status: 503 }));
      const call = failureOf(aClient(fetch, { timeoutMs: 300 }).getBuyerId(aCall()));

      // Act
      await jest.advanceTimersByTimeAsync(300);
      const error = await call;

      // Assess
      expect(error).toBeInstanceOf(BuyerApiUnavailableError);
      expect(error).toMatchObject({ status: 503 });
      expect((error as BuyerApiUnavailableError).reasonCode).toBeUndefined();
    });
  });

  describe('failures', () => {
    it('reports a rejected fetch as a network error with its cause', async () => {
      // Prepare
      const failure = new TypeError('fetch failed');
      const { fetch } = aFetch(() => Promise.reject(failure));

      // Act
      const error = await failureOf(aClient(fetch).getBuyerId(aCall()));

      // Assess
      expect(error).toBeInstanceOf(BuyerApiNetworkError);
      expect(error.cause).toBe(failure);
    });

    it('reports a fetch that throws at once as a network error', async () => {
      // Prepare
      const failure = new TypeError('bad init');
      const fetch: BuyerApiFetch = () => {
        throw failure;
      };

      // Act
      const error = await failureOf(aClient(fetch).getBuyerId(aCall()));

      // Assess
      expect(error).toBeInstanceOf(BuyerApiNetworkError);
      expect(error.cause).toBe(failure);
    });

    it('reports a body that breaks off as a network error', async () => {
      // Prepare
      const failure = new TypeError('terminated');
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.error(failure);
        },
      });
      const { fetch } = aFetch(() => new Response(body));

      // Act
      const error = await failureOf(aClient(fetch).getBuyerId(aCall()));

      // Assess
      expect(error).toBeInstanceOf(BuyerApiNetworkError);
      expect(error.cause).toBe(failure);
    });

    it.each([
      [302, BuyerApiRequestError],
      [401, BuyerApiPermissionError],
      [404, BuyerApiNotFoundError],
      [405, BuyerApiRequestError],
      [418, BuyerApiRequestError],
      [502, BuyerApiUnavailableError],
      [599, BuyerApiUnavailableError],
    ])('maps HTTP %i to %p', async (status, errorClass) => {
      // Prepare
      const { fetch } = aFetch(() => new Response(null, { status }));

      // Act
      const error = await failureOf(aClient(fetch).getBuyerId(aCall()));

      // Assess
      expect(error).toBeInstanceOf(errorClass);
      expect(error.status).toBe(status);
    });

    it.each([
      ['a code-like reason code', '{"reasonCode":"InvalidToken","message":"x"}', 'InvalidToken'],
      ['free text', '{"reasonCode":"token Atza|x was bad"}', undefined],
      ['a body that is not JSON', '<html>Forbidden</html>', undefined],
      ['an empty body', '', undefined],
      [
        'a body over the cap',
        JSON.stringify({ reasonCode: 'Big', pad: 'x'.repeat(70_000) }),
        undefined,
      ],
    ])('keeps from an error body with %s the reason code %p', async (_, body, reasonCode) => {
      // Prepare
      const { fetch } = aFetch(() => new Response(body, { status: 403 }));

      // Act
      const error = await failureOf(aClient(fetch).getBuyerId(aCall()));

      // Assess
      expect(error).toMatchObject({ kind: 'permission', status: 403 });
      expect((error as BuyerApiThrottledError).reasonCode).toBe(reasonCode);
      expect(error.message).not.toContain('Atza');
    });

    it.each([
      ['7', 7],
      [' 12 ', 12],
      ['0', 0],
      ['1.5', undefined],
      ['-3', undefined],
      ['Wed, 21 Oct 2015 07:28:00 GMT', undefined],
      ['', undefined],
    ])('reads a Retry-After of %p as %p seconds', async (retryAfter, seconds) => {
      // Prepare
      const { fetch } = aFetch(
        () => new Response(null, { status: 429, headers: { 'retry-after': retryAfter } }),
      );

      // Act
      const error = await failureOf(aClient(fetch).getBuyerId(aCall()));

      // Assess
      expect(error).toBeInstanceOf(BuyerApiThrottledError);
      expect((error as BuyerApiThrottledError).retryAfterSeconds).toBe(seconds);
    });

    it('leaves retryAfterSeconds unset without a Retry-After', async () => {
      // Prepare
      const { fetch } = aFetch(() => new Response(null, { status: 429 }));

      // Act
      const error = await failureOf(aClient(fetch).getBuyerId(aCall()));

      // Assess
      expect(error).not.toHaveProperty('retryAfterSeconds');
    });

    it.each([
      ['an empty 204', () => new Response(null, { status: 204 }), 'the body is not JSON'],
      ['bytes that are not UTF-8', () => ok(new Uint8Array([0xff])), 'the body is not UTF-8'],
      [
        'a declared length over the cap',
        () => ok(BUYER_ID_BODY, { headers: { 'content-length': '70000' } }),
        'the body is over 65536 bytes',
      ],
      ['a buyer id that is empty', () => ok('{"buyerId":""}'), 'buyerId is empty'],
    ])('refuses %s as malformed', async (_, answer, problem) => {
      // Prepare
      const { fetch } = aFetch(answer);

      // Act
      const error = await failureOf(aClient(fetch).getBuyerId(aCall()));

      // Assess
      expect(error).toBeInstanceOf(BuyerApiMalformedResponseError);
      expect(error).toMatchObject({ status: expect.any(Number) as number, problem });
    });

    it('keeps the body text out of a malformed-answer error, cause included', async () => {
      // Prepare
      const { fetch } = aFetch(() => ok('secret-body-text {'));

      // Act
      const error = await failureOf(aClient(fetch).getBuyerId(aCall()));

      // Assess
      expect(error).toBeInstanceOf(BuyerApiMalformedResponseError);
      expect(error.cause).toBeUndefined();
      expect(`${error.message} ${JSON.stringify(error)}`).not.toContain('secret-body-text');
    });
  });
});
