import { BillingConfigError } from '../../../src/billing/errors';
import { loadBillingConfig } from '../../../src/billing/loadBillingConfig';

const LAMBDA = {
  AWS_LAMBDA_FUNCTION_NAME: 'shop-billing',
  SELLER_ID: 'A1EXAMPLESELLER',
  MERCHANT_COUNTRY: 'DE',
  SANDBOX: 'false',
  ORDERS_TABLE: 'shop-orders',
};

function problemsOf(env: Record<string, string>): ReadonlyArray<string> {
  try {
    loadBillingConfig(env, '/project');
  } catch (error) {
    if (error instanceof BillingConfigError) return error.variables;
    throw error;
  }
  return [];
}

describe('loadBillingConfig', () => {
  it('reads a Lambda configuration: region from MERCHANT_COUNTRY, the table, no endpoint', () => {
    expect(loadBillingConfig(LAMBDA, '/var/task')).toEqual({
      inLambda: true,
      sellerId: 'A1EXAMPLESELLER',
      merchantCountry: 'DE',
      region: 'EU',
      sandbox: false,
      ordersTable: 'shop-orders',
      ordersDbDir: '/var/task/.data',
      mwsEndpoint: undefined,
      logLevel: 'info',
      runLimit: 100,
    });
  });

  it.each([
    ['US', 'NA'],
    ['UK', 'UK'],
    ['JP', 'FE'],
    ['IT', 'EU'],
  ])('maps MERCHANT_COUNTRY %s to the %s region', (country, region) => {
    expect(loadBillingConfig({ ...LAMBDA, MERCHANT_COUNTRY: country }).region).toBe(region);
  });

  it('defaults outside Lambda to a US sandbox on the embedded store', () => {
    expect(
      loadBillingConfig(
        {
          SELLER_ID: 'TEST_MERCHANT_ID',
          MWS_ENDPOINT: 'http://127.0.0.1:4567',
          ORDERS_DB_DIR: 'data',
        },
        '/project',
      ),
    ).toMatchObject({
      inLambda: false,
      region: 'NA',
      sandbox: true,
      ordersTable: undefined,
      ordersDbDir: '/project/data',
      mwsEndpoint: 'http://127.0.0.1:4567',
    });
  });

  it('requires the region, sandbox flag and table in Lambda, and the seller id everywhere', () => {
    expect(problemsOf({ AWS_LAMBDA_FUNCTION_NAME: 'shop-billing' })).toEqual([
      'SELLER_ID',
      'MERCHANT_COUNTRY',
      'SANDBOX',
      'ORDERS_TABLE',
    ]);
    expect(problemsOf({})).toEqual(['SELLER_ID']);
  });

  it('refuses MWS_ENDPOINT in Lambda, naming it', () => {
    // Act
    const attempt = () => loadBillingConfig({ ...LAMBDA, MWS_ENDPOINT: 'http://127.0.0.1:4567' });

    // Assess
    expect(attempt).toThrow(BillingConfigError);
    expect(attempt).toThrow(/MWS_ENDPOINT is for the local MWS stand-in and is refused in Lambda/);
  });

  it.each<[string, Record<string, string>]>([
    ['SELLER_ID', { SELLER_ID: 'a1example' }],
    ['MERCHANT_COUNTRY', { MERCHANT_COUNTRY: 'GB' }],
    ['SANDBOX', { SANDBOX: 'yes' }],
    ['MWS_ENDPOINT', { MWS_ENDPOINT: 'http://127.0.0.1:4567/path' }],
    ['MWS_ENDPOINT', { MWS_ENDPOINT: 'ftp://127.0.0.1' }],
    ['MWS_ENDPOINT', { MWS_ENDPOINT: 'http://user:secret@127.0.0.1' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['BILLING_RUN_LIMIT', { BILLING_RUN_LIMIT: '0' }],
    ['BILLING_RUN_LIMIT', { BILLING_RUN_LIMIT: '1001' }],
    ['BILLING_RUN_LIMIT', { BILLING_RUN_LIMIT: '10.5' }],
  ])('refuses an invalid %s, naming it', (variable, env) => {
    expect(problemsOf({ SELLER_ID: 'TEST_MERCHANT_ID', ...env })).toEqual([variable]);
  });

  it('never puts the value of the endpoint in the message', () => {
    expect(() =>
      loadBillingConfig({ SELLER_ID: 'TEST_MERCHANT_ID', MWS_ENDPOINT: 'http://user:hunter2@h' }),
    ).not.toThrow(/hunter2/);
  });
});
