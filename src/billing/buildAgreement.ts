import { MAX_SELLER_NOTE_LENGTH } from '../amazonpay/mws/constants';
import { DEFAULT_MAX_AUTHORIZATION_MINOR } from '../amazonpay/amount';
import { isCurrency } from '../checkout/money';
import type { Agreement } from './Agreement';
import { AgreementState } from './AgreementState';
import { isAgreementKind } from './AgreementKind';
import { isBillingPeriod } from './BillingPeriod';
import { InvalidBillingRecordError } from './errors';
import type { NewAgreement } from './NewAgreement';

/** The longest `sellerNote` of a Setup's billing agreement attributes. */
export const MAX_AGREEMENT_SELLER_NOTE_LENGTH = 1024;

const BILLING_AGREEMENT_ID = /^[A-Za-z0-9-]{1,64}$/;
const PRODUCT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const USAGE_ID = /^[A-Za-z0-9_.:-]{1,128}$/;
const CUSTOMER_KEY = /^(buyer|user):[\x21-\x7e]{1,500}$/;

/**
 * Builds the key under which a customer's agreements are kept: `buyer:<buyerId>` when the Buyer
 * ID API gave one, otherwise `user:<userId>` (the Alexa user id).
 *
 * The key holds an Amazon id, so it is stored but never logged.
 */
export function toCustomerKey(ids: {
  readonly buyerId?: string | undefined;
  readonly userId: string;
}): string {
  const key =
    ids.buyerId !== undefined && ids.buyerId !== '' ? `buyer:${ids.buyerId}` : `user:${ids.userId}`;
  checkCustomerKey(key);
  return key;
}

/** Checks a customer key: `buyer:` or `user:` and up to 500 printable ASCII characters. */
export function checkCustomerKey(customerKey: string): string {
  if (typeof customerKey !== 'string' || !CUSTOMER_KEY.test(customerKey)) {
    throw new InvalidBillingRecordError(
      'customerKey',
      'must be buyer:<buyerId> or user:<userId> (printable, at most 500 characters)',
    );
  }
  return customerKey;
}

/** Checks a billing agreement id: 1 to 64 of `A-Z a-z 0-9 -` (Amazon's ids look like C01-...). */
export function checkBillingAgreementId(billingAgreementId: string): string {
  if (typeof billingAgreementId !== 'string' || !BILLING_AGREEMENT_ID.test(billingAgreementId)) {
    throw new InvalidBillingRecordError('billingAgreementId', 'must be 1 to 64 of A-Z a-z 0-9 -');
  }
  return billingAgreementId;
}

/** Checks a usage id of the merchant's: 1 to 128 of `A-Z a-z 0-9 _ . : -`. */
export function checkUsageId(usageId: string): string {
  if (typeof usageId !== 'string' || !USAGE_ID.test(usageId)) {
    throw new InvalidBillingRecordError('usageId', 'must be 1 to 128 of A-Z a-z 0-9 _ . : -');
  }
  return usageId;
}

/** Checks an ISO instant and returns it in `toISOString` form (so that instants sort as text). */
export function toInstant(value: string, field: string): string {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw new InvalidBillingRecordError(field, 'must be an ISO 8601 instant');
  }
  return new Date(ms).toISOString();
}

/**
 * Checks an amount of a charge: a whole number of minor units, more than zero and at most the
 * largest authorization of the currency.
 */
export function checkChargeAmount(amountMinor: number, currency: string, field: string): number {
  const max = DEFAULT_MAX_AUTHORIZATION_MINOR[currency] ?? 0;
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0 || amountMinor > max) {
    throw new InvalidBillingRecordError(
      field,
      `must be a whole number of minor units from 1 to ${max}`,
    );
  }
  return amountMinor;
}

function checkNote(value: string | undefined, max: number, field: string): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value === '' || [...value].length > max) {
    throw new InvalidBillingRecordError(field, `must be 1 to ${max} characters`);
  }
}

/**
 * Checks a new agreement and builds its first record: active, version 1, and for a subscription
 * the first period (index 0, attempt 1) due at `firstChargeAt`.
 *
 * Throws InvalidBillingRecordError naming the field at fault (never its value).
 *
 * @example
 * buildAgreement({
 *   billingAgreementId: 'C01-1234567-1234567', customerKey: 'buyer:amzn1.account.X',
 *   productId: 'coffee-club', currency: 'USD', createdAt: now, kind: 'subscription',
 *   amountMinor: 1500, period: 'P1M', firstChargeAt: now,
 * });
 */
export function buildAgreement(input: NewAgreement): Agreement {
  checkBillingAgreementId(input.billingAgreementId);
  checkCustomerKey(input.customerKey);
  if (typeof input.productId !== 'string' || !PRODUCT_ID.test(input.productId)) {
    throw new InvalidBillingRecordError('productId', 'must be 1 to 64 of A-Z a-z 0-9 _ -');
  }
  if (!isCurrency(input.currency)) {
    throw new InvalidBillingRecordError('currency', 'must be USD, EUR, GBP or JPY');
  }
  if (!isAgreementKind(input.kind)) {
    throw new InvalidBillingRecordError('kind', 'must be subscription or payAsYouGo');
  }
  checkNote(input.sellerNote, MAX_AGREEMENT_SELLER_NOTE_LENGTH, 'sellerNote');
  checkNote(input.sellerAuthorizationNote, MAX_SELLER_NOTE_LENGTH, 'sellerAuthorizationNote');
  const createdAt = toInstant(input.createdAt, 'createdAt');
  const common = {
    billingAgreementId: input.billingAgreementId,
    customerKey: input.customerKey,
    productId: input.productId,
    currency: input.currency,
    state: AgreementState.Active,
    createdAt,
    updatedAt: createdAt,
    version: 1,
    ...(input.sellerNote === undefined ? {} : { sellerNote: input.sellerNote }),
    ...(input.sellerAuthorizationNote === undefined
      ? {}
      : { sellerAuthorizationNote: input.sellerAuthorizationNote }),
  };
  if (input.kind === 'payAsYouGo') {
    return { ...common, kind: 'payAsYouGo', usageQueue: [] };
  }
  checkChargeAmount(input.amountMinor, input.currency, 'amountMinor');
  if (!isBillingPeriod(input.period)) {
    throw new InvalidBillingRecordError('period', 'must be one of P1W, P1M, P3M, P1Y');
  }
  const firstChargeAt = toInstant(input.firstChargeAt, 'firstChargeAt');
  return {
    ...common,
    kind: 'subscription',
    amountMinor: input.amountMinor,
    period: input.period,
    firstChargeAt,
    periodIndex: 0,
    attempt: 1,
    nextChargeAt: firstChargeAt,
  };
}

/**
 * Tells whether a stored agreement was created from the same Setup as a new one: every field the
 * Setup gave is equal (the creation time is ours and may differ on a re-delivered Setup).
 */
export function isSameAgreementContent(stored: Agreement, created: Agreement): boolean {
  const same =
    stored.billingAgreementId === created.billingAgreementId &&
    stored.customerKey === created.customerKey &&
    stored.kind === created.kind &&
    stored.productId === created.productId &&
    stored.currency === created.currency &&
    stored.sellerNote === created.sellerNote &&
    stored.sellerAuthorizationNote === created.sellerAuthorizationNote;
  if (!same) return false;
  if (stored.kind === 'subscription' && created.kind === 'subscription') {
    return (
      stored.amountMinor === created.amountMinor &&
      stored.period === created.period &&
      stored.firstChargeAt === created.firstChargeAt
    );
  }
  return true;
}
