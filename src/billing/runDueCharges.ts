import { randomUUID } from 'node:crypto';
import { AmazonPayError } from '../amazonpay/errors';
import type { MwsCallOptions } from '../amazonpay/mws/MwsClient';
import type { AuthorizeOnBillingAgreementRequest } from '../amazonpay/mws/types';
import { MwsOperation } from '../amazonpay/mws/types';
import type { LogFields, Logger } from '../checkout/Logger';
import type { Agreement } from './Agreement';
import type { DueCharge } from './agreementChanges';
import {
  applyAgreementChange,
  claimAgreement,
  dueChargeOf,
  isSameChargeRequest,
  releaseClaim,
  toPendingCharge,
  withoutField,
} from './agreementChanges';
import type { AgreementStore } from './AgreementStore';
import { BillingEvent } from './BillingEvent';
import type { BillingMwsClient } from './BillingMwsClient';
import type { Charge } from './Charge';
import type { AgreementChange, ChargeDecision } from './ChargeDecision';
import type { ChargeOutcome, ChargeOutcomeKind } from './ChargeOutcome';
import type { ChargeState } from './ChargeState';
import { ChargeState as State, isSettledChargeState } from './ChargeState';
import {
  classifyAgreementDetails,
  classifyAuthorization,
  classifyMwsError,
} from './classifyCharge';
import { decideChargeOutcome } from './decideChargeOutcome';
import { AgreementContentionError, BillingError, CorruptBillingRecordError } from './errors';
import type { Notifier } from './Notifier';

/** How long a run's claim on an agreement holds unless the run renews it (10 minutes). */
export const DEFAULT_LEASE_MS = 10 * 60_000;

/** The most charges one run makes on one agreement (catching up periods, or queued usage). */
export const DEFAULT_MAX_CHARGES_PER_AGREEMENT = 10;

/** A run starts no new agreement with less time than this left (a Lambda's remaining time). */
export const MIN_REMAINING_MS_TO_START = 45_000;

// What each MWS call leaves for the writes after it when the run's time is short.
const WRITE_RESERVE_MS = 10_000;
const DEFAULT_CALL_DEADLINE_MS = 30_000;
const MAX_WRITE_ROUNDS = 5;

/** What the billing job needs; every dependency is passed in. */
export type RunDueChargesOptions = {
  readonly store: AgreementStore;
  readonly mws: BillingMwsClient;
  readonly clock: () => Date;
  /** The most agreements one run takes (1 to 1000). */
  readonly limit: number;
  readonly logger: Logger;
  readonly notifier?: Notifier;
  /** The run's id in claims and logs (default: a random UUID). */
  readonly runId?: string;
  readonly leaseMs?: number;
  readonly maxChargesPerAgreement?: number;
  readonly maxAttempts?: number;
  /** The time the run has left, in milliseconds (a Lambda's `getRemainingTimeInMillis`). */
  readonly remainingTimeMs?: () => number;
};

/** What happened to one charge in a run. */
export type ChargeReport = {
  readonly billingAgreementId: string;
  readonly authorizationReferenceId: string;
  readonly chargeState: ChargeState;
  readonly outcome: ChargeOutcomeKind;
  /** Amazon's reason or error code, when there is one. */
  readonly reason?: string;
  readonly agreementChange: AgreementChange['kind'];
  /** True when an earlier run had settled the charge; this run only moved the agreement on. */
  readonly recovered: boolean;
};

/**
 * What a run did: `due` agreements listed; charges `captured`, `declined` (or stopped: the
 * agreement is suspended or closed), `retried` (to be charged again later); agreements
 * `skipped` (another run holds them, they are no longer due, or their charge was settled by an
 * earlier run); and `errors` (agreements interrupted by an unexpected error, and charges refused
 * for a reason a merchant must fix).
 */
export type BillingRunSummary = {
  readonly runId: string;
  readonly due: number;
  readonly captured: number;
  readonly declined: number;
  readonly retried: number;
  readonly skipped: number;
  readonly errors: number;
  readonly charges: ReadonlyArray<ChargeReport>;
};

type Counts = {
  captured: number;
  declined: number;
  retried: number;
  skipped: number;
  errors: number;
};

