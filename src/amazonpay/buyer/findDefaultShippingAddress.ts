import type { BuyerAddresses } from './BuyerAddresses';
import type { BuyerPostalAddress } from './BuyerPostalAddress';
import { DEFAULT_SHIPPING_ADDRESS_TYPE } from './constants';

/**
 * Returns the buyer's default shipping address: the first entry whose `addressType` is
 * `DefaultOneClickShippingAddress`, or undefined when there is none.
 */
export function findDefaultShippingAddress(result: BuyerAddresses): BuyerPostalAddress | undefined {
  return result.addresses.find((entry) => entry.addressType === DEFAULT_SHIPPING_ADDRESS_TYPE)
    ?.address;
}
