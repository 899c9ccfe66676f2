import { inspect } from 'node:util';
import { toSimulationNote } from '../../src/amazonpay/sandboxSimulation';
import { MWS_LIVE_PATH, MWS_SANDBOX_PATH } from '../../src/amazonpay/mws/constants';
import {
  MwsClientError,
  MwsMalformedResponseError,
  MwsServerError,
  MwsThrottledError,
  MwsTimeoutError,
} from '../../src/amazonpay/mws/errors';
import type { MwsClientConfig, MwsClientOptions } from '../../src/amazonpay/mws/MwsClient';
import { MwsClient, toMwsTimestamp } from '../../src/amazonpay/mws/MwsClient';
import { parseMwsErrorBody, parseMwsXml } from '../../src/amazonpay/mws/parseResponses';
import { buildFormBody, signParameters } from '../../src/amazonpay/mws/signatureV2';
import type { AuthorizeOnBillingAgreementRequest } from '../../src/amazonpay/mws/types';
import type { MwsStandInAccount, MwsStandInOptions } from '../../src/local/mws/MwsStandIn';
import { MWS_TEST_ACCOUNT, MwsStandIn } from '../../src/local/mws/MwsStandIn';
import type { MwsStandInServer } from '../../src/local/mws/startMwsStandInServer';
import { startMwsStandInServer } from '../../src/local/mws/startMwsStandInServer';

const START = Date.parse('2015-12-10T12:00:00Z');
const MINUTE = 60_000;
const SANDBOX_HOST = 'mws.amazonservices.com';

/** A stand-in behind loopback HTTP and a client of it, sharing one fake clock. */
type Rig = {
  readonly standIn: MwsStandIn;
  readonly server: MwsStandInServer;
  readonly client: MwsClient;
  readonly clock: { now: number };
  readonly logs: string[];
  readonly clientFor: (config?: Partial<MwsClientConfig>, options?: MwsClientOptions) => MwsClient;
};

const servers: MwsStandInServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function aRig(
  standInOptions: MwsStandInOptions = {},
  clientOptions: MwsClientOptions = {},
): Promise<Rig> {
  const clock = { now: START };
  const logs: string[] = [];
  const standIn = new MwsStandIn({ throttling: 'off', now: () => clock.now, ...standInOptions });
  const server = await startMwsStandInServer(standIn);
  servers.push(server);
  const clientFor = (
    config: Partial<MwsClientConfig> = {},
    options: MwsClientOptions = {},
  ): MwsClient =>
    new MwsClient(
      { ...MWS_TEST_ACCOUNT, region: 'NA', sandbox: true, ...config },
      {
        endpointOrigin: server.origin,
        now: () => clock.now,
        sleep: (ms) => {
          clock.now += ms;
          return Promise.resolve();
        },
        random: () => 0.5,
        pacing: false,
        logger: { warn: (message, fields) => logs.push(JSON.stringify({ message, ...fields })) },
        ...clientOptions,
        ...options,
      },
    );
  return { standIn, server, client: clientFor(), clock, logs, clientFor };
}

