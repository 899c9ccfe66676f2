import {
  resolveBuyerApiOrigin,
  resolveBuyerApiRegion,
} from '../../../../src/amazonpay/buyer/buyerApiOrigin';

describe('resolveBuyerApiOrigin', () => {
  it.each([
    ['https://api.amazonalexa.com', 'https://pay-api.amazon.com'],
    ['https://api.eu.amazonalexa.com', 'https://pay-api.amazon.eu'],
    ['https://api.fe.amazonalexa.com', 'https://pay-api.amazon.jp'],
    ['https://API.EU.amazonalexa.com/', 'https://pay-api.amazon.eu'],
  ])('maps the Alexa endpoint %s to %s', (apiEndpoint, origin) => {
    expect(resolveBuyerApiOrigin(apiEndpoint)).toBe(origin);
  });

  it.each([
    ['an unknown host', 'https://api.example.com'],
    ['a look-alike host', 'https://api.eu.amazonalexa.com.example.net'],
    ['a string that is not a URL', 'api.eu.amazonalexa.com'],
    ['an empty string', ''],
    ['no endpoint', undefined],
  ])('falls back to North America for %s', (_, apiEndpoint) => {
    expect(resolveBuyerApiOrigin(apiEndpoint)).toBe('https://pay-api.amazon.com');
  });
});

describe('resolveBuyerApiRegion', () => {
  it.each([
    ['https://api.amazonalexa.com', 'NA'],
    ['https://api.eu.amazonalexa.com', 'EU'],
    ['https://api.fe.amazonalexa.com', 'FE'],
    ['https://__proto__', 'NA'],
  ])('gives %s the region %s', (apiEndpoint, region) => {
    expect(resolveBuyerApiRegion(apiEndpoint)).toBe(region);
  });
});
