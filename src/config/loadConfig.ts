import path from 'node:path';
import { DEFAULT_MAX_AUTHORIZATION_MINOR } from '../amazonpay/amount';
import { ledgerCurrencyOf, toAmazonPayRegion } from '../amazonpay/regions';
import { isSandboxSimulation, SandboxSimulation } from '../amazonpay/sandboxSimulation';
import { isCurrency, type Currency } from '../checkout/money';
import { ConfigError } from './errors';

/** Log verbosity. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** The validated, frozen configuration of one container. */
export type Config = {
  readonly sellerId: string;
  readonly storeName: string;
  readonly merchantCountry: string;
  readonly ledgerCurrency: Currency;
  readonly sandbox: boolean;
  /** Set exactly when `sandbox` is true. */
  readonly sandboxCustomerEmail: string | undefined;
  readonly skillId: string;
  /** The DynamoDB table; undefined outside Lambda means the embedded store. */
  readonly ordersTable: string | undefined;
  readonly ordersDbDir: string;
  readonly inLambda: boolean;
  readonly maxAmountMinor: Readonly<Record<string, number>>;
  readonly logLevel: LogLevel;
  /** How long one turn may take before the skill answers with an apology (Alexa allows 8 s). */
  readonly turnBudgetMs: number;
  /** A sandbox simulation every Charge asks for (sandbox only), for testing declines and SCA. */
  readonly sandboxSimulation: SandboxSimulation | undefined;
  /**
   * The merchant's phone and email that the cancel-order and refund answers give (a certification
   * requirement). Undefined only in Lambda when neither variable is set.
   */
  readonly merchantContact: { readonly phone: string; readonly email: string } | undefined;
  /**
   * What a purchase does when the shopper's address cannot be had from the Buyer Address API
   * (an error or a timeout): `flat` prices it with the catalog's flat shipping and says so; `stop`
   * says so and takes no order.
   */
  readonly addressUnavailablePolicy: AddressUnavailablePolicy;
  /** The origin that replaces Amazon Pay's Buyer API host (the local stand-in); never in Lambda. */
  readonly buyerApiOrigin: string | undefined;
  /** The deadline of each Buyer API call, well inside the turn budget. */
  readonly buyerApiTimeoutMs: number;
};

/** See Config.addressUnavailablePolicy. */
export type AddressUnavailablePolicy = 'flat' | 'stop';

/** The default deadline of a Buyer API call. */
export const DEFAULT_BUYER_API_TIMEOUT_MS = 1500;

type Env = Readonly<Record<string, string | undefined>>;

/** The sandbox defaults that let `npm start` run with no setup (outside Lambda only). */
export const LOCAL_DEFAULTS = Object.freeze({
  SELLER_ID: 'A1EXAMPLESELLER',
  STORE_NAME: 'Blue Kettle Coffee',
  MERCHANT_COUNTRY: 'US',
  SANDBOX: 'true',
  SANDBOX_CUSTOMER_EMAIL: 'sandbox-buyer@example.com',
  SKILL_ID: 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000',
  MERCHANT_CONTACT_PHONE: '+1-206-555-0100',
  MERCHANT_CONTACT_EMAIL: 'orders@example.com',
});

const REQUIRED_IN_LAMBDA = [
  'SELLER_ID',
  'SKILL_ID',
  'ORDERS_TABLE',
  'MERCHANT_COUNTRY',
  'LEDGER_CURRENCY',
  'SANDBOX',
] as const;

/** A turn's default budget: well inside Alexa's 8 seconds, with room for the network. */
export const DEFAULT_TURN_BUDGET_MS = 6000;

const LOG_LEVELS: ReadonlyArray<LogLevel> = ['debug', 'info', 'warn', 'error', 'silent'];

