import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MwsClient } from '../../src/amazonpay/mws/MwsClient';
import type { MwsCallOptions } from '../../src/amazonpay/mws/MwsClient';
import type {
  AuthorizeOnBillingAgreementRequest,
  GetBillingAgreementDetailsRequest,
} from '../../src/amazonpay/mws/types';
import type { Agreement } from '../../src/billing/Agreement';
import type { AgreementStore } from '../../src/billing/AgreementStore';
import type { BillingMwsClient } from '../../src/billing/BillingMwsClient';
import type { NewAgreement } from '../../src/billing/NewAgreement';
import type { AgreementNotice } from '../../src/billing/Notifier';
import { toPeriodReferenceId, toUsageReferenceId } from '../../src/billing/referenceIds';
import type { BillingRunSummary, RunDueChargesOptions } from '../../src/billing/runDueCharges';
import { DEFAULT_LEASE_MS, runDueCharges } from '../../src/billing/runDueCharges';
import type { BillingAgreementSeed } from '../../src/local/mws/MwsStandIn';
import { MWS_TEST_ACCOUNT, MwsStandIn } from '../../src/local/mws/MwsStandIn';
import type { MwsStandInServer } from '../../src/local/mws/startMwsStandInServer';
import { startMwsStandInServer } from '../../src/local/mws/startMwsStandInServer';
import { DynamoDbAgreementStore } from '../../src/store/DynamoDbAgreementStore';
import { createOrdersTable } from '../../src/store/DynamoDbOrderStore';
import { createEmbeddedDocumentClient, startEmbeddedDynamo } from '../../src/store/embeddedStore';
import type { EmbeddedDynamo } from '../../src/store/embeddedStore';
import {
  aNewPayAsYouGo,
  aNewSubscription,
  BILLING_START,
  FakeClock,
  RecordedLog,
} from '../support/billing';

const MINUTE = 60_000;
const CUSTOMER = 'buyer:amzn1.account.PRIVATEBUYER';

/** The sandbox simulation strings of the backend fact sheet (section 7), as given there. */
const SIMULATION = {
  InvalidPaymentMethod:
    '{"SandboxSimulation": {"State":"Declined", "ReasonCode":"InvalidPaymentMethod", "PaymentMethodUpdateTimeInMins":5}}',
  AmazonRejected: '{"SandboxSimulation": {"State":"Declined", "ReasonCode":"AmazonRejected"}}',
  TransactionTimedOut:
    '{"SandboxSimulation": {"State":"Declined", "ReasonCode":"TransactionTimedOut"}}',
  AmazonClosed: '{"SandboxSimulation": {"State":"Closed", "ReasonCode":"AmazonClosed"}}',
} as const;

let dynamo: EmbeddedDynamo;
let documents: DynamoDBDocumentClient;
let tables = 0;
const servers: MwsStandInServer[] = [];

