import { toAmazonPayAmount } from '../amazonpay/amount';
import { toAmazonPayRegion } from '../amazonpay/regions';
import type { Logger } from '../checkout/Logger';
import { loadMwsConfig } from '../config/loadMwsConfig';
import { JsonLogger } from '../logging/JsonLogger';
import { createRefundService } from '../refunds/createRefundService';
import { describeRefundOutcome, describeSyncReport } from '../refunds/describeRefunds';
import type { RefundStore } from '../refunds/RefundStore';
import { ScenarioBackendError } from './errors';
import { MWS_TEST_ACCOUNT, MwsStandIn } from './mws/MwsStandIn';
import { startMwsStandInServer } from './mws/startMwsStandInServer';

/**
 * A step of the merchant's backend that a scenario plays after the shopper's visits, on the
 * scenario's order: a refund (of `amountMinor`, by default all that is left of the capture), or a
 * sync of the pending refunds.
 */
export type BackendStep =
  { readonly kind: 'refund'; readonly amountMinor?: number } | { readonly kind: 'syncRefunds' };

/** The order store the backend steps use, and how to stop it. */
export type OpenedBackendStore = {
  readonly store: RefundStore;
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
  /** Where the refund service logs (default: nowhere; the transcript is the output). */
  readonly logger?: Logger;
};

/**
 * Plays a scenario's backend steps on its order, through the merchant's own path: the MWS
 * configuration (`loadMwsConfig`, with the test keys and `MWS_ENDPOINT` of a loopback MWS
 * stand-in started for these steps and stopped after them), `createRefundService`, and the order
 * tools' one-line answers, printed with the MWS calls the stand-in answered. The stand-in knows
 * the order's capture, as Amazon Pay knows the capture of a Charge it answered.
 */
export async function runBackendSteps(options: {
  readonly steps: ReadonlyArray<BackendStep>;
  readonly orderId: string;
  readonly backend: ScenarioBackend;
  readonly print: (line: string) => void;
}): Promise<void> {
  const { steps, orderId, backend, print } = options;
  if (steps.length === 0) return;
  const region = toAmazonPayRegion(backend.merchantCountry);
  if (region === undefined) {
    throw new ScenarioBackendError(`no Amazon Pay region for ${backend.merchantCountry}`);
  }
  const opened = await backend.openStore();
  try {
    const order = await opened.store.get(orderId);
    const account = { ...MWS_TEST_ACCOUNT, sellerId: backend.sellerId };
    const clock = backend.clock ?? ((): Date => new Date());
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
}
