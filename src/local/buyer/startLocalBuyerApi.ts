import { DEFAULT_SHIPPING_ADDRESS_TYPE } from '../../amazonpay/buyer/constants';
import { simulatedShippingAddress } from '../simulator/AmazonPaySimulator';
import type { Config } from '../../config/loadConfig';
import { isCountryOfEstablishment, type CountryOfEstablishment } from '../simulator/regions';
import type { BuyerProfile } from './BuyerProfile';
import { SANDBOX_BUYER } from './sandboxBuyer';
import { startBuyerApiStandIn, type BuyerApiStandInServer } from './startBuyerApiStandIn';

/**
 * The sandbox buyer of a merchant country: SANDBOX_BUYER's buyer id (one per access token), with
 * the offline Amazon Pay simulator's shipping address for that country as the default one, so the
 * order is priced for the address that its Setup answer then gives.
 */
export function localBuyerProfile(
  country: CountryOfEstablishment,
): (apiAccessToken: string) => BuyerProfile {
  return (apiAccessToken) => {
    const sandbox = SANDBOX_BUYER(apiAccessToken);
    const address: Record<string, string> = {};
    for (const [field, value] of Object.entries(simulatedShippingAddress(country))) {
      if (typeof value === 'string') address[field] = value;
    }
    return {
      buyerId: sandbox.buyerId,
      addresses: [
        { addressType: DEFAULT_SHIPPING_ADDRESS_TYPE, address },
        ...sandbox.addresses.filter((a) => a.addressType !== DEFAULT_SHIPPING_ADDRESS_TYPE),
      ],
    };
  };
}

/**
 * Starts the loopback Buyer API stand-in that `npm start`, the browser simulator and the tests
 * point the skill at (BUYER_API_ORIGIN): every access token is a sandbox buyer of the merchant
 * country, and the sandbox address call must name the configured sandbox email.
 */
export function startLocalBuyerApi(options: {
  readonly country: CountryOfEstablishment;
  readonly sandboxEmail?: string;
}): Promise<BuyerApiStandInServer> {
  return startBuyerApiStandIn({
    defaultProfile: localBuyerProfile(options.country),
    ...(options.sandboxEmail !== undefined && { sandboxEmail: options.sandboxEmail }),
  });
}

/**
 * Starts the local Buyer API stand-in for a shop's configuration, unless BUYER_API_ORIGIN names
 * another one (or the merchant country is not one the simulator knows): undefined then. The one
 * way npm start, the replay and the browser simulator decide it.
 */
export async function startLocalBuyerApiFor(
  config: Pick<Config, 'buyerApiOrigin' | 'merchantCountry' | 'sandboxCustomerEmail'>,
): Promise<BuyerApiStandInServer | undefined> {
  if (config.buyerApiOrigin !== undefined || !isCountryOfEstablishment(config.merchantCountry)) {
    return undefined;
  }
  return startLocalBuyerApi({
    country: config.merchantCountry,
    ...(config.sandboxCustomerEmail !== undefined && { sandboxEmail: config.sandboxCustomerEmail }),
  });
}
