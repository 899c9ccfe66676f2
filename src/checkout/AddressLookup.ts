import type { Destination } from './deliveryQuote';

/** Why the shopper's address could not be had from the Buyer Address API. */
export type AddressUnavailableReason =
  /** The call was not made (no API access token, or no Buyer API configured). */
  | 'notAsked'
  /** The answer had no default shipping address, or it named no country. */
  | 'noDefaultAddress'
  | 'permission'
  | 'throttled'
  | 'unavailable'
  | 'timeout'
  | 'malformed';

/** What the Buyer Address API gave for the shopper: the delivery-deciding part of it, or why not. */
export type AddressLookup =
  | { readonly kind: 'found'; readonly destination: Destination }
  | { readonly kind: 'unavailable'; readonly reason: AddressUnavailableReason };

/** What the Buyer APIs told about the shopper: the buyer id when known, and the address lookup. */
export type ShopperFacts = {
  readonly buyerId?: string;
  readonly address: AddressLookup;
};
