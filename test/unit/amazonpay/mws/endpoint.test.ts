import { MWS_XML_NAMESPACE } from '../../../../src/amazonpay/mws/constants';
import { resolveMwsEndpoint } from '../../../../src/amazonpay/mws/endpoint';

describe('resolveMwsEndpoint', () => {
  it.each([
    ['NA', 'mws.amazonservices.com'],
    ['EU', 'mws-eu.amazonservices.com'],
    ['UK', 'mws-eu.amazonservices.com'],
    ['FE', 'mws.amazonservices.jp'],
  ] as const)('gives the %s host', (region, host) => {
    expect(resolveMwsEndpoint(region, false).host).toBe(host);
  });

  it('uses the sandbox path on the same host', () => {
    expect(resolveMwsEndpoint('NA', true)).toEqual({
      host: 'mws.amazonservices.com',
      path: '/OffAmazonPayments_Sandbox/2013-01-01',
      url: 'https://mws.amazonservices.com/OffAmazonPayments_Sandbox/2013-01-01',
    });
  });

  it('uses the live path when not in the sandbox', () => {
    expect(resolveMwsEndpoint('EU', false).url).toBe(
      'https://mws-eu.amazonservices.com/OffAmazonPayments/2013-01-01',
    );
  });
});

describe('MWS_XML_NAMESPACE', () => {
  it('is the namespace of the MWS answers', () => {
    expect(MWS_XML_NAMESPACE).toBe(
      'http://mws.amazonservices.com/schema/OffAmazonPayments/2013-01-01',
    );
  });
});
