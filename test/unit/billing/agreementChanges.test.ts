import type { Agreement, PayAsYouGoAgreement } from '../../../src/billing/Agreement';
import {
  applyAgreementChange,
  claimAgreement,
  dueChargeOf,
  isDue,
  MAX_QUEUED_USAGE,
  queueUsage,
  releaseClaim,
  toPendingCharge,
} from '../../../src/billing/agreementChanges';
import { buildAgreement } from '../../../src/billing/buildAgreement';
import { toPeriodReferenceId, toUsageReferenceId } from '../../../src/billing/referenceIds';
import {
  aNewPayAsYouGo,
  aNewSubscription,
  BILLING_START,
  minutesAfter,
} from '../../support/billing';

const NOW = minutesAfter(BILLING_START, 5);
const LEASE = 10 * 60_000;

function aSubscription(overrides: Partial<Agreement> = {}): Agreement {
  return { ...buildAgreement(aNewSubscription()), ...overrides } as Agreement;
}

function aPayAsYouGoWith(...usageIds: string[]): PayAsYouGoAgreement {
  let agreement = buildAgreement(aNewPayAsYouGo());
  for (const usageId of usageIds) {
    const result = queueUsage(agreement, { usageId, amountMinor: 250, at: BILLING_START });
    if (result.kind !== 'queued') throw new Error(result.kind);
    agreement = result.agreement;
  }
  if (agreement.kind !== 'payAsYouGo') throw new Error('not pay-as-you-go');
  return agreement;
}

describe('dueChargeOf', () => {
  it('gives a due subscription its period charge and reference id', () => {
    expect(dueChargeOf(aSubscription(), NOW)).toEqual({
      kind: 'period',
      periodIndex: 0,
      attempt: 1,
      amountMinor: 1500,
      authorizationReferenceId: toPeriodReferenceId('C01-1000001-0000001', 0, 1),
    });
  });

  it('gives a pay-as-you-go agreement its oldest queued usage charge', () => {
    expect(dueChargeOf(aPayAsYouGoWith('u1', 'u2'), NOW)).toEqual({
      kind: 'usage',
      usageId: 'u1',
      attempt: 1,
      amountMinor: 250,
      authorizationReferenceId: toUsageReferenceId('C01-2000001-0000001', 'u1', 1),
    });
  });

  it('gives nothing before the due time, when suspended or closed, or with an empty queue', () => {
    expect(dueChargeOf(aSubscription(), minutesAfter(BILLING_START, -1))).toBeUndefined();
    expect(dueChargeOf(aSubscription({ state: 'suspended' }), NOW)).toBeUndefined();
    expect(dueChargeOf(aSubscription({ state: 'closed' }), NOW)).toBeUndefined();
    expect(dueChargeOf(buildAgreement(aNewPayAsYouGo()), NOW)).toBeUndefined();
    expect(isDue(buildAgreement(aNewPayAsYouGo({})), NOW)).toBe(false);
  });
});

describe('toPendingCharge', () => {
  it('persists what the call will send: reference id, amount, currency and note', () => {
    // Prepare
    const agreement = aSubscription({ sellerAuthorizationNote: 'note' });
    const due = dueChargeOf(agreement, NOW);
    if (due === undefined) throw new Error('not due');

    // Act
    const charge = toPendingCharge(agreement, due, NOW);

    // Assess
    expect(charge).toEqual({
      kind: 'period',
      periodIndex: 0,
      authorizationReferenceId: due.authorizationReferenceId,
      billingAgreementId: 'C01-1000001-0000001',
      attempt: 1,
      amountMinor: 1500,
      currency: 'USD',
      sellerAuthorizationNote: 'note',
      state: 'pending',
      createdAt: NOW,
      updatedAt: NOW,
      version: 1,
      retries: 0,
    });
  });
});