function reasonOf(outcome: ChargeOutcome): string | undefined {
  switch (outcome.kind) {
    case 'declined':
      return outcome.reasonCode;
    case 'notCaptured':
      return outcome.reasonCode;
    case 'agreementNotOpen':
      return outcome.reasonCode === undefined
        ? outcome.agreementState
        : `${outcome.agreementState}/${outcome.reasonCode}`;
    case 'mwsFailure':
      return outcome.code ?? outcome.errorName;
    case 'limitExceeded':
      return 'PeriodicAmountExceeded';
    case 'captured':
    case 'authorizationPending':
      return undefined;
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}

function toAuthorizeRequest(charge: Charge): AuthorizeOnBillingAgreementRequest {
  return {
    amazonBillingAgreementId: charge.billingAgreementId,
    authorizationReferenceId: charge.authorizationReferenceId,
    authorizationAmount: { amountMinor: charge.amountMinor, currency: charge.currency },
    captureNow: true,
    // Synchronous: the answer is Open, Closed or Declined, never Pending.
    transactionTimeoutMinutes: 0,
    ...(charge.sellerAuthorizationNote === undefined
      ? {}
      : { sellerAuthorizationNote: charge.sellerAuthorizationNote }),
  };
}

class BillingRun {
  readonly runId: string;
  readonly counts: Counts = { captured: 0, declined: 0, retried: 0, skipped: 0, errors: 0 };
  readonly charges: ChargeReport[] = [];
  readonly #options: RunDueChargesOptions;
  readonly #leaseMs: number;

  constructor(options: RunDueChargesOptions) {
    this.#options = options;
    this.runId = options.runId ?? randomUUID();
    this.#leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  }

  now(): string {
    return this.#options.clock().toISOString();
  }

  hasTimeToStart(): boolean {
    const remaining = this.#options.remainingTimeMs?.();
    return remaining === undefined || remaining >= MIN_REMAINING_MS_TO_START;
  }

  log(level: 'info' | 'warn' | 'error', event: string, fields: LogFields): void {
    this.#options.logger[level](event, { runId: this.runId, ...fields });
  }

  /** Claims, charges and moves on one agreement listed as due. */
  async chargeAgreement(listed: Agreement): Promise<void> {
    const { store } = this.#options;
    const id = listed.billingAgreementId;
    // The index may lag: the claim is decided on a consistent read.
    const current = await store.getAgreement(id);
    const now = this.now();
    const claimed =
      current === undefined ? undefined : claimAgreement(current, this.runId, now, this.#leaseMs);
    if (current === undefined || claimed === undefined) {
      this.skip(id, current === undefined ? 'missing' : 'notDueOrClaimed');
      return;
    }
    if ((await store.replaceAgreement(claimed, current.version)) === 'stale') {
      this.skip(id, 'claimedByAnotherRun');
      return;
    }
    let agreement: Agreement | undefined = claimed;
    const maxCharges = this.#options.maxChargesPerAgreement ?? DEFAULT_MAX_CHARGES_PER_AGREEMENT;
    for (let count = 0; agreement !== undefined; count += 1) {
      const due = count < maxCharges ? dueChargeOf(agreement, this.now()) : undefined;
      if (due === undefined) {
        await this.release(agreement);
        return;
      }
      agreement = await this.chargeOnce(agreement, due, count + 1 < maxCharges);
    }
  }

  /**
   * Makes one due charge: persists it, reads the agreement at Amazon, authorizes with capture,
   * records the outcome, then moves the agreement on. Answers the agreement as written (with the
   * claim when more may follow), or undefined when the run lost or dropped its claim.
   */
  private async chargeOnce(
    agreement: Agreement,
    due: DueCharge,
    mayContinue: boolean,
  ): Promise<Agreement | undefined> {
    const started = await this.startCharge(agreement, due);
    let charge: Charge;
    let decision: ChargeDecision;
    let outcome: ChargeOutcome;
    let recovered: boolean;
    if (started.kind === 'settled') {
      // An earlier run recorded the outcome, then stopped before moving the agreement on.
      ({ charge, decision, outcome } = started);
      recovered = true;
    } else {
      outcome = await this.callAmazon(started.charge);
      ({ charge, decision, outcome, recovered } = await this.settle(started.charge, outcome));
    }
    const written = await this.moveAgreementOn(
      agreement,
      due,
      decision.agreementChange,
      mayContinue,
    );
    const report: ChargeReport = {
      billingAgreementId: agreement.billingAgreementId,
      authorizationReferenceId: charge.authorizationReferenceId,
      chargeState: charge.state,
      outcome: outcome.kind,
      ...(reasonOf(outcome) === undefined ? {} : { reason: reasonOf(outcome) }),
      agreementChange: decision.agreementChange.kind,
      recovered,
    };
    this.charges.push(report);
    if (recovered) this.counts.skipped += 1;
    else this.counts[decision.tally] += 1;
    this.log(decision.logLevel, decision.event, {
      billingAgreementId: report.billingAgreementId,
      authorizationReferenceId: report.authorizationReferenceId,
      attempt: charge.attempt,
      amountMinor: charge.amountMinor,
      currency: charge.currency,
      chargeState: report.chargeState,
      outcome: report.outcome,
      reason: report.reason,
      agreementChange: report.agreementChange,
      recovered,
    });
    if (decision.notify && written.applied) {
      await this.notify(agreement, charge, decision.agreementChange);
    }
    return written.agreement;
  }

  /**
   * Persists the charge before any call: a conditional create, or the stored charge of the same
   * reference id (a crashed run's `pending`, a `retry`, a `queued` usage charge), or its outcome
   * when it is settled already.
   */
  private async startCharge(
    agreement: Agreement,
    due: DueCharge,
  ): Promise<
    | { readonly kind: 'send'; readonly charge: Charge }
    | {
        readonly kind: 'settled';
        readonly charge: Charge;
        readonly outcome: ChargeOutcome;
        readonly decision: ChargeDecision;
      }
  > {
    const { store } = this.#options;
    const pending = toPendingCharge(agreement, due, this.now());
    const created = await store.createCharge(pending);
    if (created.kind === 'created') return { kind: 'send', charge: pending };
    let stored = created.charge;
    for (let round = 0; round < MAX_WRITE_ROUNDS; round += 1) {
      if (!isSameChargeRequest(stored, pending)) {
        throw new CorruptBillingRecordError(
          'charge',
          'holds other parameters than its agreement asks for under the same reference id',
        );
      }
      if (isSettledChargeState(stored.state)) {
        if (stored.outcome === undefined) {
          throw new CorruptBillingRecordError('outcome', 'is missing on a settled charge');
        }
        return {
          kind: 'settled',
          charge: stored,
          outcome: stored.outcome,
          decision: this.decide(stored.outcome, stored),
        };
      }
      if (stored.state === State.Pending) return { kind: 'send', charge: stored };
      // A queued usage charge or a retry: pending again, with the same reference id.
      const next: Charge = {
        ...stored,
        state: State.Pending,
        updatedAt: this.now(),
        version: stored.version + 1,
      };
      if ((await store.replaceCharge(next, stored.version)) === 'replaced') {
        return { kind: 'send', charge: next };
      }
      const fresh = await store.getCharge(stored.authorizationReferenceId);
      if (fresh === undefined) throw new CorruptBillingRecordError('charge', 'vanished');
      stored = fresh;
    }
    throw new AgreementContentionError(agreement.billingAgreementId);
  }

  private callOptions(): MwsCallOptions | undefined {
    const remaining = this.#options.remainingTimeMs?.();
    if (remaining === undefined) return undefined;
    return {
      deadlineMs: Math.max(1, Math.min(DEFAULT_CALL_DEADLINE_MS, remaining - WRITE_RESERVE_MS)),
    };
  }

  /** GetBillingAgreementDetails, then AuthorizeOnBillingAgreement with CaptureNow; classified. */
  private async callAmazon(charge: Charge): Promise<ChargeOutcome> {
    const { mws } = this.#options;
    const amount = { amountMinor: charge.amountMinor, currency: charge.currency };
    try {
      const { billingAgreement } = await mws.getBillingAgreementDetails(
        { amazonBillingAgreementId: charge.billingAgreementId },
        this.callOptions(),
      );
      const stop = classifyAgreementDetails(billingAgreement, amount);
      if (stop !== undefined) return stop;
    } catch (error) {
      const outcome = classifyMwsError(error, MwsOperation.GetBillingAgreementDetails);
      if (outcome === undefined) throw error;
      return outcome;
    }
    try {
      return classifyAuthorization(
        await mws.authorizeOnBillingAgreement(toAuthorizeRequest(charge), this.callOptions()),
      );
    } catch (error) {
      // Anything else (a bug, a crash) leaves the charge pending: a later run sends it again.
      const outcome = classifyMwsError(error, MwsOperation.AuthorizeOnBillingAgreement);
      if (outcome === undefined) throw error;
      return outcome;
    }
  }

  private decide(outcome: ChargeOutcome, charge: Charge): ChargeDecision {
    return decideChargeOutcome(outcome, {
      attempt: charge.attempt,
      retries: charge.retries,
      now: this.now(),
      ...(this.#options.maxAttempts === undefined
        ? {}
        : { maxAttempts: this.#options.maxAttempts }),
    });
  }

  /** Records the outcome on the pending charge with a write conditioned on its version. */
  private async settle(
    charge: Charge,
    outcome: ChargeOutcome,
  ): Promise<{
    readonly charge: Charge;
    readonly outcome: ChargeOutcome;
    readonly decision: ChargeDecision;
    readonly recovered: boolean;
  }> {
    const { store } = this.#options;
    const decision = this.decide(outcome, charge);
    const change = decision.agreementChange;
    const next: Charge = {
      ...withoutField(charge, 'retryAt'),
      state: decision.chargeState,
      outcome,
      updatedAt: this.now(),
      version: charge.version + 1,
      retries: decision.chargeState === State.Retry ? charge.retries + 1 : charge.retries,
      ...(change.kind === 'retrySameCharge' ? { retryAt: change.retryAt } : {}),
    };
    if ((await store.replaceCharge(next, charge.version)) === 'replaced') {
      return { charge: next, outcome, decision, recovered: false };
    }
    // Another run, whose claim had lapsed, settled it first: its outcome stands.
    const fresh = await store.getCharge(charge.authorizationReferenceId);
    if (fresh?.outcome !== undefined && isSettledChargeState(fresh.state)) {
      return {
        charge: fresh,
        outcome: fresh.outcome,
        decision: this.decide(fresh.outcome, fresh),
        recovered: true,
      };
    }
    throw new AgreementContentionError(charge.billingAgreementId);
  }

  /**
   * Applies the agreement change with a write conditioned on the version read, reading again when
   * a concurrent write (a usage charge recorded meanwhile) moved it on. Keeps and renews the claim
   * when another charge may follow, drops it otherwise.
   */
  private async moveAgreementOn(
    agreement: Agreement,
    due: DueCharge,
    change: AgreementChange,
    mayContinue: boolean,
  ): Promise<{ readonly agreement: Agreement | undefined; readonly applied: boolean }> {
    const { store } = this.#options;
    let current = agreement;
    for (let round = 0; round < MAX_WRITE_ROUNDS; round += 1) {
      const now = this.now();
      const leaseUntil = new Date(Date.parse(now) + this.#leaseMs).toISOString();
      const kept = applyAgreementChange(current, due, change, now, { keep: true, leaseUntil });
      const keep = mayContinue && dueChargeOf(kept, now) !== undefined;
      const next = keep ? kept : applyAgreementChange(current, due, change, now, { keep: false });
      if ((await store.replaceAgreement(next, current.version)) === 'replaced') {
        return { agreement: keep ? next : undefined, applied: true };
      }
      const fresh = await store.getAgreement(agreement.billingAgreementId);
      if (fresh?.claim?.runId !== this.runId) {
        // The claim lapsed and another run took the agreement: it moves it on from the charge.
        this.log('warn', BillingEvent.AgreementSkipped, {
          billingAgreementId: agreement.billingAgreementId,
          reason: 'claimLost',
        });
        return { agreement: undefined, applied: false };
      }
      current = fresh;
    }
    throw new AgreementContentionError(agreement.billingAgreementId);
  }

  private async release(agreement: Agreement): Promise<void> {
    const { store } = this.#options;
    let current: Agreement | undefined = agreement;
    for (let round = 0; round < MAX_WRITE_ROUNDS && current !== undefined; round += 1) {
      const next = releaseClaim(current, this.runId, this.now());
      if (next === undefined) return;
      if ((await store.replaceAgreement(next, current.version)) === 'replaced') return;
      current = await store.getAgreement(agreement.billingAgreementId);
    }
  }

  private async notify(
    agreement: Agreement,
    charge: Charge,
    change: AgreementChange,
  ): Promise<void> {
    const { notifier } = this.#options;
    if (notifier === undefined || (change.kind !== 'suspend' && change.kind !== 'close')) return;
    try {
      await notifier.notify({
        kind: change.kind === 'suspend' ? 'suspended' : 'closed',
        billingAgreementId: agreement.billingAgreementId,
        customerKey: agreement.customerKey,
        productId: agreement.productId,
        reason: change.reason,
        authorizationReferenceId: charge.authorizationReferenceId,
        at: this.now(),
      });
    } catch (error) {
      this.log('warn', BillingEvent.NotifyFailed, {
        billingAgreementId: agreement.billingAgreementId,
        errorName: error instanceof Error ? error.name : typeof error,
      });
    }
  }

  skip(billingAgreementId: string, reason: string): void {
    this.counts.skipped += 1;
    this.log('info', BillingEvent.AgreementSkipped, { billingAgreementId, reason });
  }
}

/**
 * Charges the billing agreements that are due: the scheduled billing job, run by the Lambda
 * entry `billingJob.ts` and by `npm run billing -- run-due`.
 *
 * Per due agreement (at most `limit`, earliest first): a consistent read and a claim (a
 * conditional write with a lease, so that two runs at once charge each agreement once and a
 * crashed run's claim is taken over once it lapses); per due charge, (a) the charge record
 * persisted `pending` with its reference id before any call (or the stored one reused: a crashed
 * run's pending charge is sent again with the same reference id, a settled one only moves the
 * agreement on), (b) GetBillingAgreementDetails (Open, and enough of the monthly limit left),
 * (c) AuthorizeOnBillingAgreement with CaptureNow and that reference id, (d) the outcome
 * recorded on the charge and the agreement moved on, each a conditional write, as
 * `decideChargeOutcome` decides. An unexpected error stops that agreement only (its claim lapses).
 *
 * @example
 * const summary = await runDueCharges({ store, mws: client, clock: () => new Date(), limit: 100, logger });
 * // { runId, due: 3, captured: 2, declined: 1, retried: 0, skipped: 0, errors: 0, charges: [...] }
 */
export async function runDueCharges(options: RunDueChargesOptions): Promise<BillingRunSummary> {
  const run = new BillingRun(options);
  const due = await options.store.listDueAgreements(run.now(), options.limit);
  run.log('info', BillingEvent.RunStarted, { due: due.length, limit: options.limit });
  for (const listed of due) {
    if (!run.hasTimeToStart()) {
      run.skip(listed.billingAgreementId, 'outOfTime');
      continue;
    }
    try {
      await run.chargeAgreement(listed);
    } catch (error) {
      run.counts.errors += 1;
      run.log('error', BillingEvent.AgreementError, {
        billingAgreementId: listed.billingAgreementId,
        errorName: error instanceof Error ? error.name : typeof error,
        // Only the messages of this project's errors, which name fields and codes, never values:
        // other messages (the SDK's) may quote request contents.
        ...(error instanceof BillingError || error instanceof AmazonPayError
          ? { errorMessage: error.message }
          : {}),
      });
    }
  }
  const summary: BillingRunSummary = {
    runId: run.runId,
    due: due.length,
    ...run.counts,
    charges: run.charges,
  };
  run.log(summary.errors > 0 ? 'error' : 'info', BillingEvent.RunFinished, {
    due: summary.due,
    captured: summary.captured,
    declined: summary.declined,
    retried: summary.retried,
    skipped: summary.skipped,
    errors: summary.errors,
  });
  return summary;
}
