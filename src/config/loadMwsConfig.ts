import { MwsCredentialsError } from '../amazonpay/mws/errors';
import {
  loadMwsCredentials,
  type MwsCredentials,
  type SecretFetcher,
} from '../amazonpay/mws/loadMwsCredentials';
import { isRefundSimulation, type RefundSimulation } from '../amazonpay/mws/refundSimulation';
import { toAmazonPayRegion, type AmazonPayRegion } from '../amazonpay/regions';
import { ConfigError } from './errors';
import type { Config } from './loadConfig';

/**
 * What the merchant's backend needs to call the Amazon Pay MWS API: the key pair (which hides its
 * secret from JSON, `String()` and `util.inspect`), the seller, the region, live or sandbox, and
 * the loopback origin of a local stand-in, if any.
 */
export type MwsConfig = {
  readonly credentials: MwsCredentials;
  readonly sellerId: string;
  readonly region: AmazonPayRegion;
  readonly sandbox: boolean;
  /** `MWS_ENDPOINT`: requests go to this loopback origin (the local stand-in) instead of MWS. */
  readonly endpointOrigin: string | undefined;
  /** `MWS_REFUND_SIMULATION`: the sandbox outcome every refund asks for (sandbox only). */
  readonly refundSimulation: RefundSimulation | undefined;
};

/** The environment variables `loadMwsConfig` reads, besides the credentials' own. */
export const MwsConfigVariable = {
  Endpoint: 'MWS_ENDPOINT',
  RefundSimulation: 'MWS_REFUND_SIMULATION',
} as const;
export type MwsConfigVariable = (typeof MwsConfigVariable)[keyof typeof MwsConfigVariable];

/** The settings of the main configuration the MWS configuration builds on. */
export type MwsBaseConfig = Pick<Config, 'sellerId' | 'merchantCountry' | 'sandbox' | 'inLambda'>;

type Env = Readonly<Record<string, string | undefined>>;
type Problem = { readonly variable: string; readonly problem: string };

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

function readEndpoint(value: string, inLambda: boolean): string | Problem {
  const variable = MwsConfigVariable.Endpoint;
  if (inLambda) {
    return {
      variable,
      problem: 'is for the local MWS stand-in only and must not be set in Lambda',
    };
  }
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (
    url === undefined ||
    !['http:', 'https:'].includes(url.protocol) ||
    !LOOPBACK_HOSTS.has(url.hostname) ||
    url.username !== '' ||
    url.password !== '' ||
    url.pathname !== '/' ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    return {
      variable,
      problem: 'must be the loopback origin of the local MWS stand-in, e.g. http://127.0.0.1:4567',
    };
  }
  return url.origin;
}

/**
 * Reads the MWS configuration of the merchant's backend (refunds, charges of stored agreements)
 * on top of the main configuration: SELLER_ID, the region of MERCHANT_COUNTRY and SANDBOX come
 * from `base` (`loadConfig`); the key pair from `MWS_ACCESS_KEY_ID` and `MWS_SECRET_KEY`, or from
 * the AWS Secrets Manager secret `MWS_SECRET_ARN` read with `fetchSecret` (`loadMwsCredentials`).
 *
 * `MWS_ENDPOINT` sends the requests to a loopback origin (the local stand-in) and is refused in
 * Lambda; `MWS_REFUND_SIMULATION=AmazonRejected` makes every refund ask the sandbox to decline it.
 * Throws a ConfigError naming every variable at fault, never a value.
 *
 * @example
 * const config = loadConfig();
 * const mws = await loadMwsConfig(config, process.env, { fetchSecret });
 * const client = new MwsClient(
 *   { ...mws.credentials, sellerId: mws.sellerId, region: mws.region, sandbox: mws.sandbox },
 *   mws.endpointOrigin === undefined ? {} : { endpointOrigin: mws.endpointOrigin },
 * );
 */
export async function loadMwsConfig(
  base: MwsBaseConfig,
  env: Env = process.env,
  options: { readonly fetchSecret?: SecretFetcher } = {},
): Promise<MwsConfig> {
  const problems: Problem[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };

  const region = toAmazonPayRegion(base.merchantCountry);
  if (region === undefined) {
    problems.push({ variable: 'MERCHANT_COUNTRY', problem: 'has no Amazon Pay region' });
  }

  const endpointText = read(MwsConfigVariable.Endpoint);
  let endpointOrigin: string | undefined;
  if (endpointText !== undefined) {
    const endpoint = readEndpoint(endpointText, base.inLambda);
    if (typeof endpoint === 'string') endpointOrigin = endpoint;
    else problems.push(endpoint);
  }

  const simulationText = read(MwsConfigVariable.RefundSimulation);
  let refundSimulation: RefundSimulation | undefined;
  if (simulationText !== undefined) {
    if (!isRefundSimulation(simulationText)) {
      problems.push({
        variable: MwsConfigVariable.RefundSimulation,
        problem: 'must be AmazonRejected',
      });
    } else if (!base.sandbox) {
      problems.push({
        variable: MwsConfigVariable.RefundSimulation,
        problem: 'is allowed only when SANDBOX=true',
      });
    } else {
      refundSimulation = simulationText;
    }
  }

  let credentials: MwsCredentials | undefined;
  let cause: unknown;
  try {
    credentials = await loadMwsCredentials(env, options);
  } catch (error) {
    if (!(error instanceof MwsCredentialsError)) throw error;
    cause = error;
    const prefix = `${error.variable}: `;
    problems.push({
      variable: error.variable,
      problem: error.message.startsWith(prefix)
        ? error.message.slice(prefix.length)
        : error.message,
    });
  }

  if (problems.length > 0 || credentials === undefined || region === undefined) {
    throw new ConfigError(problems, cause === undefined ? undefined : { cause });
  }
  return Object.freeze({
    credentials,
    sellerId: base.sellerId,
    region,
    sandbox: base.sandbox,
    endpointOrigin,
    refundSimulation,
  });
}