describe('claimAgreement', () => {
  it('claims a due agreement until the lease lapses, as the next version', () => {
    expect(claimAgreement(aSubscription(), 'run-1', NOW, LEASE)).toMatchObject({
      claim: { runId: 'run-1', expiresAt: minutesAfter(NOW, 10) },
      version: 2,
      updatedAt: NOW,
    });
  });

  it('refuses an agreement another run holds, until its claim lapses', () => {
    // Prepare
    const held = claimAgreement(aSubscription(), 'run-1', NOW, LEASE);
    if (held === undefined) throw new Error('not claimed');

    // Assess
    expect(claimAgreement(held, 'run-2', minutesAfter(NOW, 9), LEASE)).toBeUndefined();
    expect(claimAgreement(held, 'run-2', minutesAfter(NOW, 10), LEASE)?.claim?.runId).toBe('run-2');
  });

  it('refuses an agreement that is not due', () => {
    expect(
      claimAgreement(aSubscription({ state: 'suspended' }), 'run-1', NOW, LEASE),
    ).toBeUndefined();
  });
});

describe('releaseClaim', () => {
  it('drops the run own claim only', () => {
    // Prepare
    const held = claimAgreement(aSubscription(), 'run-1', NOW, LEASE);
    if (held === undefined) throw new Error('not claimed');

    // Act
    const released = releaseClaim(held, 'run-1', NOW);

    // Assess
    expect(released?.claim).toBeUndefined();
    expect(released?.version).toBe(3);
    expect(releaseClaim(held, 'run-2', NOW)).toBeUndefined();
  });
});

describe('applyAgreementChange', () => {
  const drop = { keep: false } as const;
  const subscription = aSubscription({ claim: { runId: 'run-1', expiresAt: NOW } });
  const periodDue = dueChargeOf(subscription, NOW);
  if (periodDue === undefined) throw new Error('not due');

  it('moves a subscription to its next period, counted from the first charge', () => {
    expect(
      applyAgreementChange(subscription, periodDue, { kind: 'advance' }, NOW, drop),
    ).toMatchObject({
      periodIndex: 1,
      attempt: 1,
      nextChargeAt: '2025-04-10T09:00:00.000Z',
      version: 2,
    });
  });

  it('keeps the same period and attempt to send the same charge again', () => {
    const next = applyAgreementChange(
      subscription,
      periodDue,
      { kind: 'retrySameCharge', retryAt: minutesAfter(NOW, 15) },
      NOW,
      drop,
    );
    expect(next).toMatchObject({ periodIndex: 0, attempt: 1, nextChargeAt: minutesAfter(NOW, 15) });
    expect(next.claim).toBeUndefined();
  });

  it('bumps the attempt for a new reference id later', () => {
    expect(
      applyAgreementChange(
        subscription,
        periodDue,
        { kind: 'retryNewAttempt', retryAt: minutesAfter(NOW, 60) },
        NOW,
        drop,
      ),
    ).toMatchObject({ periodIndex: 0, attempt: 2, nextChargeAt: minutesAfter(NOW, 60) });
  });

  it('suspends with the reason and a new attempt for when the merchant resumes', () => {
    expect(
      applyAgreementChange(
        subscription,
        periodDue,
        { kind: 'suspend', reason: 'InvalidPaymentMethod' },
        NOW,
        drop,
      ),
    ).toMatchObject({ state: 'suspended', stateReason: 'InvalidPaymentMethod', attempt: 2 });
  });

  it('closes with the reason', () => {
    expect(
      applyAgreementChange(subscription, periodDue, { kind: 'close', reason: 'Closed' }, NOW, drop),
    ).toMatchObject({ state: 'closed', stateReason: 'Closed', attempt: 1 });
  });

  it('keeps and renews the claim when asked', () => {
    expect(
      applyAgreementChange(subscription, periodDue, { kind: 'advance' }, NOW, {
        keep: true,
        leaseUntil: minutesAfter(NOW, 10),
      }).claim,
    ).toEqual({ runId: 'run-1', expiresAt: minutesAfter(NOW, 10) });
  });

  describe('on a pay-as-you-go agreement', () => {
    const payg = aPayAsYouGoWith('u1', 'u2');
    const usageDue = dueChargeOf(payg, NOW);
    if (usageDue === undefined) throw new Error('not due');

    it('takes a captured usage charge off the queue and stays due for the next', () => {
      const next = applyAgreementChange(payg, usageDue, { kind: 'advance' }, NOW, drop);
      expect(next).toMatchObject({ usageQueue: [{ usageId: 'u2' }], nextChargeAt: BILLING_START });
    });

    it('has nothing due once the queue is empty', () => {
      const single = aPayAsYouGoWith('u1');
      const next = applyAgreementChange(single, usageDue, { kind: 'advance' }, NOW, drop);
      expect(next).toMatchObject({ usageQueue: [] });
      expect(next.nextChargeAt).toBeUndefined();
    });

    it('bumps the attempt of that usage charge for a retry or a suspension', () => {
      expect(
        applyAgreementChange(
          payg,
          usageDue,
          { kind: 'retryNewAttempt', retryAt: minutesAfter(NOW, 60) },
          NOW,
          drop,
        ),
      ).toMatchObject({
        usageQueue: [
          { usageId: 'u1', attempt: 2 },
          { usageId: 'u2', attempt: 1 },
        ],
        nextChargeAt: minutesAfter(NOW, 60),
      });
      expect(
        applyAgreementChange(
          payg,
          usageDue,
          { kind: 'suspend', reason: 'AmazonRejected' },
          NOW,
          drop,
        ),
      ).toMatchObject({ state: 'suspended', usageQueue: [{ attempt: 2 }, { attempt: 1 }] });
    });

    it('sends the same usage charge again later, or closes', () => {
      expect(
        applyAgreementChange(
          payg,
          usageDue,
          { kind: 'retrySameCharge', retryAt: minutesAfter(NOW, 15) },
          NOW,
          drop,
        ),
      ).toMatchObject({
        usageQueue: [{ attempt: 1 }, { attempt: 1 }],
        nextChargeAt: minutesAfter(NOW, 15),
      });
      expect(
        applyAgreementChange(payg, usageDue, { kind: 'close', reason: 'Canceled' }, NOW, drop),
      ).toMatchObject({ state: 'closed', stateReason: 'Canceled' });
    });
  });
});

