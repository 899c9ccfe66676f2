import {
  currencyExponent,
  DEFAULT_MAX_AUTHORIZATION_MINOR,
  toAmazonPayAmount,
  type MinorAmount,
} from './amount';
import { AmazonPayValidationError } from './errors';
import {
  CHECKOUT_LANGUAGES_OF_REGION,
  LEDGER_CURRENCY_OF_REGION,
  toAmazonPayRegion,
} from './regions';

/** Characters Amazon Pay allows in reference ids: `a-z A-Z 0-9 - _`. */
const REFERENCE_ID_PATTERN = /^[A-Za-z0-9_-]+$/;

/** Length limits of Amazon Pay text fields (protocol page sections 2 and 3). */
export const AMAZON_PAY_LIMITS = Object.freeze({
  authorizationReferenceId: 32,
  sellerOrderId: 32,
  sellerBillingAgreementId: 32,
  storeName: 50,
  sellerNote: 1024,
  customInformation: 1024,
  sellerAuthorizationNote: 255,
  softDescriptor: 16,
});

/** Fails unless the value is a non-empty string with no leading or trailing blanks. */
export function requireText(value: string, field: string, maxLength?: number): void {
  if (value.length === 0 || value.trim() !== value) {
    throw new AmazonPayValidationError('must be non-empty text without surrounding blanks', field);
  }
  if (maxLength !== undefined && [...value].length > maxLength) {
    throw new AmazonPayValidationError(`must be at most ${maxLength} characters`, field);
  }
}

/** Fails unless the value is an Amazon Pay reference id: 1 to `maxLength` of `A-Z a-z 0-9 - _`. */
export function requireReferenceId(value: string, field: string, maxLength: number): void {
  if (value.length === 0 || value.length > maxLength || !REFERENCE_ID_PATTERN.test(value)) {
    throw new AmazonPayValidationError(
      `must be 1 to ${maxLength} characters of A-Z a-z 0-9 - _`,
      field,
    );
  }
}

/** Fails unless country, ledger currency and (if given) checkout language belong together. */
export function requireMerchantRegion(
  countryOfEstablishment: string,
  ledgerCurrency: string,
  checkoutLanguage: string | undefined,
): void {
  const region = toAmazonPayRegion(countryOfEstablishment);
  if (region === undefined) {
    throw new AmazonPayValidationError(
      'is not an Amazon Pay country of establishment (use UK, not GB)',
      'countryOfEstablishment',
    );
  }
  if (LEDGER_CURRENCY_OF_REGION[region] !== ledgerCurrency) {
    throw new AmazonPayValidationError(
      `must be ${LEDGER_CURRENCY_OF_REGION[region]} for a merchant established in ${countryOfEstablishment}`,
      'ledgerCurrency',
    );
  }
  if (
    checkoutLanguage !== undefined &&
    !CHECKOUT_LANGUAGES_OF_REGION[region].includes(checkoutLanguage)
  ) {
    throw new AmazonPayValidationError(
      `must be one of ${CHECKOUT_LANGUAGES_OF_REGION[region].join(', ')} in region ${region}`,
      'checkoutLanguage',
    );
  }
}

/**
 * Checks an authorization amount and returns its wire string.
 *
 * The amount must be positive, in a supported currency, and at most the maximum for that currency
 * (`maxMinorByCurrency` overrides the defaults, e.g. a configured JPY maximum).
 */
export function requireAuthorizationAmount(
  amount: MinorAmount,
  maxMinorByCurrency: Readonly<Record<string, number>> = DEFAULT_MAX_AUTHORIZATION_MINOR,
): string {
  const defaultMax =
    currencyExponent(amount.currency) === undefined
      ? undefined
      : DEFAULT_MAX_AUTHORIZATION_MINOR[amount.currency];
  if (defaultMax === undefined) {
    throw new AmazonPayValidationError(`unsupported currency ${amount.currency}`, 'currencyCode');
  }
  // One rule, one field: zero, negative and fractional amounts are all a bad authorizationAmount.
  if (!Number.isSafeInteger(amount.amountMinor) || amount.amountMinor <= 0) {
    throw new AmazonPayValidationError(
      'must be a whole number of minor units greater than zero',
      'authorizationAmount',
    );
  }
  const configured = Object.prototype.hasOwnProperty.call(maxMinorByCurrency, amount.currency)
    ? maxMinorByCurrency[amount.currency]
    : undefined;
  // An override that holds no number for the currency keeps the default: it never lifts the cap.
  const max = configured ?? defaultMax;
  if (amount.amountMinor > max) {
    throw new AmazonPayValidationError(
      `exceeds the maximum of ${toAmazonPayAmount({ amountMinor: max, currency: amount.currency })} ${amount.currency}`,
      'authorizationAmount',
    );
  }
  return toAmazonPayAmount(amount);
}
