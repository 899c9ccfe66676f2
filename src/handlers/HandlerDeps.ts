import type { BuyerLookup } from './BuyerLookup';
import type { CheckoutService } from '../checkout/CheckoutService';
import type { Logger } from '../checkout/Logger';

/** What every handler is constructed with. */
export type HandlerDeps = {
  readonly checkout: CheckoutService;
  readonly logger: Logger;
  /** The Buyer ID and Buyer Address lookups; absent, neither is asked (flat-rate policy). */
  readonly buyers?: BuyerLookup;
};
