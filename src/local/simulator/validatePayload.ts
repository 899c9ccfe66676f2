import { MAX_AUTHORIZATION_MINOR, isSupportedCurrency, toMinorUnits } from './amounts';
import type { SupportedCurrency } from './amounts';
import {
  COUNTRY_REGIONS,
  REGION_CHECKOUT_LANGUAGES,
  REGION_LEDGER_CURRENCIES,
  isCheckoutLanguage,
  isCountryOfEstablishment,
} from './regions';

/**
 * A rule of the Amazon Pay protocol that a Setup or Charge payload broke, as Amazon Pay reports it.
 *
 * `errorCode` and `statusCode` become the `Connections.Response` status and error payload;
 * `message` names the field at fault, for the person reading a failed scenario.
 */
export type PayloadProblem = {
  readonly errorCode: string;
  readonly statusCode: string;
  readonly message: string;
};

/**
 * The error codes the payload validator reports.
 *
 * Names follow the protocol page's error tables (sections 5.2 and 5.4). See
 * https://developer.amazon.com/en-US/docs/alexa/amazon-pay-alexa/payment-declines-and-processing-errors.html
 */
export const PayloadErrorCode = {
  InvalidParameterValue: 'InvalidParameterValue',
  UnsupportedCountryOfEstablishment: 'UnsupportedCountryOfEstablishment',
  UnsupportedCurrency: 'UnsupportedCurrency',
  InvalidSandboxCustomerEmail: 'InvalidSandboxCustomerEmail',
  InvalidPaymentAction: 'InvalidPaymentAction',
  InvalidAuthorizationAmount: 'InvalidAuthorizationAmount',
} as const;

/** One of the error codes the payload validator reports. */
export type PayloadErrorCode = (typeof PayloadErrorCode)[keyof typeof PayloadErrorCode];

/** The HTTP-like status code, as a string, of every payload problem. */
export const PAYLOAD_PROBLEM_STATUS_CODE = '400';

/** The only `@version` the simulator accepts on a request and on each nested entity. */
export const AMAZON_PAY_ENTITY_VERSION = '2';

type JsonObject = Readonly<Record<string, unknown>>;
type Problem = PayloadProblem | undefined;

type StringRule = {
  readonly required?: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: RegExp;
  readonly patternText?: string;
  readonly code?: PayloadErrorCode;
};

const IDENTIFIER = /^[A-Za-z0-9_-]+$/;
const IDENTIFIER_TEXT = 'only the characters A-Z a-z 0-9 - _';
// "Plausible": one @, no spaces, a dot in the domain. Amazon checks the real sandbox account list.
const PLAUSIBLE_EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

const BILLING_AGREEMENT_TYPES: readonly string[] = [
  'CustomerInitiatedTransaction',
  'MerchantInitiatedTransaction',
];
const PAYMENT_ACTIONS: readonly string[] = ['Authorize', 'AuthorizeAndCapture'];

const SETUP_FIELDS = [
  'sellerId',
  'countryOfEstablishment',
  'ledgerCurrency',
  'checkoutLanguage',
  'billingAgreementAttributes',
  'needAmazonShippingAddress',
  'sandboxMode',
  'sandboxCustomerEmailId',
] as const;
const BILLING_AGREEMENT_FIELDS = [
  'platformId',
  'sellerNote',
  'sellerBillingAgreementAttributes',
  'billingAgreementType',
  'subscriptionAmount',
] as const;
const SELLER_BILLING_AGREEMENT_FIELDS = [
  'sellerBillingAgreementId',
  'storeName',
  'customInformation',
] as const;
const CHARGE_FIELDS = [
  'sellerId',
  'billingAgreementId',
  'paymentAction',
  'authorizeAttributes',
  'sellerOrderAttributes',
  'providerAttributes',
] as const;
const AUTHORIZE_FIELDS = [
  'authorizationReferenceId',
  'authorizationAmount',
  'transactionTimeout',
  'sellerAuthorizationNote',
  'softDescriptor',
] as const;
const PRICE_FIELDS = ['amount', 'currencyCode'] as const;
const SELLER_ORDER_FIELDS = [
  'sellerOrderId',
  'storeName',
  'customInformation',
  'sellerNote',
] as const;
const PROVIDER_FIELDS = ['providerId', 'providerCreditList'] as const;
const PROVIDER_CREDIT_FIELDS = ['providerId', 'credit'] as const;

