import {
  AMAZON_PAY_PAYLOAD_VERSION,
  AUTOPAY_CONSENT_SCOPE,
  CHARGE_DIRECTIVE_NAME,
  SEND_REQUEST_DIRECTIVE_TYPE,
  SETUP_DIRECTIVE_NAME,
} from '../../../src/amazonpay/constants';

describe('constants', () => {
  it.each([
    ['AUTOPAY_CONSENT_SCOPE', AUTOPAY_CONSENT_SCOPE, 'payments:autopay_consent'],
    ['SETUP_DIRECTIVE_NAME', SETUP_DIRECTIVE_NAME, 'Setup'],
    ['CHARGE_DIRECTIVE_NAME', CHARGE_DIRECTIVE_NAME, 'Charge'],
    ['AMAZON_PAY_PAYLOAD_VERSION', AMAZON_PAY_PAYLOAD_VERSION, '2'],
    ['SEND_REQUEST_DIRECTIVE_TYPE', SEND_REQUEST_DIRECTIVE_TYPE, 'Connections.SendRequest'],
  ])('spells %s as the protocol does', (_name, value, expected) => {
    expect(value).toBe(expected);
  });
});
