import { toAmazonPayAmount } from '../amazonpay/amount';
import { toAmazonPayRegion } from '../amazonpay/regions';
import type { Logger } from '../checkout/Logger';
import { loadMwsConfig } from '../config/loadMwsConfig';
import { JsonLogger } from '../logging/JsonLogger';
import { createRefundService } from '../refunds/createRefundService';
import { describeRefundOutcome, describeSyncReport } from '../refunds/describeRefunds';
import type { RefundStore } from '../refunds/RefundStore';
import { MwsClient } from '../amazonpay/mws/MwsClient';
import type { AgreementStore } from '../billing/AgreementStore';
import { addBillingPeriods } from '../billing/BillingPeriod';
import { formatRunSummary } from '../billing/cli/formatRunSummary';
import { runDueCharges } from '../billing/runDueCharges';
import { ScenarioBackendError } from './errors';
import type { SimulatedAgreement } from './simulator/AmazonPaySimulator';
import { MWS_TEST_ACCOUNT, MwsStandIn } from './mws/MwsStandIn';
import { startMwsStandInServer } from './mws/startMwsStandInServer';

/**
 * A step of the merchant's backend that a scenario plays after the shopper's visits, on the
 * scenario's order: a refund (of `amountMinor`, by default all that is left of the capture), or a
 * sync of the pending refunds.
 */
export type BackendStep =
  | { readonly kind: 'refund'; readonly amountMinor?: number }
  | { readonly kind: 'syncRefunds' }
  /**
   * A run of the billing job (`npm run billing -- run-due`) on the stored agreements, with the
   * clock `periodsLater` billing periods of the order's agreement after its first charge (0 or
   * absent: the first charge's time).
   */
  | { readonly kind: 'billingRun'; readonly periodsLater?: number };

/** What the backend steps did that the transcript's last lines tell: charges the billing runs captured. */
export type BackendStepsResult = { readonly captured: number };

/** The order store the backend steps use, and how to stop it. */
export type OpenedBackendStore = {
  readonly store: RefundStore;
  /** The billing agreements, in the same table; needed by billing runs. */
  readonly agreements?: AgreementStore;
  close(): Promise<void>;
};

/** Where a scenario's backend steps run: the merchant's store and settings. */
export type ScenarioBackend = {
  /**
   * Opens the order store the merchant's tools use; called once the shopper's visits are over
   * (`npm start` stops the skill's embedded store first: one process per folder).
   */
  readonly openStore: () => Promise<OpenedBackendStore>;
  readonly sellerId: string;
  readonly merchantCountry: string;
  readonly sandbox: boolean;
  readonly clock?: () => Date;
  /** Where the refund service and the billing job log (default: nowhere; the transcript is the output). */
  readonly logger?: Logger;
  /**
   * The billing agreements the offline simulator made at Setup, by id: the MWS stand-in is seeded
   * with the order's agreement as Amazon Pay would know it (its type and subscription amount).
   */
  readonly amazonPayAgreement?: (billingAgreementId: string) => SimulatedAgreement | undefined;
};

/**
 * Plays a scenario's backend steps on its order, through the merchant's own path: the MWS
 * configuration (`loadMwsConfig`, with the test keys and `MWS_ENDPOINT` of a loopback MWS
 * stand-in started for these steps and stopped after them), `createRefundService`, and the order
 * tools' one-line answers, printed with the MWS calls the stand-in answered. The stand-in knows
 * the order's capture, as Amazon Pay knows the capture of a Charge it answered, or the billing
 * agreement of a subscription's Setup, which billing runs (`runDueCharges`, the job of
 * `npm run billing -- run-due`) charge, with the clock moved on by whole billing periods.
 */
