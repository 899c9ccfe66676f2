import type { AgreementStore } from '../../billing/AgreementStore';
import type { OrderStore } from '../../checkout/OrderStore';
import type { Config } from '../../config/loadConfig';
import { openOrderStore } from '../../store/openOrderStore';

/** The order store the local endpoint uses, and how to stop it. */
export type ServerStore = {
  readonly store: OrderStore;
  /** The billing agreements of subscriptions, in the same table. */
  readonly agreements: AgreementStore;
  /** True for the embedded store (dynalite in this process), false for a DynamoDB table. */
  readonly embedded: boolean;
  /** Stops the embedded store if it was started; safe to call more than once. */
  close(): Promise<void>;
};

/** Opens the order store the configuration names, exactly as the Lambda entry does. */
export function openServerStore(config: Config): ServerStore {
  return openOrderStore(config);
}
