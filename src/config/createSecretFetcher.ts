import type { SecretFetcher } from '../amazonpay/mws/loadMwsCredentials';
import { SecretStringMissingError } from './errors';

/**
 * Builds the Secrets Manager reader `loadMwsCredentials` uses for `MWS_SECRET_ARN`: GetSecretValue
 * with the default AWS configuration (region and credentials from the environment or the
 * profile). The SDK is loaded on the first read only, so nothing is loaded when the keys come from
 * the environment.
 *
 * @example
 * const credentials = await loadMwsCredentials(process.env, { fetchSecret: createSecretFetcher() });
 */
export function createSecretFetcher(): SecretFetcher {
  return async (secretId) => {
    const { GetSecretValueCommand, SecretsManagerClient } =
      await import('@aws-sdk/client-secrets-manager');
    const client = new SecretsManagerClient({});
    try {
      const { SecretString: secret } = await client.send(
        new GetSecretValueCommand({ SecretId: secretId }),
      );
      // loadMwsCredentials wraps this in an error that names the variable.
      if (secret === undefined) throw new SecretStringMissingError();
      return secret;
    } finally {
      client.destroy();
    }
  };
}
