import { MwsClient } from '../../amazonpay/mws/MwsClient';
import type { Logger } from '../../checkout/Logger';
import { MWS_TEST_ACCOUNT, MwsStandIn } from '../../local/mws/MwsStandIn';
import { startMwsStandInServer } from '../../local/mws/startMwsStandInServer';
import type { AgreementStore } from '../AgreementStore';
import type { BillingConfig } from '../loadBillingConfig';

/** An offline MWS stand-in for one run of the billing tool, and the client that talks to it. */
export type SeededStandIn = {
  readonly mws: MwsClient;
  readonly origin: string;
  /** How many agreements it was seeded with. */
  readonly seeded: number;
  close(): Promise<void>;
};

/**
 * Starts the loopback MWS stand-in (the offline simulator's, with the test keys) seeded with an
 * Open agreement, in the stored currency, for each agreement the run would find due, and an MWS
 * client of it. For trying the billing job locally without Amazon: the stand-in checks every
 * signature, the monthly limit, idempotency and the sandbox simulation strings of the agreements'
 * `sellerAuthorizationNote`, and no money moves anywhere.
 */
export async function startSeededStandIn(
  store: AgreementStore,
  config: BillingConfig,
  run: { readonly now: string; readonly limit: number; readonly logger: Logger },
): Promise<SeededStandIn> {
  const standIn = new MwsStandIn({ region: config.region });
  const due = await store.listDueAgreements(run.now, run.limit);
  for (const agreement of due) {
    standIn.seedBillingAgreement({
      amazonBillingAgreementId: agreement.billingAgreementId,
      currency: agreement.currency,
      releaseEnvironment: config.sandbox ? 'Sandbox' : 'Live',
      billingAgreementType: 'MerchantInitiatedTransaction',
    });
  }
  const server = await startMwsStandInServer(standIn);
  const mws = new MwsClient(
    { ...MWS_TEST_ACCOUNT, region: config.region, sandbox: config.sandbox },
    { endpointOrigin: server.origin, logger: run.logger },
  );
  return { mws, origin: server.origin, seeded: due.length, close: () => server.close() };
}
