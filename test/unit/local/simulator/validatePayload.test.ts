import {
  PayloadErrorCode,
  validateChargePayload,
  validateSetupPayload,
} from '../../../../src/local/simulator/validatePayload';
import {
  SELLER_ID,
  aBillingAgreementAttributes,
  aChargePayload,
  aLiveSetupPayload,
  aPrice,
  aSellerBillingAgreementAttributes,
  aSellerOrderAttributes,
  aSetupPayload,
  anAuthorizeAttributes,
  text,
} from './factories';
import type { Fields } from './factories';
import {
  BillingAgreementType,
  buildSetupDirective,
} from '../../../../src/amazonpay/setupDirective';

const {
  InvalidParameterValue: IPV,
  UnsupportedCountryOfEstablishment: UCOE,
  UnsupportedCurrency: UC,
  InvalidSandboxCustomerEmail: ISCE,
  InvalidPaymentAction: IPA,
  InvalidAuthorizationAmount: IAA,
} = PayloadErrorCode;

const withAgreementAttributes = (overrides: Fields): Fields =>
  aSetupPayload({ billingAgreementAttributes: aBillingAgreementAttributes(overrides) });

const withSellerAgreementAttributes = (overrides: Fields): Fields =>
  withAgreementAttributes({
    sellerBillingAgreementAttributes: aSellerBillingAgreementAttributes(overrides),
  });

const withAuthorize = (overrides: Fields): Fields =>
  aChargePayload({ authorizeAttributes: anAuthorizeAttributes(overrides) });

const withAmount = (amount: unknown, currency: unknown = 'USD', overrides: Fields = {}): Fields =>
  withAuthorize({ authorizationAmount: aPrice(amount, currency, overrides) });

const withSellerOrder = (overrides: Fields): Fields =>
  aChargePayload({ sellerOrderAttributes: aSellerOrderAttributes(overrides) });

const aProviderAttributes = (overrides: Fields = {}): Fields => ({
  '@type': 'ProviderAttributes',
  '@version': '2',
  providerId: 'A2PROVIDER',
  providerCreditList: [
    {
      '@type': 'ProviderCredit',
      '@version': '2',
      providerId: 'A2PROVIDER',
      credit: aPrice('1.00', 'USD'),
    },
  ],
  ...overrides,
});

