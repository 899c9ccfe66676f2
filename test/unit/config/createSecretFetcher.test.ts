import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { createSecretFetcher } from '../../../src/config/createSecretFetcher';
import { SecretStringMissingError } from '../../../src/config/errors';

describe('createSecretFetcher', () => {
  const secretsManager = mockClient(SecretsManagerClient);

  afterEach(() => {
    secretsManager.reset();
  });

  afterAll(() => {
    secretsManager.restore();
  });

  it('reads the SecretString of the secret with GetSecretValue', async () => {
    // Prepare
    secretsManager
      .on(GetSecretValueCommand, { SecretId: 'arn:secret:mws' })
      .resolves({ SecretString: '{"MWS_ACCESS_KEY_ID":"A","MWS_SECRET_KEY":"B"}' });

    // Act
    const secret = await createSecretFetcher()('arn:secret:mws');

    // Assess
    expect(secret).toBe('{"MWS_ACCESS_KEY_ID":"A","MWS_SECRET_KEY":"B"}');
  });

  it('fails on a secret without a SecretString', async () => {
    // Prepare
    secretsManager.on(GetSecretValueCommand).resolves({ SecretBinary: new Uint8Array([1]) });

    // Act, Assess
    await expect(createSecretFetcher()('arn:secret:mws')).rejects.toBeInstanceOf(
      SecretStringMissingError,
    );
  });
});
