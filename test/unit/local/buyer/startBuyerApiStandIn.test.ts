import type { BuyerProfile } from '../../../../src/local/buyer/BuyerProfile';
import { BuyerApiStandInError } from '../../../../src/local/buyer/errors';
import { SANDBOX_BUYER } from '../../../../src/local/buyer/sandboxBuyer';
import type {
  BuyerApiStandInOptions,
  BuyerApiStandInServer,
} from '../../../../src/local/buyer/startBuyerApiStandIn';
import { startBuyerApiStandIn } from '../../../../src/local/buyer/startBuyerApiStandIn';

const TOKEN = 'Atza|IwEBIStandInToken';
const EMAIL = 'sandbox.buyer@example.com';
const PROFILE: BuyerProfile = {
  buyerId: 'amzn1.account.KNOWN',
  addresses: [{ addressType: 'DefaultOneClickShippingAddress', address: { countryCode: 'DE' } }],
};

const standIns: BuyerApiStandInServer[] = [];

afterEach(async () => {
  await Promise.all(standIns.splice(0).map((standIn) => standIn.close()));
});

async function aStandIn(options: BuyerApiStandInOptions = { buyers: { [TOKEN]: PROFILE } }) {
  const standIn = await startBuyerApiStandIn(options);
  standIns.push(standIn);
  return standIn;
}

type Answer = { readonly status: number; readonly headers: Headers; readonly body: unknown };

