import type { BuyerPostalAddress } from './BuyerPostalAddress';

/**
 * One address of a Buyer Address answer with its `addressType`, e.g.
 * `DefaultOneClickShippingAddress` (see `DEFAULT_SHIPPING_ADDRESS_TYPE`).
 */
export type BuyerAddressEntry = {
  readonly addressType: string;
  readonly address: BuyerPostalAddress;
};
