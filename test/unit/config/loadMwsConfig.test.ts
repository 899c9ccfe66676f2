import { inspect } from 'node:util';
import { ConfigError } from '../../../src/config/errors';
import { loadMwsConfig, type MwsBaseConfig } from '../../../src/config/loadMwsConfig';

const SECRET = 'wJalrXUtnFEMI-K7MDENG-SECRET';
const KEYS = { MWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', MWS_SECRET_KEY: SECRET };
const BASE: MwsBaseConfig = {
  sellerId: 'A1EXAMPLESELLER',
  merchantCountry: 'US',
  sandbox: true,
  inLambda: false,
};

async function configErrorOf(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadMwsConfig', () => {
  it('reads the keys from the environment and the seller, region and sandbox from the base', async () => {
    // Act
    const config = await loadMwsConfig(BASE, KEYS);

    // Assess
    expect(config).toMatchObject({
      sellerId: 'A1EXAMPLESELLER',
      region: 'NA',
      sandbox: true,
      endpointOrigin: undefined,
      refundSimulation: undefined,
    });
    expect(config.credentials).toMatchObject({ accessKeyId: 'AKIAEXAMPLE', secretKey: SECRET });
  });

  it.each([
    ['DE', 'EU'],
    ['UK', 'UK'],
    ['JP', 'FE'],
  ])('takes the region of MERCHANT_COUNTRY=%s (%s)', async (merchantCountry, region) => {
    await expect(loadMwsConfig({ ...BASE, merchantCountry }, KEYS)).resolves.toMatchObject({
      region,
    });
  });

  it('never shows the secret key when the configuration is printed', async () => {
    // Act
    const config = await loadMwsConfig(BASE, KEYS);

    // Assess
    expect(JSON.stringify(config)).not.toContain(SECRET);
    expect(inspect(config, { depth: 5 })).not.toContain(SECRET);
  });

  it('reads the keys from Secrets Manager when MWS_SECRET_ARN is set', async () => {
    // Prepare
    const fetchSecret = jest.fn<Promise<string>, [string]>(() =>
      Promise.resolve(
        JSON.stringify({ MWS_ACCESS_KEY_ID: 'AKIAFROMSECRET', MWS_SECRET_KEY: SECRET }),
      ),
    );

    // Act
    const config = await loadMwsConfig(BASE, { MWS_SECRET_ARN: 'arn:secret:mws' }, { fetchSecret });

    // Assess
    expect(fetchSecret).toHaveBeenCalledWith('arn:secret:mws');
    expect(config.credentials.accessKeyId).toBe('AKIAFROMSECRET');
  });

  it.each([
    ['http://127.0.0.1:4567', 'http://127.0.0.1:4567'],
    ['http://localhost:4567/', 'http://localhost:4567'],
    ['http://[::1]:4567', 'http://[::1]:4567'],
    ['https://127.0.0.1:8443', 'https://127.0.0.1:8443'],
  ])('sends requests to the stand-in at MWS_ENDPOINT=%s', async (value, origin) => {
    await expect(loadMwsConfig(BASE, { ...KEYS, MWS_ENDPOINT: value })).resolves.toMatchObject({
      endpointOrigin: origin,
    });
  });

  it.each([
    'https://mws.example.com',
    'http://127.0.0.1:4567/OffAmazonPayments',
    'http://user:pass@127.0.0.1:4567',
    'ftp://127.0.0.1:4567',
    'http://127.0.0.1:4567?x=1',
    '127.0.0.1:4567',
  ])('refuses MWS_ENDPOINT=%s, naming the variable', async (value) => {
    // Act
    const error = await configErrorOf(loadMwsConfig(BASE, { ...KEYS, MWS_ENDPOINT: value }));

    // Assess
    expect(error.variables).toEqual(['MWS_ENDPOINT']);
    expect(error.message).toContain('MWS_ENDPOINT must be the loopback origin');
  });

  it('refuses MWS_ENDPOINT in Lambda', async () => {
    // Act
    const error = await configErrorOf(
      loadMwsConfig(
        { ...BASE, inLambda: true },
        { ...KEYS, MWS_ENDPOINT: 'http://127.0.0.1:4567' },
      ),
    );

    // Assess
    expect(error.variables).toEqual(['MWS_ENDPOINT']);
    expect(error.message).toContain('must not be set in Lambda');
  });

  it('asks the sandbox to decline every refund with MWS_REFUND_SIMULATION=AmazonRejected', async () => {
    await expect(
      loadMwsConfig(BASE, { ...KEYS, MWS_REFUND_SIMULATION: 'AmazonRejected' }),
    ).resolves.toMatchObject({ refundSimulation: 'AmazonRejected' });
  });

  it.each<[string, MwsBaseConfig, string, string]>([
    ['an unknown simulation', BASE, 'Declined', 'must be AmazonRejected'],
    ['a simulation of a live shop', { ...BASE, sandbox: false }, 'AmazonRejected', 'SANDBOX=true'],
  ])('refuses %s', async (_name, base, value, problem) => {
    // Act
    const error = await configErrorOf(
      loadMwsConfig(base, { ...KEYS, MWS_REFUND_SIMULATION: value }),
    );

    // Assess
    expect(error.variables).toEqual(['MWS_REFUND_SIMULATION']);
    expect(error.message).toContain(problem);
  });

  it.each<[string, Record<string, string>, string]>([
    ['no keys', {}, 'MWS_ACCESS_KEY_ID'],
    ['no secret key', { MWS_ACCESS_KEY_ID: 'AKIAEXAMPLE' }, 'MWS_SECRET_KEY'],
    [
      'a key with trailing whitespace',
      { MWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', MWS_SECRET_KEY: `${SECRET} ` },
      'MWS_SECRET_KEY',
    ],
  ])('names the variable for %s, never the value', async (_name, env, variable) => {
    // Act
    const error = await configErrorOf(loadMwsConfig(BASE, env));

    // Assess
    expect(error.variables).toEqual([variable]);
    expect(error.message).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
    expect(error.message).not.toContain(SECRET);
    expect(error.cause).toMatchObject({ name: 'MwsCredentialsError', variable });
  });

  it('names every variable at fault at once', async () => {
    // Act
    const error = await configErrorOf(
      loadMwsConfig({ ...BASE, merchantCountry: 'XX' }, { MWS_ENDPOINT: 'http://example.com' }),
    );

    // Assess
    expect(error.variables).toEqual(['MERCHANT_COUNTRY', 'MWS_ENDPOINT', 'MWS_ACCESS_KEY_ID']);
  });
});