export async function runBackendSteps(options: {
  readonly steps: ReadonlyArray<BackendStep>;
  readonly orderId: string;
  readonly backend: ScenarioBackend;
  readonly print: (line: string) => void;
}): Promise<BackendStepsResult> {
  const { steps, orderId, backend, print } = options;
  let captured = 0;
  if (steps.length === 0) return { captured };
  const region = toAmazonPayRegion(backend.merchantCountry);
  if (region === undefined) {
    throw new ScenarioBackendError(`no Amazon Pay region for ${backend.merchantCountry}`);
  }
  const opened = await backend.openStore();
  try {
    const order = await opened.store.get(orderId);
    const account = { ...MWS_TEST_ACCOUNT, sellerId: backend.sellerId };
    const baseClock = backend.clock ?? ((): Date => new Date());
    // A billing run may move the clock on by whole periods; every later step keeps that time.
    let movedTo: Date | undefined;
    const clock = (): Date => movedTo ?? baseClock();
    const standIn = new MwsStandIn({ accounts: [account], region, now: () => clock().getTime() });
    if (order?.amazonCaptureId !== undefined && order.captured !== undefined) {
      standIn.seedCapture({
        amazonCaptureId: order.amazonCaptureId,
        amount: order.captured,
        sellerId: backend.sellerId,
        releaseEnvironment: backend.sandbox ? 'Sandbox' : 'Live',
        ...(order.billingAgreementId !== undefined && {
          amazonBillingAgreementId: order.billingAgreementId,
        }),
        ...(order.amazonAuthorizationId !== undefined && {
          amazonAuthorizationId: order.amazonAuthorizationId,
        }),
      });
    }
    const simulated =
      order?.billingAgreementId === undefined || order.amazonCaptureId !== undefined
        ? undefined
        : backend.amazonPayAgreement?.(order.billingAgreementId);
    if (simulated !== undefined) {
      // The agreement of a subscription Setup: Amazon Pay keeps it for the merchant's charges.
      standIn.seedBillingAgreement({
        amazonBillingAgreementId: simulated.billingAgreementId,
        sellerId: backend.sellerId,
        currency: simulated.ledgerCurrency,
        releaseEnvironment: simulated.releaseEnvironment === 'SANDBOX' ? 'Sandbox' : 'Live',
        state: simulated.status === 'OPEN' ? 'Open' : 'Suspended',
        ...(simulated.billingAgreementType !== undefined && {
          billingAgreementType: simulated.billingAgreementType,
        }),
        ...(simulated.subscriptionAmountMinor !== undefined && {
          subscriptionAmountMinor: simulated.subscriptionAmountMinor,
        }),
      });
    }
    const server = await startMwsStandInServer(standIn);
    try {
      const mws = await loadMwsConfig(
        {
          sellerId: backend.sellerId,
          merchantCountry: backend.merchantCountry,
          sandbox: backend.sandbox,
          inLambda: false,
        },
        {
          MWS_ACCESS_KEY_ID: account.accessKeyId,
          MWS_SECRET_KEY: account.secretKey,
          MWS_ENDPOINT: server.origin,
        },
      );
      const refunds = createRefundService(mws, {
        store: opened.store,
        clock,
        logger: backend.logger ?? new JsonLogger({ level: 'silent' }),
        // Signed with the scenario's clock, which the stand-in checks the timestamps against.
        client: { now: () => clock().getTime() },
      });
      print(`MWS:        loopback stand-in at ${server.origin} (test keys; nothing is refunded)`);
      let answered = 0;
      const printCalls = (): void => {
        for (const request of standIn.requests.slice(answered)) {
          print(
            `MWS:        ${request.action ?? '?'} -> ${request.status}` +
              (request.code === undefined ? '' : ` ${request.code}`),
          );
        }
        answered = standIn.requests.length;
      };
      for (const step of steps) {
        switch (step.kind) {
          case 'refund': {
            const amount =
              step.amountMinor === undefined || order === undefined
                ? ''
                : ` ${toAmazonPayAmount({ amountMinor: step.amountMinor, currency: order.currency })}`;
            print(`Merchant:   npm run orders -- refund ${orderId}${amount}`);
            const outcome = await refunds.refund({
              orderId,
              amount:
                step.amountMinor === undefined
                  ? { kind: 'remaining' }
                  : { kind: 'minor', amountMinor: step.amountMinor },
            });
            printCalls();
            print(`Orders:     ${describeRefundOutcome(orderId, outcome).line}`);
            break;
          }
          case 'billingRun': {
            const agreements = opened.agreements;
            if (agreements === undefined) {
              throw new ScenarioBackendError('a billing run needs the agreement store');
            }
            const agreement =
              order?.billingAgreementId === undefined
                ? undefined
                : await agreements.getAgreement(order.billingAgreementId);
            const periods = step.periodsLater ?? 0;
            if (agreement?.kind === 'subscription') {
              movedTo = new Date(
                addBillingPeriods(agreement.firstChargeAt, agreement.period, periods),
              );
            }
            print(
              `Merchant:   npm run billing -- run-due` +
                (periods === 0
                  ? ''
                  : `  [clock ${periods} period(s) later: ${clock().toISOString()}]`),
            );
            const summary = await runDueCharges({
              store: agreements,
              mws: new MwsClient(
                { ...account, region, sandbox: backend.sandbox },
                {
                  endpointOrigin: server.origin,
                  // Signed with the scenario's clock, which the stand-in checks timestamps against;
                  // no client pacing, since that clock stands still within a run.
                  now: () => clock().getTime(),
                  pacing: false,
                },
              ),
              clock,
              limit: 100,
              logger: backend.logger ?? new JsonLogger({ level: 'silent' }),
            });
            printCalls();
            captured += summary.captured;
            for (const line of formatRunSummary(summary).trimEnd().split('\n')) {
              print(`Billing:    ${line.trim()}`);
            }
            break;
          }
          case 'syncRefunds': {
            // The scenario's own order only: other pending refunds in the store stay as they are.
            print('Merchant:   npm run orders -- sync-refunds  (this order only)');
            const report = describeSyncReport(await refunds.syncRefunds({ orderIds: [orderId] }));
            printCalls();
            for (const line of report.lines) print(`Orders:     ${line}`);
            break;
          }
          default: {
            const unreachable: never = step;
            throw new ScenarioBackendError(`unknown backend step ${JSON.stringify(unreachable)}`);
          }
        }
      }
    } finally {
      await server.close();
    }
  } finally {
    await opened.close();
  }
  return { captured };
}
