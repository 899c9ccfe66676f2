import { PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  applyAgreementChange,
  dueChargeOf,
  toPendingCharge,
} from '../../../src/billing/agreementChanges';
import { CorruptBillingRecordError, InvalidBillingRecordError } from '../../../src/billing/errors';
import { toUsageReferenceId } from '../../../src/billing/referenceIds';
import { DynamoDbAgreementStore } from '../../../src/store/DynamoDbAgreementStore';
import type { TestOrderStore } from '../../support/dynalite';
import { startTestOrderStore } from '../../support/dynalite';
import {
  aNewPayAsYouGo,
  aNewSubscription,
  BILLING_START,
  minutesAfter,
} from '../../support/billing';

const ORDER_INDEX_KEYS = ['userId', 'createdAt', 'status', 'updatedAt'];

describe('DynamoDbAgreementStore', () => {
  let t: TestOrderStore;
  let store: DynamoDbAgreementStore;
  let sequence = 0;
  /** A fresh agreement id per test, so that tests share the table without meeting. */
  const nextId = (): string => {
    sequence += 1;
    return `C01-3000000-${String(sequence).padStart(7, '0')}`;
  };

  beforeAll(async () => {
    t = await startTestOrderStore({ tableName: 'agreements-test' });
    store = new DynamoDbAgreementStore({ client: t.client, tableName: t.tableName });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('createAgreement', () => {
    it('stores a new agreement as a non-order record without the order index keys', async () => {
      // Prepare
      const billingAgreementId = nextId();

      // Act
      const result = await store.createAgreement(aNewSubscription({ billingAgreementId }));

      // Assess
      expect(result).toMatchObject({
        kind: 'created',
        agreement: { billingAgreementId, version: 1 },
      });
      const item = await t.rawItem(`agreement#${billingAgreementId}`);
      expect(item).toMatchObject({ recordType: 'agreement', billingDuePartition: 'due' });
      expect(Object.keys(item ?? {}).filter((key) => ORDER_INDEX_KEYS.includes(key))).toEqual([]);
      expect(await t.store.get(`agreement#${billingAgreementId}`)).toBeUndefined();
      expect(await store.getAgreement(billingAgreementId)).toEqual(
        result.kind === 'created' ? result.agreement : undefined,
      );
    });

    it('answers unchanged for the same agreement again, created at another time', async () => {
      // Prepare
      const billingAgreementId = nextId();
      await store.createAgreement(aNewSubscription({ billingAgreementId }));

      // Act
      const again = await store.createAgreement(
        aNewSubscription({ billingAgreementId, createdAt: BILLING_START }),
      );

      // Assess
      expect(again).toMatchObject({ kind: 'unchanged', agreement: { version: 1 } });
      expect(again.kind === 'unchanged' && again.agreement.createdAt).toBe(
        minutesAfter(BILLING_START, -60),
      );
    });

    it('answers conflict for other content under the same id and writes nothing', async () => {
      // Prepare
      const billingAgreementId = nextId();
      await store.createAgreement(aNewSubscription({ billingAgreementId }));

      // Act
      const other = await store.createAgreement(
        aNewSubscription({ billingAgreementId, amountMinor: 2500 }),
      );

      // Assess
      expect(other).toMatchObject({ kind: 'conflict', existing: { amountMinor: 1500 } });
      expect((await store.getAgreement(billingAgreementId))?.kind === 'subscription').toBe(true);
    });

    it('refuses an invalid agreement before writing', async () => {
      await expect(
        store.createAgreement(aNewSubscription({ billingAgreementId: 'not an id' })),
      ).rejects.toBeInstanceOf(InvalidBillingRecordError);
    });
  });

  describe('agreementsOfCustomer', () => {
    it('lists a customer own agreements, oldest first, and nobody else', async () => {
      // Prepare
      const customerKey = 'buyer:amzn1.account.LISTED';
      const [first, second] = [nextId(), nextId()];
      await store.createAgreement(
        aNewPayAsYouGo({ billingAgreementId: second, customerKey, createdAt: BILLING_START }),
      );
      await store.createAgreement(aNewSubscription({ billingAgreementId: first, customerKey }));
      await store.createAgreement(aNewSubscription({ billingAgreementId: nextId() }));

      // Act
      const agreements = await store.agreementsOfCustomer(customerKey);

      // Assess
      expect(agreements.map((a) => a.billingAgreementId)).toEqual([first, second]);
      expect(await store.agreementsOfCustomer('user:nobody')).toEqual([]);
    });
  });

  describe('listDueAgreements', () => {
    it('lists the active agreements due by now, earliest first, up to the limit', async () => {
      // Prepare: its own table, so that only these agreements are due
      const own = await startTestOrderStore({ tableName: 'agreements-due' });
      const dueStore = new DynamoDbAgreementStore({ client: own.client, tableName: own.tableName });
      const at = (minutes: number): string => minutesAfter(BILLING_START, minutes);
      await dueStore.createAgreement(
        aNewSubscription({ billingAgreementId: 'C01-D2', firstChargeAt: at(-10) }),
      );
      await dueStore.createAgreement(
        aNewSubscription({ billingAgreementId: 'C01-D1', firstChargeAt: at(-20) }),
      );
      await dueStore.createAgreement(
        aNewSubscription({ billingAgreementId: 'C01-LATER', firstChargeAt: at(10) }),
      );
      await dueStore.createAgreement(
        aNewSubscription({ billingAgreementId: 'C01-SUSP', firstChargeAt: at(-30) }),
      );
      await dueStore.createAgreement(aNewPayAsYouGo({ billingAgreementId: 'C01-EMPTY' }));
      const suspended = await dueStore.getAgreement('C01-SUSP');
      if (suspended === undefined) throw new Error('missing');
      await dueStore.replaceAgreement(
        { ...suspended, state: 'suspended', version: suspended.version + 1 },
        suspended.version,
      );

      try {
        // Act
        const due = await dueStore.listDueAgreements(BILLING_START, 10);
        const one = await dueStore.listDueAgreements(BILLING_START, 1);

        // Assess
        expect(due.map((a) => a.billingAgreementId)).toEqual(['C01-D1', 'C01-D2']);
        expect(one.map((a) => a.billingAgreementId)).toEqual(['C01-D1']);
        expect(await own.rawItem('agreement#C01-SUSP')).not.toHaveProperty('billingDuePartition');
      } finally {
        await own.close();
      }
    });

    it('refuses a limit out of range', async () => {
      await expect(store.listDueAgreements(BILLING_START, 0)).rejects.toBeInstanceOf(
        InvalidBillingRecordError,
      );
    });
  });

  describe('replaceAgreement', () => {
    it('writes only over the version it read', async () => {
      // Prepare
      const billingAgreementId = nextId();
      const created = await store.createAgreement(aNewSubscription({ billingAgreementId }));
      if (created.kind !== 'created') throw new Error(created.kind);
      const due = dueChargeOf(created.agreement, BILLING_START);
      if (due === undefined) throw new Error('not due');
      const next = applyAgreementChange(
        created.agreement,
        due,
        { kind: 'advance' },
        BILLING_START,
        {
          keep: false,
        },
      );

      // Act
      const first = await store.replaceAgreement(next, 1);
      const stale = await store.replaceAgreement(next, 1);

      // Assess
      expect([first, stale]).toEqual(['replaced', 'stale']);
      expect(await store.getAgreement(billingAgreementId)).toMatchObject({
        version: 2,
        periodIndex: 1,
      });
    });

    it('refuses a next version that is not the expected one plus one', async () => {
      // Prepare
      const created = await store.createAgreement(
        aNewSubscription({ billingAgreementId: nextId() }),
      );
      if (created.kind !== 'created') throw new Error(created.kind);

      // Assess
      await expect(store.replaceAgreement(created.agreement, 1)).rejects.toBeInstanceOf(
        InvalidBillingRecordError,
      );
    });
  });

  describe('recordUsageCharge', () => {
    it('queues a usage charge with its own reference id and a queued charge record', async () => {
      // Prepare
      const billingAgreementId = nextId();
      await store.createAgreement(aNewPayAsYouGo({ billingAgreementId }));

      // Act
      const result = await store.recordUsageCharge({
        billingAgreementId,
        usageId: 'refill-1',
        amountMinor: 799,
        at: BILLING_START,
      });

      // Assess
      const referenceId = toUsageReferenceId(billingAgreementId, 'refill-1', 1);
      expect(result).toEqual({ kind: 'queued', authorizationReferenceId: referenceId });
      expect(await store.getCharge(referenceId)).toMatchObject({
        kind: 'usage',
        usageId: 'refill-1',
        state: 'queued',
        amountMinor: 799,
        currency: 'USD',
      });
      expect(await store.getAgreement(billingAgreementId)).toMatchObject({
        usageQueue: [{ usageId: 'refill-1', amountMinor: 799, attempt: 1 }],
        nextChargeAt: BILLING_START,
      });
      expect(
        (await store.listDueAgreements(BILLING_START, 1000)).map((a) => a.billingAgreementId),
      ).toContain(billingAgreementId);
    });

    it('records the same usage once, and refuses another amount under its id', async () => {
      // Prepare
      const billingAgreementId = nextId();
      await store.createAgreement(aNewPayAsYouGo({ billingAgreementId }));
      const usage = {
        billingAgreementId,
        usageId: 'refill-2',
        amountMinor: 799,
        at: BILLING_START,
      };
      await store.recordUsageCharge(usage);

      // Act
      const again = await store.recordUsageCharge(usage);
      const other = await store.recordUsageCharge({ ...usage, amountMinor: 800 });

      // Assess
      expect(again.kind).toBe('alreadyRecorded');
      expect(other).toEqual({ kind: 'conflict' });
      expect((await store.getAgreement(billingAgreementId))?.kind === 'payAsYouGo').toBe(true);
      const agreement = await store.getAgreement(billingAgreementId);
      expect(agreement?.kind === 'payAsYouGo' && agreement.usageQueue.length).toBe(1);
    });

    it('does not queue again a usage charge that was charged already', async () => {
      // Prepare: the usage is charged and off the queue
      const billingAgreementId = nextId();
      await store.createAgreement(aNewPayAsYouGo({ billingAgreementId }));
      const usage = {
        billingAgreementId,
        usageId: 'refill-3',
        amountMinor: 799,
        at: BILLING_START,
      };
      const queued = await store.recordUsageCharge(usage);
      const referenceId = queued.kind === 'queued' ? queued.authorizationReferenceId : '';
      const charge = await store.getCharge(referenceId);
      const agreement = await store.getAgreement(billingAgreementId);
      if (charge === undefined || agreement === undefined) throw new Error('missing');
      const due = dueChargeOf(agreement, BILLING_START);
      if (due === undefined) throw new Error('not due');
      await store.replaceCharge({ ...charge, state: 'captured', version: 2 }, 1);
      await store.replaceAgreement(
        applyAgreementChange(agreement, due, { kind: 'advance' }, BILLING_START, { keep: false }),
        agreement.version,
      );

      // Act
      const again = await store.recordUsageCharge(usage);

      // Assess
      expect(again).toEqual({ kind: 'alreadyRecorded', authorizationReferenceId: referenceId });
      expect(await store.getAgreement(billingAgreementId)).toMatchObject({ usageQueue: [] });
    });

    it('refuses a missing agreement, a subscription and a suspended agreement', async () => {
      // Prepare
      const subscription = nextId();
      const suspendedId = nextId();
      await store.createAgreement(aNewSubscription({ billingAgreementId: subscription }));
      await store.createAgreement(aNewPayAsYouGo({ billingAgreementId: suspendedId }));
      const suspended = await store.getAgreement(suspendedId);
      if (suspended === undefined) throw new Error('missing');
      await store.replaceAgreement({ ...suspended, state: 'suspended', version: 2 }, 1);
      const usage = { usageId: 'u', amountMinor: 100, at: BILLING_START };

      // Act
      const results = await Promise.all([
        store.recordUsageCharge({ ...usage, billingAgreementId: 'C01-NONE' }),
        store.recordUsageCharge({ ...usage, billingAgreementId: subscription }),
        store.recordUsageCharge({ ...usage, billingAgreementId: suspendedId }),
      ]);

      // Assess
      expect(results).toEqual([
        { kind: 'notFound' },
        { kind: 'notPayAsYouGo' },
        { kind: 'notActive' },
      ]);
      expect(await store.getCharge(toUsageReferenceId(suspendedId, 'u', 1))).toBeUndefined();
    });

    it('queues usage recorded at the same time, each once', async () => {
      // Prepare
      const billingAgreementId = nextId();
      await store.createAgreement(aNewPayAsYouGo({ billingAgreementId }));

      // Act: versioned writes that lose a race read again and try again
      const results = await Promise.all(
        ['a', 'b', 'c', 'd'].map((usageId) =>
          store.recordUsageCharge({
            billingAgreementId,
            usageId,
            amountMinor: 100,
            at: BILLING_START,
          }),
        ),
      );

      // Assess
      expect(results.map((r) => r.kind)).toEqual(['queued', 'queued', 'queued', 'queued']);
      const agreement = await store.getAgreement(billingAgreementId);
      expect(
        agreement?.kind === 'payAsYouGo' && agreement.usageQueue.map((e) => e.usageId).sort(),
      ).toEqual(['a', 'b', 'c', 'd']);
    });
  });

  describe('charges', () => {
    it('creates a charge once and answers the stored one after', async () => {
      // Prepare
      const created = await store.createAgreement(
        aNewSubscription({ billingAgreementId: nextId() }),
      );
      if (created.kind !== 'created') throw new Error(created.kind);
      const due = dueChargeOf(created.agreement, BILLING_START);
      if (due === undefined) throw new Error('not due');
      const charge = toPendingCharge(created.agreement, due, BILLING_START);

      // Act
      const first = await store.createCharge(charge);
      const second = await store.createCharge({
        ...charge,
        createdAt: minutesAfter(BILLING_START, 1),
      });

      // Assess
      expect(first).toEqual({ kind: 'created' });
      expect(second).toEqual({ kind: 'exists', charge });
      const item = await t.rawItem(`charge#${charge.authorizationReferenceId}`);
      expect(Object.keys(item ?? {}).filter((key) => ORDER_INDEX_KEYS.includes(key))).toEqual([]);
    });

    it('records an outcome only over the version it read, and reads it back', async () => {
      // Prepare
      const created = await store.createAgreement(
        aNewSubscription({ billingAgreementId: nextId() }),
      );
      if (created.kind !== 'created') throw new Error(created.kind);
      const due = dueChargeOf(created.agreement, BILLING_START);
      if (due === undefined) throw new Error('not due');
      const charge = toPendingCharge(created.agreement, due, BILLING_START);
      await store.createCharge(charge);
      const settled = {
        ...charge,
        state: 'captured' as const,
        version: 2,
        outcome: {
          kind: 'captured' as const,
          amazonAuthorizationId: 'S01-1-A1',
          amazonOrderReferenceId: 'S01-1',
          amazonCaptureIds: ['S01-1-C1'],
        },
      };

      // Act
      const results = [
        await store.replaceCharge(settled, 1),
        await store.replaceCharge(settled, 1),
      ];

      // Assess
      expect(results).toEqual(['replaced', 'stale']);
      expect(await store.getCharge(charge.authorizationReferenceId)).toEqual(settled);
    });

    it('reads every outcome kind back as it was written', async () => {
      // Prepare
      const created = await store.createAgreement(
        aNewSubscription({ billingAgreementId: nextId() }),
      );
      if (created.kind !== 'created') throw new Error(created.kind);
      const due = dueChargeOf(created.agreement, BILLING_START);
      if (due === undefined) throw new Error('not due');
      const base = toPendingCharge(created.agreement, due, BILLING_START);
      const outcomes = [
        {
          kind: 'declined',
          reasonCode: 'InvalidPaymentMethod',
          amazonAuthorizationId: 'A',
          softDecline: true,
        },
        {
          kind: 'notCaptured',
          authorizationState: 'Closed',
          reasonCode: 'AmazonClosed',
          amazonAuthorizationId: 'A',
        },
        { kind: 'authorizationPending', amazonAuthorizationId: 'A' },
        { kind: 'agreementNotOpen', agreementState: 'Closed', reasonCode: 'SellerClosed' },
        { kind: 'limitExceeded', remainingMinor: 0, periodEndsAt: '2025-04-01T00:00:00Z' },
        {
          kind: 'mwsFailure',
          operation: 'AuthorizeOnBillingAgreement',
          category: 'transient',
          errorName: 'MwsServerError',
          code: 'ServiceUnavailable',
          statusCode: 503,
        },
      ] as const;

      // Act
      const read = [];
      for (const [i, outcome] of outcomes.entries()) {
        const charge = {
          ...base,
          authorizationReferenceId: `${base.authorizationReferenceId.slice(0, 20)}-o${i}`,
          state: 'retry' as const,
          outcome,
          retryAt: BILLING_START,
          retries: 2,
        };
        await store.createCharge(charge);
        read.push((await store.getCharge(charge.authorizationReferenceId))?.outcome);
      }

      // Assess
      expect(read).toEqual(outcomes);
    });

    it('refuses to read a corrupt item, naming the attribute', async () => {
      // Prepare
      await t.client.send(
        new PutCommand({
          TableName: t.tableName,
          Item: {
            orderId: 'agreement#C01-CORRUPT',
            recordType: 'agreement',
            billingAgreementId: 'C01-CORRUPT',
            currency: 'CHF',
          },
        }),
      );

      // Assess
      await expect(store.getAgreement('C01-CORRUPT')).rejects.toThrow(CorruptBillingRecordError);
      await expect(store.getAgreement('C01-CORRUPT')).rejects.toMatchObject({ field: 'currency' });
    });
  });
});