function aCharge(
  amazonBillingAgreementId: string,
  overrides: Partial<AuthorizeOnBillingAgreementRequest> = {},
): AuthorizeOnBillingAgreementRequest {
  return {
    amazonBillingAgreementId,
    authorizationReferenceId: 'sub-42-2015-12',
    authorizationAmount: { amountMinor: 999, currency: 'USD' },
    captureNow: true,
    transactionTimeoutMinutes: 0,
    ...overrides,
  };
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

async function codeOf(promise: Promise<unknown>): Promise<[number, string | undefined]> {
  const error = await failureOf(promise);
  if (!(error instanceof MwsClientError)) throw error;
  return [error.statusCode, error.code];
}

/** Posts hand-made, correctly signed parameters, for requests the typed client cannot make. */
async function postSigned(
  rig: Rig,
  parameters: Readonly<Record<string, string>>,
  options: { readonly path?: string; readonly method?: string; readonly raw?: string } = {},
): Promise<{ status: number; code: string | undefined }> {
  const path = options.path ?? MWS_SANDBOX_PATH;
  const all = {
    AWSAccessKeyId: MWS_TEST_ACCOUNT.accessKeyId,
    SellerId: MWS_TEST_ACCOUNT.sellerId,
    SignatureMethod: 'HmacSHA256',
    SignatureVersion: '2',
    Timestamp: toMwsTimestamp(rig.clock.now),
    Version: '2013-01-01',
    ...parameters,
  };
  const signature = signParameters({ host: SANDBOX_HOST, path }, all, MWS_TEST_ACCOUNT.secretKey);
  const response = await fetch(`${rig.server.origin}${path}`, {
    method: options.method ?? 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    ...(options.method === 'GET' ? {} : { body: options.raw ?? buildFormBody(all, signature) }),
  });
  const body = await response.text();
  const xml = parseMwsXml(body);
  return {
    status: response.status,
    code: xml === undefined ? undefined : parseMwsErrorBody(xml)?.code,
  };
}

describe('the MWS client against the loopback stand-in', () => {
  describe('each operation', () => {
    it('reads an Open agreement with its monthly limit, and the balance a charge leaves', async () => {
      // Prepare
      const rig = await aRig();
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD', monthlyLimitMinor: 100_00 });

      // Act
      const before = await rig.client.getBillingAgreementDetails({ amazonBillingAgreementId: id });
      await rig.client.authorizeOnBillingAgreement(aCharge(id));
      const after = await rig.client.getBillingAgreementDetails({ amazonBillingAgreementId: id });

      // Assess
      expect(before.billingAgreement).toEqual({
        amazonBillingAgreementId: id,
        status: { state: 'Open', lastUpdateTimestamp: '2015-12-10T12:00:00.000Z' },
        releaseEnvironment: 'Sandbox',
        constraints: [],
        limits: {
          amountLimitPerTimePeriod: { amountMinor: 100_00, currency: 'USD' },
          currentRemainingBalance: { amountMinor: 100_00, currency: 'USD' },
          timePeriodStartDate: '2015-12-01T00:00:00Z',
          timePeriodEndDate: '2016-01-01T00:00:00Z',
        },
        billingAgreementConsent: true,
        creationTimestamp: '2015-12-10T12:00:00.000Z',
      });
      expect(after.billingAgreement.limits?.currentRemainingBalance.amountMinor).toBe(100_00 - 999);
    });

    it('reads a seeded MIT agreement with its subscription amount and constraints', async () => {
      // Prepare
      const rig = await aRig();
      const id = rig.standIn.seedBillingAgreement({
        currency: 'USD',
        state: 'Draft',
        billingAgreementType: 'MerchantInitiatedTransaction',
        subscriptionAmountMinor: 999,
        constraints: [{ constraintId: 'BuyerConsentNotSet', description: 'No consent.' }],
      });

      // Act
      const { billingAgreement } = await rig.client.getBillingAgreementDetails({
        amazonBillingAgreementId: id,
      });

      // Assess
      expect(billingAgreement).toMatchObject({
        status: { state: 'Draft' },
        billingAgreementType: 'MerchantInitiatedTransaction',
        subscriptionAmount: { amountMinor: 999, currency: 'USD' },
        constraints: [{ constraintId: 'BuyerConsentNotSet', description: 'No consent.' }],
      });
    });

    it('charges with CaptureNow: Closed with MaxCapturesProcessed and one capture', async () => {
      // Prepare
      const rig = await aRig();
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD' });

      // Act
      const result = await rig.client.authorizeOnBillingAgreement(
        aCharge(id, { softDescriptor: 'Coffee', sellerAuthorizationNote: 'December' }),
      );

      // Assess
      expect(result.amazonOrderReferenceId).toMatch(/^S01-\d{7}-\d{7}$/);
      expect(result.authorization).toMatchObject({
        authorizationReferenceId: 'sub-42-2015-12',
        authorizationAmount: { amountMinor: 999, currency: 'USD' },
        capturedAmount: { amountMinor: 999, currency: 'USD' },
        status: { state: 'Closed', reasonCode: 'MaxCapturesProcessed' },
        captureNow: true,
        softDescriptor: 'AMZ*Coffee',
        sellerAuthorizationNote: 'December',
      });
      expect(result.authorization.captureIds).toEqual(
        rig.standIn.captures().map((c) => c.amazonCaptureId),
      );
    });

    it('authorizes without capturing: Open, no capture', async () => {
      // Prepare
      const rig = await aRig();
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD' });

      // Act
      const { authorization } = await rig.client.authorizeOnBillingAgreement(
        aCharge(id, { captureNow: false }),
      );
      const read = await rig.client.getAuthorizationDetails({
        amazonAuthorizationId: authorization.amazonAuthorizationId,
      });

      // Assess
      expect(authorization).toMatchObject({
        status: { state: 'Open' },
        captureIds: [],
        captureNow: false,
      });
      expect(read.authorization.status.state).toBe('Open');
      expect(rig.standIn.captures()).toHaveLength(0);
    });

    it('answers Pending to an asynchronous authorization, then the final state', async () => {
      // Prepare
      const rig = await aRig();
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD' });

      // Act
      const { authorization } = await rig.client.authorizeOnBillingAgreement(
        aCharge(id, { transactionTimeoutMinutes: undefined }),
      );
      const later = await rig.client.getAuthorizationDetails({
        amazonAuthorizationId: authorization.amazonAuthorizationId,
      });

      // Assess
      expect(authorization).toMatchObject({ status: { state: 'Pending' }, captureIds: [] });
      expect(later.authorization).toMatchObject({
        status: { state: 'Closed', reasonCode: 'MaxCapturesProcessed' },
        captureIds: [expect.stringMatching(/-C\d{6}$/)],
      });
    });

    it('refunds a capture: Pending, then Completed, recorded on the capture', async () => {
      // Prepare
      const rig = await aRig({ refundSettleMs: 10 * MINUTE });
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD' });
      const { authorization } = await rig.client.authorizeOnBillingAgreement(aCharge(id));
      const amazonCaptureId = authorization.captureIds[0] ?? '';

      // Act
      const refund = await rig.client.refund({
        amazonCaptureId,
        refundReferenceId: 'refund-1',
        refundAmount: { amountMinor: 500, currency: 'USD' },
        sellerRefundNote: 'Sorry about that',
        softDescriptor: 'Coffee',
      });
      const pending = await rig.client.getRefundDetails({
        amazonRefundId: refund.refund.amazonRefundId,
      });
      const captureBefore = await rig.client.getCaptureDetails({ amazonCaptureId });
      rig.clock.now += 10 * MINUTE;
      const completed = await rig.client.getRefundDetails({
        amazonRefundId: refund.refund.amazonRefundId,
      });
      const captureAfter = await rig.client.getCaptureDetails({ amazonCaptureId });

      // Assess
      expect(refund.refund).toMatchObject({
        refundReferenceId: 'refund-1',
        refundAmount: { amountMinor: 500, currency: 'USD' },
        refundType: 'SellerInitiated',
        status: { state: 'Pending' },
        sellerRefundNote: 'Sorry about that',
        softDescriptor: 'AMZ*Coffee',
      });
      expect(pending.refund.status.state).toBe('Pending');
      expect(completed.refund.status.state).toBe('Completed');
      expect(captureBefore.capture).toMatchObject({
        captureAmount: { amountMinor: 999, currency: 'USD' },
        refundedAmount: { amountMinor: 0, currency: 'USD' },
        refundIds: [refund.refund.amazonRefundId],
        status: { state: 'Completed' },
      });
      expect(captureAfter.capture.refundedAmount?.amountMinor).toBe(500);
    });

    it('closes an agreement, again harmlessly, and then refuses to charge it', async () => {
      // Prepare
      const rig = await aRig();
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD' });

      // Act
      await rig.client.closeBillingAgreement({
        amazonBillingAgreementId: id,
        closureReason: 'Cancelled',
      });
      await rig.client.closeBillingAgreement({ amazonBillingAgreementId: id });
      const { billingAgreement } = await rig.client.getBillingAgreementDetails({
        amazonBillingAgreementId: id,
      });
      const refused = await codeOf(rig.client.authorizeOnBillingAgreement(aCharge(id)));

      // Assess
      expect(billingAgreement.status).toMatchObject({
        state: 'Closed',
        reasonCode: 'SellerClosed',
      });
      expect(refused).toEqual([405, 'InvalidBillingAgreementStatus']);
    });

    it('charges a JPY agreement in the FE region, signed for the Japanese host', async () => {
      // Prepare
      const rig = await aRig({ region: 'FE' });
      const client = rig.clientFor({ region: 'FE' });
      const id = rig.standIn.seedBillingAgreement({ currency: 'JPY', monthlyLimitMinor: 50_000 });

      // Act
      const { authorization } = await client.authorizeOnBillingAgreement(
        aCharge(id, { authorizationAmount: { amountMinor: 1_500, currency: 'JPY' } }),
      );

      // Assess
      expect(authorization.capturedAmount).toEqual({ amountMinor: 1_500, currency: 'JPY' });
      expect(rig.standIn.requests[0]?.parameters['AuthorizationAmount.Amount']).toBe('1500');
    });

    it('keeps live and sandbox apart', async () => {
      // Prepare
      const rig = await aRig();
      const sandboxId = rig.standIn.seedBillingAgreement({ currency: 'USD' });
      const liveId = rig.standIn.seedBillingAgreement({
        currency: 'USD',
        releaseEnvironment: 'Live',
      });
      const live = rig.clientFor({ sandbox: false });

      // Act
      const liveAgreement = await live.getBillingAgreementDetails({
        amazonBillingAgreementId: liveId,
      });
      const crossed = await codeOf(
        live.getBillingAgreementDetails({ amazonBillingAgreementId: sandboxId }),
      );

      // Assess
      expect(liveId).toMatch(/^B01-/);
      expect(liveAgreement.billingAgreement.releaseEnvironment).toBe('Live');
      expect(crossed).toEqual([400, 'InvalidBillingAgreementId']);
    });
  });

  describe('the documented errors', () => {
    it('answers SignatureDoesNotMatch to a wrong secret key, and the client does not retry it', async () => {
      // Prepare
      const rig = await aRig();
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD' });
      const client = rig.clientFor({ secretKey: 'WRONG_SECRET_KEY' });

      // Act
      const error = await failureOf(
        client.getBillingAgreementDetails({ amazonBillingAgreementId: id }),
      );

      // Assess
      expect(error).toBeInstanceOf(MwsClientError);
      expect(error).toMatchObject({
        statusCode: 403,
        code: 'SignatureDoesNotMatch',
        errorType: 'Sender',
      });
      expect(rig.standIn.requests).toHaveLength(1);
    });

    it('answers SignatureDoesNotMatch to a request signed for another region', async () => {
      // Prepare
      const rig = await aRig();
      const client = rig.clientFor({ region: 'EU' });

      // Act & Assess
      expect(
        await codeOf(client.getBillingAgreementDetails({ amazonBillingAgreementId: 'C01-1' })),
      ).toEqual([403, 'SignatureDoesNotMatch']);
    });

    it('refuses an unknown key, a stale timestamp and a seller of another key', async () => {
      // Prepare
      const other: MwsStandInAccount = {
        accessKeyId: 'OTHER_KEY',
        secretKey: 'OTHER_SECRET',
        sellerId: 'OTHER_SELLER',
      };
      const rig = await aRig({ accounts: [MWS_TEST_ACCOUNT, other] });
      const request = { amazonBillingAgreementId: 'C01-1' };

      // Act
      const unknownKey = await codeOf(
        rig.clientFor({ accessKeyId: 'NOPE' }).getBillingAgreementDetails(request),
      );
      const stale = await codeOf(
        rig
          .clientFor({}, { now: () => rig.clock.now + 16 * MINUTE })
          .getBillingAgreementDetails(request),
      );
      const otherSeller = await codeOf(
        rig.clientFor({ sellerId: 'OTHER_SELLER' }).getBillingAgreementDetails(request),
      );
      const unknownSeller = await codeOf(
        rig.clientFor({ sellerId: 'NOBODY' }).getBillingAgreementDetails(request),
      );

      // Assess
      expect([unknownKey, stale, otherSeller, unknownSeller]).toEqual([
        [403, 'InvalidAccessKeyId'],
        [400, 'RequestExpired'],
        [401, 'UnauthorizedAccess'],
        [400, 'InvalidSellerId'],
      ]);
    });

    it("answers InvalidBillingAgreementId for an unknown id or another seller's agreement", async () => {
      // Prepare
      const other: MwsStandInAccount = {
        accessKeyId: 'OTHER_KEY',
        secretKey: 'OTHER_SECRET',
        sellerId: 'OTHER_SELLER',
      };
      const rig = await aRig({ accounts: [MWS_TEST_ACCOUNT, other] });
      const theirs = rig.standIn.seedBillingAgreement({
        currency: 'USD',
        sellerId: 'OTHER_SELLER',
      });

      // Act
      const unknown = await codeOf(
        rig.client.authorizeOnBillingAgreement(aCharge('C01-0000000-0000000')),
      );
      const foreign = await codeOf(
        rig.client.getBillingAgreementDetails({ amazonBillingAgreementId: theirs }),
      );
      const closing = await codeOf(
        rig.client.closeBillingAgreement({ amazonBillingAgreementId: theirs }),
      );

      // Assess
      expect([unknown, foreign, closing]).toEqual([
        [400, 'InvalidBillingAgreementId'],
        [400, 'InvalidBillingAgreementId'],
        [400, 'InvalidBillingAgreementId'],
      ]);
    });

    it.each(['Suspended', 'Draft', 'Closed', 'Canceled'] as const)(
      'answers InvalidBillingAgreementStatus to a charge on a %s agreement',
      async (state) => {
        // Prepare
        const rig = await aRig();
        const id = rig.standIn.seedBillingAgreement({ currency: 'USD', state });

        // Act & Assess
        expect(await codeOf(rig.client.authorizeOnBillingAgreement(aCharge(id)))).toEqual([
          405,
          'InvalidBillingAgreementStatus',
        ]);
      },
    );

    it('answers InvalidBillingAgreementStatus to closing a Canceled agreement', async () => {
      // Prepare
      const rig = await aRig();
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD', state: 'Canceled' });

      // Act & Assess
      expect(
        await codeOf(rig.client.closeBillingAgreement({ amazonBillingAgreementId: id })),
      ).toEqual([405, 'InvalidBillingAgreementStatus']);
    });

    it('answers CurrencyMismatch and TransactionAmountExceeded', async () => {
      // Prepare
      const rig = await aRig();
      const id = rig.standIn.seedBillingAgreement({
        currency: 'USD',
        monthlyLimitMinor: 1_000_000_00,
      });

      // Act
      const currency = await codeOf(
        rig.client.authorizeOnBillingAgreement(
          aCharge(id, { authorizationAmount: { amountMinor: 999, currency: 'EUR' } }),
        ),
      );
      const tooMuch = await codeOf(
        rig.client.authorizeOnBillingAgreement(
          aCharge(id, { authorizationAmount: { amountMinor: 150_000_01, currency: 'USD' } }),
        ),
      );

      // Assess
      expect([currency, tooMuch]).toEqual([
        [400, 'CurrencyMismatch'],
        [400, 'TransactionAmountExceeded'],
      ]);
    });

    it('answers PeriodicAmountExceeded over the monthly limit, until the next calendar month', async () => {
      // Prepare
      const rig = await aRig();
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD', monthlyLimitMinor: 10_00 });
      await rig.client.authorizeOnBillingAgreement(
        aCharge(id, {
          authorizationReferenceId: 'sub-42-a',
          authorizationAmount: { amountMinor: 6_00, currency: 'USD' },
        }),
      );
      const second = aCharge(id, {
        authorizationReferenceId: 'sub-42-b',
        authorizationAmount: { amountMinor: 5_00, currency: 'USD' },
      });

      // Act
      const refused = await codeOf(rig.client.authorizeOnBillingAgreement(second));
      rig.clock.now = Date.parse('2016-01-01T00:00:00Z');
      const nextMonth = await rig.client.authorizeOnBillingAgreement(second);

      // Assess
      expect(refused).toEqual([400, 'PeriodicAmountExceeded']);
      expect(nextMonth.authorization.status.state).toBe('Closed');
      expect(rig.standIn.captures()).toHaveLength(2);
    });

    it('answers DuplicateRequest to a reference id resent with other parameters', async () => {
      // Prepare
      const rig = await aRig();
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD' });
      await rig.client.authorizeOnBillingAgreement(aCharge(id));

      // Act
      const refused = await codeOf(
        rig.client.authorizeOnBillingAgreement(
          aCharge(id, { authorizationAmount: { amountMinor: 1_000, currency: 'USD' } }),
        ),
      );

      // Assess
      expect(refused).toEqual([400, 'DuplicateRequest']);
      expect(rig.standIn.captures()).toHaveLength(1);
    });

    it('answers DuplicateReferenceId to a reference id reused on another agreement or capture', async () => {
      // Prepare
      const rig = await aRig();
      const first = rig.standIn.seedBillingAgreement({ currency: 'USD' });
      const second = rig.standIn.seedBillingAgreement({ currency: 'USD' });
      const a = await rig.client.authorizeOnBillingAgreement(
        aCharge(first, { authorizationReferenceId: 'a' }),
      );
      const b = await rig.client.authorizeOnBillingAgreement(
        aCharge(second, { authorizationReferenceId: 'b' }),
      );
      const refund = (amazonCaptureId: string) =>
        rig.client.refund({
          amazonCaptureId,
          refundReferenceId: 'refund-1',
          refundAmount: { amountMinor: 100, currency: 'USD' },
        });
      await refund(a.authorization.captureIds[0] ?? '');

      // Act
      const authorization = await codeOf(
        rig.client.authorizeOnBillingAgreement(aCharge(second, { authorizationReferenceId: 'a' })),
      );
      const refunded = await codeOf(refund(b.authorization.captureIds[0] ?? ''));

      // Assess
      expect([authorization, refunded]).toEqual([
        [400, 'DuplicateReferenceId'],
        [400, 'DuplicateReferenceId'],
      ]);
    });

    it('answers InvalidParameterValue for unknown authorization, capture and refund ids', async () => {
      // Prepare
      const rig = await aRig();

      // Act
      const codes = [
        await codeOf(rig.client.getAuthorizationDetails({ amazonAuthorizationId: 'S01-1-A1' })),
        await codeOf(rig.client.getCaptureDetails({ amazonCaptureId: 'S01-1-C1' })),
        await codeOf(rig.client.getRefundDetails({ amazonRefundId: 'S01-1-R1' })),
        await codeOf(
          rig.client.refund({
            amazonCaptureId: 'S01-1-C1',
            refundReferenceId: 'r',
            refundAmount: { amountMinor: 1, currency: 'USD' },
          }),
        ),
      ];

      // Assess
      expect(codes).toEqual(Array(4).fill([400, 'InvalidParameterValue']));
    });

    it('answers malformed hand-made requests with MissingParameter, InvalidParameterValue and AmbiguousToken', async () => {
      // Prepare
      const rig = await aRig();
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD' });
      const charge = {
        Action: 'AuthorizeOnBillingAgreement',
        AmazonBillingAgreementId: id,
        AuthorizationReferenceId: 'ref-1',
        'AuthorizationAmount.Amount': '9.99',
        'AuthorizationAmount.CurrencyCode': 'USD',
      };

      // Act
      const answers = [
        await postSigned(rig, { Action: 'GetBillingAgreementDetails' }),
        await postSigned(rig, {
          Action: 'GetBillingAgreementDetails',
          AmazonBillingAgreementId: id,
          AddressConsentToken: 'a',
          AccessToken: 'b',
        }),
        await postSigned(rig, {
          Action: 'GetBillingAgreementDetails',
          AmazonBillingAgreementId: id,
          Version: '2010-01-01',
        }),
        await postSigned(rig, {
          Action: 'GetBillingAgreementDetails',
          AmazonBillingAgreementId: id,
          SignatureVersion: '1',
        }),
        await postSigned(rig, {
          Action: 'GetBillingAgreementDetails',
          AmazonBillingAgreementId: id,
          SignatureMethod: 'HmacSHA1',
        }),
        await postSigned(rig, { Action: 'GetOrderReferenceDetails' }),
        await postSigned(rig, { ...charge, AuthorizationReferenceId: 'x'.repeat(33) }),
        await postSigned(rig, { ...charge, 'AuthorizationAmount.Amount': '0' }),
        await postSigned(rig, { ...charge, 'AuthorizationAmount.CurrencyCode': 'CHF' }),
        await postSigned(rig, { ...charge, CaptureNow: 'yes' }),
        await postSigned(rig, { ...charge, TransactionTimeout: '-1' }),
        await postSigned(rig, { ...charge, SellerAuthorizationNote: 'x'.repeat(256) }),
        await postSigned(rig, { ...charge, 'AuthorizationAmount.Amount': '' }),
      ];

      // Assess
      expect(answers).toEqual([
        { status: 400, code: 'MissingParameter' },
        { status: 400, code: 'AmbiguousToken' },
        { status: 400, code: 'InvalidParameterValue' },
        { status: 400, code: 'InvalidParameterValue' },
        { status: 400, code: 'InvalidParameterValue' },
        { status: 400, code: 'InvalidParameterValue' },
        { status: 400, code: 'InvalidParameterValue' },
        { status: 400, code: 'InvalidParameterValue' },
        { status: 400, code: 'InvalidParameterValue' },
        { status: 400, code: 'InvalidParameterValue' },
        { status: 400, code: 'InvalidParameterValue' },
        { status: 400, code: 'InvalidParameterValue' },
        { status: 400, code: 'MissingParameter' },
      ]);
    });

    it('refuses unsigned, repeated, misaddressed and oversized requests', async () => {
      // Prepare
      const rig = await aRig();

      // Act
      const answers = [
        await postSigned(rig, {}, { raw: 'Action=GetBillingAgreementDetails' }),
        await postSigned(
          rig,
          {},
          {
            raw: 'AWSAccessKeyId=TEST_ACCESS_KEY&Action=X&SellerId=S&SignatureMethod=HmacSHA256&SignatureVersion=2&Timestamp=2015-12-10T12%3A00%3A00Z&Version=2013-01-01',
          },
        ),
        await postSigned(rig, {}, { raw: 'Action=A&Action=B' }),
        await postSigned(rig, { Action: 'GetBillingAgreementDetails' }, { path: '/elsewhere' }),
        await postSigned(rig, { Action: 'GetBillingAgreementDetails' }, { method: 'GET' }),
        await postSigned(rig, {}, { raw: 'x'.repeat(1_000_001) }),
      ];

      // Assess
      expect(answers).toEqual([
        { status: 400, code: 'MissingParameter' },
        { status: 400, code: 'MissingParameter' },
        { status: 400, code: 'InvalidParameterValue' },
        { status: 404, code: undefined },
        { status: 405, code: undefined },
        { status: 413, code: undefined },
      ]);
    });
  });

  describe('the sandbox simulations', () => {
    it('declines softly with InvalidPaymentMethod, suspends the agreement, and reopens it after the given minutes', async () => {
      // Prepare
      const rig = await aRig();
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD' });
      const note =
        '{"SandboxSimulation": {"State":"Declined", "ReasonCode":"InvalidPaymentMethod", "PaymentMethodUpdateTimeInMins":5, "SoftDecline":"true"}}';

      // Act
      const { authorization } = await rig.client.authorizeOnBillingAgreement(
        aCharge(id, { sellerAuthorizationNote: note }),
      );
      const suspended = await rig.client.getBillingAgreementDetails({
        amazonBillingAgreementId: id,
      });
      const refused = await codeOf(
        rig.client.authorizeOnBillingAgreement(
          aCharge(id, { authorizationReferenceId: 'retry-1' }),
        ),
      );
      rig.clock.now += 5 * MINUTE;
      const reopened = await rig.client.getBillingAgreementDetails({
        amazonBillingAgreementId: id,
      });
      const retried = await rig.client.authorizeOnBillingAgreement(
        aCharge(id, { authorizationReferenceId: 'retry-1' }),
      );

      // Assess
      expect(authorization).toMatchObject({
        status: { state: 'Declined', reasonCode: 'InvalidPaymentMethod' },
        softDecline: true,
        captureIds: [],
      });
      expect(suspended.billingAgreement.status).toMatchObject({
        state: 'Suspended',
        reasonCode: 'InvalidPaymentMethod',
      });
      expect(suspended.billingAgreement.limits?.currentRemainingBalance.amountMinor).toBe(500_00);
      expect(refused).toEqual([405, 'InvalidBillingAgreementStatus']);
      expect(reopened.billingAgreement.status.state).toBe('Open');
      expect(retried.authorization.status.state).toBe('Closed');
    });

    it("accepts the skill's own simulation strings", async () => {
      // Prepare
      const rig = await aRig();
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD' });
      const notes = ['InvalidPaymentMethod', 'AmazonRejected', 'TransactionTimedOut'] as const;

      // Act
      const states = [];
      for (const [i, simulation] of notes.entries()) {
        rig.standIn.reopenBillingAgreement(id);
        const { authorization } = await rig.client.authorizeOnBillingAgreement(
          aCharge(id, {
            authorizationReferenceId: `sim-${i}`,
            sellerAuthorizationNote: toSimulationNote(simulation).note,
          }),
        );
        states.push([authorization.status.state, authorization.status.reasonCode]);
      }

      // Assess
      expect(states).toEqual([
        ['Declined', 'InvalidPaymentMethod'],
        ['Declined', 'AmazonRejected'],
        ['Declined', 'TransactionTimedOut'],
      ]);
    });

    it('declines hard with InvalidPaymentMethod until the payment method is updated', async () => {
      // Prepare
      const rig = await aRig();
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD' });
      const note = '{"SandboxSimulation":{"State":"Declined","ReasonCode":"InvalidPaymentMethod"}}';

      // Act
      const { authorization } = await rig.client.authorizeOnBillingAgreement(
        aCharge(id, { sellerAuthorizationNote: note }),
      );
      rig.clock.now += 24 * 60 * MINUTE;
      const stillSuspended = rig.standIn.billingAgreement(id)?.state;
      rig.standIn.reopenBillingAgreement(id);

      // Assess
      expect(authorization.softDecline).toBe(false);
      expect(stillSuspended).toBe('Suspended');
      expect(rig.standIn.billingAgreement(id)?.state).toBe('Open');
    });

    it.each(['AmazonRejected', 'TransactionTimedOut'])(
      'declines with %s, leaves the agreement Open and charges nothing',
      async (reasonCode) => {
        // Prepare
        const rig = await aRig();
        const id = rig.standIn.seedBillingAgreement({ currency: 'USD' });

        // Act
        const { authorization } = await rig.client.authorizeOnBillingAgreement(
          aCharge(id, {
            sellerAuthorizationNote: JSON.stringify({
              SandboxSimulation: { State: 'Declined', ReasonCode: reasonCode },
            }),
          }),
        );

        // Assess
        expect(authorization.status).toMatchObject({ state: 'Declined', reasonCode });
        expect(authorization.softDecline).toBeUndefined();
        expect(rig.standIn.billingAgreement(id)?.state).toBe('Open');
        expect(rig.standIn.captures()).toHaveLength(0);
      },
    );

    it('closes with AmazonClosed, and expires with ExpiredUnused after the given minutes', async () => {
      // Prepare
      const rig = await aRig();
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD' });

      // Act
      const closed = await rig.client.authorizeOnBillingAgreement(
        aCharge(id, {
          authorizationReferenceId: 'closed',
          sellerAuthorizationNote:
            '{"SandboxSimulation": {"State":"Closed", "ReasonCode":"AmazonClosed"}}',
        }),
      );
      const expiring = await rig.client.authorizeOnBillingAgreement(
        aCharge(id, {
          authorizationReferenceId: 'expiring',
          captureNow: false,
          sellerAuthorizationNote:
            '{"SandboxSimulation": {"State":"Closed", "ReasonCode":"ExpiredUnused", "ExpirationTimeInMins":2}}',
        }),
      );
      const defaulted = await rig.client.authorizeOnBillingAgreement(
        aCharge(id, {
          authorizationReferenceId: 'defaulted',
          sellerAuthorizationNote:
            '{"SandboxSimulation": {"State":"Closed", "ReasonCode":"ExpiredUnused"}}',
        }),
      );
      rig.clock.now += 2 * MINUTE;
      const expired = await rig.client.getAuthorizationDetails({
        amazonAuthorizationId: expiring.authorization.amazonAuthorizationId,
      });

      // Assess
      expect(closed.authorization.status).toMatchObject({
        state: 'Closed',
        reasonCode: 'AmazonClosed',
      });
      expect(expiring.authorization.status.state).toBe('Open');
      expect(defaulted.authorization.status.state).toBe('Open');
      expect(expired.authorization.status).toMatchObject({
        state: 'Closed',
        reasonCode: 'ExpiredUnused',
        lastUpdateTimestamp: '2015-12-10T12:02:00.000Z',
      });
      expect(rig.standIn.authorizations().map((a) => a.state)).toEqual([
        'Closed',
        'Closed',
        'Closed',
      ]);
      expect(rig.standIn.captures()).toHaveLength(0);
    });

    it.each([
      '{"SandboxSimulation": {"State":"Declined", "ReasonCode":"ProcessingFailure"}}',
      '{"SandboxSimulation": {"State":"Declined", "ReasonCode":"AmazonRejected", "SoftDecline":"true"}}',
      '{"SandboxSimulation": {"State":"Declined", "ReasonCode":"InvalidPaymentMethod", "PaymentMethodUpdateTimeInMins":"soon"}}',
      '{"SandboxSimulation": {"State":"Declined", "ReasonCode":"InvalidPaymentMethod", "SoftDecline":"maybe"}}',
      '{"SandboxSimulation": {"State":"Declined", "ReasonCode":"InvalidPaymentMethod", "Extra":1}}',
      '{"SandboxSimulation": {"State":"Closed", "ReasonCode":"ExpiredUnused", "ExpirationTimeInMins":-1}}',
      '{"SandboxSimulation": {"State":"Closed", "ReasonCode":"AmazonClosed", "ExpirationTimeInMins":1}}',
      '{"SandboxSimulation": "Declined"}',
      '{"SandboxSimulation": {}, "Other": 1}',
      '{SandboxSimulation: broken',
    ])('answers InvalidSandboxSimulationSpecified to %s', async (note) => {
      // Prepare
      const rig = await aRig();
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD' });

      // Act & Assess
      expect(
        await codeOf(
          rig.client.authorizeOnBillingAgreement(aCharge(id, { sellerAuthorizationNote: note })),
        ),
      ).toEqual([400, 'InvalidSandboxSimulationSpecified']);
    });

    it('takes a minutes value given as a string', async () => {
      // Prepare
      const rig = await aRig();
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD' });
      const note =
        '{"SandboxSimulation": {"State":"Declined", "ReasonCode":"InvalidPaymentMethod", "PaymentMethodUpdateTimeInMins":"1", "SoftDecline":false}}';

      // Act
      await rig.client.authorizeOnBillingAgreement(aCharge(id, { sellerAuthorizationNote: note }));
      rig.clock.now += MINUTE;

      // Assess
      expect(rig.standIn.billingAgreement(id)?.state).toBe('Open');
    });

    it('treats a simulation string as a plain note on the live path', async () => {
      // Prepare
      const rig = await aRig();
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD', releaseEnvironment: 'Live' });
      const live = rig.clientFor({ sandbox: false });

      // Act
      const { authorization } = await live.authorizeOnBillingAgreement(
        aCharge(id, { sellerAuthorizationNote: toSimulationNote('AmazonRejected').note }),
      );

      // Assess
      expect(authorization.status.state).toBe('Closed');
      expect(rig.standIn.requests[0]?.parameters).not.toHaveProperty('Signature');
    });

    it('declines a refund with AmazonRejected after Pending, and frees its amount', async () => {
      // Prepare
      const rig = await aRig();
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD' });
      const { authorization } = await rig.client.authorizeOnBillingAgreement(
        aCharge(id, { authorizationAmount: { amountMinor: 100_00, currency: 'USD' } }),
      );
      const amazonCaptureId = authorization.captureIds[0] ?? '';
      const full = { amountMinor: 100_00, currency: 'USD' };

      // Act
      const declined = await rig.client.refund({
        amazonCaptureId,
        refundReferenceId: 'declined',
        refundAmount: full,
        sellerRefundNote:
          '{"SandboxSimulation": {"State":"Declined", "ReasonCode":"AmazonRejected"}}',
      });
      const read = await rig.client.getRefundDetails({
        amazonRefundId: declined.refund.amazonRefundId,
      });
      const again = await rig.client.refund({
        amazonCaptureId,
        refundReferenceId: 'again',
        refundAmount: full,
      });
      const invalid = await codeOf(
        rig.client.refund({
          amazonCaptureId,
          refundReferenceId: 'invalid',
          refundAmount: { amountMinor: 1, currency: 'USD' },
          sellerRefundNote:
            '{"SandboxSimulation": {"State":"Declined", "ReasonCode":"ProcessingFailure"}}',
        }),
      );

      // Assess
      expect(declined.refund.status.state).toBe('Pending');
      expect(read.refund.status).toMatchObject({ state: 'Declined', reasonCode: 'AmazonRejected' });
      expect(again.refund.status.state).toBe('Pending');
      expect(invalid).toEqual([400, 'InvalidSandboxSimulationSpecified']);
      expect(
        rig.standIn.refunds().map((r) => [r.refundReferenceId, r.state, r.reasonCode]),
      ).toEqual([
        ['declined', 'Declined', 'AmazonRejected'],
        ['again', 'Completed', undefined],
      ]);
    });
  });

  describe('retries and idempotency', () => {
    it('retries a 503 that lost the answer with the same reference id, and charges once', async () => {
      // Prepare
      const rig = await aRig();
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD' });
      rig.standIn.injectFault({
        kind: 'error',
        statusCode: 503,
        when: 'after',
        action: 'AuthorizeOnBillingAgreement',
      });

      // Act
      const { authorization } = await rig.client.authorizeOnBillingAgreement(aCharge(id));

      // Assess
      const sent = rig.standIn.requests.map(({ parameters, status }) => {
        const rest: Record<string, string> = { ...parameters };
        delete rest.Timestamp;
        return { rest, status };
      });
      expect(sent.map((s) => s.status)).toEqual([503, 200]);
      expect(sent[1]?.rest).toEqual(sent[0]?.rest);
      expect(sent[0]?.rest.AuthorizationReferenceId).toBe('sub-42-2015-12');
      expect(rig.standIn.captures()).toHaveLength(1);
      expect(rig.standIn.authorizations()).toHaveLength(1);
      expect(authorization.captureIds).toEqual([rig.standIn.captures()[0]?.amazonCaptureId]);
      expect(rig.logs).toHaveLength(1);
    });

    it('retries a 500 before processing and a throttled answer, and charges once', async () => {
      // Prepare
      const rig = await aRig();
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD' });
      rig.standIn.injectFault({ kind: 'error', statusCode: 500, times: 2 });
      rig.standIn.injectFault({ kind: 'error', statusCode: 503, code: 'RequestThrottled' });

      // Act
      await rig.client.authorizeOnBillingAgreement(aCharge(id));

      // Assess
      expect(rig.standIn.requests.map((r) => [r.status, r.code])).toEqual([
        [500, 'InternalServerError'],
        [500, 'InternalServerError'],
        [503, 'RequestThrottled'],
        [200, undefined],
      ]);
      expect(rig.standIn.captures()).toHaveLength(1);
    });

    it('gives up with a server error when 503s outlast the retries', async () => {
      // Prepare
      const rig = await aRig();
      rig.standIn.injectFault({ kind: 'error', statusCode: 503, times: 10 });

      // Act
      const error = await failureOf(rig.client.getCaptureDetails({ amazonCaptureId: 'C1' }));

      // Assess
      expect(error).toBeInstanceOf(MwsServerError);
      expect(error).toMatchObject({
        code: 'ServiceUnavailable',
        errorType: 'Receiver',
        attempts: 4,
      });
    });

    it('does not retry a 400', async () => {
      // Prepare
      const rig = await aRig();

      // Act
      await failureOf(rig.client.authorizeOnBillingAgreement(aCharge('C01-0000000-0000000')));

      // Assess
      expect(rig.standIn.requests).toHaveLength(1);
    });

    it('answers a replay with the same authorization and charges once', async () => {
      // Prepare
      const rig = await aRig();
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD', monthlyLimitMinor: 50_00 });

      // Act
      const first = await rig.client.authorizeOnBillingAgreement(aCharge(id));
      const second = await rig.client.authorizeOnBillingAgreement(aCharge(id));
      const { billingAgreement } = await rig.client.getBillingAgreementDetails({
        amazonBillingAgreementId: id,
      });

      // Assess
      expect(second.authorization).toEqual(first.authorization);
      expect(second.amazonOrderReferenceId).toBe(first.amazonOrderReferenceId);
      expect(rig.standIn.captures()).toHaveLength(1);
      expect(billingAgreement.limits?.currentRemainingBalance.amountMinor).toBe(50_00 - 999);
    });

    it('answers a replayed refund with the same refund', async () => {
      // Prepare
      const rig = await aRig();
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD' });
      const { authorization } = await rig.client.authorizeOnBillingAgreement(aCharge(id));
      const request = {
        amazonCaptureId: authorization.captureIds[0] ?? '',
        refundReferenceId: 'refund-1',
        refundAmount: { amountMinor: 500, currency: 'USD' },
      };

      // Act
      const first = await rig.client.refund(request);
      const replay = await rig.client.refund(request);
      const changed = await codeOf(
        rig.client.refund({ ...request, refundAmount: { amountMinor: 400, currency: 'USD' } }),
      );

      // Assess
      expect(replay.refund.amazonRefundId).toBe(first.refund.amazonRefundId);
      expect(replay.refund.status.state).toBe('Completed');
      expect(changed).toEqual([400, 'DuplicateRequest']);
      expect(rig.standIn.refunds()).toHaveLength(1);
    });

    it('times out on a slow answer, and the resend with the same reference id charges once', async () => {
      // Prepare
      const rig = await aRig({ now: Date.now }, { now: Date.now, attemptTimeoutMs: 200 });
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD' });
      rig.standIn.injectFault({ kind: 'delay', delayMs: 600 });

      // Act
      const error = await failureOf(rig.client.authorizeOnBillingAgreement(aCharge(id)));
      const resent = await rig.client.authorizeOnBillingAgreement(aCharge(id));

      // Assess
      expect(error).toBeInstanceOf(MwsTimeoutError);
      expect(error).toMatchObject({ timeoutMs: 200, outcomeUnknown: true });
      expect(resent.authorization.status.state).toBe('Closed');
      expect(rig.standIn.captures()).toHaveLength(1);
    });

    it('reports an unreadable 200 as malformed, and the resend finds the charge made', async () => {
      // Prepare
      const rig = await aRig();
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD' });
      rig.standIn.injectFault({ kind: 'malformed', action: 'AuthorizeOnBillingAgreement' });

      // Act
      const error = await failureOf(rig.client.authorizeOnBillingAgreement(aCharge(id)));
      const resent = await rig.client.authorizeOnBillingAgreement(aCharge(id));

      // Assess
      expect(error).toBeInstanceOf(MwsMalformedResponseError);
      expect(error).toMatchObject({ statusCode: 200, outcomeUnknown: true });
      expect(resent.authorization.captureIds).toEqual([rig.standIn.captures()[0]?.amazonCaptureId]);
      expect(rig.standIn.captures()).toHaveLength(1);
    });

    it('retries on the real clock with the default sleep and fetch', async () => {
      // Prepare
      const standIn = new MwsStandIn({ throttling: 'off' });
      const server = await startMwsStandInServer(standIn);
      servers.push(server);
      const client = new MwsClient(
        { ...MWS_TEST_ACCOUNT, region: 'NA', sandbox: true },
        { endpointOrigin: server.origin, backoff: { baseDelayMs: 5, maxDelayMs: 10 } },
      );
      const id = standIn.seedBillingAgreement({ currency: 'USD' });
      standIn.injectFault({ kind: 'error', statusCode: 500 });

      // Act
      const result = await client.getBillingAgreementDetails({ amazonBillingAgreementId: id });

      // Assess
      expect(result.billingAgreement.status.state).toBe('Open');
      expect(standIn.requests.map((r) => r.status)).toEqual([500, 200]);
    });
  });

  describe('the refund limits', () => {
    async function aCapture(amountMinor: number) {
      const rig = await aRig();
      const id = rig.standIn.seedBillingAgreement({
        currency: 'USD',
        monthlyLimitMinor: 10_000_00,
      });
      const { authorization } = await rig.client.authorizeOnBillingAgreement(
        aCharge(id, { authorizationAmount: { amountMinor, currency: 'USD' } }),
      );
      let n = 0;
      const refund = (refundMinor: number, currency = 'USD') => {
        n += 1;
        return rig.client.refund({
          amazonCaptureId: authorization.captureIds[0] ?? '',
          refundReferenceId: `refund-${n}`,
          refundAmount: { amountMinor: refundMinor, currency },
        });
      };
      return { rig, refund, amazonCaptureId: authorization.captureIds[0] ?? '' };
    }

    it('refunds up to the captured amount plus 15%, and no more', async () => {
      // Prepare
      const { refund } = await aCapture(100_00);

      // Act
      await refund(100_00);
      await refund(15_00);
      const over = await codeOf(refund(1));

      // Assess
      expect(over).toEqual([400, 'InvalidRefundAmount']);
    });

    it('caps the margin at 75', async () => {
      // Prepare
      const { refund } = await aCapture(1_000_00);

      // Act
      const over = await codeOf(refund(1_075_01));
      await refund(1_075_00);

      // Assess
      expect(over).toEqual([400, 'InvalidRefundAmount']);
    });

    it('accepts 10 refunds per capture, then closes the capture and refuses more', async () => {
      // Prepare
      const { rig, refund, amazonCaptureId } = await aCapture(100_00);

      // Act
      for (let i = 0; i < 10; i += 1) await refund(1_00);
      const eleventh = await codeOf(refund(1_00));
      const { capture } = await rig.client.getCaptureDetails({ amazonCaptureId });

      // Assess
      expect(eleventh).toEqual([405, 'CaptureNotRefundable']);
      expect(capture.refundIds).toHaveLength(10);
      expect(capture.refundedAmount?.amountMinor).toBe(10_00);
      expect(capture.status).toMatchObject({ state: 'Closed', reasonCode: 'MaxRefundsProcessed' });
    });

    it('refuses a refund in another currency', async () => {
      // Prepare
      const { refund } = await aCapture(100_00);

      // Act & Assess
      expect(await codeOf(refund(1_00, 'EUR'))).toEqual([400, 'CurrencyMismatch']);
    });
  });

  describe('throttling', () => {
    it('throttles writes past the sandbox quota with the documented error shape, until tokens restore', async () => {
      // Prepare
      const rig = await aRig({ throttling: 'quota' }, { maxRetries: 0 });
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD' });
      const charge = (n: number) =>
        rig.client.authorizeOnBillingAgreement(aCharge(id, { authorizationReferenceId: `c-${n}` }));
      await charge(1);
      await charge(2);

      // Act
      const error = await failureOf(charge(3));
      rig.clock.now += 2_000;
      const later = await charge(3);

      // Assess
      expect(error).toBeInstanceOf(MwsThrottledError);
      expect(error).toMatchObject({
        statusCode: 503,
        code: 'RequestThrottled',
        requestId: '00000000-0000-4000-8000-000000000003',
      });
      expect((error as MwsThrottledError).errorType).toBeUndefined();
      expect(later.authorization.status.state).toBe('Closed');
    });

    it('throttles reads past five a second, per operation', async () => {
      // Prepare
      const rig = await aRig({ throttling: 'quota' }, { maxRetries: 0 });
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD' });

      // Act
      for (let i = 0; i < 5; i += 1) {
        await rig.client.getBillingAgreementDetails({ amazonBillingAgreementId: id });
      }
      const sixth = await failureOf(
        rig.client.getBillingAgreementDetails({ amazonBillingAgreementId: id }),
      );
      const otherOperation = await codeOf(rig.client.getCaptureDetails({ amazonCaptureId: 'C1' }));

      // Assess
      expect(sixth).toBeInstanceOf(MwsThrottledError);
      expect(otherOperation).toEqual([400, 'InvalidParameterValue']);
    });

    it('paces the client to the documented quotas so that nothing is throttled', async () => {
      // Prepare
      const rig = await aRig({ throttling: 'quota' }, { pacing: true, maxRetries: 0 });
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD' });

      // Act
      for (let i = 0; i < 5; i += 1) {
        await rig.client.authorizeOnBillingAgreement(
          aCharge(id, { authorizationReferenceId: `p-${i}` }),
        );
      }

      // Assess
      expect(rig.standIn.requests.every((r) => r.status === 200)).toBe(true);
      expect(rig.clock.now - START).toBe(3 * 2_000);
    });

    it('throttles everything when switched to always, and nothing when switched off', async () => {
      // Prepare
      const rig = await aRig({ throttling: 'always' });
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD' });

      // Act
      const error = await failureOf(
        rig.client.getBillingAgreementDetails({ amazonBillingAgreementId: id }),
      );
      rig.standIn.setThrottling('off');
      const result = await rig.client.getBillingAgreementDetails({ amazonBillingAgreementId: id });

      // Assess
      expect(error).toBeInstanceOf(MwsThrottledError);
      expect(error).toMatchObject({ attempts: 4 });
      expect(result.billingAgreement.status.state).toBe('Open');
    });
  });

  describe('the secret key', () => {
    it('never reaches an error, a log line or the stand-in request log', async () => {
      // Prepare
      const secret = 'flow-Secret-Never-Logged-9f3a';
      const account: MwsStandInAccount = { ...MWS_TEST_ACCOUNT, secretKey: secret };
      const rig = await aRig({ accounts: [account], now: Date.now }, { now: Date.now });
      const client = rig.clientFor({ secretKey: secret }, { attemptTimeoutMs: 200 });
      const id = rig.standIn.seedBillingAgreement({ currency: 'USD' });
      rig.standIn.injectFault({
        kind: 'error',
        statusCode: 500,
        times: 10,
        action: 'GetCaptureDetails',
      });
      rig.standIn.injectFault({ kind: 'malformed', action: 'GetBillingAgreementDetails' });
      rig.standIn.injectFault({ kind: 'delay', delayMs: 600, action: 'CloseBillingAgreement' });

      // Act
      const errors = [
        await failureOf(client.authorizeOnBillingAgreement(aCharge('C01-0000000-0000000'))),
        await failureOf(client.getCaptureDetails({ amazonCaptureId: 'C1' })),
        await failureOf(client.getBillingAgreementDetails({ amazonBillingAgreementId: id })),
        await failureOf(client.closeBillingAgreement({ amazonBillingAgreementId: id })),
        await failureOf(
          rig
            .clientFor({ secretKey: `${secret}-wrong` })
            .getCaptureDetails({ amazonCaptureId: 'C1' }),
        ),
      ];

      // Assess
      const rendered = [
        ...errors.flatMap((error) => [
          JSON.stringify(error),
          String(error),
          error.stack ?? '',
          inspect(error, { depth: 10, showHidden: true }),
        ]),
        ...rig.logs,
        JSON.stringify(rig.standIn.requests),
        JSON.stringify(client),
        inspect(client, { depth: 10, showHidden: true }),
      ].join('\n');
      expect(errors.map((e) => e.name)).toEqual([
        'MwsClientError',
        'MwsServerError',
        'MwsMalformedResponseError',
        'MwsTimeoutError',
        'MwsClientError',
      ]);
      expect(rig.logs.length).toBeGreaterThan(0);
      expect(rendered).not.toContain(secret);
    });
  });
});

describe('MwsStandIn', () => {
  describe('its test helpers', () => {
    it('refuse a duplicate agreement id, an unknown currency and an unknown agreement', () => {
      // Prepare
      const standIn = new MwsStandIn();
      standIn.seedBillingAgreement({
        amazonBillingAgreementId: 'C01-1111111-1111111',
        currency: 'EUR',
      });

      // Act & Assess
      expect(() =>
        standIn.seedBillingAgreement({
          amazonBillingAgreementId: 'C01-1111111-1111111',
          currency: 'EUR',
        }),
      ).toThrow('billing agreement C01-1111111-1111111 exists');
      expect(() => standIn.seedBillingAgreement({ currency: 'CHF' })).toThrow(
        'unsupported currency CHF',
      );
      expect(() => standIn.reopenBillingAgreement('C01-0000000-0000000')).toThrow(
        'no billing agreement C01-0000000-0000000',
      );
      expect(standIn.billingAgreement('C01-0000000-0000000')).toBeUndefined();
    });

    it('describe a seeded agreement', () => {
      // Prepare
      const standIn = new MwsStandIn();

      // Act
      const id = standIn.seedBillingAgreement({ currency: 'GBP', sellerId: 'A2SELLER' });

      // Assess
      expect(standIn.billingAgreement(id)).toEqual({
        amazonBillingAgreementId: id,
        sellerId: 'A2SELLER',
        currency: 'GBP',
        monthlyLimitMinor: 500_00,
        state: 'Open',
        releaseEnvironment: 'Sandbox',
      });
    });
  });
});

describe('MWS paths', () => {
  it('are the live and sandbox paths of the fact sheet', () => {
    expect([MWS_LIVE_PATH, MWS_SANDBOX_PATH]).toEqual([
      '/OffAmazonPayments/2013-01-01',
      '/OffAmazonPayments_Sandbox/2013-01-01',
    ]);
  });
});
