import { findDefaultShippingAddress } from '../../../../src/amazonpay/buyer/findDefaultShippingAddress';
import {
  parseBuyerAddressesBody,
  parseBuyerIdBody,
} from '../../../../src/amazonpay/buyer/parseBuyerResponses';
import { SANDBOX_BUYER } from '../../../../src/local/buyer/sandboxBuyer';

const TOKEN = 'Atza|IwEBISandboxToken';

describe('SANDBOX_BUYER', () => {
  it('derives the same buyer id from the same token', () => {
    expect(SANDBOX_BUYER(TOKEN).buyerId).toBe(SANDBOX_BUYER(TOKEN).buyerId);
  });

  it('derives different buyer ids from different tokens', () => {
    expect(SANDBOX_BUYER(TOKEN).buyerId).not.toBe(SANDBOX_BUYER(`${TOKEN}2`).buyerId);
  });

  it('gives an id the client accepts, which does not contain the token', () => {
    // Prepare
    const { buyerId } = SANDBOX_BUYER(TOKEN);

    // Act
    const parsed = parseBuyerIdBody({ buyerId });

    // Assess
    expect(parsed).toEqual({ ok: true, value: { buyerId } });
    expect(buyerId).toMatch(/^amzn1\.account\.SANDBOX[0-9A-F]{24}$/);
    expect(buyerId).not.toContain('IwEBISandboxToken');
  });

  it('has a US default shipping address and a billing address', () => {
    // Prepare
    const profile = SANDBOX_BUYER(TOKEN);

    // Act
    const parsed = parseBuyerAddressesBody({ addresses: profile.addresses });

    // Assess
    expect(parsed.ok).toBe(true);
    const addresses = parsed.ok ? parsed.value : { addresses: [] };
    expect(addresses.addresses.map((entry) => entry.addressType)).toEqual([
      'DefaultOneClickShippingAddress',
      'BillingAddress',
    ]);
    expect(findDefaultShippingAddress(addresses)).toMatchObject({
      countryCode: 'US',
      stateOrRegion: 'WA',
      postalCode: '98101',
      phone: expect.stringMatching(/555-01\d\d$/) as string,
    });
  });
});
