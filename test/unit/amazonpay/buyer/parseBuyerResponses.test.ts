import {
  parseBuyerAddressesBody,
  parseBuyerApiReasonCode,
  parseBuyerIdBody,
  parseBuyerPostalAddress,
} from '../../../../src/amazonpay/buyer/parseBuyerResponses';

describe('parseBuyerIdBody', () => {
  it('reads the buyer id', () => {
    expect(parseBuyerIdBody({ buyerId: 'amzn1.account.AEXAMPLE' })).toEqual({
      ok: true,
      value: { buyerId: 'amzn1.account.AEXAMPLE' },
    });
  });

  it('accepts an id of exactly 256 characters', () => {
    expect(parseBuyerIdBody({ buyerId: 'a'.repeat(256) }).ok).toBe(true);
  });

  it.each([
    ['a missing id', {}, 'buyerId is missing or not a string'],
    ['a numeric id', { buyerId: 42 }, 'buyerId is missing or not a string'],
    ['a body that is not an object', ['amzn1'], 'buyerId is missing or not a string'],
    ['an empty id', { buyerId: '' }, 'buyerId is empty'],
    [
      'an id over 256 characters',
      { buyerId: 'a'.repeat(257) },
      'buyerId is longer than 256 characters',
    ],
    [
      'an id with a space',
      { buyerId: 'amzn1 x' },
      'buyerId has characters other than printable ASCII',
    ],
    [
      'an id with a newline',
      { buyerId: 'amzn1\n' },
      'buyerId has characters other than printable ASCII',
    ],
    [
      'an id with non-ASCII',
      { buyerId: 'amzn1é' },
      'buyerId has characters other than printable ASCII',
    ],
  ])('refuses %s', (_, body, problem) => {
    expect(parseBuyerIdBody(body)).toEqual({ ok: false, problem });
  });

  it('names the field, never the value, in its problem', () => {
    // Prepare
    const body = { buyerId: 'secret id with spaces' };

    // Act
    const result = parseBuyerIdBody(body);

    // Assess
    expect(JSON.stringify(result)).not.toContain('secret');
  });
});

describe('parseBuyerPostalAddress', () => {
  it('keeps every documented string field', () => {
    // Prepare
    const address = {
      name: 'Sam Example',
      addressLine1: '1 Main St',
      addressLine2: 'Apt 2',
      addressLine3: 'Rear',
      city: 'Springfield',
      districtOrCounty: 'County',
      stateOrRegion: 'WA',
      postalCode: '98101',
      countryCode: 'US',
      phone: '+1 206-555-0100',
    };

    // Act
    const parsed = parseBuyerPostalAddress(address);

    // Assess
    expect(parsed).toEqual(address);
  });

  it('drops fields of the wrong type, empty fields and undocumented fields', () => {
    expect(
      parseBuyerPostalAddress({
        name: 7,
        city: null,
        addressLine1: '   ',
        postalCode: ['98101'],
        stateOrRegion: 'WA',
        email: 'someone@example.com',
      }),
    ).toEqual({ stateOrRegion: 'WA' });
  });

  it('trims the fields and upper-cases the country code', () => {
    expect(parseBuyerPostalAddress({ city: ' Paris ', countryCode: ' fr ' })).toEqual({
      city: 'Paris',
      countryCode: 'FR',
    });
  });

  it('reads nothing from the prototype', () => {
    expect(parseBuyerPostalAddress(Object.create({ city: 'Inherited' }))).toEqual({});
  });

  it('gives an empty address for a value that is not an object', () => {
    expect(parseBuyerPostalAddress('1 Main St')).toEqual({});
  });
});

describe('parseBuyerAddressesBody', () => {
  it('reads each entry with its type and parsed address', () => {
    expect(
      parseBuyerAddressesBody({
        addresses: [
          { addressType: 'DefaultOneClickShippingAddress', address: { countryCode: 'us' } },
          { addressType: 'BillingAddress', address: { city: 'Bellevue' } },
        ],
      }),
    ).toEqual({
      ok: true,
      value: {
        addresses: [
          { addressType: 'DefaultOneClickShippingAddress', address: { countryCode: 'US' } },
          { addressType: 'BillingAddress', address: { city: 'Bellevue' } },
        ],
      },
    });
  });

  it('accepts a buyer without addresses', () => {
    expect(parseBuyerAddressesBody({ addresses: [] })).toEqual({
      ok: true,
      value: { addresses: [] },
    });
  });

  it('drops entries without a string type or an object address', () => {
    // Prepare
    const body = {
      addresses: [
        null,
        'BillingAddress',
        { address: { city: 'No type' } },
        { addressType: '', address: { city: 'Empty type' } },
        { addressType: 5, address: { city: 'Numeric type' } },
        { addressType: 'BillingAddress' },
        { addressType: 'BillingAddress', address: ['Array'] },
        { addressType: 'Kept', address: { city: 'Kept' } },
      ],
    };

    // Act
    const result = parseBuyerAddressesBody(body);

    // Assess
    expect(result).toEqual({
      ok: true,
      value: { addresses: [{ addressType: 'Kept', address: { city: 'Kept' } }] },
    });
  });

  it.each([
    ['a missing list', {}],
    ['a list that is an object', { addresses: { type: 'none' } }],
    ['a body that is not an object', null],
  ])('refuses %s', (_, body) => {
    expect(parseBuyerAddressesBody(body)).toEqual({
      ok: false,
      problem: 'addresses is missing or not an array',
    });
  });
});

describe('parseBuyerApiReasonCode', () => {
  it.each([['InvalidAuthorizationToken'], ['Throttled.Buyer'], ['E_500'], ['a'.repeat(64)]])(
    'keeps the code-like reason code %s',
    (reasonCode) => {
      expect(parseBuyerApiReasonCode({ reasonCode, message: 'details' })).toBe(reasonCode);
    },
  );

  it.each([
    ['free text', { reasonCode: 'Your token Atza|x is invalid' }],
    ['an email', { reasonCode: 'someone@example.com' }],
    ['a code over 64 characters', { reasonCode: 'a'.repeat(65) }],
    ['a code starting with a digit', { reasonCode: '1Code' }],
    ['a number', { reasonCode: 401 }],
    ['no code', { message: 'Unauthorized' }],
    ['a body that is not an object', 'Unauthorized'],
  ])('gives undefined for %s', (_, body) => {
    expect(parseBuyerApiReasonCode(body)).toBeUndefined();
  });
});
