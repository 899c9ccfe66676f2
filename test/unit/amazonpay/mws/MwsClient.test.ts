import { inspect } from 'node:util';
import { MWS_SANDBOX_PATH } from '../../../../src/amazonpay/mws/constants';
import {
  MwsClientError,
  MwsMalformedResponseError,
  MwsNetworkError,
  MwsServerError,
  MwsThrottledError,
  MwsTimeoutError,
  MwsValidationError,
} from '../../../../src/amazonpay/mws/errors';
import type {
  MwsClientConfig,
  MwsClientOptions,
  MwsFetchInit,
  MwsFetchResponse,
} from '../../../../src/amazonpay/mws/MwsClient';
import { MwsClient, toMwsTimestamp } from '../../../../src/amazonpay/mws/MwsClient';
import { signParameters } from '../../../../src/amazonpay/mws/signatureV2';
import type { AuthorizeOnBillingAgreementRequest } from '../../../../src/amazonpay/mws/types';
import {
  aBillingAgreementDetailsXml,
  aCaptureDetailsXml,
  anAuthorizationDetailsXml,
  anErrorResponse,
  aRefundDetailsXml,
  aResponse,
} from './xmlFactories';

const SECRET = 'Sup3r-Secret-Key-Never-Shown';
const CONFIG: MwsClientConfig = {
  accessKeyId: 'AKIAEXAMPLE',
  secretKey: SECRET,
  sellerId: 'A1SELLER',
  region: 'NA',
  sandbox: true,
};
const START = Date.parse('2015-12-31T23:59:58Z');

const AUTHORIZE: AuthorizeOnBillingAgreementRequest = {
  amazonBillingAgreementId: 'C01-1234567-1234567',
  authorizationReferenceId: 'sub-42-2015-12',
  authorizationAmount: { amountMinor: 999, currency: 'USD' },
  captureNow: true,
  transactionTimeoutMinutes: 0,
};

const AUTHORIZED = aResponse(
  'AuthorizeOnBillingAgreement',
  `${anAuthorizationDetailsXml()}<AmazonOrderReferenceId>S01-7347515-9699585</AmazonOrderReferenceId>`,
);

/** What the fake fetch answers to one request. */
type Answer =
  | { readonly status: number; readonly body: string; readonly error?: undefined }
  | { readonly error: Error }
  | 'hang';

type SentRequest = {
  readonly url: string;
  readonly init: MwsFetchInit;
  readonly parameters: Record<string, string>;
};

