import type { MwsClientOptions } from '../amazonpay/mws/MwsClient';
import { MwsClient } from '../amazonpay/mws/MwsClient';
import { toRefundSimulationNote } from '../amazonpay/mws/refundSimulation';
import type { Logger } from '../checkout/Logger';
import type { MwsConfig } from '../config/loadMwsConfig';
import { RefundService } from './RefundService';
import type { RefundStore } from './RefundStore';

/**
 * Builds the refunds of the merchant's tools from the MWS configuration: an MWS client of the
 * seller's region (sent to `endpointOrigin`, the local stand-in, when set) and a RefundService
 * on the given store, asking for the configured sandbox simulation on every refund.
 *
 * The order tools and the scenario runner both build their refunds here, so that a scenario's
 * refund takes the command's path.
 *
 * @example
 * const mws = await loadMwsConfig(config, process.env, { fetchSecret });
 * const refunds = createRefundService(mws, { store, clock: () => new Date(), logger });
 */
export function createRefundService(
  mws: MwsConfig,
  deps: {
    readonly store: RefundStore;
    readonly clock: () => Date;
    readonly logger: Logger;
    /** Tuning of the MWS client (tests: a fake clock, no pacing). */
    readonly client?: Omit<MwsClientOptions, 'endpointOrigin'>;
  },
): RefundService {
  const client = new MwsClient(
    { ...mws.credentials, sellerId: mws.sellerId, region: mws.region, sandbox: mws.sandbox },
    {
      ...deps.client,
      ...(mws.endpointOrigin !== undefined && { endpointOrigin: mws.endpointOrigin }),
    },
  );
  return new RefundService({
    store: deps.store,
    mws: client,
    clock: deps.clock,
    logger: deps.logger,
    ...(mws.refundSimulation !== undefined && {
      sellerRefundNote: toRefundSimulationNote(mws.refundSimulation),
    }),
  });
}
