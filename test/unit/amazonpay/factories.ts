import type { ChargeDirectiveParams } from '../../../src/amazonpay/chargeDirective';
import { AmazonPayValidationError } from '../../../src/amazonpay/errors';
import type { SetupDirectiveParams } from '../../../src/amazonpay/setupDirective';

/**
 * Parameter and envelope factories for the amazonpay/ tests.
 *
 * The envelope factories follow the shapes of the shared recorded envelopes
 * (`/work/shared/fixtures/envelopes/*.json`): each returns a valid object, `overrides` replace
 * fields, and an override of `undefined` removes a field (it vanishes on the wire).
 */
export type Fields = Record<string, unknown>;

/** The seller id of every factory. */
export const SELLER_ID = 'A1TESTSELLER0001';

/** The order id every factory uses as the directive token. */
export const ORDER_ID = '01JEXAMPLE0000000000000001';

/** Parameters of a valid live US Setup that asks for the shipping address. */
export function aSetupParams(overrides: Partial<SetupDirectiveParams> = {}): SetupDirectiveParams {
  return {
    token: ORDER_ID,
    sellerId: SELLER_ID,
    countryOfEstablishment: 'US',
    ledgerCurrency: 'USD',
    checkoutLanguage: 'en_US',
    needAmazonShippingAddress: true,
    storeName: 'Fake Coffee Shop',
    ...overrides,
  };
}

/** Parameters of a valid AuthorizeAndCapture Charge of 34.97 USD with no optional texts. */
export function aChargeParams(
  overrides: Partial<ChargeDirectiveParams> = {},
): ChargeDirectiveParams {
  return {
    token: ORDER_ID,
    sellerId: SELLER_ID,
    billingAgreementId: 'B02-1234567-1234567',
    paymentAction: 'AuthorizeAndCapture',
    authorizationReferenceId: `${ORDER_ID}-1`,
    amount: { amountMinor: 3497, currency: 'USD' },
    ledgerCurrency: 'USD',
    ...overrides,
  };
}

/**
 * Runs a builder and returns the `field` of the AmazonPayValidationError it throws.
 *
 * Returns undefined when nothing is thrown; any other error is rethrown, so a test expecting a
 * field fails on it.
 */
export function rejectedField(act: () => unknown): string | undefined {
  try {
    act();
  } catch (error) {
    if (error instanceof AmazonPayValidationError) return error.field;
    throw error;
  }
  return undefined;
}

/** A string of `length` copies of `char`. */
export function text(length: number, char = 'a'): string {
  return char.repeat(length);
}

/** A shipping address as Amazon returns it in `billingAgreementDetails.destination`. */
export function aDestination(overrides: Fields = {}): Fields {
  return {
    name: 'Test Buyer',
    addressLine1: '123 Example Street',
    city: 'Springfield',
    stateOrRegion: 'XX',
    postalCode: '00000',
    countryCode: 'US',
    phone: '000-000-0000',
    ...overrides,
  };
}

/** `billingAgreementDetails` of an OPEN sandbox agreement with a shipping address. */
export function aBillingAgreementDetails(overrides: Fields = {}): Fields {
  return {
    billingAgreementId: 'C01-0000000-FAKE0001',
    creationTimestamp: '2026-12-03T09:59:58Z',
    checkoutLanguage: 'en_US',
    releaseEnvironment: 'SANDBOX',
    billingAgreementStatus: 'OPEN',
    destination: aDestination(),
    ...overrides,
  };
}

/** `authorizationDetails.authorizationStatus` of a captured authorization. */
export function anAuthorizationStatus(overrides: Fields = {}): Fields {
  return {
    state: 'Closed',
    reasonCode: 'MaxCapturesProcessed',
    reasonDescription: 'The authorization has been captured',
    lastUpdateTimestamp: '2026-12-03T10:00:00Z',
    ...overrides,
  };
}

/** `authorizationDetails` of an AuthorizeAndCapture of 19.99 USD that was captured. */
export function anAuthorizationDetails(overrides: Fields = {}): Fields {
  return {
    amazonAuthorizationId: 'S01-0000000-FAKE0002-A000001',
    authorizationReferenceId: 'authref-test-0001',
    sellerAuthorizationNote: '',
    authorizationAmount: { amount: '19.99', currencyCode: 'USD' },
    capturedAmount: { amount: '19.99', currencyCode: 'USD' },
    authorizationFee: { amount: '0.00', currencyCode: 'USD' },
    idList: ['S01-0000000-FAKE0002-C000001'],
    creationTimestamp: '2026-12-03T09:59:59Z',
    expirationTimestamp: '2027-01-02T09:59:59Z',
    authorizationStatus: anAuthorizationStatus(),
    softDecline: false,
    captureNow: true,
    softDescriptor: 'AMZ*FakeShop',
    ...overrides,
  };
}

/** The `request` of a Connections.Response: a successful Setup unless overridden. */
export function aConnectionsResponse(overrides: Fields = {}): Fields {
  return {
    type: 'Connections.Response',
    requestId: 'amzn1.echo-api.request.00000000-0000-0000-0000-000000000001',
    timestamp: '2026-12-03T10:00:00Z',
    locale: 'en-US',
    status: { code: '200', message: 'OK' },
    name: 'Setup',
    payload: { billingAgreementDetails: aBillingAgreementDetails() },
    token: 'tok-setup-0001',
    ...overrides,
  };
}

/** The `request` of a successful Setup answer with the given agreement details. */
export function aSetupResponse(details: Fields = {}): Fields {
  return aConnectionsResponse({
    payload: { billingAgreementDetails: aBillingAgreementDetails(details) },
  });
}

/** The `request` of a successful Charge answer with the given authorization details. */
export function aChargeResponse(details: Fields = {}): Fields {
  return aConnectionsResponse({
    name: 'Charge',
    token: 'tok-charge-0001',
    payload: {
      amazonOrderReferenceId: 'S01-0000000-FAKE0002',
      authorizationDetails: anAuthorizationDetails(details),
    },
  });
}

/** The `request` of an error answer: a status other than 200 and an error payload. */
export function anErrorResponse(
  name: 'Setup' | 'Charge',
  statusCode: string,
  errorCode: string,
  overrides: Fields = {},
): Fields {
  return aConnectionsResponse({
    name,
    status: { code: statusCode, message: errorCode },
    payload: { errorCode, errorMessage: `Simulated ${errorCode}` },
    ...overrides,
  });
}

/** The `permissions` object of a user who answered the Amazon Pay permission with `status`. */
export function aPermissions(status: string): Fields {
  return {
    consentToken: 'test-consent-token',
    scopes: { 'payments:autopay_consent': { status } },
  };
}

/**
 * A request envelope whose `context.System.user` and `session.user` carry the given permissions
 * objects; `undefined` leaves the `permissions` key out.
 */
export function anEnvelope(permissions: {
  readonly context?: unknown;
  readonly session?: unknown;
}): Fields {
  const user = (value: unknown): Fields => ({
    userId: 'amzn1.ask.account.TESTUSER',
    ...(value !== undefined && { permissions: value }),
  });
  return {
    version: '1.0',
    session: { new: true, sessionId: 'amzn1.echo-api.session.1', user: user(permissions.session) },
    context: {
      System: {
        user: user(permissions.context),
        apiEndpoint: 'https://api.amazonalexa.com',
        apiAccessToken: 'test-token',
      },
    },
    request: { type: 'IntentRequest', locale: 'en-US' },
  };
}
