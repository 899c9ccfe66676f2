import { DEFAULT_SHIPPING_ADDRESS_TYPE } from '../../../../src/amazonpay/buyer/constants';
import { findDefaultShippingAddress } from '../../../../src/amazonpay/buyer/findDefaultShippingAddress';

describe('findDefaultShippingAddress', () => {
  it('picks the DefaultOneClickShippingAddress entry wherever it stands', () => {
    // Prepare
    const shipping = { city: 'Seattle', countryCode: 'US' };
    const result = {
      addresses: [
        { addressType: 'BillingAddress', address: { city: 'Bellevue' } },
        { addressType: DEFAULT_SHIPPING_ADDRESS_TYPE, address: shipping },
        { addressType: DEFAULT_SHIPPING_ADDRESS_TYPE, address: { city: 'Second' } },
      ],
    };

    // Act
    const found = findDefaultShippingAddress(result);

    // Assess
    expect(found).toBe(shipping);
  });

  it('returns undefined when no entry is the default shipping address', () => {
    expect(
      findDefaultShippingAddress({
        addresses: [{ addressType: 'BillingAddress', address: { city: 'Bellevue' } }],
      }),
    ).toBeUndefined();
  });

  it('returns undefined for a buyer without addresses', () => {
    expect(findDefaultShippingAddress({ addresses: [] })).toBeUndefined();
  });
});