describe('validateSetupPayload', () => {
  it.each<[string, Fields]>([
    ['the US sandbox payload', aSetupPayload()],
    ['a JSON round trip of it', JSON.parse(JSON.stringify(aSetupPayload())) as Fields],
    [
      'only the required fields',
      aLiveSetupPayload({
        checkoutLanguage: undefined,
        needAmazonShippingAddress: undefined,
        billingAgreementAttributes: undefined,
      }),
    ],
    ['a live payload (no sandbox fields)', aLiveSetupPayload()],
    ['sandboxMode false without an email', aLiveSetupPayload({ sandboxMode: false })],
    ['needAmazonShippingAddress false', aSetupPayload({ needAmazonShippingAddress: false })],
    [
      'DE / EUR / de_DE',
      aSetupPayload({
        countryOfEstablishment: 'DE',
        ledgerCurrency: 'EUR',
        checkoutLanguage: 'de_DE',
      }),
    ],
    [
      'AT / EUR / en_GB',
      aSetupPayload({
        countryOfEstablishment: 'AT',
        ledgerCurrency: 'EUR',
        checkoutLanguage: 'en_GB',
      }),
    ],
    [
      'FR / EUR / fr_FR',
      aSetupPayload({
        countryOfEstablishment: 'FR',
        ledgerCurrency: 'EUR',
        checkoutLanguage: 'fr_FR',
      }),
    ],
    [
      'IT / EUR / it_IT',
      aSetupPayload({
        countryOfEstablishment: 'IT',
        ledgerCurrency: 'EUR',
        checkoutLanguage: 'it_IT',
      }),
    ],
    [
      'ES / EUR / es_ES',
      aSetupPayload({
        countryOfEstablishment: 'ES',
        ledgerCurrency: 'EUR',
        checkoutLanguage: 'es_ES',
      }),
    ],
    [
      'CH / EUR (the page lists EUR for every EU-region country)',
      aSetupPayload({
        countryOfEstablishment: 'CH',
        ledgerCurrency: 'EUR',
        checkoutLanguage: 'de_DE',
      }),
    ],
    [
      'UK / GBP / en_GB',
      aSetupPayload({
        countryOfEstablishment: 'UK',
        ledgerCurrency: 'GBP',
        checkoutLanguage: 'en_GB',
      }),
    ],
    [
      'UK / GBP / de_DE (any European language fits the UK)',
      aSetupPayload({
        countryOfEstablishment: 'UK',
        ledgerCurrency: 'GBP',
        checkoutLanguage: 'de_DE',
      }),
    ],
    [
      'JP / JPY / ja_JP',
      aSetupPayload({
        countryOfEstablishment: 'JP',
        ledgerCurrency: 'JPY',
        checkoutLanguage: 'ja_JP',
      }),
    ],
    [
      'a MerchantInitiatedTransaction with a subscription amount',
      withAgreementAttributes({
        billingAgreementType: 'MerchantInitiatedTransaction',
        subscriptionAmount: aPrice('25.00', 'USD'),
      }),
    ],
    [
      'a CustomerInitiatedTransaction',
      withAgreementAttributes({ billingAgreementType: 'CustomerInitiatedTransaction' }),
    ],
    ['a sellerNote of 1024 characters', withAgreementAttributes({ sellerNote: text(1024) })],
    ['an empty sellerNote', withAgreementAttributes({ sellerNote: '' })],
    [
      'a platformId that is not the sellerId',
      withAgreementAttributes({ platformId: 'A9PROVIDER' }),
    ],
    [
      'agreement attributes with only a sellerNote',
      withAgreementAttributes({ sellerBillingAgreementAttributes: undefined }),
    ],
    [
      'a sellerBillingAgreementId of 32 allowed characters',
      withSellerAgreementAttributes({ sellerBillingAgreementId: `Ab9_-${text(27, 'z')}` }),
    ],
    ['a storeName of 50 characters', withSellerAgreementAttributes({ storeName: text(50) })],
    [
      'a storeName of 50 Japanese characters (limits count characters)',
      withSellerAgreementAttributes({ storeName: text(50, '珈') }),
    ],
    [
      'a customInformation of 1024 characters only',
      withSellerAgreementAttributes({ storeName: undefined, customInformation: text(1024) }),
    ],
    [
      'an email with subdomains',
      aSetupPayload({ sandboxCustomerEmailId: 'a.b+c@mail.example.co.uk' }),
    ],
  ])('accepts %s', (_label, payload) => {
    expect(validateSetupPayload(payload)).toBeUndefined();
  });

  it.each<[string, unknown, string, string]>([
    ['null', null, IPV, 'payload'],
    ['a string', 'SetupAmazonPayRequest', IPV, 'payload'],
    ['an array', [aSetupPayload()], IPV, 'payload'],
    ['a missing @type', aSetupPayload({ '@type': undefined }), IPV, 'payload.@type'],
    [
      'the Charge @type',
      aSetupPayload({ '@type': 'ChargeAmazonPayRequest' }),
      IPV,
      'payload.@type',
    ],
    ['@version 1.0', aSetupPayload({ '@version': '1.0' }), IPV, 'payload.@version'],
    ['@version as a number', aSetupPayload({ '@version': 2 }), IPV, 'payload.@version'],
    ['a missing @version', aSetupPayload({ '@version': undefined }), IPV, 'payload.@version'],
    [
      'an unknown top-level key',
      aSetupPayload({ sellerID: SELLER_ID }),
      IPV,
      "payload has an unknown field 'sellerID'",
    ],
    [
      'a top-level key that belongs to Charge',
      aSetupPayload({ paymentAction: 'Authorize' }),
      IPV,
      "payload has an unknown field 'paymentAction'",
    ],
    ['a missing sellerId', aSetupPayload({ sellerId: undefined }), IPV, 'payload.sellerId'],
    ['an empty sellerId', aSetupPayload({ sellerId: '' }), IPV, 'payload.sellerId'],
    ['a blank sellerId', aSetupPayload({ sellerId: '   ' }), IPV, 'payload.sellerId'],
    ['a numeric sellerId', aSetupPayload({ sellerId: 42 }), IPV, 'payload.sellerId'],
    [
      'a missing countryOfEstablishment',
      aSetupPayload({ countryOfEstablishment: undefined }),
      IPV,
      'payload.countryOfEstablishment',
    ],
    [
      'countryOfEstablishment GB',
      aSetupPayload({
        countryOfEstablishment: 'GB',
        ledgerCurrency: 'GBP',
        checkoutLanguage: 'en_GB',
      }),
      UCOE,
      'payload.countryOfEstablishment',
    ],
    [
      'countryOfEstablishment in lower case',
      aSetupPayload({ countryOfEstablishment: 'us' }),
      UCOE,
      'payload.countryOfEstablishment',
    ],
    [
      'countryOfEstablishment CA',
      aSetupPayload({ countryOfEstablishment: 'CA' }),
      UCOE,
      'payload.countryOfEstablishment',
    ],
    [
      'a numeric countryOfEstablishment',
      aSetupPayload({ countryOfEstablishment: 840 }),
      UCOE,
      'payload.countryOfEstablishment',
    ],
    [
      'an object as countryOfEstablishment',
      aSetupPayload({ countryOfEstablishment: {} }),
      UCOE,
      'payload.countryOfEstablishment',
    ],
    [
      'a boolean ledgerCurrency',
      aSetupPayload({ ledgerCurrency: true }),
      UC,
      'payload.ledgerCurrency',
    ],
    [
      'a very long checkoutLanguage',
      aSetupPayload({ checkoutLanguage: text(60) }),
      IPV,
      'payload.checkoutLanguage',
    ],
    [
      'a missing ledgerCurrency',
      aSetupPayload({ ledgerCurrency: undefined }),
      IPV,
      'payload.ledgerCurrency',
    ],
    ['EUR for the US', aSetupPayload({ ledgerCurrency: 'EUR' }), UC, 'payload.ledgerCurrency'],
    ['usd in lower case', aSetupPayload({ ledgerCurrency: 'usd' }), UC, 'payload.ledgerCurrency'],
    [
      'GBP for DE',
      aSetupPayload({
        countryOfEstablishment: 'DE',
        ledgerCurrency: 'GBP',
        checkoutLanguage: 'de_DE',
      }),
      UC,
      'payload.ledgerCurrency',
    ],
    [
      'EUR for the UK',
      aSetupPayload({
        countryOfEstablishment: 'UK',
        ledgerCurrency: 'EUR',
        checkoutLanguage: 'en_GB',
      }),
      UC,
      'payload.ledgerCurrency',
    ],
    [
      'USD for JP',
      aSetupPayload({
        countryOfEstablishment: 'JP',
        ledgerCurrency: 'USD',
        checkoutLanguage: 'ja_JP',
      }),
      UC,
      'payload.ledgerCurrency',
    ],
    ['JPY for the US', aSetupPayload({ ledgerCurrency: 'JPY' }), UC, 'payload.ledgerCurrency'],
    [
      'CHF for CH',
      aSetupPayload({
        countryOfEstablishment: 'CH',
        ledgerCurrency: 'CHF',
        checkoutLanguage: 'de_DE',
      }),
      UC,
      'payload.ledgerCurrency',
    ],
    [
      'a numeric ledgerCurrency',
      aSetupPayload({ ledgerCurrency: 840 }),
      UC,
      'payload.ledgerCurrency',
    ],
    [
      'checkoutLanguage in hyphen form',
      aSetupPayload({ checkoutLanguage: 'en-US' }),
      IPV,
      'payload.checkoutLanguage',
    ],
    [
      'checkoutLanguage de_DE for the US',
      aSetupPayload({ checkoutLanguage: 'de_DE' }),
      IPV,
      'payload.checkoutLanguage',
    ],
    [
      'checkoutLanguage en_US for the UK',
      aSetupPayload({
        countryOfEstablishment: 'UK',
        ledgerCurrency: 'GBP',
        checkoutLanguage: 'en_US',
      }),
      IPV,
      'payload.checkoutLanguage',
    ],
    [
      'checkoutLanguage en_GB for JP',
      aSetupPayload({
        countryOfEstablishment: 'JP',
        ledgerCurrency: 'JPY',
        checkoutLanguage: 'en_GB',
      }),
      IPV,
      'payload.checkoutLanguage',
    ],
    [
      'checkoutLanguage ja_JP for DE',
      aSetupPayload({
        countryOfEstablishment: 'DE',
        ledgerCurrency: 'EUR',
        checkoutLanguage: 'ja_JP',
      }),
      IPV,
      'payload.checkoutLanguage',
    ],
    [
      'checkoutLanguage en_US for DE',
      aSetupPayload({
        countryOfEstablishment: 'DE',
        ledgerCurrency: 'EUR',
        checkoutLanguage: 'en_US',
      }),
      IPV,
      'payload.checkoutLanguage',
    ],
    [
      'an unlisted checkoutLanguage',
      aSetupPayload({
        countryOfEstablishment: 'PT',
        ledgerCurrency: 'EUR',
        checkoutLanguage: 'pt_PT',
      }),
      IPV,
      'payload.checkoutLanguage',
    ],
    [
      'a numeric checkoutLanguage',
      aSetupPayload({ checkoutLanguage: 1 }),
      IPV,
      'payload.checkoutLanguage',
    ],
    [
      'needAmazonShippingAddress as a string',
      aSetupPayload({ needAmazonShippingAddress: 'true' }),
      IPV,
      'payload.needAmazonShippingAddress',
    ],
    ['sandboxMode as a string', aSetupPayload({ sandboxMode: 'true' }), IPV, 'payload.sandboxMode'],
    ['sandboxMode as a number', aSetupPayload({ sandboxMode: 1 }), IPV, 'payload.sandboxMode'],
    [
      'sandboxMode true without an email',
      aSetupPayload({ sandboxCustomerEmailId: undefined }),
      ISCE,
      'payload.sandboxCustomerEmailId',
    ],
    [
      'sandboxMode true with an empty email',
      aSetupPayload({ sandboxCustomerEmailId: '' }),
      ISCE,
      'payload.sandboxCustomerEmailId',
    ],
    [
      'sandboxMode true with a name, not an email',
      aSetupPayload({ sandboxCustomerEmailId: 'test-buyer' }),
      ISCE,
      'payload.sandboxCustomerEmailId',
    ],
    [
      'sandboxMode true with an email without a domain dot',
      aSetupPayload({ sandboxCustomerEmailId: 'buyer@example' }),
      ISCE,
      'payload.sandboxCustomerEmailId',
    ],
    [
      'sandboxMode true with an email containing a space',
      aSetupPayload({ sandboxCustomerEmailId: 'test buyer@example.com' }),
      ISCE,
      'payload.sandboxCustomerEmailId',
    ],
    [
      'sandboxMode true with two @',
      aSetupPayload({ sandboxCustomerEmailId: 'a@b@example.com' }),
      ISCE,
      'payload.sandboxCustomerEmailId',
    ],
    [
      'sandboxMode true with a numeric email',
      aSetupPayload({ sandboxCustomerEmailId: 42 }),
      ISCE,
      'payload.sandboxCustomerEmailId',
    ],
    [
      'an email with sandboxMode false',
      aSetupPayload({ sandboxMode: false }),
      IPV,
      'payload.sandboxCustomerEmailId',
    ],
    [
      'an email without sandboxMode',
      aSetupPayload({ sandboxMode: undefined }),
      IPV,
      'payload.sandboxCustomerEmailId',
    ],
    [
      'billingAgreementAttributes as a string',
      aSetupPayload({ billingAgreementAttributes: 'note' }),
      IPV,
      'payload.billingAgreementAttributes',
    ],
    [
      'billingAgreementAttributes with a wrong @type',
      withAgreementAttributes({ '@type': 'SellerBillingAgreementAttributes' }),
      IPV,
      'payload.billingAgreementAttributes.@type',
    ],
    [
      'billingAgreementAttributes with @version 1',
      withAgreementAttributes({ '@version': '1' }),
      IPV,
      'payload.billingAgreementAttributes.@version',
    ],
    [
      'billingAgreementAttributes with an unknown key',
      withAgreementAttributes({ sellerNotes: 'typo' }),
      IPV,
      "payload.billingAgreementAttributes has an unknown field 'sellerNotes'",
    ],
    [
      'empty billingAgreementAttributes',
      withAgreementAttributes({
        sellerNote: undefined,
        sellerBillingAgreementAttributes: undefined,
      }),
      IPV,
      'payload.billingAgreementAttributes',
    ],
    [
      'a sellerNote of 1025 characters',
      withAgreementAttributes({ sellerNote: text(1025) }),
      IPV,
      'payload.billingAgreementAttributes.sellerNote',
    ],
    [
      'a numeric sellerNote',
      withAgreementAttributes({ sellerNote: 7 }),
      IPV,
      'payload.billingAgreementAttributes.sellerNote',
    ],
    [
      'a platformId equal to the sellerId',
      withAgreementAttributes({ platformId: SELLER_ID }),
      IPV,
      'payload.billingAgreementAttributes.platformId',
    ],
    [
      'an empty platformId',
      withAgreementAttributes({ platformId: '' }),
      IPV,
      'payload.billingAgreementAttributes.platformId',
    ],
    [
      'an unknown billingAgreementType',
      withAgreementAttributes({ billingAgreementType: 'Recurring' }),
      IPV,
      'payload.billingAgreementAttributes.billingAgreementType',
    ],
    [
      'a billingAgreementType in upper case',
      withAgreementAttributes({ billingAgreementType: 'MERCHANTINITIATEDTRANSACTION' }),
      IPV,
      'payload.billingAgreementAttributes.billingAgreementType',
    ],
    [
      'a subscriptionAmount with a CustomerInitiatedTransaction',
      withAgreementAttributes({
        billingAgreementType: 'CustomerInitiatedTransaction',
        subscriptionAmount: aPrice('25.00', 'USD'),
      }),
      IPV,
      'payload.billingAgreementAttributes.subscriptionAmount',
    ],
    [
      'a subscriptionAmount without a billingAgreementType',
      withAgreementAttributes({ subscriptionAmount: aPrice('25.00', 'USD') }),
      IPV,
      'payload.billingAgreementAttributes.subscriptionAmount',
    ],
    [
      'a subscriptionAmount in another currency than the ledger',
      withAgreementAttributes({
        billingAgreementType: 'MerchantInitiatedTransaction',
        subscriptionAmount: aPrice('25.00', 'EUR'),
      }),
      IPV,
      'payload.billingAgreementAttributes.subscriptionAmount.currencyCode',
    ],
    [
      'a subscriptionAmount with three decimals',
      withAgreementAttributes({
        billingAgreementType: 'MerchantInitiatedTransaction',
        subscriptionAmount: aPrice('25.001', 'USD'),
      }),
      IPV,
      'payload.billingAgreementAttributes.subscriptionAmount.amount',
    ],
    [
      'a zero subscriptionAmount',
      withAgreementAttributes({
        billingAgreementType: 'MerchantInitiatedTransaction',
        subscriptionAmount: aPrice('0', 'USD'),
      }),
      IPV,
      'payload.billingAgreementAttributes.subscriptionAmount.amount',
    ],
    [
      'a subscriptionAmount without its currency',
      withAgreementAttributes({
        billingAgreementType: 'MerchantInitiatedTransaction',
        subscriptionAmount: aPrice('25.00', undefined),
      }),
      IPV,
      'payload.billingAgreementAttributes.subscriptionAmount.currencyCode',
    ],
    [
      'a subscriptionAmount without @type Price',
      withAgreementAttributes({
        billingAgreementType: 'MerchantInitiatedTransaction',
        subscriptionAmount: aPrice('25.00', 'USD', { '@type': undefined }),
      }),
      IPV,
      'payload.billingAgreementAttributes.subscriptionAmount.@type',
    ],
    [
      'sellerBillingAgreementAttributes as an array',
      withAgreementAttributes({ sellerBillingAgreementAttributes: [] }),
      IPV,
      'payload.billingAgreementAttributes.sellerBillingAgreementAttributes',
    ],
    [
      'sellerBillingAgreementAttributes with none of its fields',
      withSellerAgreementAttributes({ storeName: undefined }),
      IPV,
      'payload.billingAgreementAttributes.sellerBillingAgreementAttributes',
    ],
    [
      'sellerBillingAgreementAttributes with a wrong @type',
      withSellerAgreementAttributes({ '@type': 'SellerOrderAttributes' }),
      IPV,
      'payload.billingAgreementAttributes.sellerBillingAgreementAttributes.@type',
    ],
    [
      'sellerBillingAgreementAttributes with @version 1.0',
      withSellerAgreementAttributes({ '@version': '1.0' }),
      IPV,
      'payload.billingAgreementAttributes.sellerBillingAgreementAttributes.@version',
    ],
    [
      'sellerBillingAgreementAttributes with an unknown key',
      withSellerAgreementAttributes({ sellerNote: 'misplaced' }),
      IPV,
      "payload.billingAgreementAttributes.sellerBillingAgreementAttributes has an unknown field 'sellerNote'",
    ],
    [
      'a sellerBillingAgreementId of 33 characters',
      withSellerAgreementAttributes({ sellerBillingAgreementId: text(33) }),
      IPV,
      'payload.billingAgreementAttributes.sellerBillingAgreementAttributes.sellerBillingAgreementId',
    ],
    [
      'a sellerBillingAgreementId with a space',
      withSellerAgreementAttributes({ sellerBillingAgreementId: 'agreement 1' }),
      IPV,
      'payload.billingAgreementAttributes.sellerBillingAgreementAttributes.sellerBillingAgreementId',
    ],
    [
      'a sellerBillingAgreementId with a dot',
      withSellerAgreementAttributes({ sellerBillingAgreementId: 'agreement.1' }),
      IPV,
      'payload.billingAgreementAttributes.sellerBillingAgreementAttributes.sellerBillingAgreementId',
    ],
    [
      'an empty sellerBillingAgreementId',
      withSellerAgreementAttributes({ sellerBillingAgreementId: '' }),
      IPV,
      'payload.billingAgreementAttributes.sellerBillingAgreementAttributes.sellerBillingAgreementId',
    ],
    [
      'a storeName of 51 characters',
      withSellerAgreementAttributes({ storeName: text(51) }),
      IPV,
      'payload.billingAgreementAttributes.sellerBillingAgreementAttributes.storeName',
    ],
    [
      'an empty storeName',
      withSellerAgreementAttributes({ storeName: '' }),
      IPV,
      'payload.billingAgreementAttributes.sellerBillingAgreementAttributes.storeName',
    ],
    [
      'a numeric storeName',
      withSellerAgreementAttributes({ storeName: 5 }),
      IPV,
      'payload.billingAgreementAttributes.sellerBillingAgreementAttributes.storeName',
    ],
    [
      'a customInformation of 1025 characters',
      withSellerAgreementAttributes({ customInformation: text(1025) }),
      IPV,
      'payload.billingAgreementAttributes.sellerBillingAgreementAttributes.customInformation',
    ],
  ])('rejects %s', (_label, payload, errorCode, field) => {
    // Act
    const problem = validateSetupPayload(payload);

    // Assess
    expect(problem).toEqual({ errorCode, statusCode: '400', message: problem?.message });
    expect(problem?.message).toContain(field);
  });

  it('shortens a long offending value in the message', () => {
    // Act
    const problem = validateSetupPayload(aSetupPayload({ checkoutLanguage: text(60) }));

    // Assess
    expect(problem?.message).toContain(`"${text(40)}…"`);
  });

  it('names the field at fault in the message', () => {
    // Act
    const problem = validateSetupPayload(withSellerAgreementAttributes({ storeName: text(51) }));

    // Assess
    expect(problem?.message).toContain(
      'payload.billingAgreementAttributes.sellerBillingAgreementAttributes.storeName',
    );
  });
});

