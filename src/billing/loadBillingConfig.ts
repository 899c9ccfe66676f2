import path from 'node:path';
import type { AmazonPayRegion } from '../amazonpay/regions';
import { toAmazonPayRegion } from '../amazonpay/regions';
import { BillingConfigError } from './errors';

/** Log verbosity of the billing job. */
export type BillingLogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** The validated, frozen configuration of the billing job (Lambda or `npm run billing`). */
export type BillingConfig = {
  readonly inLambda: boolean;
  /** The Amazon Pay merchant id (MWS `SellerId`) the MWS keys belong to. */
  readonly sellerId: string;
  readonly merchantCountry: string;
  /** The MWS region, from MERCHANT_COUNTRY: NA, EU, UK or FE. */
  readonly region: AmazonPayRegion;
  readonly sandbox: boolean;
  /** The DynamoDB table; undefined outside Lambda means the embedded store. */
  readonly ordersTable: string | undefined;
  readonly ordersDbDir: string;
  /** An origin that MWS calls go to instead of Amazon (the local stand-in); never in Lambda. */
  readonly mwsEndpoint: string | undefined;
  readonly logLevel: BillingLogLevel;
  /** How many due agreements one run takes at most. */
  readonly runLimit: number;
};

/** The environment variables the billing job reads (besides the MWS keys). */
export const BillingVariable = {
  SellerId: 'SELLER_ID',
  MerchantCountry: 'MERCHANT_COUNTRY',
  Sandbox: 'SANDBOX',
  OrdersTable: 'ORDERS_TABLE',
  OrdersDbDir: 'ORDERS_DB_DIR',
  MwsEndpoint: 'MWS_ENDPOINT',
  LogLevel: 'LOG_LEVEL',
  RunLimit: 'BILLING_RUN_LIMIT',
} as const;
export type BillingVariable = (typeof BillingVariable)[keyof typeof BillingVariable];

/** How many due agreements a run takes when BILLING_RUN_LIMIT is not set. */
export const DEFAULT_RUN_LIMIT = 100;

/** The largest BILLING_RUN_LIMIT (the due listing's largest page). */
export const MAX_RUN_LIMIT = 1000;

const SELLER_ID = /^[A-Z0-9_]{6,32}$/;
const LOG_LEVELS: ReadonlyArray<BillingLogLevel> = ['debug', 'info', 'warn', 'error', 'silent'];

type Env = Readonly<Record<string, string | undefined>>;

function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** Checks an origin: `http(s)://host[:port]`, nothing after it. */
function toOrigin(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search !== '') {
    return undefined;
  }
  return value.endsWith('/') || url.origin === value ? url.origin : undefined;
}

/**
 * Reads and validates the billing job's environment once; throws a BillingConfigError that names
 * every variable at fault (never a value of a secret: the MWS keys are read by
 * `loadMwsCredentials`).
 *
 * - SELLER_ID: the merchant id of the MWS keys; always required.
 * - MERCHANT_COUNTRY (the MWS region: US is NA, UK is UK, JP is FE, the EU countries EU) and
 *   SANDBOX (`true` or `false`): required in Lambda, `US` and `true` by default elsewhere.
 * - ORDERS_TABLE: required in Lambda; elsewhere unset means the embedded store in ORDERS_DB_DIR
 *   (default `.data`).
 * - MWS_ENDPOINT: an `http(s)://host:port` origin for MWS calls (the loopback stand-in); refused
 *   in Lambda (`AWS_LAMBDA_FUNCTION_NAME` set).
 * - LOG_LEVEL (default `info`) and BILLING_RUN_LIMIT (1 to 1000, default 100).
 *
 * @example
 * const config = loadBillingConfig(process.env);
 * // { inLambda: false, sellerId: 'TEST_MERCHANT_ID', region: 'NA', sandbox: true, ... }
 */
export function loadBillingConfig(env: Env, cwd: string = process.cwd()): BillingConfig {
  const inLambda = read(env, 'AWS_LAMBDA_FUNCTION_NAME') !== undefined;
  const problems: Array<{ variable: string; problem: string }> = [];
  const fail = (variable: BillingVariable, problem: string): void => {
    problems.push({ variable, problem });
  };
  const required = (variable: BillingVariable, fallback: string): string | undefined => {
    const value = read(env, variable);
    if (value !== undefined) return value;
    if (inLambda) {
      fail(variable, 'is required in Lambda');
      return undefined;
    }
    return fallback;
  };

  const sellerId = read(env, BillingVariable.SellerId);
  if (sellerId === undefined) {
    fail(BillingVariable.SellerId, 'is required: the Amazon Pay merchant id of the MWS keys');
  } else if (!SELLER_ID.test(sellerId)) {
    fail(BillingVariable.SellerId, 'must be 6 to 32 capital letters, digits or _');
  }

  const merchantCountry = required(BillingVariable.MerchantCountry, 'US');
  const region = merchantCountry === undefined ? undefined : toAmazonPayRegion(merchantCountry);
  if (merchantCountry !== undefined && region === undefined) {
    fail(
      BillingVariable.MerchantCountry,
      'must be a country Amazon Pay allows (US, UK, JP, or an EU country code such as DE)',
    );
  }

  const sandboxRaw = required(BillingVariable.Sandbox, 'true');
  if (sandboxRaw !== undefined && sandboxRaw !== 'true' && sandboxRaw !== 'false') {
    fail(BillingVariable.Sandbox, 'must be exactly true or false');
  }

  const ordersTable = read(env, BillingVariable.OrdersTable);
  if (inLambda && ordersTable === undefined) {
    fail(BillingVariable.OrdersTable, 'is required in Lambda');
  }
  const ordersDbDir = path.resolve(cwd, read(env, BillingVariable.OrdersDbDir) ?? '.data');

  const endpointRaw = read(env, BillingVariable.MwsEndpoint);
  let mwsEndpoint: string | undefined;
  if (endpointRaw !== undefined) {
    if (inLambda) {
      fail(BillingVariable.MwsEndpoint, 'is for the local MWS stand-in and is refused in Lambda');
    } else {
      mwsEndpoint = toOrigin(endpointRaw);
      if (mwsEndpoint === undefined) {
        fail(
          BillingVariable.MwsEndpoint,
          'must be an http(s) origin such as http://127.0.0.1:4567',
        );
      }
    }
  }

  const logLevel = (read(env, BillingVariable.LogLevel) ?? 'info') as BillingLogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    fail(BillingVariable.LogLevel, `must be one of ${LOG_LEVELS.join(', ')}`);
  }

  const limitRaw = read(env, BillingVariable.RunLimit);
  const runLimit = limitRaw === undefined ? DEFAULT_RUN_LIMIT : Number(limitRaw);
  if (
    !/^\d+$/.test(limitRaw ?? '1') ||
    !Number.isSafeInteger(runLimit) ||
    runLimit < 1 ||
    runLimit > MAX_RUN_LIMIT
  ) {
    fail(BillingVariable.RunLimit, `must be a whole number from 1 to ${MAX_RUN_LIMIT}`);
  }

  if (
    problems.length > 0 ||
    sellerId === undefined ||
    merchantCountry === undefined ||
    region === undefined
  ) {
    throw new BillingConfigError(problems);
  }
  return Object.freeze({
    inLambda,
    sellerId,
    merchantCountry,
    region,
    sandbox: sandboxRaw === 'true',
    ordersTable,
    ordersDbDir,
    mwsEndpoint,
    logLevel,
    runLimit,
  });
}