/**
 * Checks a `SetupAmazonPayRequest` payload against every rule of the protocol page.
 *
 * Returns the first problem found, in field order, or undefined for a valid payload. Written from
 * the protocol page alone, so that it does not share the skill's builders' mistakes. See
 * https://developer.amazon.com/en-US/docs/alexa/amazon-pay-alexa/amazon-pay-apis-for-alexa.html
 */
export function validateSetupPayload(input: unknown): PayloadProblem | undefined {
  const entity = readEntity(input, 'payload', 'SetupAmazonPayRequest', SETUP_FIELDS);
  if (entity.problem !== undefined) {
    return entity.problem;
  }
  const payload = entity.record;
  const sellerProblem = checkSellerId(payload);
  if (sellerProblem !== undefined) {
    return sellerProblem;
  }

  const country = payload['countryOfEstablishment'];
  if (country === undefined) {
    return invalid('payload.countryOfEstablishment is required');
  }
  if (!isCountryOfEstablishment(country)) {
    return problem(
      PayloadErrorCode.UnsupportedCountryOfEstablishment,
      `payload.countryOfEstablishment ${describe(country)} is not one of ${Object.keys(COUNTRY_REGIONS).join(' ')}`,
    );
  }
  const region = COUNTRY_REGIONS[country];

  const ledgerCurrency = payload['ledgerCurrency'];
  if (ledgerCurrency === undefined) {
    return invalid('payload.ledgerCurrency is required');
  }
  if (ledgerCurrency !== REGION_LEDGER_CURRENCIES[region]) {
    return problem(
      PayloadErrorCode.UnsupportedCurrency,
      `payload.ledgerCurrency ${describe(ledgerCurrency)} does not fit country ${country}, whose ledger currency is ${REGION_LEDGER_CURRENCIES[region]}`,
    );
  }

  const checkoutLanguage = payload['checkoutLanguage'];
  if (checkoutLanguage !== undefined) {
    if (!isCheckoutLanguage(checkoutLanguage)) {
      return invalid(
        `payload.checkoutLanguage ${describe(checkoutLanguage)} is not an allowed language (underscore form, e.g. en_US)`,
      );
    }
    if (!REGION_CHECKOUT_LANGUAGES[region].includes(checkoutLanguage)) {
      return invalid(
        `payload.checkoutLanguage ${checkoutLanguage} does not fit country ${country}`,
      );
    }
  }

  const booleanProblem =
    checkBoolean(payload, 'needAmazonShippingAddress', 'payload') ??
    checkBoolean(payload, 'sandboxMode', 'payload');
  if (booleanProblem !== undefined) {
    return booleanProblem;
  }

  const email = payload['sandboxCustomerEmailId'];
  if (payload['sandboxMode'] === true) {
    if (typeof email !== 'string' || !PLAUSIBLE_EMAIL.test(email)) {
      return problem(
        PayloadErrorCode.InvalidSandboxCustomerEmail,
        'payload.sandboxCustomerEmailId must be the email address of a sandbox buyer when sandboxMode is true',
      );
    }
  } else if (email !== undefined) {
    return invalid('payload.sandboxCustomerEmailId is allowed only when sandboxMode is true');
  }

  const attributes = payload['billingAgreementAttributes'];
  if (attributes !== undefined) {
    return checkBillingAgreementAttributes(attributes, payload['sellerId'], ledgerCurrency);
  }
  return undefined;
}

/**
 * Checks a `ChargeAmazonPayRequest` payload against every rule of the protocol page.
 *
 * Returns the first problem found, in field order, or undefined for a valid payload. Rules that need
 * the billing agreement (its existence, status and ledger currency) are the simulator's, not this
 * function's. See
 * https://developer.amazon.com/en-US/docs/alexa/amazon-pay-alexa/amazon-pay-apis-for-alexa.html
 */
