import type { SecretFetcher } from '../amazonpay/mws/loadMwsCredentials';

type SecretsManager = {
  send(command: unknown): Promise<{ readonly SecretString?: string }>;
};

/**
 * Builds the SecretFetcher that `loadMwsCredentials` uses for MWS_SECRET_ARN: a Secrets Manager
 * `GetSecretValue` with the default AWS configuration (the Lambda role's credentials and region).
 *
 * The SDK is imported on the first fetch only, so that nothing loads it unless a secret is read.
 */
export function createSecretsManagerFetcher(): SecretFetcher {
  let client:
    | Promise<{ readonly client: SecretsManager; readonly command: (id: string) => unknown }>
    | undefined;
  return async (secretId) => {
    client ??= import('@aws-sdk/client-secrets-manager').then((sdk) => ({
      client: new sdk.SecretsManagerClient({}),
      command: (id: string) => new sdk.GetSecretValueCommand({ SecretId: id }),
    }));
    const { client: secrets, command } = await client;
    const { SecretString: secretString } = await secrets.send(command(secretId));
    if (secretString === undefined) throw new Error('the secret has no SecretString');
    return secretString;
  };
}
