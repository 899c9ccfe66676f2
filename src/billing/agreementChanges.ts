import type { Agreement, PayAsYouGoAgreement, QueuedUsage } from './Agreement';
import { AgreementState } from './AgreementState';
import { addBillingPeriods } from './BillingPeriod';
import type { Charge } from './Charge';
import type { AgreementChange } from './ChargeDecision';
import { ChargeState } from './ChargeState';
import { MAX_ATTEMPT_NUMBER, toPeriodReferenceId, toUsageReferenceId } from './referenceIds';

/** `Omit` applied to each member of a union, so that the discriminant survives. */
export type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A copy of a record without one of its fields. */
export function withoutField<T extends object, K extends keyof T>(
  value: T,
  key: K,
): OmitEach<T, K> {
  return Object.fromEntries(Object.entries(value).filter(([name]) => name !== key)) as OmitEach<
    T,
    K
  >;
}

/** The most usage charges a pay-as-you-go agreement keeps waiting at once. */
export const MAX_QUEUED_USAGE = 100;

/** The charge an agreement has due: a subscription period, or its oldest queued usage charge. */
export type DueCharge = {
  readonly authorizationReferenceId: string;
  readonly attempt: number;
  readonly amountMinor: number;
} & (
  | { readonly kind: 'period'; readonly periodIndex: number }
  | { readonly kind: 'usage'; readonly usageId: string }
);

/** Tells whether an agreement is active with a charge due at `now`. */
export function isDue(agreement: Agreement, now: string): boolean {
  return (
    agreement.state === AgreementState.Active &&
    agreement.nextChargeAt !== undefined &&
    agreement.nextChargeAt <= now &&
    (agreement.kind === 'subscription' || agreement.usageQueue.length > 0)
  );
}

/** Returns the charge an agreement has due at `now`, or undefined. */
export function dueChargeOf(agreement: Agreement, now: string): DueCharge | undefined {
  if (!isDue(agreement, now)) return undefined;
  if (agreement.kind === 'subscription') {
    return {
      kind: 'period',
      periodIndex: agreement.periodIndex,
      attempt: agreement.attempt,
      amountMinor: agreement.amountMinor,
      authorizationReferenceId: toPeriodReferenceId(
        agreement.billingAgreementId,
        agreement.periodIndex,
        agreement.attempt,
      ),
    };
  }
  const [first] = agreement.usageQueue;
  if (first === undefined) return undefined;
  return {
    kind: 'usage',
    usageId: first.usageId,
    attempt: first.attempt,
    amountMinor: first.amountMinor,
    authorizationReferenceId: toUsageReferenceId(
      agreement.billingAgreementId,
      first.usageId,
      first.attempt,
    ),
  };
}

/** Builds the record of a due charge, `pending`, as it is persisted before the call. */
export function toPendingCharge(agreement: Agreement, due: DueCharge, now: string): Charge {
  const common = {
    authorizationReferenceId: due.authorizationReferenceId,
    billingAgreementId: agreement.billingAgreementId,
    attempt: due.attempt,
    amountMinor: due.amountMinor,
    currency: agreement.currency,
    ...(agreement.sellerAuthorizationNote === undefined
      ? {}
      : { sellerAuthorizationNote: agreement.sellerAuthorizationNote }),
    state: ChargeState.Pending,
    createdAt: now,
    updatedAt: now,
    version: 1,
    retries: 0,
  };
  return due.kind === 'period'
    ? { ...common, kind: 'period', periodIndex: due.periodIndex }
    : { ...common, kind: 'usage', usageId: due.usageId };
}

/** Tells whether a stored charge asks Amazon for exactly what the due charge would. */
export function isSameChargeRequest(stored: Charge, pending: Charge): boolean {
  return (
    stored.authorizationReferenceId === pending.authorizationReferenceId &&
    stored.billingAgreementId === pending.billingAgreementId &&
    stored.amountMinor === pending.amountMinor &&
    stored.currency === pending.currency &&
    stored.sellerAuthorizationNote === pending.sellerAuthorizationNote
  );
}

/**
 * Takes an agreement for one run: answers the agreement with the run's claim (lapsing at
 * `now + leaseMs`) and the next version, or undefined when it is not due or another run's claim
 * still holds.
 */
export function claimAgreement(
  agreement: Agreement,
  runId: string,
  now: string,
  leaseMs: number,
): Agreement | undefined {
  if (!isDue(agreement, now)) return undefined;
  if (agreement.claim !== undefined && agreement.claim.expiresAt > now) return undefined;
  return {
    ...agreement,
    claim: { runId, expiresAt: new Date(Date.parse(now) + leaseMs).toISOString() },
    version: agreement.version + 1,
    updatedAt: now,
  };
}

/** Drops a run's claim (the next version), or answers undefined when the claim is not that run's. */
export function releaseClaim(
  agreement: Agreement,
  runId: string,
  now: string,
): Agreement | undefined {
  if (agreement.claim?.runId !== runId) return undefined;
  return { ...withoutField(agreement, 'claim'), version: agreement.version + 1, updatedAt: now };
}

function nextAttempt(attempt: number): number {
  return Math.min(attempt + 1, MAX_ATTEMPT_NUMBER);
}