export function validateChargePayload(input: unknown): PayloadProblem | undefined {
  const entity = readEntity(input, 'payload', 'ChargeAmazonPayRequest', CHARGE_FIELDS);
  if (entity.problem !== undefined) {
    return entity.problem;
  }
  const payload = entity.record;
  const sellerProblem =
    checkSellerId(payload) ??
    checkString(payload, 'billingAgreementId', 'payload', { required: true, minLength: 1 });
  if (sellerProblem !== undefined) {
    return sellerProblem;
  }

  const paymentAction = payload['paymentAction'];
  if (paymentAction === undefined) {
    return invalid('payload.paymentAction is required');
  }
  if (typeof paymentAction !== 'string' || !PAYMENT_ACTIONS.includes(paymentAction)) {
    return problem(
      PayloadErrorCode.InvalidPaymentAction,
      `payload.paymentAction ${describe(paymentAction)} is neither Authorize nor AuthorizeAndCapture`,
    );
  }

  const authorize = payload['authorizeAttributes'];
  if (authorize === undefined) {
    return invalid('payload.authorizeAttributes is required');
  }
  const authorizeProblem = checkAuthorizeAttributes(authorize);
  if (authorizeProblem !== undefined) {
    return authorizeProblem;
  }

  const sellerOrder = payload['sellerOrderAttributes'];
  if (sellerOrder !== undefined) {
    const sellerOrderProblem = checkSellerOrderAttributes(sellerOrder);
    if (sellerOrderProblem !== undefined) {
      return sellerOrderProblem;
    }
  }

  const provider = payload['providerAttributes'];
  return provider === undefined ? undefined : checkProviderAttributes(provider);
}

function checkSellerId(payload: JsonObject): Problem {
  const sellerId = payload['sellerId'];
  if (sellerId === undefined) {
    return invalid('payload.sellerId is required');
  }
  if (typeof sellerId !== 'string' || sellerId.trim() === '') {
    return invalid('payload.sellerId must be a non-empty string');
  }
  return undefined;
}

function checkBillingAgreementAttributes(
  input: unknown,
  sellerId: unknown,
  ledgerCurrency: unknown,
): Problem {
  const path = 'payload.billingAgreementAttributes';
  const entity = readEntity(input, path, 'BillingAgreementAttributes', BILLING_AGREEMENT_FIELDS);
  if (entity.problem !== undefined) {
    return entity.problem;
  }
  const value = entity.record;
  // MWS: "at least one child must be given if the object is present".
  if (BILLING_AGREEMENT_FIELDS.every((field) => value[field] === undefined)) {
    return invalid(`${path} must set at least one of ${BILLING_AGREEMENT_FIELDS.join(', ')}`);
  }

  const platformId = value['platformId'];
  const fieldProblem =
    checkString(value, 'platformId', path, { minLength: 1 }) ??
    (platformId !== undefined && platformId === sellerId
      ? invalid(
          `${path}.platformId must be the solution provider's id, never the merchant's sellerId`,
        )
      : undefined) ??
    checkString(value, 'sellerNote', path, { maxLength: 1024 });
  if (fieldProblem !== undefined) {
    return fieldProblem;
  }

  const type = value['billingAgreementType'];
  if (type !== undefined && (typeof type !== 'string' || !BILLING_AGREEMENT_TYPES.includes(type))) {
    return invalid(
      `${path}.billingAgreementType ${describe(type)} is neither CustomerInitiatedTransaction nor MerchantInitiatedTransaction`,
    );
  }

  const sellerAttributes = value['sellerBillingAgreementAttributes'];
  if (sellerAttributes !== undefined) {
    const sellerProblem = checkSellerBillingAgreementAttributes(sellerAttributes);
    if (sellerProblem !== undefined) {
      return sellerProblem;
    }
  }

  const subscriptionAmount = value['subscriptionAmount'];
  if (subscriptionAmount === undefined) {
    return undefined;
  }
  if (type !== 'MerchantInitiatedTransaction') {
    return invalid(
      `${path}.subscriptionAmount is allowed only with billingAgreementType MerchantInitiatedTransaction`,
    );
  }
  return checkPrice(subscriptionAmount, `${path}.subscriptionAmount`, {
    amountCode: PayloadErrorCode.InvalidParameterValue,
    currencyCode: PayloadErrorCode.InvalidParameterValue,
    expectedCurrency: ledgerCurrency,
  });
}

function checkSellerBillingAgreementAttributes(input: unknown): Problem {
  const path = 'payload.billingAgreementAttributes.sellerBillingAgreementAttributes';
  const entity = readEntity(
    input,
    path,
    'SellerBillingAgreementAttributes',
    SELLER_BILLING_AGREEMENT_FIELDS,
  );
  if (entity.problem !== undefined) {
    return entity.problem;
  }
  const value = entity.record;
  if (SELLER_BILLING_AGREEMENT_FIELDS.every((field) => value[field] === undefined)) {
    return invalid(
      `${path} must set at least one of ${SELLER_BILLING_AGREEMENT_FIELDS.join(', ')}`,
    );
  }
  return (
    checkString(value, 'sellerBillingAgreementId', path, identifierRule()) ??
    checkString(value, 'storeName', path, { minLength: 1, maxLength: 50 }) ??
    checkString(value, 'customInformation', path, { maxLength: 1024 })
  );
}

