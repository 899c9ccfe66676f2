import { loadConfig } from '../../../src/config/loadConfig';
import { ConfigError } from '../../../src/config/errors';

const LAMBDA_ENV = {
  AWS_LAMBDA_FUNCTION_NAME: 'shop',
  SELLER_ID: 'A2SELLER123456',
  SKILL_ID: 'amzn1.ask.skill.12345678-1234-1234-1234-123456789012',
  ORDERS_TABLE: 'shop-orders',
  MERCHANT_COUNTRY: 'DE',
  LEDGER_CURRENCY: 'EUR',
  SANDBOX: 'false',
};

function problemsOf(env: Record<string, string>): ReadonlyArray<string> {
  try {
    loadConfig(env, '/srv/shop');
  } catch (error) {
    if (error instanceof ConfigError) return error.variables;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  describe('outside Lambda', () => {
    it('gives every variable a sandbox default', () => {
      // Act
      const config = loadConfig({}, '/srv/shop');
      // Assess
      expect(config).toEqual({
        sellerId: 'A1EXAMPLESELLER',
        storeName: 'Blue Kettle Coffee',
        merchantCountry: 'US',
        ledgerCurrency: 'USD',
        sandbox: true,
        sandboxCustomerEmail: 'sandbox-buyer@example.com',
        skillId: 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000',
        ordersTable: undefined,
        ordersDbDir: '/srv/shop/.data',
        inLambda: false,
        maxAmountMinor: { USD: 15000000, EUR: 15000000, GBP: 15000000, JPY: 10000000 },
        logLevel: 'info',
        sandboxSimulation: undefined,
        turnBudgetMs: 6000,
        merchantContact: { phone: '+1-206-555-0100', email: 'orders@example.com' },
        addressUnavailablePolicy: 'flat',
        buyerApiOrigin: undefined,
        buyerApiTimeoutMs: 1500,
      });
      expect(Object.isFrozen(config)).toBe(true);
    });

    it('derives the ledger currency from the country', () => {
      expect(loadConfig({ MERCHANT_COUNTRY: 'JP' }).ledgerCurrency).toBe('JPY');
      expect(loadConfig({ MERCHANT_COUNTRY: 'UK' }).ledgerCurrency).toBe('GBP');
    });

    it('takes the address policy, the Buyer API origin and its deadline', () => {
      expect(
        loadConfig({
          ADDRESS_UNAVAILABLE_POLICY: 'stop',
          BUYER_API_ORIGIN: 'http://127.0.0.1:4010',
          BUYER_API_TIMEOUT_MS: '800',
        }),
      ).toMatchObject({
        addressUnavailablePolicy: 'stop',
        buyerApiOrigin: 'http://127.0.0.1:4010',
        buyerApiTimeoutMs: 800,
      });
      // A short turn budget shortens the default deadline to half of it.
      expect(loadConfig({ TURN_BUDGET_MS: '1000' }).buyerApiTimeoutMs).toBe(500);
    });

    it('resolves ORDERS_DB_DIR against the working folder', () => {
      expect(loadConfig({ ORDERS_DB_DIR: 'tmp/db' }, '/srv/shop').ordersDbDir).toBe(
        '/srv/shop/tmp/db',
      );
    });

    it('takes a configured JPY maximum', () => {
      expect(loadConfig({ MAX_CHARGE_JPY: '500000' }).maxAmountMinor['JPY']).toBe(500000);
    });

    it('ignores the sandbox email when SANDBOX=false', () => {
      const config = loadConfig({ SANDBOX: 'false', SANDBOX_CUSTOMER_EMAIL: 'not an email' });
      expect(config.sandbox).toBe(false);
      expect(config.sandboxCustomerEmail).toBeUndefined();
    });
  });

  describe('inside Lambda', () => {
    it('accepts a complete live configuration', () => {
      // Act
      const config = loadConfig(LAMBDA_ENV);
      // Assess
      expect(config).toMatchObject({
        inLambda: true,
        sandbox: false,
        sandboxCustomerEmail: undefined,
        ordersTable: 'shop-orders',
        merchantCountry: 'DE',
        ledgerCurrency: 'EUR',
      });
    });

    it('names every missing required variable and has no silent fallback', () => {
      expect(problemsOf({ AWS_LAMBDA_FUNCTION_NAME: 'shop' })).toEqual([
        'SELLER_ID',
        'SKILL_ID',
        'ORDERS_TABLE',
        'MERCHANT_COUNTRY',
        'LEDGER_CURRENCY',
        'SANDBOX',
      ]);
    });

    it('refuses a Buyer API origin override in Lambda', () => {
      expect(problemsOf({ ...LAMBDA_ENV, BUYER_API_ORIGIN: 'http://127.0.0.1:4010' })).toEqual([
        'BUYER_API_ORIGIN',
      ]);
    });

    it('requires the sandbox email when SANDBOX=true', () => {
      expect(problemsOf({ ...LAMBDA_ENV, SANDBOX: 'true' })).toEqual(['SANDBOX_CUSTOMER_EMAIL']);
    });
  });

  describe('the merchant contact', () => {
    it('takes a configured phone and email', () => {
      // Act
      const config = loadConfig({
        MERCHANT_CONTACT_PHONE: '+49 30 1234567',
        MERCHANT_CONTACT_EMAIL: 'service@example.de',
      });
      // Assess
      expect(config.merchantContact).toEqual({
        phone: '+49 30 1234567',
        email: 'service@example.de',
      });
    });

    it('is optional in Lambda, where it has no placeholder', () => {
      expect(loadConfig(LAMBDA_ENV).merchantContact).toBeUndefined();
    });

    it.each([
      [{ MERCHANT_CONTACT_PHONE: 'call us' }, 'MERCHANT_CONTACT_PHONE'],
      [{ MERCHANT_CONTACT_PHONE: '1234' }, 'MERCHANT_CONTACT_PHONE'],
      [{ MERCHANT_CONTACT_PHONE: '+1 <206> 555' }, 'MERCHANT_CONTACT_PHONE'],
      [{ MERCHANT_CONTACT_EMAIL: 'nobody' }, 'MERCHANT_CONTACT_EMAIL'],
      [{ MERCHANT_CONTACT_EMAIL: 'a&b@example.com' }, 'MERCHANT_CONTACT_EMAIL'],
      [{ ...LAMBDA_ENV, MERCHANT_CONTACT_PHONE: '+1-206-555-0100' }, 'MERCHANT_CONTACT_EMAIL'],
      [{ ...LAMBDA_ENV, MERCHANT_CONTACT_EMAIL: 'orders@example.com' }, 'MERCHANT_CONTACT_PHONE'],
    ])('rejects %p naming %s', (env, variable) => {
      expect(problemsOf(env)).toEqual([variable]);
    });
  });

  describe('invalid values, everywhere', () => {
    it.each([
      [{ MERCHANT_COUNTRY: 'US', LEDGER_CURRENCY: 'JPY' }, 'LEDGER_CURRENCY'],
      [{ MERCHANT_COUNTRY: 'DE', LEDGER_CURRENCY: 'GBP' }, 'LEDGER_CURRENCY'],
      [{ LEDGER_CURRENCY: 'CHF' }, 'LEDGER_CURRENCY'],
      [{ MERCHANT_COUNTRY: 'GB' }, 'MERCHANT_COUNTRY'],
      [{ MERCHANT_COUNTRY: 'CA' }, 'MERCHANT_COUNTRY'],
      [{ SANDBOX: 'TRUE' }, 'SANDBOX'],
      [{ SANDBOX: '1' }, 'SANDBOX'],

      [{ SANDBOX: 'true', SANDBOX_CUSTOMER_EMAIL: 'nobody' }, 'SANDBOX_CUSTOMER_EMAIL'],
      [{ SELLER_ID: 'a lower-case id' }, 'SELLER_ID'],
      [{ SKILL_ID: 'my-skill' }, 'SKILL_ID'],
      [{ STORE_NAME: 'x'.repeat(51) }, 'STORE_NAME'],
      [{ STORE_NAME: 'Tom <&> Jerry' }, 'STORE_NAME'],
      [{ ORDERS_TABLE: 'a' }, 'ORDERS_TABLE'],
      [{ MAX_CHARGE_JPY: '0' }, 'MAX_CHARGE_JPY'],
      [{ MAX_CHARGE_JPY: '1.5' }, 'MAX_CHARGE_JPY'],
      [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
      [{ TURN_BUDGET_MS: '9000' }, 'TURN_BUDGET_MS'],
      [{ TURN_BUDGET_MS: 'fast' }, 'TURN_BUDGET_MS'],
      [{ SANDBOX_SIMULATION: 'Declined' }, 'SANDBOX_SIMULATION'],
      [{ SANDBOX: 'false', SANDBOX_SIMULATION: 'AmazonRejected' }, 'SANDBOX_SIMULATION'],
      [{ ADDRESS_UNAVAILABLE_POLICY: 'guess' }, 'ADDRESS_UNAVAILABLE_POLICY'],
      [{ BUYER_API_ORIGIN: 'http://127.0.0.1:4010/path' }, 'BUYER_API_ORIGIN'],
      [{ BUYER_API_ORIGIN: 'ftp://127.0.0.1' }, 'BUYER_API_ORIGIN'],
      [{ BUYER_API_TIMEOUT_MS: '10' }, 'BUYER_API_TIMEOUT_MS'],
      [{ BUYER_API_TIMEOUT_MS: '3001' }, 'BUYER_API_TIMEOUT_MS'],
      [{ TURN_BUDGET_MS: '1000', BUYER_API_TIMEOUT_MS: '600' }, 'BUYER_API_TIMEOUT_MS'],
    ])('rejects %p naming %s', (env, variable) => {
      expect(problemsOf(env)).toEqual([variable]);
    });

    it('puts the variable name in the message', () => {
      expect(() => loadConfig({ SANDBOX: 'yes' })).toThrow(
        'Invalid configuration: SANDBOX must be exactly true or false',
      );
    });

    it('applies the same checks in Lambda', () => {
      expect(problemsOf({ ...LAMBDA_ENV, MERCHANT_COUNTRY: 'US' })).toEqual(['LEDGER_CURRENCY']);
      expect(problemsOf({ ...LAMBDA_ENV, SANDBOX: 'no' })).toEqual(['SANDBOX']);
    });
  });
});