/** Sends a raw request to the stand-in and reads its JSON answer. */
async function send(
  standIn: BuyerApiStandInServer,
  path: string,
  init: { readonly method?: string; readonly headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await fetch(`${standIn.origin}${path}`, {
    method: init.method ?? 'GET',
    headers: init.headers ?? { authorization: `Bearer ${TOKEN}` },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as unknown };
}

const bearer = (token = TOKEN): Record<string, string> => ({ authorization: `Bearer ${token}` });
const ADDRESSES = '/live/v1/buyer/addresses?sellerId=A1SELLER';
const SANDBOX_ADDRESSES = '/sandbox/v1/buyer/addresses?sellerId=A1SELLER';

describe('startBuyerApiStandIn', () => {
  it('listens on the IPv4 loopback address only', async () => {
    // Prepare
    const standIn = await aStandIn();

    // Act
    const { hostname, port } = new URL(standIn.origin);

    // Assess
    expect(hostname).toBe('127.0.0.1');
    expect(Number(port)).toBeGreaterThan(0);
  });

  describe('sandbox-like answers', () => {
    it('answers a Buyer ID call with the buyer of the token', async () => {
      // Prepare
      const standIn = await aStandIn();

      // Act
      const answer = await send(standIn, '/live/v1/buyer/id');

      // Assess
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/json');
      expect(answer.body).toEqual({ buyerId: 'amzn1.account.KNOWN' });
    });

    it('answers a Buyer Address call with the addresses of the buyer', async () => {
      // Prepare
      const standIn = await aStandIn();

      // Act
      const answer = await send(standIn, ADDRESSES);

      // Assess
      expect(answer).toMatchObject({ status: 200, body: { addresses: PROFILE.addresses } });
    });

    it('answers any token with the default profile when there is one', async () => {
      // Prepare
      const standIn = await aStandIn({ defaultProfile: SANDBOX_BUYER });

      // Act
      const answer = await send(standIn, '/live/v1/buyer/id', { headers: bearer('other') });

      // Assess
      expect(answer.body).toEqual({ buyerId: SANDBOX_BUYER('other').buyerId });
    });

    it('prefers a buyer added later over the default profile', async () => {
      // Prepare
      const standIn = await aStandIn({ defaultProfile: SANDBOX_BUYER });
      standIn.addBuyer(TOKEN, PROFILE);

      // Act
      const answer = await send(standIn, '/live/v1/buyer/id');

      // Assess
      expect(answer.body).toEqual({ buyerId: PROFILE.buyerId });
    });

    it.each([
      ['no Authorization', {}],
      ['a scheme other than Bearer', { authorization: `Basic ${TOKEN}` }],
      ['a bearer without a token', { authorization: 'Bearer ' }],
      ['an unknown token', bearer('unknown')],
    ])('answers %s with 401 and a JSON error body', async (_, headers) => {
      // Prepare
      const standIn = await aStandIn();

      // Act
      const answer = await send(standIn, '/live/v1/buyer/id', { headers });

      // Assess
      expect(answer).toMatchObject({
        status: 401,
        body: { reasonCode: 'InvalidAuthorizationToken', message: expect.any(String) as string },
      });
    });

    it.each([['/live/v1/buyer/ids'], ['/sandbox/v1/buyer/id'], ['/']])(
      'answers the unknown path %s with 404',
      async (path) => {
        // Prepare
        const standIn = await aStandIn();

        // Act
        const answer = await send(standIn, path);

        // Assess
        expect(answer).toMatchObject({ status: 404, body: { reasonCode: 'ResourceNotFound' } });
        expect(standIn.requests[0]?.operation).toBeUndefined();
      },
    );

    it('answers another method than GET with 405 and Allow: GET', async () => {
      // Prepare
      const standIn = await aStandIn();

      // Act
      const answer = await send(standIn, '/live/v1/buyer/id', {
        method: 'POST',
        headers: bearer(),
      });

      // Assess
      expect(answer).toMatchObject({ status: 405, body: { reasonCode: 'MethodNotAllowed' } });
      expect(answer.headers.get('allow')).toBe('GET');
    });

    it.each([['/live/v1/buyer/addresses'], ['/live/v1/buyer/addresses?sellerId=']])(
      'answers %s, without a seller id, with 400',
      async (path) => {
        // Prepare
        const standIn = await aStandIn();

        // Act
        const answer = await send(standIn, path);

        // Assess
        expect(answer).toMatchObject({ status: 400, body: { reasonCode: 'InvalidRequest' } });
      },
    );

    it('answers a sandbox Buyer Address call without the email header with 400', async () => {
      // Prepare
      const standIn = await aStandIn();

      // Act
      const answer = await send(standIn, SANDBOX_ADDRESSES);

      // Assess
      expect(answer).toMatchObject({
        status: 400,
        body: { message: 'x-amz-pay-sandbox-email-id is required in sandbox' },
      });
    });

    it('answers a sandbox call naming another buyer than the configured one with 400', async () => {
      // Prepare
      const standIn = await aStandIn({ buyers: { [TOKEN]: PROFILE }, sandboxEmail: EMAIL });
      const headers = { ...bearer(), 'x-amz-pay-sandbox-email-id': 'other@example.com' };

      // Act
      const answer = await send(standIn, SANDBOX_ADDRESSES, { headers });

      // Assess
      expect(answer.status).toBe(400);
    });

    it.each([
      ['the configured email', { sandboxEmail: EMAIL }],
      ['any email when none is configured', {}],
    ])('answers a sandbox call naming %s with the addresses', async (_, options) => {
      // Prepare
      const standIn = await aStandIn({ buyers: { [TOKEN]: PROFILE }, ...options });
      const headers = { ...bearer(), 'x-amz-pay-sandbox-email-id': EMAIL };

      // Act
      const answer = await send(standIn, SANDBOX_ADDRESSES, { headers });

      // Assess
      expect(answer).toMatchObject({ status: 200, body: { addresses: PROFILE.addresses } });
    });

    it('answers a live call without the email header', async () => {
      // Prepare
      const standIn = await aStandIn({ buyers: { [TOKEN]: PROFILE }, sandboxEmail: EMAIL });

      // Act
      const answer = await send(standIn, ADDRESSES);

      // Assess
      expect(answer.status).toBe(200);
    });

    it('answers 500 when the default profile throws, and goes on serving', async () => {
      // Prepare
      const standIn = await aStandIn({
        defaultProfile: () => {
          throw new Error('broken profile');
        },
      });
      standIn.addBuyer(TOKEN, PROFILE);

      // Act
      const failed = await send(standIn, '/live/v1/buyer/id', { headers: bearer('other') });
      const served = await send(standIn, '/live/v1/buyer/id');

      // Assess
      expect(failed).toMatchObject({ status: 500, body: { reasonCode: 'InternalServerError' } });
      expect(served.status).toBe(200);
    });
  });

  describe('requests', () => {
    it('records each request with its query decoded and the token masked', async () => {
      // Prepare
      const standIn = await aStandIn();

      // Act
      await send(standIn, '/live/v1/buyer/addresses?sellerId=A1%26b%3Dc%2Bd%20e');

      // Assess
      expect(standIn.requests).toEqual([
        {
          operation: 'BuyerAddress',
          method: 'GET',
          path: '/live/v1/buyer/addresses',
          query: { sellerId: 'A1&b=c+d e' },
          headers: expect.objectContaining({ authorization: 'Bearer <present>' }) as unknown,
        },
      ]);
      expect(JSON.stringify(standIn.requests)).not.toContain('IwEBIStandInToken');
    });

    it('keeps no authorization header of another scheme', async () => {
      // Prepare
      const standIn = await aStandIn();

      // Act
      await send(standIn, '/live/v1/buyer/id', { headers: { authorization: `Basic ${TOKEN}` } });

      // Assess
      expect(standIn.requests[0]?.headers).not.toHaveProperty('authorization');
      expect(JSON.stringify(standIn.requests)).not.toContain('IwEBIStandInToken');
    });

    it('gives a copy that later requests do not change', async () => {
      // Prepare
      const standIn = await aStandIn();
      const before = standIn.requests;

      // Act
      await send(standIn, '/live/v1/buyer/id');

      // Assess
      expect(before).toEqual([]);
      expect(standIn.requests).toHaveLength(1);
    });
  });

  describe('setBehaviour', () => {
    it('answers a status behaviour with a JSON error body and Retry-After, before checking the token', async () => {
      // Prepare
      const standIn = await aStandIn();
      standIn.setBehaviour('BuyerId', { kind: 'status', status: 429, retryAfterSeconds: 5 });

      // Act
      const answer = await send(standIn, '/live/v1/buyer/id', { headers: {} });

      // Assess
      expect(answer).toMatchObject({ status: 429, body: { reasonCode: 'TooManyRequests' } });
      expect(answer.headers.get('retry-after')).toBe('5');
    });

    it.each([
      [400, 'InvalidRequest'],
      [403, 'AccessDenied'],
      [418, 'InvalidRequest'],
      [503, 'ServiceUnavailable'],
      [504, 'InternalServerError'],
    ])('gives HTTP %i the reason code %s', async (status, reasonCode) => {
      // Prepare
      const standIn = await aStandIn();
      standIn.setBehaviour('BuyerAddress', { kind: 'status', status });

      // Act
      const answer = await send(standIn, ADDRESSES);

      // Assess
      expect(answer).toMatchObject({ status, body: { reasonCode } });
      expect(answer.headers.get('retry-after')).toBeNull();
    });

    it('changes only the operation it names, until set back to ok', async () => {
      // Prepare
      const standIn = await aStandIn();
      standIn.setBehaviour('BuyerId', { kind: 'status', status: 500 });

      // Act
      const other = await send(standIn, ADDRESSES);
      const failed = await send(standIn, '/live/v1/buyer/id');
      standIn.setBehaviour('BuyerId', { kind: 'ok' });
      const restored = await send(standIn, '/live/v1/buyer/id');

      // Assess
      expect([other.status, failed.status, restored.status]).toEqual([200, 500, 200]);
    });

    it('answers a delayed call after its delay, checks included', async () => {
      // Prepare
      const standIn = await aStandIn();
      standIn.setBehaviour('BuyerId', { kind: 'delay', ms: 10 });

      // Act
      const known = await send(standIn, '/live/v1/buyer/id');
      const unknown = await send(standIn, '/live/v1/buyer/id', { headers: bearer('unknown') });

      // Assess
      expect(known.body).toEqual({ buyerId: PROFILE.buyerId });
      expect(unknown.status).toBe(401);
    });

    it.each([
      ['malformed', { kind: 'malformed' }, '/live/v1/buyer/id'],
      ['wrongShape', { kind: 'wrongShape' }, '/live/v1/buyer/id'],
      ['wrongShape', { kind: 'wrongShape' }, ADDRESSES],
    ] as const)('answers %s with 200 and an unusable body on %s', async (_, behaviour, path) => {
      // Prepare
      const standIn = await aStandIn();
      standIn.setBehaviour(path === ADDRESSES ? 'BuyerAddress' : 'BuyerId', behaviour);

      // Act
      const response = await fetch(`${standIn.origin}${path}`, { headers: bearer() });
      const text = await response.text();

      // Assess
      expect(response.status).toBe(200);
      expect(text).not.toContain('amzn1.account.KNOWN');
      expect(text).not.toContain('DefaultOneClickShippingAddress');
    });

    it.each([
      ['a status below 400', { kind: 'status', status: 200 }],
      ['a status over 599', { kind: 'status', status: 600 }],
      ['a fractional status', { kind: 'status', status: 500.5 }],
      ['a negative Retry-After', { kind: 'status', status: 429, retryAfterSeconds: -1 }],
      ['a fractional Retry-After', { kind: 'status', status: 429, retryAfterSeconds: 1.5 }],
      ['a negative delay', { kind: 'delay', ms: -1 }],
      ['an endless delay', { kind: 'delay', ms: Number.POSITIVE_INFINITY }],
    ] as const)('refuses %s', async (_, behaviour) => {
      // Prepare
      const standIn = await aStandIn();

      // Act
      const act = (): void => standIn.setBehaviour('BuyerId', behaviour);

      // Assess
      expect(act).toThrow(BuyerApiStandInError);
    });

    it('refuses an unknown operation', async () => {
      // Prepare
      const standIn = await aStandIn();

      // Act
      const act = (): void => standIn.setBehaviour('Charge' as 'BuyerId', { kind: 'ok' });

      // Assess
      expect(act).toThrow(BuyerApiStandInError);
    });
  });

  describe('buyers', () => {
    it('refuses to add a buyer with an empty token or an empty id', async () => {
      // Prepare
      const standIn = await aStandIn();

      // Act
      const emptyToken = (): void => standIn.addBuyer('', PROFILE);
      const emptyId = (): void => standIn.addBuyer(TOKEN, { ...PROFILE, buyerId: '' });

      // Assess
      expect(emptyToken).toThrow(BuyerApiStandInError);
      expect(emptyId).toThrow(BuyerApiStandInError);
    });

    it('refuses to start with an unusable buyer', async () => {
      await expect(
        startBuyerApiStandIn({ buyers: { [TOKEN]: { ...PROFILE, buyerId: '' } } }),
      ).rejects.toThrow(BuyerApiStandInError);
    });
  });

  describe('close', () => {
    it.each([
      ['never answers', 'hang'],
      ['is waiting out a delay', 'delay'],
    ] as const)('ends a request that %s, and resolves', async (_, kind) => {
      // Prepare
      const standIn = await aStandIn();
      standIn.setBehaviour('BuyerId', kind === 'hang' ? { kind } : { kind, ms: 60_000 });
      const pending = fetch(`${standIn.origin}/live/v1/buyer/id`, { headers: bearer() });
      while (standIn.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));

      // Act
      await standIn.close();

      // Assess
      await expect(pending).rejects.toThrow();
    });

    it('ends a body it never finished', async () => {
      // Prepare
      const standIn = await aStandIn();
      standIn.setBehaviour('BuyerId', { kind: 'hangBody' });
      const response = await fetch(`${standIn.origin}/live/v1/buyer/id`, { headers: bearer() });

      // Act
      const body = response.text();
      await standIn.close();

      // Assess
      expect(response.status).toBe(200);
      await expect(body).rejects.toThrow();
    });

    it('resolves when called twice', async () => {
      // Prepare
      const standIn = await aStandIn();

      // Act
      const closes = Promise.all([standIn.close(), standIn.close()]);

      // Assess
      await expect(closes).resolves.toEqual([undefined, undefined]);
    });
  });
});
