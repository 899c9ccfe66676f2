import type { BuyerAddressEntry } from './BuyerAddressEntry';

/** A Buyer Address answer: the buyer's addresses, in Amazon's order. */
export type BuyerAddresses = {
  readonly addresses: ReadonlyArray<BuyerAddressEntry>;
};