function checkAuthorizeAttributes(input: unknown): Problem {
  const path = 'payload.authorizeAttributes';
  const entity = readEntity(input, path, 'AuthorizeAttributes', AUTHORIZE_FIELDS);
  if (entity.problem !== undefined) {
    return entity.problem;
  }
  const value = entity.record;
  const referenceProblem = checkString(value, 'authorizationReferenceId', path, {
    ...identifierRule(),
    required: true,
  });
  if (referenceProblem !== undefined) {
    return referenceProblem;
  }

  const amount = value['authorizationAmount'];
  if (amount === undefined) {
    return invalid(`${path}.authorizationAmount is required`);
  }
  const amountProblem = checkPrice(amount, `${path}.authorizationAmount`, {
    amountCode: PayloadErrorCode.InvalidAuthorizationAmount,
    currencyCode: PayloadErrorCode.UnsupportedCurrency,
  });
  if (amountProblem !== undefined) {
    return amountProblem;
  }

  const timeout = value['transactionTimeout'];
  if (
    timeout !== undefined &&
    (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 0)
  ) {
    return invalid(
      `${path}.transactionTimeout ${describe(timeout)} must be a non-negative integer number of minutes`,
    );
  }
  return (
    checkString(value, 'sellerAuthorizationNote', path, { maxLength: 255 }) ??
    checkString(value, 'softDescriptor', path, { minLength: 1, maxLength: 16 })
  );
}

function checkSellerOrderAttributes(input: unknown): Problem {
  const path = 'payload.sellerOrderAttributes';
  const entity = readEntity(input, path, 'SellerOrderAttributes', SELLER_ORDER_FIELDS);
  if (entity.problem !== undefined) {
    return entity.problem;
  }
  const value = entity.record;
  return (
    checkString(value, 'sellerOrderId', path, identifierRule()) ??
    checkString(value, 'storeName', path, { minLength: 1, maxLength: 50 }) ??
    checkString(value, 'customInformation', path, { maxLength: 1024 }) ??
    checkString(value, 'sellerNote', path, { maxLength: 1024 })
  );
}

function checkProviderAttributes(input: unknown): Problem {
  const path = 'payload.providerAttributes';
  const entity = readEntity(input, path, 'ProviderAttributes', PROVIDER_FIELDS);
  if (entity.problem !== undefined) {
    return entity.problem;
  }
  const value = entity.record;
  const idProblem = checkString(value, 'providerId', path, { required: true, minLength: 1 });
  if (idProblem !== undefined) {
    return idProblem;
  }
  const credits = value['providerCreditList'];
  if (!Array.isArray(credits)) {
    return invalid(`${path}.providerCreditList must be an array`);
  }
  for (const [index, credit] of (credits as readonly unknown[]).entries()) {
    const creditPath = `${path}.providerCreditList[${index}]`;
    const creditProblem = checkProviderCredit(credit, creditPath);
    if (creditProblem !== undefined) {
      return creditProblem;
    }
  }
  return undefined;
}

function checkProviderCredit(input: unknown, path: string): Problem {
  const entity = readEntity(input, path, 'ProviderCredit', PROVIDER_CREDIT_FIELDS);
  if (entity.problem !== undefined) {
    return entity.problem;
  }
  const credit = entity.record;
  const idProblem = checkString(credit, 'providerId', path, { minLength: 1 });
  if (idProblem !== undefined || credit['credit'] === undefined) {
    return idProblem;
  }
  return checkPrice(credit['credit'], `${path}.credit`, {
    amountCode: PayloadErrorCode.InvalidParameterValue,
    currencyCode: PayloadErrorCode.InvalidParameterValue,
  });
}

type PriceRule = {
  readonly amountCode: PayloadErrorCode;
  readonly currencyCode: PayloadErrorCode;
  readonly expectedCurrency?: unknown;
};

function checkPrice(input: unknown, path: string, rule: PriceRule): Problem {
  const entity = readEntity(input, path, 'Price', PRICE_FIELDS);
  if (entity.problem !== undefined) {
    return entity.problem;
  }
  const value = entity.record;
  const currency = value['currencyCode'];
  if (currency === undefined) {
    return invalid(`${path}.currencyCode is required`);
  }
  if (!isSupportedCurrency(currency)) {
    return problem(
      rule.currencyCode,
      `${path}.currencyCode ${describe(currency)} is not one of USD EUR GBP JPY`,
    );
  }
  if (rule.expectedCurrency !== undefined && currency !== rule.expectedCurrency) {
    return problem(
      rule.currencyCode,
      `${path}.currencyCode ${currency} is not the ledger currency ${describe(rule.expectedCurrency)}`,
    );
  }
  const amount = value['amount'];
  if (amount === undefined) {
    return invalid(`${path}.amount is required`);
  }
  return checkAmount(amount, currency, `${path}.amount`, rule.amountCode);
}