/**
 * Reads the environment once, validates every variable, and returns the frozen Config.
 *
 * Outside Lambda each variable has a sandbox default. Inside Lambda (`AWS_LAMBDA_FUNCTION_NAME`
 * set) SELLER_ID, SKILL_ID, ORDERS_TABLE, MERCHANT_COUNTRY, LEDGER_CURRENCY and SANDBOX are
 * required; MERCHANT_CONTACT_PHONE and MERCHANT_CONTACT_EMAIL are optional but go together.
 * Throws a ConfigError naming every variable at fault.
 *
 * @example
 * const config = loadConfig(); // reads process.env
 * const test = loadConfig({ MERCHANT_COUNTRY: 'DE', LEDGER_CURRENCY: 'EUR' }, '/tmp/project');
 */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const inLambda = (env['AWS_LAMBDA_FUNCTION_NAME'] ?? '') !== '';
  const problems: Array<{ variable: string; problem: string }> = [];
  const fail = (variable: string, problem: string): void => {
    problems.push({ variable, problem });
  };
  const read = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };

  if (inLambda) {
    for (const name of REQUIRED_IN_LAMBDA) {
      if (read(name) === undefined) fail(name, 'is required in Lambda');
    }
  }
  const local = (name: keyof typeof LOCAL_DEFAULTS): string | undefined =>
    read(name) ?? (inLambda ? undefined : LOCAL_DEFAULTS[name]);

  const sellerId = local('SELLER_ID') ?? '';
  if (sellerId !== '' && !/^[A-Z0-9]{6,32}$/.test(sellerId)) {
    fail('SELLER_ID', 'must be the Amazon Pay merchant id (6 to 32 capital letters and digits)');
  }

  const storeName = read('STORE_NAME') ?? LOCAL_DEFAULTS.STORE_NAME;
  if ([...storeName].length > 50 || /[<>&]/.test(storeName)) {
    fail('STORE_NAME', 'must be at most 50 characters, without < > &');
  }

  const merchantCountry = local('MERCHANT_COUNTRY') ?? '';
  if (merchantCountry !== '' && toAmazonPayRegion(merchantCountry) === undefined) {
    fail(
      'MERCHANT_COUNTRY',
      merchantCountry === 'GB'
        ? 'must be UK for the United Kingdom (Amazon Pay does not accept GB)'
        : 'must be an Amazon Pay country of establishment (US, UK, JP, DE, FR, IT, ES, AT, ...)',
    );
  }

  const expectedCurrency = ledgerCurrencyOf(merchantCountry);
  const ledgerRaw = read('LEDGER_CURRENCY') ?? (inLambda ? undefined : expectedCurrency);
  let ledgerCurrency: Currency = 'USD';
  if (ledgerRaw !== undefined) {
    if (!isCurrency(ledgerRaw)) {
      fail('LEDGER_CURRENCY', 'must be one of USD, EUR, GBP, JPY');
    } else if (expectedCurrency !== undefined && ledgerRaw !== expectedCurrency) {
      fail(
        'LEDGER_CURRENCY',
        `must be ${expectedCurrency} for MERCHANT_COUNTRY=${merchantCountry} (got ${ledgerRaw})`,
      );
    } else {
      ledgerCurrency = ledgerRaw;
    }
  }

  const sandboxRaw = read('SANDBOX') ?? (inLambda ? undefined : LOCAL_DEFAULTS.SANDBOX);
  if (sandboxRaw !== undefined && sandboxRaw !== 'true' && sandboxRaw !== 'false') {
    fail('SANDBOX', 'must be exactly true or false');
  }
  const sandbox = sandboxRaw === 'true';

  let sandboxCustomerEmail: string | undefined;
  if (sandbox) {
    sandboxCustomerEmail = local('SANDBOX_CUSTOMER_EMAIL');
    if (sandboxCustomerEmail === undefined) {
      fail('SANDBOX_CUSTOMER_EMAIL', 'is required when SANDBOX=true');
    } else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(sandboxCustomerEmail)) {
      fail('SANDBOX_CUSTOMER_EMAIL', 'must be the email of a sandbox buyer account');
    }
  }

  const skillId = local('SKILL_ID') ?? '';
  if (skillId !== '' && !/^amzn1\.ask\.skill\.[A-Za-z0-9-]+$/.test(skillId)) {
    fail('SKILL_ID', 'must be a skill id of the form amzn1.ask.skill.<uuid>');
  }

  const ordersTable = read('ORDERS_TABLE');
  if (ordersTable !== undefined && !/^[A-Za-z0-9_.-]{3,255}$/.test(ordersTable)) {
    fail('ORDERS_TABLE', 'must be a DynamoDB table name (3 to 255 of A-Z a-z 0-9 _ . -)');
  }

  const ordersDbDir = path.resolve(cwd, read('ORDERS_DB_DIR') ?? '.data');

  const maxAmountMinor: Record<string, number> = { ...DEFAULT_MAX_AUTHORIZATION_MINOR };
  const maxJpy = read('MAX_CHARGE_JPY');
  if (maxJpy !== undefined) {
    if (!/^[1-9]\d{0,11}$/.test(maxJpy)) {
      fail('MAX_CHARGE_JPY', 'must be a whole number of yen from 1 to 999,999,999,999');
    } else {
      maxAmountMinor['JPY'] = Number(maxJpy);
    }
  }

  const logLevel = (read('LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    fail('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  }

  const budgetRaw = read('TURN_BUDGET_MS');
  let turnBudgetMs = DEFAULT_TURN_BUDGET_MS;
  if (budgetRaw !== undefined) {
    if (!/^\d{1,5}$/.test(budgetRaw) || Number(budgetRaw) < 100 || Number(budgetRaw) > 7500) {
      fail('TURN_BUDGET_MS', 'must be a whole number of milliseconds from 100 to 7500');
    } else {
      turnBudgetMs = Number(budgetRaw);
    }
  }

  const simulationRaw = read('SANDBOX_SIMULATION');
  let sandboxSimulation: SandboxSimulation | undefined;
  if (simulationRaw !== undefined) {
    if (!isSandboxSimulation(simulationRaw)) {
      fail('SANDBOX_SIMULATION', `must be one of ${Object.values(SandboxSimulation).join(', ')}`);
    } else if (!sandbox) {
      fail('SANDBOX_SIMULATION', 'is allowed only when SANDBOX=true');
    } else {
      sandboxSimulation = simulationRaw;
    }
  }

  // Both or neither: a shopper is given a phone and an email together. Outside Lambda each has a
  // placeholder default; in Lambda neither is required, and the answers then name no contact.
  const contactPhone = local('MERCHANT_CONTACT_PHONE');
  const contactEmail = local('MERCHANT_CONTACT_EMAIL');
  if (contactPhone !== undefined) {
    const digits = contactPhone.replace(/\D/g, '').length;
    if (!/^\+?[0-9 ()./-]{5,30}$/.test(contactPhone) || digits < 5 || digits > 20) {
      fail('MERCHANT_CONTACT_PHONE', 'must be a phone number (digits, spaces, + ( ) . / -)');
    }
  } else if (contactEmail !== undefined) {
    fail('MERCHANT_CONTACT_PHONE', 'is required when MERCHANT_CONTACT_EMAIL is set');
  }
  if (contactEmail !== undefined) {
    if (contactEmail.length > 254 || !/^[^\s@<>&]+@[^\s@<>&]+\.[^\s@<>&]+$/.test(contactEmail)) {
      fail('MERCHANT_CONTACT_EMAIL', 'must be an email address');
    }
  } else if (contactPhone !== undefined) {
    fail('MERCHANT_CONTACT_EMAIL', 'is required when MERCHANT_CONTACT_PHONE is set');
  }
  const merchantContact =
    contactPhone !== undefined && contactEmail !== undefined
      ? Object.freeze({ phone: contactPhone, email: contactEmail })
      : undefined;

  const policy = read('ADDRESS_UNAVAILABLE_POLICY') ?? 'flat';
  if (policy !== 'flat' && policy !== 'stop') {
    fail('ADDRESS_UNAVAILABLE_POLICY', 'must be flat or stop');
  }
  const addressUnavailablePolicy: AddressUnavailablePolicy = policy === 'stop' ? 'stop' : 'flat';

  const originRaw = read('BUYER_API_ORIGIN');
  let buyerApiOrigin: string | undefined;
  if (originRaw !== undefined) {
    if (inLambda) {
      fail('BUYER_API_ORIGIN', 'is for the local stand-in and not allowed in Lambda');
    } else if (
      !/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$|^https?:\/\/\[::1\](:\d{1,5})?$/.test(originRaw)
    ) {
      fail('BUYER_API_ORIGIN', 'must be an origin such as http://127.0.0.1:4010 (no path)');
    } else {
      buyerApiOrigin = originRaw;
    }
  }

  const buyerTimeoutRaw = read('BUYER_API_TIMEOUT_MS');
  let buyerApiTimeoutMs = Math.min(DEFAULT_BUYER_API_TIMEOUT_MS, Math.floor(turnBudgetMs / 2));
  if (buyerTimeoutRaw !== undefined) {
    const value = Number(buyerTimeoutRaw);
    if (!/^\d{1,5}$/.test(buyerTimeoutRaw) || value < 50 || value > turnBudgetMs / 2) {
      fail(
        'BUYER_API_TIMEOUT_MS',
        `must be a whole number of milliseconds from 50 to half of TURN_BUDGET_MS (${Math.floor(turnBudgetMs / 2)})`,
      );
    } else {
      buyerApiTimeoutMs = value;
    }
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    sellerId,
    storeName,
    merchantCountry,
    ledgerCurrency,
    sandbox,
    sandboxCustomerEmail,
    skillId,
    ordersTable,
    ordersDbDir,
    inLambda,
    maxAmountMinor: Object.freeze(maxAmountMinor),
    logLevel,
    sandboxSimulation,
    turnBudgetMs,
    merchantContact,
    addressUnavailablePolicy,
    buyerApiOrigin,
    buyerApiTimeoutMs,
  });
}