describe("validateSetupPayload on the skill's charge-later Setups", () => {
  const base = {
    token: 'order000001abc',
    sellerId: SELLER_ID,
    needAmazonShippingAddress: true,
    storeName: 'Blue Kettle Coffee',
    sellerNote: '1 x Coffee subscription; 18.98 USD every month, delivery and tax included',
    billingAgreementType: BillingAgreementType.MerchantInitiated,
  } as const;

  it.each<[string, Parameters<typeof buildSetupDirective>[0]]>([
    [
      'a US subscription',
      {
        ...base,
        countryOfEstablishment: 'US',
        ledgerCurrency: 'USD',
        subscriptionAmount: { amountMinor: 1898, currency: 'USD' },
        sandbox: { customerEmail: 'buyer@example.com' },
      },
    ],
    [
      'a German subscription',
      {
        ...base,
        countryOfEstablishment: 'DE',
        ledgerCurrency: 'EUR',
        checkoutLanguage: 'de_DE',
        subscriptionAmount: { amountMinor: 1749, currency: 'EUR' },
      },
    ],
    [
      'a Japanese subscription',
      {
        ...base,
        countryOfEstablishment: 'JP',
        ledgerCurrency: 'JPY',
        checkoutLanguage: 'ja_JP',
        subscriptionAmount: { amountMinor: 2480, currency: 'JPY' },
      },
    ],
    ['a pay-as-you-go agreement', { ...base, countryOfEstablishment: 'UK', ledgerCurrency: 'GBP' }],
  ])('accepts %s as buildSetupDirective builds it', (_label, params) => {
    // Act
    const problem = validateSetupPayload(buildSetupDirective(params).payload);

    // Assess
    expect(problem).toBeUndefined();
  });

  it.each<[string, Fields]>([
    [
      'a subscription amount with a customer-initiated type',
      {
        billingAgreementType: 'CustomerInitiatedTransaction',
        subscriptionAmount: aPrice('18.98', 'USD'),
      },
    ],
    [
      'a subscription amount of zero',
      {
        billingAgreementType: 'MerchantInitiatedTransaction',
        subscriptionAmount: aPrice('0.00', 'USD'),
      },
    ],
    [
      'a subscription amount with three decimals',
      {
        billingAgreementType: 'MerchantInitiatedTransaction',
        subscriptionAmount: aPrice('18.980', 'USD'),
      },
    ],
    [
      'a subscription amount without its currency',
      {
        billingAgreementType: 'MerchantInitiatedTransaction',
        subscriptionAmount: aPrice('18.98', undefined),
      },
    ],
  ])('refuses %s, which buildSetupDirective never builds', (_label, attributes) => {
    // Act
    const problem = validateSetupPayload(withAgreementAttributes(attributes));

    // Assess
    expect(problem?.errorCode).toBe(IPV);
  });
});