function checkAmount(
  amount: unknown,
  currency: SupportedCurrency,
  path: string,
  code: PayloadErrorCode,
): Problem {
  if (typeof amount !== 'string') {
    return problem(code, `${path} must be a decimal string, not ${describe(amount)}`);
  }
  const minor = toMinorUnits(amount, currency);
  if (minor === undefined) {
    return problem(
      code,
      `${path} ${describe(amount)} is not a plain decimal with at most the decimal places of ${currency}`,
    );
  }
  if (minor <= 0n) {
    return problem(code, `${path} ${describe(amount)} must be greater than zero`);
  }
  if (minor > MAX_AUTHORIZATION_MINOR[currency]) {
    return problem(code, `${path} ${describe(amount)} is above the maximum for ${currency}`);
  }
  return undefined;
}

type EntityReading =
  | { readonly record: JsonObject; readonly problem?: undefined }
  | { readonly problem: PayloadProblem };

// Checks the parts every Amazon Pay request entity shares: an object, its @type and @version, and
// no fields beyond the known ones.
function readEntity(
  value: unknown,
  path: string,
  type: string,
  fields: readonly string[],
): EntityReading {
  if (!isJsonObject(value)) {
    return { problem: invalid(`${path} must be an object`) };
  }
  if (value['@type'] !== type) {
    return { problem: invalid(`${path}.@type ${describe(value['@type'])} must be '${type}'`) };
  }
  if (value['@version'] !== AMAZON_PAY_ENTITY_VERSION) {
    return {
      problem: invalid(
        `${path}.@version ${describe(value['@version'])} must be the string '${AMAZON_PAY_ENTITY_VERSION}'`,
      ),
    };
  }
  // Keys holding undefined vanish on the wire (JSON), so they are not "sent".
  const unknownField = Object.keys(value).find(
    (key) =>
      value[key] !== undefined && key !== '@type' && key !== '@version' && !fields.includes(key),
  );
  if (unknownField !== undefined) {
    return { problem: invalid(`${path} has an unknown field '${unknownField}'`) };
  }
  return { record: value };
}

function checkString(record: JsonObject, key: string, path: string, rule: StringRule): Problem {
  const value = record[key];
  const at = `${path}.${key}`;
  if (value === undefined) {
    return rule.required === true ? invalid(`${at} is required`) : undefined;
  }
  const code = rule.code ?? PayloadErrorCode.InvalidParameterValue;
  if (typeof value !== 'string') {
    return problem(code, `${at} must be a string, not ${describe(value)}`);
  }
  // Limits count characters (code points), not UTF-16 units, so a Japanese store name is fair.
  const length = [...value].length;
  if (rule.minLength !== undefined && length < rule.minLength) {
    return problem(code, `${at} must have at least ${rule.minLength} character(s)`);
  }
  if (rule.maxLength !== undefined && length > rule.maxLength) {
    return problem(code, `${at} has ${length} characters; the maximum is ${rule.maxLength}`);
  }
  if (rule.pattern !== undefined && !rule.pattern.test(value)) {
    return problem(code, `${at} must use ${rule.patternText ?? rule.pattern.source}`);
  }
  return undefined;
}

function checkBoolean(record: JsonObject, key: string, path: string): Problem {
  const value = record[key];
  return value === undefined || typeof value === 'boolean'
    ? undefined
    : invalid(`${path}.${key} must be a boolean, not ${describe(value)}`);
}

function identifierRule(): StringRule {
  return { minLength: 1, maxLength: 32, pattern: IDENTIFIER, patternText: IDENTIFIER_TEXT };
}

function isJsonObject(value: unknown): value is JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function describe(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `${typeof value} ${value}`;
  }
  if (value === null) {
    return 'null';
  }
  return Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : typeof value;
}

function invalid(message: string): PayloadProblem {
  return problem(PayloadErrorCode.InvalidParameterValue, message);
}

function problem(errorCode: PayloadErrorCode, message: string): PayloadProblem {
  return { errorCode, statusCode: PAYLOAD_PROBLEM_STATUS_CODE, message };
}
