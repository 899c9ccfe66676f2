/**
 * Payload and directive factories for the simulator tests.
 *
 * Written from the protocol page, not from the skill's builders, like the simulator itself. Each
 * factory returns a valid object; `overrides` replace fields, and `undefined` removes one (it
 * vanishes on the wire).
 */
export type Fields = Record<string, unknown>;

/** The fixed time of every simulator test. */
export const FIXED_NOW = new Date('2026-12-03T10:00:00.000Z');

/** The seller id of every factory payload. */
export const SELLER_ID = 'A1TESTSELLER0001';

/** Returns a clock that always answers FIXED_NOW. */
export function fixedClock(): () => Date {
  return () => FIXED_NOW;
}

/** Returns an id generator that answers ID0001-0000000, ID0002-0000000, … */
export function sequentialIds(): () => string {
  let next = 0;
  return () => {
    next += 1;
    return `ID${String(next).padStart(4, '0')}-0000000`;
  };
}

/** Builds a valid SellerBillingAgreementAttributes entity. */
export function aSellerBillingAgreementAttributes(overrides: Fields = {}): Fields {
  return {
    '@type': 'SellerBillingAgreementAttributes',
    '@version': '2',
    storeName: 'Fake Coffee Shop',
    ...overrides,
  };
}

/** Builds a valid BillingAgreementAttributes entity. */
export function aBillingAgreementAttributes(overrides: Fields = {}): Fields {
  return {
    '@type': 'BillingAgreementAttributes',
    '@version': '2',
    sellerNote: 'Your coffee order',
    sellerBillingAgreementAttributes: aSellerBillingAgreementAttributes(),
    ...overrides,
  };
}

/** Builds a valid request Price entity. */
export function aPrice(amount: unknown, currencyCode: unknown, overrides: Fields = {}): Fields {
  return { '@type': 'Price', '@version': '2', amount, currencyCode, ...overrides };
}

/** Builds a valid US sandbox SetupAmazonPayRequest that asks for the shipping address. */
export function aSetupPayload(overrides: Fields = {}): Fields {
  return {
    '@type': 'SetupAmazonPayRequest',
    '@version': '2',
    sellerId: SELLER_ID,
    countryOfEstablishment: 'US',
    ledgerCurrency: 'USD',
    checkoutLanguage: 'en_US',
    needAmazonShippingAddress: true,
    sandboxMode: true,
    sandboxCustomerEmailId: 'test-buyer@example.com',
    billingAgreementAttributes: aBillingAgreementAttributes(),
    ...overrides,
  };
}

/** Builds a valid Setup payload for a live (not sandbox) merchant. */
export function aLiveSetupPayload(overrides: Fields = {}): Fields {
  return aSetupPayload({ sandboxMode: undefined, sandboxCustomerEmailId: undefined, ...overrides });
}

/** Builds a valid AuthorizeAttributes entity for 19.99 USD. */
export function anAuthorizeAttributes(overrides: Fields = {}): Fields {
  return {
    '@type': 'AuthorizeAttributes',
    '@version': '2',
    authorizationReferenceId: 'order-0001-1',
    authorizationAmount: aPrice('19.99', 'USD'),
    transactionTimeout: 0,
    ...overrides,
  };
}

/** Builds a valid SellerOrderAttributes entity. */
export function aSellerOrderAttributes(overrides: Fields = {}): Fields {
  return {
    '@type': 'SellerOrderAttributes',
    '@version': '2',
    sellerOrderId: 'order-0001',
    storeName: 'Fake Coffee Shop',
    ...overrides,
  };
}

/** Builds a valid AuthorizeAndCapture ChargeAmazonPayRequest on the given agreement. */
export function aChargePayload(overrides: Fields = {}): Fields {
  return {
    '@type': 'ChargeAmazonPayRequest',
    '@version': '2',
    sellerId: SELLER_ID,
    billingAgreementId: 'B02-0000000-0000000',
    paymentAction: 'AuthorizeAndCapture',
    authorizeAttributes: anAuthorizeAttributes(),
    sellerOrderAttributes: aSellerOrderAttributes(),
    ...overrides,
  };
}

/** Builds a Connections.SendRequest directive. */
export function aSendRequest(name: string, payload: unknown, token = `tok-${name}-0001`): Fields {
  return { type: 'Connections.SendRequest', name, payload, token };
}

/** Returns a string of `length` copies of `character`. */
export function text(length: number, character = 'x'): string {
  return character.repeat(length);
}

/** Builds an SCA sandbox simulation string with the given PaymentAuthenticationStatus state. */
export function anAuthenticationSimulation(state: string): string {
  return JSON.stringify({ SandboxSimulation: { PaymentAuthenticationStatus: { State: state } } });
}

/** Builds a valid sandbox Setup for a MerchantInitiatedTransaction (charge later) with a seller note. */
export function aMerchantInitiatedSetupPayload(sellerNote: string, overrides: Fields = {}): Fields {
  return aSetupPayload({
    billingAgreementAttributes: aBillingAgreementAttributes({
      billingAgreementType: 'MerchantInitiatedTransaction',
      sellerNote,
    }),
    ...overrides,
  });
}
