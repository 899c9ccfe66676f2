import { DEFAULT_SHIPPING_ADDRESS_TYPE } from '../../amazonpay/buyer/constants';
import type { ScenarioBuyer } from '../scenarios';
import type { BuyerProfile } from './BuyerProfile';
import type { BuyerApiStandInServer } from './startBuyerApiStandIn';

/** A profile whose default shipping address has some fields replaced. */
export function withDefaultAddress(
  profile: BuyerProfile,
  fields: Readonly<Record<string, string>>,
): BuyerProfile {
  return {
    ...profile,
    addresses: profile.addresses.map((entry) =>
      entry.addressType === DEFAULT_SHIPPING_ADDRESS_TYPE
        ? { ...entry, address: { ...entry.address, ...fields } }
        : entry,
    ),
  };
}

/**
 * Sets the Buyer API stand-in up for a scenario's shopper: the buyer of the access token (the
 * base profile, with the scenario's default-address fields) and how the Buyer Address API answers
 * (normally, unless the scenario says otherwise).
 */
export function applyScenarioBuyer(
  standIn: BuyerApiStandInServer,
  buyer: ScenarioBuyer | undefined,
  apiAccessToken: string,
  base: BuyerProfile,
): void {
  standIn.setBehaviour('BuyerAddress', buyer?.addressBehaviour ?? { kind: 'ok' });
  standIn.addBuyer(
    apiAccessToken,
    buyer?.address === undefined ? base : withDefaultAddress(base, buyer.address),
  );
}