beforeAll(async () => {
  dynamo = await startEmbeddedDynamo({ inMemory: true });
  documents = createEmbeddedDocumentClient(dynamo.endpoint);
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

afterAll(async () => {
  documents.destroy();
  await dynamo.close();
});

/** Wraps the MWS client to inject a crash (a thrown error that is not an MWS error). */
class CrashingMws implements BillingMwsClient {
  crashBeforeAuthorize = 0;
  crashAfterAuthorize = 0;

  constructor(private readonly inner: BillingMwsClient) {}

  getBillingAgreementDetails(request: GetBillingAgreementDetailsRequest, options?: MwsCallOptions) {
    return this.inner.getBillingAgreementDetails(request, options);
  }

  async authorizeOnBillingAgreement(
    request: AuthorizeOnBillingAgreementRequest,
    options?: MwsCallOptions,
  ) {
    if (this.crashBeforeAuthorize > 0) {
      this.crashBeforeAuthorize -= 1;
      throw new Error('process crashed before AuthorizeOnBillingAgreement');
    }
    const result = await this.inner.authorizeOnBillingAgreement(request, options);
    if (this.crashAfterAuthorize > 0) {
      this.crashAfterAuthorize -= 1;
      throw new Error('process crashed after AuthorizeOnBillingAgreement');
    }
    return result;
  }
}

/** A billing job rig: its own table, an MWS stand-in on loopback HTTP, one fake clock for all. */
type Rig = {
  readonly clock: FakeClock;
  readonly standIn: MwsStandIn;
  readonly store: DynamoDbAgreementStore;
  readonly mws: CrashingMws;
  readonly log: RecordedLog;
  readonly notices: AgreementNotice[];
  /** Seeds an agreement at the stand-in and its record in the store; answers its id. */
  agreement(
    seed?: Partial<BillingAgreementSeed>,
    record?: (billingAgreementId: string) => NewAgreement,
  ): Promise<string>;
  run(options?: Partial<RunDueChargesOptions>): Promise<BillingRunSummary>;
  stored(billingAgreementId: string): Promise<Agreement>;
  authorizeRequests(): ReadonlyArray<Readonly<Record<string, string>>>;
};

async function aRig(options: { readonly secretKey?: string } = {}): Promise<Rig> {
  const clock = new FakeClock();
  const standIn = new MwsStandIn({ throttling: 'off', now: clock.ms });
  const server = await startMwsStandInServer(standIn);
  servers.push(server);
  const client = new MwsClient(
    {
      accessKeyId: MWS_TEST_ACCOUNT.accessKeyId,
      secretKey: options.secretKey ?? MWS_TEST_ACCOUNT.secretKey,
      sellerId: MWS_TEST_ACCOUNT.sellerId,
      region: 'NA',
      sandbox: true,
    },
    {
      endpointOrigin: server.origin,
      now: clock.ms,
      sleep: (ms) => {
        clock.advance(ms);
        return Promise.resolve();
      },
      random: () => 0.5,
      pacing: false,
    },
  );
  tables += 1;
  const tableName = `billing-flow-${tables}`;
  await createOrdersTable(documents, tableName);
  const store = new DynamoDbAgreementStore({ client: documents, tableName });
  const mws = new CrashingMws(client);
  const log = new RecordedLog();
  const notices: AgreementNotice[] = [];
  let runs = 0;
  return {
    clock,
    standIn,
    store,
    mws,
    log,
    notices,
    agreement: async (
      seed = {},
      record = (id) => aNewSubscription({ billingAgreementId: id, customerKey: CUSTOMER }),
    ) => {
      const id = standIn.seedBillingAgreement({ currency: 'USD', ...seed });
      const created = await store.createAgreement(record(id));
      if (created.kind !== 'created') throw new Error(created.kind);
      return id;
    },
    run: (extra = {}) => {
      runs += 1;
      return runDueCharges({
        store,
        mws,
        clock: clock.now,
        limit: 100,
        logger: log,
        runId: `run-${runs}`,
        notifier: { notify: (notice) => Promise.resolve(void notices.push(notice)) },
        ...extra,
      });
    },
    stored: async (id) => {
      const agreement = await store.getAgreement(id);
      if (agreement === undefined) throw new Error(`no agreement ${id}`);
      return agreement;
    },
    authorizeRequests: () =>
      standIn.requests
        .filter((r) => r.action === 'AuthorizeOnBillingAgreement')
        .map((r) => r.parameters),
  };
}

const withNote = (note: string) => (id: string) =>
  aNewSubscription({
    billingAgreementId: id,
    customerKey: CUSTOMER,
    sellerAuthorizationNote: note,
  });

const counts = (summary: BillingRunSummary) => ({
  due: summary.due,
  captured: summary.captured,
  declined: summary.declined,
  retried: summary.retried,
  skipped: summary.skipped,
  errors: summary.errors,
});

describe('runDueCharges against the MWS stand-in', () => {
  describe('a due subscription', () => {
    it('is captured with its period reference id and moves to its next period', async () => {
      // Prepare
      const rig = await aRig();
      const id = await rig.agreement();

      // Act
      const summary = await rig.run();

      // Assess
      const referenceId = toPeriodReferenceId(id, 0, 1);
      expect(counts(summary)).toEqual({
        due: 1,
        captured: 1,
        declined: 0,
        retried: 0,
        skipped: 0,
        errors: 0,
      });
      expect(rig.authorizeRequests()).toEqual([
        expect.objectContaining({
          AmazonBillingAgreementId: id,
          AuthorizationReferenceId: referenceId,
          'AuthorizationAmount.Amount': '15.00',
          'AuthorizationAmount.CurrencyCode': 'USD',
          CaptureNow: 'true',
          TransactionTimeout: '0',
        }),
      ]);
      expect(rig.standIn.captures()).toEqual([
        expect.objectContaining({
          amount: { amountMinor: 1500, currency: 'USD' },
          state: 'Completed',
        }),
      ]);
      expect(await rig.store.getCharge(referenceId)).toMatchObject({
        state: 'captured',
        outcome: {
          kind: 'captured',
          amazonCaptureIds: [rig.standIn.captures()[0]?.amazonCaptureId],
        },
      });
      const agreement = await rig.stored(id);
      expect(agreement).toMatchObject({
        state: 'active',
        periodIndex: 1,
        attempt: 1,
        nextChargeAt: '2025-04-10T09:00:00.000Z',
      });
      expect(agreement.claim).toBeUndefined();
      expect(rig.log.of('billing.charge.captured')).toMatchObject([
        {
          level: 'info',
          fields: {
            billingAgreementId: id,
            authorizationReferenceId: referenceId,
          },
        },
      ]);
    });

    it('is not charged again until its next period', async () => {
      // Prepare
      const rig = await aRig();
      await rig.agreement();
      await rig.run();

      // Act
      const again = await rig.run();
      rig.clock.set('2025-04-10T09:00:00.000Z');
      const nextMonth = await rig.run();

      // Assess
      expect(again.due).toBe(0);
      expect(nextMonth.captured).toBe(1);
      expect(rig.standIn.authorizations()).toHaveLength(2);
    });
  });

  describe('pay-as-you-go usage charges', () => {
    it('are charged once each, with their own reference ids, and leave nothing due', async () => {
      // Prepare
      const rig = await aRig();
      const id = await rig.agreement({}, (agreementId) =>
        aNewPayAsYouGo({ billingAgreementId: agreementId, customerKey: CUSTOMER }),
      );
      for (const [usageId, amountMinor] of [
        ['refill-1', 799],
        ['refill-2', 450],
      ] as const) {
        await rig.store.recordUsageCharge({
          billingAgreementId: id,
          usageId,
          amountMinor,
          at: BILLING_START,
        });
      }
      await rig.store.recordUsageCharge({
        billingAgreementId: id,
        usageId: 'refill-1',
        amountMinor: 799,
        at: BILLING_START,
      });

      // Act
      const summary = await rig.run();
      const again = await rig.run();

      // Assess
      expect(summary.captured).toBe(2);
      expect(again.due).toBe(0);
      expect(
        rig
          .authorizeRequests()
          .map((p) => [p['AuthorizationReferenceId'], p['AuthorizationAmount.Amount']]),
      ).toEqual([
        [toUsageReferenceId(id, 'refill-1', 1), '7.99'],
        [toUsageReferenceId(id, 'refill-2', 1), '4.50'],
      ]);
      expect(await rig.stored(id)).toMatchObject({ usageQueue: [] });
    });
  });

  describe('declines', () => {
    it('suspends the agreement after InvalidPaymentMethod and notifies, without personal data in logs', async () => {
      // Prepare
      const rig = await aRig();
      const id = await rig.agreement({}, withNote(SIMULATION.InvalidPaymentMethod));

      // Act
      const summary = await rig.run();

      // Assess
      expect(counts(summary)).toMatchObject({ captured: 0, declined: 1 });
      expect(rig.standIn.billingAgreement(id)?.state).toBe('Suspended');
      expect(await rig.stored(id)).toMatchObject({
        state: 'suspended',
        stateReason: 'InvalidPaymentMethod',
        attempt: 2,
      });
      expect(await rig.store.getCharge(toPeriodReferenceId(id, 0, 1))).toMatchObject({
        state: 'declined',
        outcome: { kind: 'declined', reasonCode: 'InvalidPaymentMethod' },
      });
      expect(rig.log.of('billing.agreement.suspended')).toMatchObject([
        {
          level: 'warn',
          fields: {
            billingAgreementId: id,
            reason: 'InvalidPaymentMethod',
          },
        },
      ]);
      expect(rig.notices).toEqual([
        expect.objectContaining({
          kind: 'suspended',
          billingAgreementId: id,
          customerKey: CUSTOMER,
          reason: 'InvalidPaymentMethod',
        }),
      ]);
      expect(JSON.stringify(rig.log.lines)).not.toContain('PRIVATEBUYER');
      expect((await rig.run()).due).toBe(0);
    });

    it('stops after AmazonRejected: declined, the agreement left suspended for the merchant', async () => {
      // Prepare
      const rig = await aRig();
      const id = await rig.agreement({}, withNote(SIMULATION.AmazonRejected));

      // Act
      const summary = await rig.run();

      // Assess
      expect(summary.declined).toBe(1);
      expect(rig.standIn.billingAgreement(id)?.state).toBe('Open');
      expect(await rig.stored(id)).toMatchObject({
        state: 'suspended',
        stateReason: 'AmazonRejected',
      });
      expect(rig.notices).toHaveLength(1);
    });

    it('tries TransactionTimedOut again an hour later with a new reference id', async () => {
      // Prepare
      const rig = await aRig();
      const id = await rig.agreement({}, withNote(SIMULATION.TransactionTimedOut));

      // Act
      const first = await rig.run();
      const tooEarly = await rig.run();
      rig.clock.advance(60 * MINUTE);
      const second = await rig.run();

      // Assess
      expect([first.retried, tooEarly.due, second.retried]).toEqual([1, 0, 1]);
      expect(rig.authorizeRequests().map((p) => p['AuthorizationReferenceId'])).toEqual([
        toPeriodReferenceId(id, 0, 1),
        toPeriodReferenceId(id, 0, 2),
      ]);
      expect(await rig.stored(id)).toMatchObject({ state: 'active', periodIndex: 0, attempt: 3 });
      expect(rig.notices).toEqual([]);
    });

    it('suspends when the authorization comes back Closed without a capture', async () => {
      // Prepare
      const rig = await aRig();
      const id = await rig.agreement({}, withNote(SIMULATION.AmazonClosed));

      // Act
      await rig.run();

      // Assess
      expect(await rig.stored(id)).toMatchObject({
        state: 'suspended',
        stateReason: 'AmazonClosed',
      });
      expect(rig.log.of('billing.agreement.suspended')[0]?.level).toBe('error');
      expect(rig.standIn.captures()).toEqual([]);
    });
  });

  describe('the agreement at Amazon', () => {
    it('stops a charge above the remaining monthly limit before any authorization', async () => {
      // Prepare
      const rig = await aRig();
      const id = await rig.agreement({ monthlyLimitMinor: 10_00 });

      // Act
      const summary = await rig.run();

      // Assess
      expect(summary.retried).toBe(1);
      expect(rig.authorizeRequests()).toEqual([]);
      expect(await rig.store.getCharge(toPeriodReferenceId(id, 0, 1))).toMatchObject({
        state: 'failed',
        outcome: { kind: 'limitExceeded', remainingMinor: 10_00 },
      });
      expect(await rig.stored(id)).toMatchObject({
        attempt: 2,
        nextChargeAt: '2025-04-01T00:00:00.000Z',
      });
    });

    it('closes an agreement Amazon reports Closed, without an authorization', async () => {
      // Prepare
      const rig = await aRig();
      const id = await rig.agreement({ state: 'Closed' });

      // Act
      const summary = await rig.run();

      // Assess
      expect(summary.declined).toBe(1);
      expect(rig.authorizeRequests()).toEqual([]);
      expect(await rig.stored(id)).toMatchObject({ state: 'closed', stateReason: 'Closed' });
      expect(rig.notices).toEqual([
        expect.objectContaining({ kind: 'closed', billingAgreementId: id }),
      ]);
      expect(rig.log.of('billing.agreement.closed')).toHaveLength(1);
    });

    it('suspends an agreement Amazon reports Suspended', async () => {
      // Prepare
      const rig = await aRig();
      const id = await rig.agreement({ state: 'Suspended' });

      // Act
      await rig.run();

      // Assess
      expect(rig.authorizeRequests()).toEqual([]);
      expect(await rig.stored(id)).toMatchObject({ state: 'suspended', stateReason: 'Suspended' });
    });

    it('suspends an agreement Amazon does not know (InvalidBillingAgreementId)', async () => {
      // Prepare
      const rig = await aRig();
      await rig.store.createAgreement(
        aNewSubscription({ billingAgreementId: 'C01-9999999-9999999' }),
      );

      // Act
      await rig.run();

      // Assess
      expect(await rig.stored('C01-9999999-9999999')).toMatchObject({
        state: 'suspended',
        stateReason: 'InvalidBillingAgreementId',
      });
    });
  });

  describe('MWS errors', () => {
    it('captures once when throttled within the client retries', async () => {
      // Prepare
      const rig = await aRig();
      const id = await rig.agreement();
      rig.standIn.injectFault({
        action: 'AuthorizeOnBillingAgreement',
        kind: 'error',
        statusCode: 503,
        code: 'RequestThrottled',
        times: 2,
      });

      // Act
      const summary = await rig.run();

      // Assess
      expect(summary.captured).toBe(1);
      expect(rig.authorizeRequests().map((p) => p['AuthorizationReferenceId'])).toEqual(
        Array(3).fill(toPeriodReferenceId(id, 0, 1)),
      );
      expect(rig.standIn.authorizations()).toHaveLength(1);
    });

    it('records a retry when throttled beyond the client retries, then captures the same reference id', async () => {
      // Prepare
      const rig = await aRig();
      const id = await rig.agreement();
      rig.standIn.injectFault({
        action: 'AuthorizeOnBillingAgreement',
        kind: 'error',
        statusCode: 503,
        code: 'RequestThrottled',
        times: 4,
      });

      // Act
      const first = await rig.run();
      const charge = await rig.store.getCharge(toPeriodReferenceId(id, 0, 1));
      rig.clock.set(charge?.retryAt ?? '');
      const second = await rig.run();

      // Assess
      expect([first.retried, second.captured]).toEqual([1, 1]);
      expect(charge).toMatchObject({
        state: 'retry',
        retries: 1,
        outcome: { kind: 'mwsFailure', category: 'transient', code: 'RequestThrottled' },
      });
      expect(rig.standIn.authorizations()).toEqual([
        expect.objectContaining({ authorizationReferenceId: toPeriodReferenceId(id, 0, 1) }),
      ]);
      expect(await rig.store.getCharge(toPeriodReferenceId(id, 0, 1))).toMatchObject({
        state: 'captured',
        retries: 1,
      });
    });

    it('charges once when Amazon charged but every answer was lost', async () => {
      // Prepare: each answer fails after the stand-in carried the authorization out
      const rig = await aRig();
      const id = await rig.agreement();
      rig.standIn.injectFault({
        action: 'AuthorizeOnBillingAgreement',
        kind: 'error',
        statusCode: 500,
        when: 'after',
        times: 4,
      });

      // Act
      const first = await rig.run();
      rig.clock.advance(15 * MINUTE);
      const second = await rig.run();

      // Assess
      expect([first.retried, second.captured]).toEqual([1, 1]);
      expect(rig.standIn.authorizations()).toHaveLength(1);
      expect(rig.standIn.captures()).toHaveLength(1);
      expect(await rig.stored(id)).toMatchObject({ periodIndex: 1 });
    });

    it('counts refused keys as an error and sends the same charge again later', async () => {
      // Prepare
      const rig = await aRig({ secretKey: 'NOT_THE_SECRET_KEY' });
      const id = await rig.agreement();

      // Act
      const summary = await rig.run();

      // Assess
      expect(summary.errors).toBe(1);
      expect(await rig.store.getCharge(toPeriodReferenceId(id, 0, 1))).toMatchObject({
        state: 'retry',
        outcome: { kind: 'mwsFailure', category: 'configuration', code: 'SignatureDoesNotMatch' },
      });
      expect(await rig.stored(id)).toMatchObject({
        state: 'active',
        attempt: 1,
        nextChargeAt: '2025-03-10T10:00:00.000Z',
      });
      expect(rig.log.of('billing.charge.refused')[0]?.level).toBe('error');
      expect(JSON.stringify(rig.log.lines)).not.toContain('NOT_THE_SECRET_KEY');
    });
  });

  describe('crashes', () => {
    it('charges exactly once after a crash between persisting the charge and calling Authorize', async () => {
      // Prepare
      const rig = await aRig();
      const id = await rig.agreement();
      rig.mws.crashBeforeAuthorize = 1;

      // Act
      const crashed = await rig.run();
      const pending = await rig.store.getCharge(toPeriodReferenceId(id, 0, 1));
      const whileClaimed = await rig.run();
      rig.clock.advance(DEFAULT_LEASE_MS);
      const takenOver = await rig.run();

      // Assess
      expect(crashed.errors).toBe(1);
      expect(pending).toMatchObject({ state: 'pending' });
      expect(whileClaimed).toMatchObject({ captured: 0, skipped: 1 });
      expect(takenOver.captured).toBe(1);
      expect(rig.standIn.authorizations()).toEqual([
        expect.objectContaining({
          authorizationReferenceId: toPeriodReferenceId(id, 0, 1),
          state: 'Closed',
        }),
      ]);
      expect(rig.log.of('billing.agreement.error')[0]?.fields).toMatchObject({
        errorName: 'Error',
      });
    });

    it('charges exactly once after a crash between Authorize and recording its answer', async () => {
      // Prepare
      const rig = await aRig();
      const id = await rig.agreement();
      rig.mws.crashAfterAuthorize = 1;

      // Act
      await rig.run();
      rig.clock.advance(DEFAULT_LEASE_MS);
      const takenOver = await rig.run();

      // Assess
      expect(takenOver.captured).toBe(1);
      expect(rig.authorizeRequests()).toHaveLength(2);
      expect(rig.standIn.authorizations()).toHaveLength(1);
      expect(rig.standIn.captures()).toHaveLength(1);
      expect(await rig.stored(id)).toMatchObject({ periodIndex: 1 });
    });

    it('moves the agreement on from a charge a crashed run had settled, without calling Amazon', async () => {
      // Prepare: the store fails the write after the charge is recorded
      const rig = await aRig();
      const id = await rig.agreement();
      let failNextAdvance = true;
      const inner = rig.store;
      const store: AgreementStore = {
        createAgreement: (agreement) => inner.createAgreement(agreement),
        getAgreement: (agreementId) => inner.getAgreement(agreementId),
        listDueAgreements: (now, limit) => inner.listDueAgreements(now, limit),
        agreementsOfCustomer: (customerKey) => inner.agreementsOfCustomer(customerKey),
        recordUsageCharge: (usage) => inner.recordUsageCharge(usage),
        createCharge: (charge) => inner.createCharge(charge),
        getCharge: (referenceId) => inner.getCharge(referenceId),
        replaceCharge: (next, expected) => inner.replaceCharge(next, expected),
        replaceAgreement: (next, expected) => {
          if (failNextAdvance && next.kind === 'subscription' && next.periodIndex === 1) {
            failNextAdvance = false;
            return Promise.reject(new Error('process crashed before moving the agreement on'));
          }
          return inner.replaceAgreement(next, expected);
        },
      };

      // Act
      const crashed = await rig.run({ store });
      rig.clock.advance(DEFAULT_LEASE_MS);
      const recovered = await rig.run({ store });

      // Assess
      expect(crashed.errors).toBe(1);
      expect(recovered).toMatchObject({ captured: 0, skipped: 1 });
      expect(recovered.charges).toEqual([
        expect.objectContaining({ chargeState: 'captured', recovered: true }),
      ]);
      expect(rig.authorizeRequests()).toHaveLength(1);
      expect(await rig.stored(id)).toMatchObject({
        periodIndex: 1,
        nextChargeAt: '2025-04-10T09:00:00.000Z',
      });
    });
  });

  describe('two runs at once', () => {
    it('charge each of ten due agreements once', async () => {
      // Prepare
      const rig = await aRig();
      const ids: string[] = [];
      for (let i = 0; i < 10; i += 1) ids.push(await rig.agreement());

      // Act
      const [a, b] = await Promise.all([rig.run(), rig.run()]);

      // Assess
      expect((a?.captured ?? 0) + (b?.captured ?? 0)).toBe(10);
      expect((a?.skipped ?? 0) + (b?.skipped ?? 0)).toBe(10);
      expect([a?.errors, b?.errors]).toEqual([0, 0]);
      expect(rig.standIn.authorizations()).toHaveLength(10);
      expect(new Set(rig.standIn.authorizations().map((x) => x.amazonBillingAgreementId))).toEqual(
        new Set(ids),
      );
      for (const id of ids) expect(await rig.stored(id)).toMatchObject({ periodIndex: 1 });
    });
  });

  describe('time', () => {
    it('starts no agreement when the run is out of time, leaving it due', async () => {
      // Prepare
      const rig = await aRig();
      const id = await rig.agreement();

      // Act
      const summary = await rig.run({ remainingTimeMs: () => 10_000 });

      // Assess
      expect(counts(summary)).toMatchObject({ due: 1, skipped: 1, captured: 0 });
      expect(rig.standIn.requests).toEqual([]);
      expect(await rig.stored(id)).toMatchObject({ periodIndex: 0 });
    });
  });

  describe('a notifier that fails', () => {
    it('is logged and does not stop the run', async () => {
      // Prepare
      const rig = await aRig();
      const id = await rig.agreement({}, withNote(SIMULATION.AmazonRejected));

      // Act
      const summary = await rig.run({
        notifier: { notify: () => Promise.reject(new Error('mail down')) },
      });

      // Assess
      expect(summary).toMatchObject({ declined: 1, errors: 0 });
      expect(rig.log.of('billing.notify.failed')).toMatchObject([
        { fields: { billingAgreementId: id } },
      ]);
    });
  });
});
