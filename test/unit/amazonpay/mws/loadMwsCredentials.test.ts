import { inspect } from 'node:util';
import { MwsCredentialsError } from '../../../../src/amazonpay/mws/errors';
import type { SecretFetcher } from '../../../../src/amazonpay/mws/loadMwsCredentials';
import {
  loadMwsCredentials,
  toMwsCredentials,
} from '../../../../src/amazonpay/mws/loadMwsCredentials';

const SECRET = 'wJalrXUtnFEMI-K7MDENG-SECRET';
const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:mws-AbCdEf';

/** Every way a value could be printed: none of them may show the secret. */
function everyRendering(value: unknown): string {
  const error = value instanceof Error ? value : undefined;
  return [
    JSON.stringify(value),
    String(value),
    inspect(value, { depth: 10, showHidden: true }),
    error?.stack ?? '',
    error === undefined ? '' : inspect(error.cause, { depth: 10, showHidden: true }),
  ].join('\n');
}

async function failureOf(promise: Promise<unknown>): Promise<MwsCredentialsError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MwsCredentialsError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('loadMwsCredentials', () => {
  describe('from the environment', () => {
    it('reads MWS_ACCESS_KEY_ID and MWS_SECRET_KEY', async () => {
      // Act
      const credentials = await loadMwsCredentials({
        MWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
        MWS_SECRET_KEY: SECRET,
      });

      // Assess
      expect(credentials.accessKeyId).toBe('AKIAEXAMPLE');
      expect(credentials.secretKey).toBe(SECRET);
    });

    it.each([
      [{ MWS_SECRET_KEY: SECRET }, 'MWS_ACCESS_KEY_ID'],
      [{ MWS_ACCESS_KEY_ID: 'AKIA', MWS_SECRET_KEY: '' }, 'MWS_SECRET_KEY'],
      [{ MWS_ACCESS_KEY_ID: 'AKIA', MWS_SECRET_KEY: ` ${SECRET}\n` }, 'MWS_SECRET_KEY'],
    ])('names the variable at fault and never its value (%#)', async (env, variable) => {
      // Act
      const error = await failureOf(loadMwsCredentials(env));

      // Assess
      expect(error.variable).toBe(variable);
      expect(everyRendering(error)).not.toContain(SECRET);
    });
  });

  describe('from Secrets Manager', () => {
    const fetchSecret: SecretFetcher = (secretId) =>
      Promise.resolve(
        secretId === ARN
          ? JSON.stringify({ MWS_ACCESS_KEY_ID: 'AKIASECRET', MWS_SECRET_KEY: SECRET })
          : '{}',
      );

    it('reads both keys from the JSON secret named by MWS_SECRET_ARN', async () => {
      // Act
      const credentials = await loadMwsCredentials({ MWS_SECRET_ARN: ARN }, { fetchSecret });

      // Assess
      expect({ ...credentials }).toEqual({ accessKeyId: 'AKIASECRET', secretKey: SECRET });
    });

    it('refuses keys in the environment as well as a secret', async () => {
      // Act
      const error = await failureOf(
        loadMwsCredentials({ MWS_SECRET_ARN: ARN, MWS_SECRET_KEY: SECRET }, { fetchSecret }),
      );

      // Assess
      expect(error.variable).toBe('MWS_SECRET_KEY');
      expect(error.message).toContain('MWS_SECRET_ARN');
      expect(everyRendering(error)).not.toContain(SECRET);
    });

    it('refuses an ARN without a fetcher', async () => {
      const error = await failureOf(loadMwsCredentials({ MWS_SECRET_ARN: ARN }));
      expect(error.variable).toBe('MWS_SECRET_ARN');
    });

    it('wraps a fetch failure with its cause', async () => {
      // Prepare
      const cause = new Error('AccessDeniedException');

      // Act
      const error = await failureOf(
        loadMwsCredentials({ MWS_SECRET_ARN: ARN }, { fetchSecret: () => Promise.reject(cause) }),
      );

      // Assess
      expect(error.variable).toBe('MWS_SECRET_ARN');
      expect(error.cause).toBe(cause);
    });

    it('does not quote a secret that is not JSON, not even through a cause', async () => {
      // Act
      const error = await failureOf(
        loadMwsCredentials(
          { MWS_SECRET_ARN: ARN },
          { fetchSecret: () => Promise.resolve(`MWS_SECRET_KEY=${SECRET}`) },
        ),
      );

      // Assess
      expect(error.cause).toBeUndefined();
      expect(everyRendering(error)).not.toContain(SECRET);
    });

    it.each([
      ['[]', 'MWS_SECRET_ARN MWS_ACCESS_KEY_ID'],
      [
        JSON.stringify({ MWS_ACCESS_KEY_ID: 'AKIA', MWS_SECRET_KEY: 42 }),
        'MWS_SECRET_ARN MWS_SECRET_KEY',
      ],
      [JSON.stringify({ MWS_SECRET_KEY: SECRET }), 'MWS_SECRET_ARN MWS_ACCESS_KEY_ID'],
    ])('names the missing key of the secret %s', async (secretString, variable) => {
      // Act
      const error = await failureOf(
        loadMwsCredentials(
          { MWS_SECRET_ARN: ARN },
          { fetchSecret: () => Promise.resolve(secretString) },
        ),
      );

      // Assess
      expect(error.variable).toBe(variable);
      expect(everyRendering(error)).not.toContain(SECRET);
    });
  });

  describe('toMwsCredentials', () => {
    it('hides the secret key from JSON, String and inspect', () => {
      // Act
      const credentials = toMwsCredentials('AKIAEXAMPLE', SECRET);

      // Assess
      expect(everyRendering(credentials)).not.toContain(SECRET);
      expect(JSON.stringify(credentials)).toBe(
        '{"accessKeyId":"AKIAEXAMPLE","secretKey":"[redacted]"}',
      );
      // The type is plain data; the object itself carries the redacting toString.
      expect(String(credentials as unknown as { toString(): string })).toBe(
        'MwsCredentials(AKIAEXAMPLE)',
      );
      expect(inspect(credentials)).toContain('[redacted]');
    });

    it('still gives the key when read or spread into a client config', () => {
      // Act
      const credentials = toMwsCredentials('AKIAEXAMPLE', SECRET);
      const config = { ...credentials, sellerId: 'A1' };

      // Assess
      expect(credentials.secretKey).toBe(SECRET);
      expect(config.secretKey).toBe(SECRET);
      expect(Object.isFrozen(credentials)).toBe(true);
    });
  });
});