function withoutNextCharge(agreement: PayAsYouGoAgreement): PayAsYouGoAgreement {
  return withoutField(agreement, 'nextChargeAt');
}

function changeQueue(
  agreement: PayAsYouGoAgreement,
  due: DueCharge,
  change: AgreementChange,
): PayAsYouGoAgreement {
  const usageId = due.kind === 'usage' ? due.usageId : undefined;
  const bump = (entry: QueuedUsage): QueuedUsage =>
    entry.usageId === usageId ? { ...entry, attempt: nextAttempt(entry.attempt) } : entry;
  switch (change.kind) {
    case 'advance': {
      const usageQueue = agreement.usageQueue.filter((entry) => entry.usageId !== usageId);
      return usageQueue.length === 0
        ? withoutNextCharge({ ...agreement, usageQueue })
        : { ...agreement, usageQueue };
    }
    case 'retrySameCharge':
      return { ...agreement, nextChargeAt: change.retryAt };
    case 'retryNewAttempt':
      return {
        ...agreement,
        usageQueue: agreement.usageQueue.map(bump),
        nextChargeAt: change.retryAt,
      };
    case 'suspend':
      return {
        ...agreement,
        usageQueue: agreement.usageQueue.map(bump),
        state: AgreementState.Suspended,
        stateReason: change.reason,
      };
    case 'close':
      return { ...agreement, state: AgreementState.Closed, stateReason: change.reason };
    default: {
      const unreachable: never = change;
      return unreachable;
    }
  }
}

/**
 * Applies a charge decision's change to the agreement it was due on: the next version, with the
 * run's claim kept (and renewed until `leaseUntil`) or dropped.
 *
 * A subscription's `advance` moves to the next period, counted from the first charge; a new
 * attempt or a suspension bumps the attempt, so that the next charge of that period uses a new
 * reference id; a pay-as-you-go agreement does the same to the usage charge in its queue.
 */
export function applyAgreementChange(
  agreement: Agreement,
  due: DueCharge,
  change: AgreementChange,
  now: string,
  claim: { readonly keep: false } | { readonly keep: true; readonly leaseUntil: string },
): Agreement {
  let next: Agreement;
  if (agreement.kind === 'payAsYouGo') {
    next = changeQueue(agreement, due, change);
  } else {
    switch (change.kind) {
      case 'advance': {
        const periodIndex = agreement.periodIndex + 1;
        next = {
          ...agreement,
          periodIndex,
          attempt: 1,
          nextChargeAt: addBillingPeriods(agreement.firstChargeAt, agreement.period, periodIndex),
        };
        break;
      }
      case 'retrySameCharge':
        next = { ...agreement, nextChargeAt: change.retryAt };
        break;
      case 'retryNewAttempt':
        next = {
          ...agreement,
          attempt: nextAttempt(agreement.attempt),
          nextChargeAt: change.retryAt,
        };
        break;
      case 'suspend':
        next = {
          ...agreement,
          attempt: nextAttempt(agreement.attempt),
          state: AgreementState.Suspended,
          stateReason: change.reason,
        };
        break;
      case 'close':
        next = { ...agreement, state: AgreementState.Closed, stateReason: change.reason };
        break;
      default: {
        const unreachable: never = change;
        return unreachable;
      }
    }
  }
  const { claim: held, ...rest } = next;
  const keptClaim =
    claim.keep && held !== undefined ? { claim: { ...held, expiresAt: claim.leaseUntil } } : {};
  return { ...rest, ...keptClaim, version: agreement.version + 1, updatedAt: now };
}

/** What queueing a usage charge does to an agreement. */
export type QueueUsageResult =
  | { readonly kind: 'queued'; readonly agreement: Agreement }
  | { readonly kind: 'alreadyQueued' }
  | { readonly kind: 'conflict' }
  | { readonly kind: 'notPayAsYouGo' }
  | { readonly kind: 'notActive' }
  | { readonly kind: 'queueFull' };

/**
 * Adds a usage charge to a pay-as-you-go agreement's queue (the next version). The agreement
 * becomes due now unless it already has a due time (an earlier usage, or a retry time).
 */
export function queueUsage(
  agreement: Agreement,
  usage: { readonly usageId: string; readonly amountMinor: number; readonly at: string },
): QueueUsageResult {
  if (agreement.kind !== 'payAsYouGo') return { kind: 'notPayAsYouGo' };
  const existing = agreement.usageQueue.find((entry) => entry.usageId === usage.usageId);
  if (existing !== undefined) {
    return existing.amountMinor === usage.amountMinor
      ? { kind: 'alreadyQueued' }
      : { kind: 'conflict' };
  }
  if (agreement.state !== AgreementState.Active) return { kind: 'notActive' };
  if (agreement.usageQueue.length >= MAX_QUEUED_USAGE) return { kind: 'queueFull' };
  return {
    kind: 'queued',
    agreement: {
      ...agreement,
      usageQueue: [
        ...agreement.usageQueue,
        { usageId: usage.usageId, amountMinor: usage.amountMinor, attempt: 1, queuedAt: usage.at },
      ],
      nextChargeAt: agreement.nextChargeAt ?? usage.at,
      version: agreement.version + 1,
      updatedAt: usage.at,
    },
  };
}
