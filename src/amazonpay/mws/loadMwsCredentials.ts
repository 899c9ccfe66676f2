import { inspect } from 'node:util';
import { isRecord } from '../readUnknown';
import { MwsCredentialsError } from './errors';

/**
 * The MWS key pair of a seller.
 *
 * The objects `loadMwsCredentials` and `toMwsCredentials` return hide `secretKey` from JSON,
 * `String()` and `util.inspect`.
 */
export type MwsCredentials = {
  readonly accessKeyId: string;
  readonly secretKey: string;
};

/**
 * Fetches the `SecretString` of an AWS Secrets Manager secret by ARN or name.
 *
 * The project does not depend on the Secrets Manager SDK: the Lambda entry point wires one, e.g.
 * with `@aws-sdk/client-secrets-manager`:
 *
 * ```ts
 * const client = new SecretsManagerClient({});
 * const fetchSecret: SecretFetcher = async (secretId) => {
 *   const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
 *   if (SecretString === undefined) throw new Error('the secret has no SecretString');
 *   return SecretString;
 * };
 * ```
 */
export type SecretFetcher = (secretId: string) => Promise<string>;

/** The environment variables `loadMwsCredentials` reads. */
export const MwsCredentialsVariable = {
  AccessKeyId: 'MWS_ACCESS_KEY_ID',
  SecretKey: 'MWS_SECRET_KEY',
  SecretArn: 'MWS_SECRET_ARN',
} as const;
export type MwsCredentialsVariable =
  (typeof MwsCredentialsVariable)[keyof typeof MwsCredentialsVariable];

const REDACTED = '[redacted]';

/**
 * Wraps a key pair so that the secret key never shows in `JSON.stringify`, `String()` or
 * `util.inspect`; reading `secretKey` (and spreading the object) still gives the key.
 */
export function toMwsCredentials(accessKeyId: string, secretKey: string): MwsCredentials {
  const credentials = { accessKeyId, secretKey };
  const redacted = (): { accessKeyId: string; secretKey: string } => ({
    accessKeyId,
    secretKey: REDACTED,
  });
  Object.defineProperties(credentials, {
    toJSON: { value: redacted, enumerable: false },
    toString: { value: () => `MwsCredentials(${accessKeyId})`, enumerable: false },
    [inspect.custom]: { value: redacted, enumerable: false },
  });
  return Object.freeze(credentials);
}

function checkValue(value: string | undefined, variable: string): string {
  if (value === undefined || value === '') throw new MwsCredentialsError('is not set', variable);
  // Whitespace around a key is a copy-and-paste slip that would fail every signature; the value
  // itself is never part of the message.
  if (value.trim() !== value) {
    throw new MwsCredentialsError('has leading or trailing whitespace', variable);
  }
  return value;
}

async function readSecret(secretArn: string, fetchSecret: SecretFetcher): Promise<MwsCredentials> {
  const variable = MwsCredentialsVariable.SecretArn;
  let secretString: string;
  try {
    secretString = await fetchSecret(secretArn);
  } catch (error) {
    throw new MwsCredentialsError('the secret could not be read', variable, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretString);
  } catch {
    // No cause: a JSON syntax error quotes a piece of the text, which is the secret.
    const { AccessKeyId: id, SecretKey: key } = MwsCredentialsVariable;
    throw new MwsCredentialsError(
      `the secret is not a JSON object with ${id} and ${key}`,
      variable,
    );
  }
  const field = (key: string): string | undefined => {
    const value: unknown = isRecord(parsed) ? parsed[key] : undefined;
    return typeof value === 'string' ? value : undefined;
  };
  return toMwsCredentials(
    checkValue(
      field(MwsCredentialsVariable.AccessKeyId),
      `${variable} ${MwsCredentialsVariable.AccessKeyId}`,
    ),
    checkValue(
      field(MwsCredentialsVariable.SecretKey),
      `${variable} ${MwsCredentialsVariable.SecretKey}`,
    ),
  );
}

/**
 * Loads the MWS key pair from an environment object, or from AWS Secrets Manager when
 * `MWS_SECRET_ARN` is set.
 *
 * - `MWS_SECRET_ARN` set: the secret must be a JSON object
 *   `{"MWS_ACCESS_KEY_ID": "...", "MWS_SECRET_KEY": "..."}` (a Secrets Manager key/value secret),
 *   read with `fetchSecret`; `MWS_ACCESS_KEY_ID` and `MWS_SECRET_KEY` must then be unset.
 * - otherwise `MWS_ACCESS_KEY_ID` and `MWS_SECRET_KEY` are read from `env`.
 *
 * Errors name the variable at fault and never the value.
 *
 * @example
 * const credentials = await loadMwsCredentials(process.env, { fetchSecret });
 * const client = new MwsClient({ ...credentials, sellerId, region: 'EU', sandbox: false });
 */
export async function loadMwsCredentials(
  env: Readonly<Record<string, string | undefined>>,
  options: { readonly fetchSecret?: SecretFetcher } = {},
): Promise<MwsCredentials> {
  const secretArn = env[MwsCredentialsVariable.SecretArn];
  if (secretArn !== undefined && secretArn !== '') {
    for (const variable of [MwsCredentialsVariable.AccessKeyId, MwsCredentialsVariable.SecretKey]) {
      const value = env[variable];
      if (value !== undefined && value !== '') {
        throw new MwsCredentialsError(
          `must not be set together with ${MwsCredentialsVariable.SecretArn}`,
          variable,
        );
      }
    }
    if (options.fetchSecret === undefined) {
      throw new MwsCredentialsError(
        'is set but no Secrets Manager fetcher was given',
        MwsCredentialsVariable.SecretArn,
      );
    }
    return readSecret(secretArn, options.fetchSecret);
  }
  return toMwsCredentials(
    checkValue(env[MwsCredentialsVariable.AccessKeyId], MwsCredentialsVariable.AccessKeyId),
    checkValue(env[MwsCredentialsVariable.SecretKey], MwsCredentialsVariable.SecretKey),
  );
}
