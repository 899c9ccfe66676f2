import { MWS_SANDBOX_PATH } from '../../../../src/amazonpay/mws/constants';
import {
  buildCanonicalQuery,
  buildFormBody,
  buildStringToSign,
  computeSignature,
  encodeRfc3986,
  signParameters,
} from '../../../../src/amazonpay/mws/signatureV2';

/** The common parameters of the fact sheet's vectors (section 2, from the Java SDK tests). */
const COMMON = {
  AWSAccessKeyId: 'TEST_ACCESS_KEY',
  SellerId: 'TEST_MERCHANT_ID',
  Timestamp: '2015-12-31T23:59:58Z',
  SignatureMethod: 'HmacSHA256',
  SignatureVersion: '2',
  Version: '2013-01-01',
} as const;
const TARGET = { host: 'mws.amazonservices.com', path: MWS_SANDBOX_PATH };
const SECRET = 'TEST_SECRET_KEY';

describe('signatureV2', () => {
  describe('signParameters (the fact sheet test vectors)', () => {
    it('signs V1, GetOrderReferenceDetails', () => {
      // Act
      const signature = signParameters(
        TARGET,
        {
          ...COMMON,
          Action: 'GetOrderReferenceDetails',
          AmazonOrderReferenceId: 'AMAZON_ORDER_REFERENCE_ID',
        },
        SECRET,
      );

      // Assess
      expect(signature).toBe('cpkDC72d5lMIbo5ET2dvERTw4F2cGQJL3eQPzUe2pAE=');
    });

    it('signs V2, with an overriding SellerId and an MWSAuthToken', () => {
      expect(
        signParameters(
          TARGET,
          {
            ...COMMON,
            Action: 'GetOrderReferenceDetails',
            AmazonOrderReferenceId: 'AMAZON_ORDER_REFERENCE_ID',
            SellerId: 'OVERRIDE_SELLER_ID',
            MWSAuthToken: 'TEST_MWS_AUTH_TOKEN',
          },
          SECRET,
        ),
      ).toBe('MelQJXDdQJ85Z7aB85s7eYWm5TdGv6xYAQt/joOhXCo=');
    });

    it('signs V3, SetOrderReferenceDetails with dotted names', () => {
      expect(
        signParameters(
          TARGET,
          {
            ...COMMON,
            Action: 'SetOrderReferenceDetails',
            AmazonOrderReferenceId: 'AMAZON_ORDER_REFERENCE_ID',
            'OrderReferenceAttributes.OrderTotal.Amount': '2',
            'OrderReferenceAttributes.OrderTotal.CurrencyCode': 'USD',
          },
          SECRET,
        ),
      ).toBe('i51MSGv9O2G2LHIlhCXLigA3ZKaZRoc7Mb5A1VX2QTA=');
    });

    it('signs V4, AuthorizeOnBillingAgreement with a simulation note of spaces, quotes and braces', () => {
      expect(
        signParameters(
          TARGET,
          {
            ...COMMON,
            Action: 'AuthorizeOnBillingAgreement',
            AmazonBillingAgreementId: 'C01-1234567-1234567',
            AuthorizationReferenceId: 'sub-42-2015-12',
            'AuthorizationAmount.Amount': '9.99',
            'AuthorizationAmount.CurrencyCode': 'USD',
            CaptureNow: 'true',
            SellerAuthorizationNote:
              '{"SandboxSimulation": {"State":"Declined", "ReasonCode":"InvalidPaymentMethod", "PaymentMethodUpdateTimeInMins":5}}',
          },
          SECRET,
        ),
      ).toBe('nGOnC54zbe1L1FiJT+asfZ2Pzk8IilF8bfSH7JdS6a8=');
    });
  });

  describe('computeSignature', () => {
    it('matches V5, the raw HMAC of the Python SDK test', () => {
      expect(computeSignature('my_test_string', 'mws_secret_key')).toBe(
        'JQZYxe8EFlLE3XCAWotsn329rpZF7OFYhA8oo7rUV2E=',
      );
    });
  });

  describe('buildStringToSign', () => {
    it('gives the four lines of V1 joined by LF without a trailing newline', () => {
      // Act
      const stringToSign = buildStringToSign(TARGET, {
        ...COMMON,
        Action: 'GetOrderReferenceDetails',
        AmazonOrderReferenceId: 'AMAZON_ORDER_REFERENCE_ID',
      });

      // Assess
      expect(stringToSign).toBe(
        'POST\nmws.amazonservices.com\n/OffAmazonPayments_Sandbox/2013-01-01\n' +
          'AWSAccessKeyId=TEST_ACCESS_KEY&Action=GetOrderReferenceDetails&AmazonOrderReferenceId=AMAZON_ORDER_REFERENCE_ID' +
          '&SellerId=TEST_MERCHANT_ID&SignatureMethod=HmacSHA256&SignatureVersion=2' +
          '&Timestamp=2015-12-31T23%3A59%3A58Z&Version=2013-01-01',
      );
    });

    it('lowercases the host and signs an empty path as /', () => {
      expect(buildStringToSign({ host: 'MWS.AmazonServices.com', path: '' }, { A: '1' })).toBe(
        'POST\nmws.amazonservices.com\n/\nA=1',
      );
    });
  });

  describe('buildCanonicalQuery', () => {
    it('sorts names by bytes, so uppercase sorts before lowercase', () => {
      expect(buildCanonicalQuery({ b: '1', Action: '2', AWSAccessKeyId: '3', a: '4' })).toBe(
        'AWSAccessKeyId=3&Action=2&a=4&b=1',
      );
    });

    it('leaves out Signature and keeps the = of an empty value', () => {
      expect(buildCanonicalQuery({ Signature: 'x', Empty: '', Name: 'v' })).toBe('Empty=&Name=v');
    });
  });

  describe('encodeRfc3986', () => {
    it.each([
      ['a b', 'a%20b'],
      ['*', '%2A'],
      ['~-_.', '~-_.'],
      ["!'()", '%21%27%28%29'],
      ['+/=', '%2B%2F%3D'],
      ['é€', '%C3%A9%E2%82%AC'],
      ['{"a":1}', '%7B%22a%22%3A1%7D'],
    ])('encodes %j as %j with uppercase hex', (input, expected) => {
      expect(encodeRfc3986(input)).toBe(expected);
    });

    it('throws on a lone surrogate', () => {
      expect(() => encodeRfc3986('\ud800')).toThrow(URIError);
    });
  });

  describe('buildFormBody', () => {
    it('puts the encoded Signature last', () => {
      expect(buildFormBody({ B: 'x y', A: '1' }, 'ab+/=')).toBe(
        'A=1&B=x%20y&Signature=ab%2B%2F%3D',
      );
    });
  });
});