describe('queueUsage', () => {
  const usage = { usageId: 'u1', amountMinor: 250, at: NOW };

  it('queues a usage charge and makes the agreement due now', () => {
    const result = queueUsage(buildAgreement(aNewPayAsYouGo()), usage);
    expect(result).toMatchObject({
      kind: 'queued',
      agreement: {
        usageQueue: [{ usageId: 'u1', amountMinor: 250, attempt: 1, queuedAt: NOW }],
        nextChargeAt: NOW,
        version: 2,
      },
    });
  });

  it('keeps an earlier due time', () => {
    const result = queueUsage(aPayAsYouGoWith('u0'), usage);
    expect(result.kind === 'queued' && result.agreement.nextChargeAt).toBe(BILLING_START);
  });

  it('answers a usage id queued before, by its amount', () => {
    const payg = aPayAsYouGoWith('u1');
    expect(queueUsage(payg, { ...usage, amountMinor: 250 })).toEqual({ kind: 'alreadyQueued' });
    expect(queueUsage(payg, { ...usage, amountMinor: 300 })).toEqual({ kind: 'conflict' });
  });

  it('refuses a subscription, an agreement that is not active, and a full queue', () => {
    expect(queueUsage(aSubscription(), usage)).toEqual({ kind: 'notPayAsYouGo' });
    expect(queueUsage({ ...aPayAsYouGoWith(), state: 'suspended' }, usage)).toEqual({
      kind: 'notActive',
    });
    const full = aPayAsYouGoWith(...Array.from({ length: MAX_QUEUED_USAGE }, (_, i) => `q${i}`));
    expect(queueUsage(full, usage)).toEqual({ kind: 'queueFull' });
  });
});
