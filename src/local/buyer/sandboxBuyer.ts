import { createHash } from 'node:crypto';
import { DEFAULT_SHIPPING_ADDRESS_TYPE } from '../../amazonpay/buyer/constants';
import type { BuyerProfile } from './BuyerProfile';

/**
 * A sandbox-like buyer for any access token: a Buyer ID derived from a hash of the token (the
 * same token always gives the same id, and the token cannot be read back from it), a US default
 * shipping address of a fictitious person, and a billing address.
 *
 * The person, street and `555-01xx` phone number are fictitious.
 */
export const SANDBOX_BUYER = (apiAccessToken: string): BuyerProfile => ({
  buyerId: `amzn1.account.SANDBOX${createHash('sha256')
    .update(apiAccessToken)
    .digest('hex')
    .slice(0, 24)
    .toUpperCase()}`,
  addresses: [
    {
      addressType: DEFAULT_SHIPPING_ADDRESS_TYPE,
      address: {
        name: 'Sandy Sandbox',
        addressLine1: '100 Example Avenue',
        addressLine2: 'Suite 200',
        city: 'Seattle',
        stateOrRegion: 'WA',
        postalCode: '98101',
        countryCode: 'US',
        phone: '+1 206-555-0100',
      },
    },
    {
      addressType: 'BillingAddress',
      address: {
        name: 'Sandy Sandbox',
        addressLine1: '200 Sample Street',
        city: 'Bellevue',
        stateOrRegion: 'WA',
        postalCode: '98004',
        countryCode: 'US',
      },
    },
  ],
});
