import type { SecretFetcher } from '../../amazonpay/mws/loadMwsCredentials';
import { loadMwsCredentials } from '../../amazonpay/mws/loadMwsCredentials';
import type { MwsFetch } from '../../amazonpay/mws/MwsClient';
import { isRecord } from '../../amazonpay/readUnknown';
import type { Logger } from '../../checkout/Logger';
import type { AgreementStore } from '../AgreementStore';
import type { BillingMwsClient } from '../BillingMwsClient';
import { createBillingMwsClient } from '../createBillingMwsClient';
import { BillingConfigError } from '../errors';
import type { BillingConfig } from '../loadBillingConfig';
import { MAX_RUN_LIMIT } from '../loadBillingConfig';
import type { Notifier } from '../Notifier';
import type { BillingRunSummary } from '../runDueCharges';
import { runDueCharges } from '../runDueCharges';

/** The billing Lambda's handler: the scheduler's event (optionally `{ "limit": N }`), its context. */
export type BillingJobHandler = (event: unknown, context?: unknown) => Promise<BillingRunSummary>;

/** What the billing Lambda is built from; the entry passes the real ones once per container. */
export type BillingJobParts = {
  readonly config: BillingConfig;
  /** The environment the MWS keys are read from (MWS_ACCESS_KEY_ID and MWS_SECRET_KEY, or MWS_SECRET_ARN). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly store: AgreementStore;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly fetchSecret?: SecretFetcher;
  readonly notifier?: Notifier;
  readonly fetch?: MwsFetch;
};

/** Reads the run limit of a scheduler event: `{ "limit": N }`, or the configured one. */
export function parseBillingJobEvent(event: unknown, fallback: number): number {
  const limit: unknown = isRecord(event) ? event['limit'] : undefined;
  if (limit === undefined) return fallback;
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1 || limit > MAX_RUN_LIMIT) {
    throw new BillingConfigError([
      { variable: 'event.limit', problem: `must be a whole number from 1 to ${MAX_RUN_LIMIT}` },
    ]);
  }
  return limit;
}

function remainingTimeOf(context: unknown): (() => number) | undefined {
  const read: unknown = isRecord(context) ? context['getRemainingTimeInMillis'] : undefined;
  if (typeof read !== 'function') return undefined;
  return () => {
    const remaining: unknown = read.call(context);
    return typeof remaining === 'number' ? remaining : Number.POSITIVE_INFINITY;
  };
}

/**
 * Builds the handler of the scheduled billing Lambda: each invocation runs `runDueCharges` once
 * and answers its summary. The MWS keys are loaded on the first invocation (from Secrets Manager
 * when MWS_SECRET_ARN is set) and kept for the container's life; a failed load is tried again on
 * the next invocation. The run stops starting agreements when the Lambda's time runs short.
 *
 * @example
 * export const handler = createBillingJobHandler({ config, env: process.env, store, logger, clock });
 */
export function createBillingJobHandler(parts: BillingJobParts): BillingJobHandler {
  let mws: Promise<BillingMwsClient> | undefined;
  const loadMws = (): Promise<BillingMwsClient> => {
    const loading = loadMwsCredentials(parts.env, {
      ...(parts.fetchSecret === undefined ? {} : { fetchSecret: parts.fetchSecret }),
    }).then((credentials) =>
      createBillingMwsClient(parts.config, credentials, {
        logger: parts.logger,
        ...(parts.fetch === undefined ? {} : { fetch: parts.fetch }),
      }),
    );
    loading.catch(() => {
      if (mws === loading) mws = undefined;
    });
    return loading;
  };
  return async (event, context) => {
    const limit = parseBillingJobEvent(event, parts.config.runLimit);
    mws ??= loadMws();
    const remainingTimeMs = remainingTimeOf(context);
    return runDueCharges({
      store: parts.store,
      mws: await mws,
      clock: parts.clock,
      limit,
      logger: parts.logger,
      ...(parts.notifier === undefined ? {} : { notifier: parts.notifier }),
      ...(remainingTimeMs === undefined ? {} : { remainingTimeMs }),
    });
  };
}