/** A client on a fake fetch, a fake clock and a fake sleep; answers are used in order, the last repeats. */
function aClient(answers: ReadonlyArray<Answer>, options: MwsClientOptions = {}, config = CONFIG) {
  const sent: SentRequest[] = [];
  const sleeps: number[] = [];
  const logs: string[] = [];
  let now = START;
  const fetch = (url: string, init: MwsFetchInit): Promise<MwsFetchResponse> => {
    sent.push({ url, init, parameters: Object.fromEntries(new URLSearchParams(init.body)) });
    const answer = answers[Math.min(sent.length, answers.length) - 1] ?? 'hang';
    if (answer === 'hang') {
      return new Promise((_, reject) => {
        init.signal.addEventListener('abort', () => reject(new Error('The operation was aborted')));
      });
    }
    if (answer.error !== undefined) return Promise.reject(answer.error);
    return Promise.resolve({ status: answer.status, text: () => Promise.resolve(answer.body) });
  };
  const client = new MwsClient(config, {
    fetch,
    now: () => now,
    sleep: (ms) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
    random: () => 0,
    logger: { warn: (message, fields) => logs.push(JSON.stringify({ message, ...fields })) },
    ...options,
  });
  return { client, sent, sleeps, logs, advance: (ms: number) => (now += ms) };
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

function withoutSignatureAndTime(parameters: Record<string, string>): Record<string, string> {
  const rest = { ...parameters };
  delete rest.Signature;
  delete rest.Timestamp;
  return rest;
}

describe('MwsClient', () => {
  describe('constructor', () => {
    it.each(['accessKeyId', 'secretKey', 'sellerId'] as const)('refuses an empty %s', (field) => {
      expect(() => new MwsClient({ ...CONFIG, [field]: '' })).toThrow(MwsValidationError);
    });

    it('refuses an unknown region', () => {
      expect(() => new MwsClient({ ...CONFIG, region: 'XX' as 'NA' })).toThrow(
        'region: must be NA, EU, UK or FE',
      );
    });

    it.each([
      'not a url',
      'ftp://127.0.0.1:1',
      'http://127.0.0.1:1/path',
      'http://127.0.0.1:1/?q=1',
    ])('refuses the endpoint origin %j', (endpointOrigin) => {
      expect(() => new MwsClient(CONFIG, { endpointOrigin })).toThrow(MwsValidationError);
    });
  });

  describe('the request', () => {
    it('posts the signed form to the region host, sandbox path', async () => {
      // Prepare
      const { client, sent } = aClient([{ status: 200, body: AUTHORIZED }]);

      // Act
      await client.authorizeOnBillingAgreement(AUTHORIZE);

      // Assess
      const [request] = sent;
      expect(request?.url).toBe(
        'https://mws.amazonservices.com/OffAmazonPayments_Sandbox/2013-01-01',
      );
      expect(request?.init.method).toBe('POST');
      expect(request?.init.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(request?.init.headers['user-agent']).toContain('amazon-pay-voice-shop');
      const { Signature: signature, ...signed } = request?.parameters ?? {};
      expect(signed).toEqual({
        AWSAccessKeyId: 'AKIAEXAMPLE',
        Action: 'AuthorizeOnBillingAgreement',
        AmazonBillingAgreementId: 'C01-1234567-1234567',
        AuthorizationReferenceId: 'sub-42-2015-12',
        'AuthorizationAmount.Amount': '9.99',
        'AuthorizationAmount.CurrencyCode': 'USD',
        CaptureNow: 'true',
        TransactionTimeout: '0',
        SellerId: 'A1SELLER',
        SignatureMethod: 'HmacSHA256',
        SignatureVersion: '2',
        Timestamp: '2015-12-31T23:59:58Z',
        Version: '2013-01-01',
      });
      expect(signature).toBe(
        signParameters({ host: 'mws.amazonservices.com', path: MWS_SANDBOX_PATH }, signed, SECRET),
      );
      expect(request?.init.body.endsWith(`&Signature=${encodeURIComponent(signature ?? '')}`)).toBe(
        true,
      );
    });

    it('sends to an endpoint origin but signs for the region host', async () => {
      // Prepare
      const { client, sent } = aClient([{ status: 200, body: AUTHORIZED }], {
        endpointOrigin: 'http://127.0.0.1:4567',
      });

      // Act
      await client.authorizeOnBillingAgreement(AUTHORIZE);

      // Assess
      const { Signature: signature, ...signed } = sent[0]?.parameters ?? {};
      expect(sent[0]?.url).toBe('http://127.0.0.1:4567/OffAmazonPayments_Sandbox/2013-01-01');
      expect(signature).toBe(
        signParameters({ host: 'mws.amazonservices.com', path: MWS_SANDBOX_PATH }, signed, SECRET),
      );
    });

    it('uses the live path and passes an MWSAuthToken', async () => {
      // Prepare
      const { client, sent } = aClient(
        [{ status: 200, body: aResponse('CloseBillingAgreement', '') }],
        {},
        { ...CONFIG, region: 'EU', sandbox: false, mwsAuthToken: 'amzn.mws.token' },
      );

      // Act
      await client.closeBillingAgreement({ amazonBillingAgreementId: 'B01-1' });

      // Assess
      expect(sent[0]?.url).toBe('https://mws-eu.amazonservices.com/OffAmazonPayments/2013-01-01');
      expect(sent[0]?.parameters.MWSAuthToken).toBe('amzn.mws.token');
    });

    it('validates the request before sending anything', async () => {
      // Prepare
      const { client, sent } = aClient([{ status: 200, body: AUTHORIZED }]);

      // Act
      const error = await failureOf(
        (async () =>
          client.authorizeOnBillingAgreement({ ...AUTHORIZE, authorizationReferenceId: 'a b' }))(),
      );

      // Assess
      expect(error).toBeInstanceOf(MwsValidationError);
      expect(sent).toHaveLength(0);
    });
  });

  describe('the operations', () => {
    it('parse each answer into its typed result', async () => {
      // Prepare
      const { client, sent } = aClient([
        {
          status: 200,
          body: aResponse('GetBillingAgreementDetails', aBillingAgreementDetailsXml()),
        },
        { status: 200, body: aResponse('GetAuthorizationDetails', anAuthorizationDetailsXml()) },
        { status: 200, body: aResponse('GetCaptureDetails', aCaptureDetailsXml()) },
        { status: 200, body: aResponse('Refund', aRefundDetailsXml()) },
        { status: 200, body: aResponse('GetRefundDetails', aRefundDetailsXml()) },
        { status: 200, body: aResponse('CloseBillingAgreement', '') },
      ]);

      // Act
      const results = [
        (await client.getBillingAgreementDetails({ amazonBillingAgreementId: 'C01-1' }))
          .billingAgreement.status.state,
        (await client.getAuthorizationDetails({ amazonAuthorizationId: 'A1' })).authorization.status
          .state,
        (await client.getCaptureDetails({ amazonCaptureId: 'C1' })).capture.status.state,
        (
          await client.refund({
            amazonCaptureId: 'C1',
            refundReferenceId: 'refund-1',
            refundAmount: { amountMinor: 500, currency: 'USD' },
          })
        ).refund.status.state,
        (await client.getRefundDetails({ amazonRefundId: 'R1' })).refund.status.state,
        (await client.closeBillingAgreement({ amazonBillingAgreementId: 'C01-1' })).requestId,
      ];

      // Assess
      expect(results).toEqual(['Open', 'Closed', 'Completed', 'Pending', 'Pending', 'req-1']);
      expect(sent.map((s) => s.parameters.Action)).toEqual([
        'GetBillingAgreementDetails',
        'GetAuthorizationDetails',
        'GetCaptureDetails',
        'Refund',
        'GetRefundDetails',
        'CloseBillingAgreement',
      ]);
    });

    it('refuses an authorization answer about another reference id', async () => {
      // Prepare
      const { client } = aClient([{ status: 200, body: AUTHORIZED }]);

      // Act
      const error = await failureOf(
        client.authorizeOnBillingAgreement({
          ...AUTHORIZE,
          authorizationReferenceId: 'sub-42-2016-01',
        }),
      );

      // Assess
      expect(error).toBeInstanceOf(MwsMalformedResponseError);
      expect((error as MwsMalformedResponseError).problem).toBe(
        'AuthorizationReferenceId differs from the one sent',
      );
      expect((error as MwsMalformedResponseError).outcomeUnknown).toBe(true);
    });

    it('refuses a refund answer about another reference id', async () => {
      // Prepare
      const { client } = aClient([{ status: 200, body: aResponse('Refund', aRefundDetailsXml()) }]);

      // Act
      const error = await failureOf(
        client.refund({
          amazonCaptureId: 'C1',
          refundReferenceId: 'refund-2',
          refundAmount: { amountMinor: 500, currency: 'USD' },
        }),
      );

      // Assess
      expect((error as MwsMalformedResponseError).problem).toBe(
        'RefundReferenceId differs from the one sent',
      );
    });
  });

  describe('retries', () => {
    it('retries a 500 with the same parameters and a fresh timestamp', async () => {
      // Prepare
      const { client, sent, sleeps, logs } = aClient(
        [
          { status: 500, body: anErrorResponse('InternalServerError', { type: 'Receiver' }) },
          { status: 200, body: AUTHORIZED },
        ],
        { pacing: false },
      );

      // Act
      const result = await client.authorizeOnBillingAgreement(AUTHORIZE);

      // Assess
      expect(result.authorization.captureIds).toHaveLength(1);
      expect(sent).toHaveLength(2);
      expect(withoutSignatureAndTime(sent[1]?.parameters ?? {})).toEqual(
        withoutSignatureAndTime(sent[0]?.parameters ?? {}),
      );
      expect(sent[1]?.parameters.Timestamp).toBe(toMwsTimestamp(START + 500));
      expect(sleeps).toEqual([500]);
      expect(logs).toEqual([
        JSON.stringify({
          message: 'MWS call retried',
          operation: 'AuthorizeOnBillingAgreement',
          attempt: 1,
          statusCode: 500,
          code: 'InternalServerError',
          delayMs: 500,
        }),
      ]);
    });

    it('gives up after three retries of a 503 with a server error', async () => {
      // Prepare
      const { client, sent, sleeps } = aClient(
        [{ status: 503, body: anErrorResponse('ServiceUnavailable', { type: 'Receiver' }) }],
        { pacing: false },
      );

      // Act
      const error = await failureOf(client.authorizeOnBillingAgreement(AUTHORIZE));

      // Assess
      expect(error).toBeInstanceOf(MwsServerError);
      expect(error).not.toBeInstanceOf(MwsThrottledError);
      expect(error).toMatchObject({
        statusCode: 503,
        code: 'ServiceUnavailable',
        attempts: 4,
        outcomeUnknown: true,
      });
      expect(sent).toHaveLength(4);
      expect(sleeps).toEqual([500, 1_000, 2_000]);
    });

    it('retries a body-less 503 as a server error without a code', async () => {
      // Prepare
      const { client } = aClient([{ status: 503, body: 'Service Unavailable' }], {
        pacing: false,
        maxRetries: 1,
      });

      // Act
      const error = await failureOf(client.getCaptureDetails({ amazonCaptureId: 'C1' }));

      // Assess
      expect(error).toBeInstanceOf(MwsServerError);
      expect(error).toMatchObject({ attempts: 2, code: undefined });
    });

    it('retries throttling and then makes the next call wait a restore interval', async () => {
      // Prepare
      const throttled = anErrorResponse('RequestThrottled', {
        type: '',
        requestIdElement: 'RequestID',
      });
      const { client, sleeps } = aClient([
        { status: 503, body: throttled },
        { status: 503, body: throttled },
        { status: 503, body: throttled },
        { status: 503, body: throttled },
        { status: 200, body: AUTHORIZED },
      ]);

      // Act
      const error = await failureOf(client.authorizeOnBillingAgreement(AUTHORIZE));
      sleeps.length = 0;
      await client.authorizeOnBillingAgreement(AUTHORIZE);

      // Assess
      expect(error).toBeInstanceOf(MwsThrottledError);
      expect(error).toMatchObject({ code: 'RequestThrottled', requestId: 'err-1', attempts: 4 });
      expect(sleeps).toEqual([2_000]);
    });

    it('does not retry a 400', async () => {
      // Prepare
      const { client, sent } = aClient([
        { status: 400, body: anErrorResponse('DuplicateRequest') },
      ]);

      // Act
      const error = await failureOf(client.authorizeOnBillingAgreement(AUTHORIZE));

      // Assess
      expect(error).toBeInstanceOf(MwsClientError);
      expect(error).toMatchObject({
        statusCode: 400,
        code: 'DuplicateRequest',
        errorType: 'Sender',
        amazonMessage: 'Something is wrong.',
        requestId: 'err-1',
        attempts: 1,
        outcomeUnknown: false,
      });
      expect(sent).toHaveLength(1);
    });

    it('reads an error body without a message or request id', async () => {
      // Prepare
      const { client } = aClient([
        {
          status: 405,
          body: '<ErrorResponse><Error><Code>CaptureNotRefundable</Code></Error></ErrorResponse>',
        },
      ]);

      // Act
      const error = await failureOf(client.getCaptureDetails({ amazonCaptureId: 'C1' }));

      // Assess
      expect(error).toBeInstanceOf(MwsClientError);
      expect(error.message).toBe('GetCaptureDetails failed with HTTP 405 CaptureNotRefundable');
      expect(error).toMatchObject({
        amazonMessage: undefined,
        requestId: undefined,
        errorType: undefined,
      });
    });

    it('does not retry a 502', async () => {
      // Prepare
      const { client, sent } = aClient([{ status: 502, body: '<html>Bad Gateway</html>' }]);

      // Act
      const error = await failureOf(client.authorizeOnBillingAgreement(AUTHORIZE));

      // Assess
      expect(error).toBeInstanceOf(MwsServerError);
      expect(sent).toHaveLength(1);
    });

    it('stops retrying when the backoff would pass the deadline', async () => {
      // Prepare
      const { client, sent, sleeps } = aClient(
        [{ status: 500, body: anErrorResponse('InternalServerError') }],
        {
          pacing: false,
          deadlineMs: 500,
        },
      );

      // Act
      const error = await failureOf(client.authorizeOnBillingAgreement(AUTHORIZE));

      // Assess
      expect(error).toBeInstanceOf(MwsServerError);
      expect(sent).toHaveLength(1);
      expect(sleeps).toEqual([]);
    });

    it('takes a per-call deadline', async () => {
      // Prepare
      const { client, sent } = aClient(
        [{ status: 500, body: anErrorResponse('InternalServerError') }],
        {
          pacing: false,
        },
      );

      // Act
      await failureOf(client.authorizeOnBillingAgreement(AUTHORIZE, { deadlineMs: 1_000 }));

      // Assess: 500 ms of backoff fit, the next 1,000 ms do not.
      expect(sent).toHaveLength(2);
    });
  });

  describe('unreadable answers', () => {
    it.each([
      [200, 'this is not XML', 'not well-formed XML'],
      [
        200,
        aResponse('GetCaptureDetails', aCaptureDetailsXml()),
        '/AuthorizeOnBillingAgreementResponse is missing',
      ],
      [403, 'Forbidden', 'not an MWS ErrorResponse'],
      [302, anErrorResponse('Moved'), 'an unexpected HTTP status'],
    ])('turns HTTP %i %j into a malformed-response error', async (status, body, problem) => {
      // Prepare
      const { client, sent } = aClient([{ status, body }]);

      // Act
      const error = await failureOf(client.authorizeOnBillingAgreement(AUTHORIZE));

      // Assess
      expect(error).toBeInstanceOf(MwsMalformedResponseError);
      expect(error).toMatchObject({ statusCode: status, problem, outcomeUnknown: true });
      expect(sent).toHaveLength(1);
    });
  });

  describe('deadlines and transport', () => {
    it('aborts a request that gets no answer within the attempt timeout', async () => {
      // Prepare
      const { client } = aClient(['hang'], { attemptTimeoutMs: 20 });

      // Act
      const error = await failureOf(client.authorizeOnBillingAgreement(AUTHORIZE));

      // Assess
      expect(error).toBeInstanceOf(MwsTimeoutError);
      expect(error).toMatchObject({ timeoutMs: 20, attempts: 1, outcomeUnknown: true });
      expect(error.message).toBe('AuthorizeOnBillingAgreement got no answer within 20 ms');
    });

    it('reports a connection failure with its cause', async () => {
      // Prepare
      const cause = new TypeError('fetch failed');
      const { client } = aClient([{ error: cause }]);

      // Act
      const error = await failureOf(client.getRefundDetails({ amazonRefundId: 'R1' }));

      // Assess
      expect(error).toBeInstanceOf(MwsNetworkError);
      expect(error.cause).toBe(cause);
    });
  });

  describe('pacing', () => {
    it('spaces writes by the sandbox quota: two at once, then one every two seconds', async () => {
      // Prepare
      const { client, sleeps } = aClient([{ status: 200, body: AUTHORIZED }]);

      // Act
      for (let i = 0; i < 3; i += 1) await client.authorizeOnBillingAgreement(AUTHORIZE);

      // Assess
      expect(sleeps).toEqual([2_000]);
    });

    it('uses the production quotas live', async () => {
      // Prepare
      const { client, sleeps } = aClient(
        [{ status: 200, body: AUTHORIZED }],
        {},
        { ...CONFIG, sandbox: false },
      );

      // Act
      for (let i = 0; i < 11; i += 1) await client.authorizeOnBillingAgreement(AUTHORIZE);

      // Assess
      expect(sleeps).toEqual([1_000]);
    });

    it('takes quota overrides and can be turned off', async () => {
      // Prepare
      const paced = aClient([{ status: 200, body: AUTHORIZED }], {
        pacing: { AuthorizeOnBillingAgreement: { maxRequestQuota: 1, restoreIntervalMs: 10 } },
      });
      const unpaced = aClient([{ status: 200, body: AUTHORIZED }], { pacing: false });

      // Act
      for (let i = 0; i < 3; i += 1) {
        await paced.client.authorizeOnBillingAgreement(AUTHORIZE);
        await unpaced.client.authorizeOnBillingAgreement(AUTHORIZE);
      }

      // Assess
      expect(paced.sleeps).toEqual([10, 10]);
      expect(unpaced.sleeps).toEqual([]);
    });

    it('fails without sending when the quota wait would pass the deadline', async () => {
      // Prepare
      const { client, sent } = aClient([{ status: 200, body: AUTHORIZED }], { deadlineMs: 1_999 });
      await client.authorizeOnBillingAgreement(AUTHORIZE);
      await client.authorizeOnBillingAgreement(AUTHORIZE);

      // Act
      const error = await failureOf(client.authorizeOnBillingAgreement(AUTHORIZE));

      // Assess
      expect(error).toBeInstanceOf(MwsTimeoutError);
      expect(error).toMatchObject({ attempts: 0, outcomeUnknown: false });
      expect(sent).toHaveLength(2);
    });

    it('fails without sending when the quota wait uses the whole deadline', async () => {
      // Prepare
      const { client, sent } = aClient([{ status: 200, body: AUTHORIZED }], { deadlineMs: 2_000 });
      await client.authorizeOnBillingAgreement(AUTHORIZE);
      await client.authorizeOnBillingAgreement(AUTHORIZE);

      // Act
      const error = await failureOf(client.authorizeOnBillingAgreement(AUTHORIZE));

      // Assess
      expect(error).toBeInstanceOf(MwsTimeoutError);
      expect(error.message).toBe('AuthorizeOnBillingAgreement reached its 2000 ms deadline');
      expect(sent).toHaveLength(2);
    });
  });

  describe('the secret key', () => {
    it('never shows in JSON, String or inspect of the client', () => {
      // Act
      const client = new MwsClient(CONFIG);

      // Assess
      const rendered = [
        JSON.stringify(client),
        String(client),
        inspect(client, { depth: 10, showHidden: true }),
        JSON.stringify(Object.entries(client)),
      ].join('\n');
      expect(rendered).not.toContain(SECRET);
      expect(JSON.parse(JSON.stringify(client))).toEqual({
        region: 'NA',
        sandbox: true,
        sellerId: 'A1SELLER',
        endpoint: 'https://mws.amazonservices.com/OffAmazonPayments_Sandbox/2013-01-01',
      });
      expect(String(client)).toBe('MwsClient(NA, sandbox, seller A1SELLER)');
      expect(String(new MwsClient({ ...CONFIG, sandbox: false }))).toBe(
        'MwsClient(NA, live, seller A1SELLER)',
      );
    });

    it('never shows in an error or a log line', async () => {
      // Prepare
      const cases: ReadonlyArray<ReadonlyArray<Answer>> = [
        [{ status: 400, body: anErrorResponse('SignatureDoesNotMatch') }],
        [{ status: 500, body: anErrorResponse('InternalServerError') }],
        [{ status: 200, body: 'garbage' }],
        [{ error: new TypeError('fetch failed') }],
        ['hang'],
      ];
      const rendered: string[] = [];

      // Act
      for (const answers of cases) {
        const { client, logs } = aClient(answers, { attemptTimeoutMs: 10, pacing: false });
        const error = await failureOf(client.authorizeOnBillingAgreement(AUTHORIZE));
        rendered.push(
          JSON.stringify(error),
          String(error),
          error.stack ?? '',
          inspect(error, { depth: 10, showHidden: true }),
          ...logs,
        );
      }

      // Assess
      expect(rendered.join('\n')).not.toContain(SECRET);
    });
  });
});