describe('validateChargePayload', () => {
  it.each<[string, Fields]>([
    ['the AuthorizeAndCapture payload', aChargePayload()],
    ['a JSON round trip of it', JSON.parse(JSON.stringify(aChargePayload())) as Fields],
    ['an Authorize payload', aChargePayload({ paymentAction: 'Authorize' })],
    ['no sellerOrderAttributes', aChargePayload({ sellerOrderAttributes: undefined })],
    ['no transactionTimeout', withAuthorize({ transactionTimeout: undefined })],
    ['a transactionTimeout of 5 minutes', withAuthorize({ transactionTimeout: 5 })],
    ['an amount of 6 EUR (no decimals)', withAmount('6', 'EUR')],
    ['an amount of 6.5 EUR (one decimal)', withAmount('6.5', 'EUR')],
    ['the smallest USD amount', withAmount('0.01')],
    ['the USD maximum', withAmount('150000.00')],
    ['the GBP maximum', withAmount('150000', 'GBP')],
    ['the EUR maximum', withAmount('150000.00', 'EUR')],
    ['a yen amount', withAmount('1500', 'JPY')],
    ['the JPY maximum', withAmount('10000000', 'JPY')],
    [
      'a reference id of 32 allowed characters',
      withAuthorize({ authorizationReferenceId: `A-b_9${text(27, 'q')}` }),
    ],
    [
      'a sellerAuthorizationNote of 255 characters',
      withAuthorize({ sellerAuthorizationNote: text(255) }),
    ],
    ['an empty sellerAuthorizationNote', withAuthorize({ sellerAuthorizationNote: '' })],
    [
      'a sandbox simulation string as sellerAuthorizationNote',
      withAuthorize({
        sellerAuthorizationNote:
          '{"SandboxSimulation":{"State":"Declined","ReasonCode":"AmazonRejected"}}',
      }),
    ],
    ['a softDescriptor of 16 characters', withAuthorize({ softDescriptor: text(16) })],
    [
      'full sellerOrderAttributes at their limits',
      withSellerOrder({
        sellerOrderId: text(32),
        storeName: text(50),
        customInformation: text(1024),
        sellerNote: text(1024),
      }),
    ],
    [
      'empty sellerOrderAttributes',
      withSellerOrder({ sellerOrderId: undefined, storeName: undefined }),
    ],
    ['providerAttributes', aChargePayload({ providerAttributes: aProviderAttributes() })],
    [
      'an empty providerCreditList',
      aChargePayload({ providerAttributes: aProviderAttributes({ providerCreditList: [] }) }),
    ],
  ])('accepts %s', (_label, payload) => {
    expect(validateChargePayload(payload)).toBeUndefined();
  });

  it.each<[string, unknown, string, string]>([
    ['undefined', undefined, IPV, 'payload'],
    ['a number', 19.99, IPV, 'payload'],
    ['a Date object', new Date(), IPV, 'payload'],
    ['the Setup @type', aChargePayload({ '@type': 'SetupAmazonPayRequest' }), IPV, 'payload.@type'],
    ['@version 1.0', aChargePayload({ '@version': '1.0' }), IPV, 'payload.@version'],
    [
      'a sandboxMode key (Charge has no sandbox flag)',
      aChargePayload({ sandboxMode: true }),
      IPV,
      "payload has an unknown field 'sandboxMode'",
    ],
    [
      'an unknown top-level key',
      aChargePayload({ amount: '19.99' }),
      IPV,
      "payload has an unknown field 'amount'",
    ],
    ['a missing sellerId', aChargePayload({ sellerId: undefined }), IPV, 'payload.sellerId'],
    ['an empty sellerId', aChargePayload({ sellerId: '' }), IPV, 'payload.sellerId'],
    [
      'a missing billingAgreementId',
      aChargePayload({ billingAgreementId: undefined }),
      IPV,
      'payload.billingAgreementId',
    ],
    [
      'an empty billingAgreementId',
      aChargePayload({ billingAgreementId: '' }),
      IPV,
      'payload.billingAgreementId',
    ],
    [
      'a numeric billingAgreementId',
      aChargePayload({ billingAgreementId: 2 }),
      IPV,
      'payload.billingAgreementId',
    ],
    [
      'a missing paymentAction',
      aChargePayload({ paymentAction: undefined }),
      IPV,
      'payload.paymentAction',
    ],
    [
      'paymentAction AUTHORIZEANDCAPTURE',
      aChargePayload({ paymentAction: 'AUTHORIZEANDCAPTURE' }),
      IPA,
      'payload.paymentAction',
    ],
    [
      'paymentAction AUTHORIZE',
      aChargePayload({ paymentAction: 'AUTHORIZE' }),
      IPA,
      'payload.paymentAction',
    ],
    [
      'paymentAction Capture',
      aChargePayload({ paymentAction: 'Capture' }),
      IPA,
      'payload.paymentAction',
    ],
    [
      'paymentAction authorizeAndCapture',
      aChargePayload({ paymentAction: 'authorizeAndCapture' }),
      IPA,
      'payload.paymentAction',
    ],
    ['a null paymentAction', aChargePayload({ paymentAction: null }), IPA, 'payload.paymentAction'],
    [
      'a list of paymentActions',
      aChargePayload({ paymentAction: ['Authorize'] }),
      IPA,
      'payload.paymentAction',
    ],
    [
      'a provider credit with an empty providerId',
      aChargePayload({
        providerAttributes: aProviderAttributes({
          providerCreditList: [{ '@type': 'ProviderCredit', '@version': '2', providerId: '' }],
        }),
      }),
      IPV,
      'payload.providerAttributes.providerCreditList[0].providerId',
    ],
    ['a numeric paymentAction', aChargePayload({ paymentAction: 1 }), IPA, 'payload.paymentAction'],
    [
      'a missing authorizeAttributes',
      aChargePayload({ authorizeAttributes: undefined }),
      IPV,
      'payload.authorizeAttributes',
    ],
    [
      'authorizeAttributes as a string',
      aChargePayload({ authorizeAttributes: 'x' }),
      IPV,
      'payload.authorizeAttributes',
    ],
    [
      'authorizeAttributes with a wrong @type',
      withAuthorize({ '@type': 'AuthorizationAttributes' }),
      IPV,
      'payload.authorizeAttributes.@type',
    ],
    [
      'authorizeAttributes with @version 1.0',
      withAuthorize({ '@version': '1.0' }),
      IPV,
      'payload.authorizeAttributes.@version',
    ],
    [
      'authorizeAttributes with an unknown key',
      withAuthorize({ captureNow: true }),
      IPV,
      "payload.authorizeAttributes has an unknown field 'captureNow'",
    ],
    [
      'a missing authorizationReferenceId',
      withAuthorize({ authorizationReferenceId: undefined }),
      IPV,
      'payload.authorizeAttributes.authorizationReferenceId',
    ],
    [
      'an empty authorizationReferenceId',
      withAuthorize({ authorizationReferenceId: '' }),
      IPV,
      'payload.authorizeAttributes.authorizationReferenceId',
    ],
    [
      'an authorizationReferenceId of 33 characters',
      withAuthorize({ authorizationReferenceId: text(33) }),
      IPV,
      'payload.authorizeAttributes.authorizationReferenceId',
    ],
    [
      'an authorizationReferenceId with a dot',
      withAuthorize({ authorizationReferenceId: 'order.1' }),
      IPV,
      'payload.authorizeAttributes.authorizationReferenceId',
    ],
    [
      'an authorizationReferenceId with a colon',
      withAuthorize({ authorizationReferenceId: 'order:1' }),
      IPV,
      'payload.authorizeAttributes.authorizationReferenceId',
    ],
    [
      'an authorizationReferenceId with a non-ASCII letter',
      withAuthorize({ authorizationReferenceId: 'bestellung-ä' }),
      IPV,
      'payload.authorizeAttributes.authorizationReferenceId',
    ],
    [
      'a numeric authorizationReferenceId',
      withAuthorize({ authorizationReferenceId: 1 }),
      IPV,
      'payload.authorizeAttributes.authorizationReferenceId',
    ],
    [
      'a missing authorizationAmount',
      withAuthorize({ authorizationAmount: undefined }),
      IPV,
      'payload.authorizeAttributes.authorizationAmount',
    ],
    [
      'an authorizationAmount without @type',
      withAmount('19.99', 'USD', { '@type': undefined }),
      IPV,
      'payload.authorizeAttributes.authorizationAmount.@type',
    ],
    [
      'an authorizationAmount with @version 1',
      withAmount('19.99', 'USD', { '@version': '1' }),
      IPV,
      'payload.authorizeAttributes.authorizationAmount.@version',
    ],
    [
      'an authorizationAmount with an unknown key',
      withAmount('19.99', 'USD', { value: '19.99' }),
      IPV,
      "payload.authorizeAttributes.authorizationAmount has an unknown field 'value'",
    ],
    [
      'a missing currencyCode',
      withAuthorize({ authorizationAmount: aPrice('19.99', undefined) }),
      IPV,
      'payload.authorizeAttributes.authorizationAmount.currencyCode',
    ],
    [
      'currencyCode CHF',
      withAmount('19.99', 'CHF'),
      UC,
      'payload.authorizeAttributes.authorizationAmount.currencyCode',
    ],
    [
      'currencyCode usd in lower case',
      withAmount('19.99', 'usd'),
      UC,
      'payload.authorizeAttributes.authorizationAmount.currencyCode',
    ],
    [
      'a numeric currencyCode',
      withAmount('19.99', 840),
      UC,
      'payload.authorizeAttributes.authorizationAmount.currencyCode',
    ],
    [
      'a missing amount',
      withAmount(undefined),
      IPV,
      'payload.authorizeAttributes.authorizationAmount.amount',
    ],
    [
      'a numeric amount',
      withAmount(19.99),
      IAA,
      'payload.authorizeAttributes.authorizationAmount.amount',
    ],
    [
      'three decimals in USD',
      withAmount('19.999'),
      IAA,
      'payload.authorizeAttributes.authorizationAmount.amount',
    ],
    [
      'a trailing zero beyond two decimals',
      withAmount('19.990'),
      IAA,
      'payload.authorizeAttributes.authorizationAmount.amount',
    ],
    [
      'decimals in yen',
      withAmount('1500.5', 'JPY'),
      IAA,
      'payload.authorizeAttributes.authorizationAmount.amount',
    ],
    [
      'a zero decimal in yen',
      withAmount('1500.0', 'JPY'),
      IAA,
      'payload.authorizeAttributes.authorizationAmount.amount',
    ],
    ['zero', withAmount('0'), IAA, 'payload.authorizeAttributes.authorizationAmount.amount'],
    [
      'zero with decimals',
      withAmount('0.00'),
      IAA,
      'payload.authorizeAttributes.authorizationAmount.amount',
    ],
    [
      'zero yen',
      withAmount('0', 'JPY'),
      IAA,
      'payload.authorizeAttributes.authorizationAmount.amount',
    ],
    [
      'a negative amount',
      withAmount('-1.00'),
      IAA,
      'payload.authorizeAttributes.authorizationAmount.amount',
    ],
    [
      'a plus sign',
      withAmount('+1.00'),
      IAA,
      'payload.authorizeAttributes.authorizationAmount.amount',
    ],
    [
      'an exponent',
      withAmount('1e3'),
      IAA,
      'payload.authorizeAttributes.authorizationAmount.amount',
    ],
    [
      'a leading space',
      withAmount(' 1.00'),
      IAA,
      'payload.authorizeAttributes.authorizationAmount.amount',
    ],
    [
      'an empty amount',
      withAmount(''),
      IAA,
      'payload.authorizeAttributes.authorizationAmount.amount',
    ],
    [
      'a missing integer part',
      withAmount('.50'),
      IAA,
      'payload.authorizeAttributes.authorizationAmount.amount',
    ],
    [
      'a trailing dot',
      withAmount('6.'),
      IAA,
      'payload.authorizeAttributes.authorizationAmount.amount',
    ],
    [
      'a leading zero',
      withAmount('01.00'),
      IAA,
      'payload.authorizeAttributes.authorizationAmount.amount',
    ],
    [
      'a decimal comma',
      withAmount('1,00'),
      IAA,
      'payload.authorizeAttributes.authorizationAmount.amount',
    ],
    [
      'a thousands separator',
      withAmount('1,000.00'),
      IAA,
      'payload.authorizeAttributes.authorizationAmount.amount',
    ],
    [
      'one cent above the USD maximum',
      withAmount('150000.01'),
      IAA,
      'payload.authorizeAttributes.authorizationAmount.amount',
    ],
    [
      'one cent above the GBP maximum',
      withAmount('150000.01', 'GBP'),
      IAA,
      'payload.authorizeAttributes.authorizationAmount.amount',
    ],
    [
      'one yen above the JPY maximum',
      withAmount('10000001', 'JPY'),
      IAA,
      'payload.authorizeAttributes.authorizationAmount.amount',
    ],
    [
      'a huge amount',
      withAmount(text(40, '9')),
      IAA,
      'payload.authorizeAttributes.authorizationAmount.amount',
    ],
    [
      'a transactionTimeout as a string',
      withAuthorize({ transactionTimeout: '0' }),
      IPV,
      'payload.authorizeAttributes.transactionTimeout',
    ],
    [
      'a negative transactionTimeout',
      withAuthorize({ transactionTimeout: -1 }),
      IPV,
      'payload.authorizeAttributes.transactionTimeout',
    ],
    [
      'a fractional transactionTimeout',
      withAuthorize({ transactionTimeout: 1.5 }),
      IPV,
      'payload.authorizeAttributes.transactionTimeout',
    ],
    [
      'a NaN transactionTimeout',
      withAuthorize({ transactionTimeout: Number.NaN }),
      IPV,
      'payload.authorizeAttributes.transactionTimeout',
    ],
    [
      'a sellerAuthorizationNote of 256 characters',
      withAuthorize({ sellerAuthorizationNote: text(256) }),
      IPV,
      'payload.authorizeAttributes.sellerAuthorizationNote',
    ],
    [
      'a numeric sellerAuthorizationNote',
      withAuthorize({ sellerAuthorizationNote: 1 }),
      IPV,
      'payload.authorizeAttributes.sellerAuthorizationNote',
    ],
    [
      'a softDescriptor of 17 characters',
      withAuthorize({ softDescriptor: text(17) }),
      IPV,
      'payload.authorizeAttributes.softDescriptor',
    ],
    [
      'an empty softDescriptor',
      withAuthorize({ softDescriptor: '' }),
      IPV,
      'payload.authorizeAttributes.softDescriptor',
    ],
    [
      'sellerOrderAttributes as null',
      aChargePayload({ sellerOrderAttributes: null }),
      IPV,
      'payload.sellerOrderAttributes',
    ],
    [
      'sellerOrderAttributes with a wrong @type',
      withSellerOrder({ '@type': 'SellerBillingAgreementAttributes' }),
      IPV,
      'payload.sellerOrderAttributes.@type',
    ],
    [
      'sellerOrderAttributes with @version 1.0',
      withSellerOrder({ '@version': '1.0' }),
      IPV,
      'payload.sellerOrderAttributes.@version',
    ],
    [
      'sellerOrderAttributes with an unknown key',
      withSellerOrder({ orderId: 'order-0001' }),
      IPV,
      "payload.sellerOrderAttributes has an unknown field 'orderId'",
    ],
    [
      'a sellerOrderId of 33 characters',
      withSellerOrder({ sellerOrderId: text(33) }),
      IPV,
      'payload.sellerOrderAttributes.sellerOrderId',
    ],
    [
      'a sellerOrderId with a hash',
      withSellerOrder({ sellerOrderId: 'order#1' }),
      IPV,
      'payload.sellerOrderAttributes.sellerOrderId',
    ],
    [
      'an empty sellerOrderId',
      withSellerOrder({ sellerOrderId: '' }),
      IPV,
      'payload.sellerOrderAttributes.sellerOrderId',
    ],
    [
      'an order storeName of 51 characters',
      withSellerOrder({ storeName: text(51) }),
      IPV,
      'payload.sellerOrderAttributes.storeName',
    ],
    [
      'an order customInformation of 1025 characters',
      withSellerOrder({ customInformation: text(1025) }),
      IPV,
      'payload.sellerOrderAttributes.customInformation',
    ],
    [
      'an order sellerNote of 1025 characters',
      withSellerOrder({ sellerNote: text(1025) }),
      IPV,
      'payload.sellerOrderAttributes.sellerNote',
    ],
    [
      'providerAttributes with a wrong @type',
      aChargePayload({ providerAttributes: aProviderAttributes({ '@type': 'Provider' }) }),
      IPV,
      'payload.providerAttributes.@type',
    ],
    [
      'providerAttributes without a providerId',
      aChargePayload({ providerAttributes: aProviderAttributes({ providerId: undefined }) }),
      IPV,
      'payload.providerAttributes.providerId',
    ],
    [
      'a providerCreditList that is not an array',
      aChargePayload({ providerAttributes: aProviderAttributes({ providerCreditList: {} }) }),
      IPV,
      'payload.providerAttributes.providerCreditList',
    ],
    [
      'a provider credit with a wrong @type',
      aChargePayload({
        providerAttributes: aProviderAttributes({
          providerCreditList: [{ '@type': 'Credit', '@version': '2' }],
        }),
      }),
      IPV,
      'payload.providerAttributes.providerCreditList[0].@type',
    ],
    [
      'a provider credit with a numeric amount',
      aChargePayload({
        providerAttributes: aProviderAttributes({
          providerCreditList: [
            { '@type': 'ProviderCredit', '@version': '2', credit: aPrice(1, 'USD') },
          ],
        }),
      }),
      IPV,
      'payload.providerAttributes.providerCreditList[0].credit.amount',
    ],
  ])('rejects %s', (_label, payload, errorCode, field) => {
    // Act
    const problem = validateChargePayload(payload);

    // Assess
    expect(problem).toEqual({ errorCode, statusCode: '400', message: problem?.message });
    expect(problem?.message).toContain(field);
  });

  it('ignores keys whose value is undefined, as JSON does', () => {
    expect(validateChargePayload({ ...aChargePayload(), typo: undefined })).toBeUndefined();
  });
});
