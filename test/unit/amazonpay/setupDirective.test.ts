import { buildSetupDirective } from '../../../src/amazonpay/setupDirective';
import { aSetupParams, ORDER_ID, rejectedField, SELLER_ID, text } from './factories';

describe('setupDirective', () => {
  describe('buildSetupDirective', () => {
    it('builds the exact wire shape of a live Setup', () => {
      // Act
      const directive = buildSetupDirective(
        aSetupParams({
          sellerNote: 'Your coffee order',
          sellerBillingAgreementId: ORDER_ID,
          customInformation: 'voice order',
        }),
      );

      // Assess
      expect(directive).toStrictEqual({
        type: 'Connections.SendRequest',
        name: 'Setup',
        token: ORDER_ID,
        payload: {
          '@type': 'SetupAmazonPayRequest',
          '@version': '2',
          sellerId: SELLER_ID,
          countryOfEstablishment: 'US',
          ledgerCurrency: 'USD',
          checkoutLanguage: 'en_US',
          needAmazonShippingAddress: true,
          billingAgreementAttributes: {
            '@type': 'BillingAgreementAttributes',
            '@version': '2',
            sellerNote: 'Your coffee order',
            sellerBillingAgreementAttributes: {
              '@type': 'SellerBillingAgreementAttributes',
              '@version': '2',
              sellerBillingAgreementId: ORDER_ID,
              storeName: 'Fake Coffee Shop',
              customInformation: 'voice order',
            },
          },
        },
      });
    });

    it('builds the exact wire shape of a sandbox Setup', () => {
      // Act
      const directive = buildSetupDirective(
        aSetupParams({
          countryOfEstablishment: 'DE',
          ledgerCurrency: 'EUR',
          checkoutLanguage: 'de_DE',
          sandbox: { customerEmail: 'test-buyer@example.com' },
        }),
      );

      // Assess
      expect(directive).toStrictEqual({
        type: 'Connections.SendRequest',
        name: 'Setup',
        token: ORDER_ID,
        payload: {
          '@type': 'SetupAmazonPayRequest',
          '@version': '2',
          sellerId: SELLER_ID,
          countryOfEstablishment: 'DE',
          ledgerCurrency: 'EUR',
          checkoutLanguage: 'de_DE',
          needAmazonShippingAddress: true,
          sandboxMode: true,
          sandboxCustomerEmailId: 'test-buyer@example.com',
          billingAgreementAttributes: {
            '@type': 'BillingAgreementAttributes',
            '@version': '2',
            sellerBillingAgreementAttributes: {
              '@type': 'SellerBillingAgreementAttributes',
              '@version': '2',
              storeName: 'Fake Coffee Shop',
            },
          },
        },
      });
    });

    it('leaves every sandbox key out of a live Setup', () => {
      // Act
      const { payload } = buildSetupDirective(aSetupParams());

      // Assess
      expect(payload).not.toHaveProperty('sandboxMode');
      expect(payload).not.toHaveProperty('sandboxCustomerEmailId');
      expect(JSON.stringify(payload)).not.toContain('sandbox');
    });

    it('omits billingAgreementAttributes when no texts are given', () => {
      const { payload } = buildSetupDirective(aSetupParams({ storeName: undefined }));

      expect(Object.keys(payload)).not.toContain('billingAgreementAttributes');
    });

    it('sends a seller note without sellerBillingAgreementAttributes when it is the only text', () => {
      const { payload } = buildSetupDirective(
        aSetupParams({ storeName: undefined, sellerNote: 'Your coffee order' }),
      );

      expect(payload.billingAgreementAttributes).toStrictEqual({
        '@type': 'BillingAgreementAttributes',
        '@version': '2',
        sellerNote: 'Your coffee order',
      });
    });

    it.each([
      ['sellerBillingAgreementId', { sellerBillingAgreementId: 'ORDER-1' }],
      ['customInformation', { customInformation: 'voice order' }],
    ])('sends sellerBillingAgreementAttributes for %s alone', (_field, overrides) => {
      const { payload } = buildSetupDirective(aSetupParams({ storeName: undefined, ...overrides }));

      expect(payload.billingAgreementAttributes?.sellerBillingAgreementAttributes).toStrictEqual({
        '@type': 'SellerBillingAgreementAttributes',
        '@version': '2',
        ...overrides,
      });
      expect(Object.keys(payload.billingAgreementAttributes ?? {})).not.toContain('sellerNote');
    });

    it('omits checkoutLanguage when none is given', () => {
      const { payload } = buildSetupDirective(aSetupParams({ checkoutLanguage: undefined }));

      expect(Object.keys(payload)).not.toContain('checkoutLanguage');
    });

    it('passes needAmazonShippingAddress false through', () => {
      const { payload } = buildSetupDirective(aSetupParams({ needAmazonShippingAddress: false }));

      expect(payload.needAmazonShippingAddress).toBe(false);
    });

    it.each([
      ['US', 'USD', 'en_US'],
      ['UK', 'GBP', 'en_GB'],
      ['DE', 'EUR', 'de_DE'],
      ['FR', 'EUR', 'fr_FR'],
      ['IT', 'EUR', 'it_IT'],
      ['ES', 'EUR', 'es_ES'],
      ['IE', 'EUR', 'en_GB'],
      ['JP', 'JPY', 'ja_JP'],
    ])('accepts a merchant of %s with %s and %s', (country, ledgerCurrency, checkoutLanguage) => {
      const directive = buildSetupDirective(
        aSetupParams({ countryOfEstablishment: country, ledgerCurrency, checkoutLanguage }),
      );

      expect(directive.payload).toMatchObject({
        countryOfEstablishment: country,
        ledgerCurrency,
        checkoutLanguage,
      });
    });

    it.each([
      ['storeName', { storeName: text(50) }],
      ['storeName in astral characters', { storeName: text(50, '\u{1F375}') }],
      ['sellerNote', { sellerNote: text(1024) }],
      ['customInformation', { customInformation: text(1024) }],
      ['sellerBillingAgreementId', { sellerBillingAgreementId: `${text(30, 'A')}-_` }],
    ])('accepts %s at its maximum length', (_name, overrides) => {
      expect(rejectedField(() => buildSetupDirective(aSetupParams(overrides)))).toBeUndefined();
    });

    it.each([
      ['an empty token', { token: '' }, 'token'],
      ['a blank token', { token: '   ' }, 'token'],
      ['a token with surrounding blanks', { token: ` ${ORDER_ID}` }, 'token'],
      ['an empty sellerId', { sellerId: '' }, 'sellerId'],
      ['a blank sellerId', { sellerId: ' \t ' }, 'sellerId'],
      [
        'GB instead of UK',
        { countryOfEstablishment: 'GB', ledgerCurrency: 'GBP', checkoutLanguage: 'en_GB' },
        'countryOfEstablishment',
      ],
      ['an unknown country', { countryOfEstablishment: 'XX' }, 'countryOfEstablishment'],
      ['a lower-case country', { countryOfEstablishment: 'us' }, 'countryOfEstablishment'],
      [
        'an inherited property name',
        { countryOfEstablishment: 'toString' },
        'countryOfEstablishment',
      ],
      ['US with JPY', { ledgerCurrency: 'JPY' }, 'ledgerCurrency'],
      [
        'DE with GBP',
        { countryOfEstablishment: 'DE', ledgerCurrency: 'GBP', checkoutLanguage: 'de_DE' },
        'ledgerCurrency',
      ],
      [
        'UK with EUR',
        { countryOfEstablishment: 'UK', ledgerCurrency: 'EUR', checkoutLanguage: 'en_GB' },
        'ledgerCurrency',
      ],
      [
        'JP with USD',
        { countryOfEstablishment: 'JP', ledgerCurrency: 'USD', checkoutLanguage: 'ja_JP' },
        'ledgerCurrency',
      ],
      ['a lower-case currency', { ledgerCurrency: 'usd' }, 'ledgerCurrency'],
      ['the hyphen language en-US', { checkoutLanguage: 'en-US' }, 'checkoutLanguage'],
      ['ja_JP for a US merchant', { checkoutLanguage: 'ja_JP' }, 'checkoutLanguage'],
      ['en_GB for a US merchant', { checkoutLanguage: 'en_GB' }, 'checkoutLanguage'],
      [
        'en_US for a DE merchant',
        { countryOfEstablishment: 'DE', ledgerCurrency: 'EUR', checkoutLanguage: 'en_US' },
        'checkoutLanguage',
      ],
      ['a storeName of 51 characters', { storeName: text(51) }, 'storeName'],
      ['an empty storeName', { storeName: '' }, 'storeName'],
      ['a sellerNote of 1025 characters', { sellerNote: text(1025) }, 'sellerNote'],
      [
        'customInformation of 1025 characters',
        { customInformation: text(1025) },
        'customInformation',
      ],
      [
        'a sellerBillingAgreementId of 33 characters',
        { sellerBillingAgreementId: text(33, 'A') },
        'sellerBillingAgreementId',
      ],
      [
        'a sellerBillingAgreementId with a dot',
        { sellerBillingAgreementId: 'ORDER.1' },
        'sellerBillingAgreementId',
      ],
      [
        'a sellerBillingAgreementId with a space',
        { sellerBillingAgreementId: 'ORDER 1' },
        'sellerBillingAgreementId',
      ],
      [
        'a sellerBillingAgreementId with a non-ASCII letter',
        { sellerBillingAgreementId: 'BESTELLUNG-Ä' },
        'sellerBillingAgreementId',
      ],
      [
        'an empty sellerBillingAgreementId',
        { sellerBillingAgreementId: '' },
        'sellerBillingAgreementId',
      ],
      [
        'a sandbox email without @',
        { sandbox: { customerEmail: 'test-buyer' } },
        'sandboxCustomerEmailId',
      ],
      [
        'a sandbox email without a domain dot',
        { sandbox: { customerEmail: 'a@b' } },
        'sandboxCustomerEmailId',
      ],
      [
        'a sandbox email with a blank',
        { sandbox: { customerEmail: 'a b@example.com' } },
        'sandboxCustomerEmailId',
      ],
      ['an empty sandbox email', { sandbox: { customerEmail: '' } }, 'sandboxCustomerEmailId'],
    ])('rejects %s', (_name, overrides, field) => {
      expect(rejectedField(() => buildSetupDirective(aSetupParams(overrides)))).toBe(field);
    });

    describe('buildSetupDirective for charge later', () => {
      it('asks for a merchant-initiated agreement with the amount of each period', () => {
        // Act
        const directive = buildSetupDirective(
          aSetupParams({
            sellerNote: '1 x Coffee subscription, 18.97 USD every month',
            billingAgreementType: 'MerchantInitiatedTransaction',
            subscriptionAmount: { amountMinor: 1897, currency: 'USD' },
          }),
        );

        // Assess
        expect(directive.payload.billingAgreementAttributes).toStrictEqual({
          '@type': 'BillingAgreementAttributes',
          '@version': '2',
          sellerNote: '1 x Coffee subscription, 18.97 USD every month',
          sellerBillingAgreementAttributes: {
            '@type': 'SellerBillingAgreementAttributes',
            '@version': '2',
            storeName: 'Fake Coffee Shop',
          },
          billingAgreementType: 'MerchantInitiatedTransaction',
          subscriptionAmount: {
            '@type': 'Price',
            '@version': '2',
            amount: '18.97',
            currencyCode: 'USD',
          },
        });
      });

      it('writes a yen subscription amount without decimals', () => {
        // Act
        const directive = buildSetupDirective(
          aSetupParams({
            countryOfEstablishment: 'JP',
            ledgerCurrency: 'JPY',
            checkoutLanguage: 'ja_JP',
            billingAgreementType: 'MerchantInitiatedTransaction',
            subscriptionAmount: { amountMinor: 2480, currency: 'JPY' },
          }),
        );

        // Assess
        expect(directive.payload.billingAgreementAttributes?.subscriptionAmount?.amount).toBe(
          '2480',
        );
      });

      it('asks for a pay-as-you-go agreement without a subscription amount', () => {
        // Act
        const directive = buildSetupDirective(
          aSetupParams({
            storeName: undefined,
            billingAgreementType: 'MerchantInitiatedTransaction',
          }),
        );

        // Assess
        expect(directive.payload.billingAgreementAttributes).toStrictEqual({
          '@type': 'BillingAgreementAttributes',
          '@version': '2',
          billingAgreementType: 'MerchantInitiatedTransaction',
        });
      });

      it('sends a customer-initiated type when asked for one', () => {
        // Act
        const directive = buildSetupDirective(
          aSetupParams({ billingAgreementType: 'CustomerInitiatedTransaction' }),
        );

        // Assess
        expect(directive.payload.billingAgreementAttributes?.billingAgreementType).toBe(
          'CustomerInitiatedTransaction',
        );
        expect(directive.payload.billingAgreementAttributes?.subscriptionAmount).toBeUndefined();
      });

      it.each<[string, Record<string, unknown>, string]>([
        [
          'a subscription amount without a type',
          { subscriptionAmount: { amountMinor: 1000, currency: 'USD' } },
          'subscriptionAmount',
        ],
        [
          'a subscription amount with a customer-initiated agreement',
          {
            billingAgreementType: 'CustomerInitiatedTransaction',
            subscriptionAmount: { amountMinor: 1000, currency: 'USD' },
          },
          'subscriptionAmount',
        ],
        [
          'an amount without its currency',
          {
            billingAgreementType: 'MerchantInitiatedTransaction',
            subscriptionAmount: { amountMinor: 1000 },
          },
          'subscriptionAmount',
        ],
        [
          'a currency without its amount',
          {
            billingAgreementType: 'MerchantInitiatedTransaction',
            subscriptionAmount: { currency: 'USD' },
          },
          'subscriptionAmount',
        ],
        [
          'another currency than the ledger currency',
          {
            billingAgreementType: 'MerchantInitiatedTransaction',
            subscriptionAmount: { amountMinor: 1000, currency: 'EUR' },
          },
          'subscriptionAmount.currencyCode',
        ],
        [
          'a zero amount',
          {
            billingAgreementType: 'MerchantInitiatedTransaction',
            subscriptionAmount: { amountMinor: 0, currency: 'USD' },
          },
          'subscriptionAmount',
        ],
        [
          'a negative amount',
          {
            billingAgreementType: 'MerchantInitiatedTransaction',
            subscriptionAmount: { amountMinor: -100, currency: 'USD' },
          },
          'subscriptionAmount',
        ],
        [
          'a fraction of a cent',
          {
            billingAgreementType: 'MerchantInitiatedTransaction',
            subscriptionAmount: { amountMinor: 10.5, currency: 'USD' },
          },
          'subscriptionAmount',
        ],
        [
          'more than the largest authorization',
          {
            billingAgreementType: 'MerchantInitiatedTransaction',
            subscriptionAmount: { amountMinor: 150_000_01, currency: 'USD' },
          },
          'subscriptionAmount',
        ],
        [
          'more than the configured maximum',
          {
            billingAgreementType: 'MerchantInitiatedTransaction',
            subscriptionAmount: { amountMinor: 5001, currency: 'USD' },
            maxAmountMinor: { USD: 5000 },
          },
          'subscriptionAmount',
        ],
        ['an unknown agreement type', { billingAgreementType: 'Merchant' }, 'billingAgreementType'],
      ])('refuses %s', (_label, overrides, field) => {
        // Act
        const rejected = rejectedField(() => buildSetupDirective(aSetupParams(overrides)));

        // Assess
        expect(rejected).toBe(field);
      });
    });
  });
});
