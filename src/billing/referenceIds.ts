import { createHash } from 'node:crypto';
import { MAX_REFERENCE_ID_LENGTH } from '../amazonpay/mws/constants';
import { isMwsReferenceId } from '../amazonpay/mws/requestParameters';
import { InvalidBillingRecordError } from './errors';

/** The most attempts (new reference ids) one period or usage charge may have. */
export const MAX_ATTEMPT_NUMBER = 99;

/** The largest period index a reference id can carry (a weekly subscription of 19,000 years). */
export const MAX_PERIOD_INDEX = 999_999;

// 16 base64url characters: 96 bits of the agreement (and usage) id, so that any Amazon id format
// fits the 32 characters of a reference id.
const DIGEST_LENGTH = 16;

function digestOf(...parts: ReadonlyArray<string>): string {
  // A separator that no id contains keeps ('a', 'bc') and ('ab', 'c') apart.
  return createHash('sha256')
    .update(parts.join('\u0000'), 'utf8')
    .digest('base64url')
    .slice(0, DIGEST_LENGTH);
}

function checkCount(value: number, max: number, field: string, min: number): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new InvalidBillingRecordError(field, `must be a whole number from ${min} to ${max}`);
  }
}

function checked(referenceId: string): string {
  // Always true by construction; asserted so that a change to the format cannot slip past MWS.
  if (!isMwsReferenceId(referenceId) || referenceId.length > MAX_REFERENCE_ID_LENGTH) {
    throw new InvalidBillingRecordError('authorizationReferenceId', 'does not fit MWS');
  }
  return referenceId;
}

/**
 * Derives the `AuthorizationReferenceId` of a subscription's charge: `bp-<digest>-<period>-<attempt>`,
 * where the digest is 16 base64url characters of the SHA-256 of the billing agreement id.
 *
 * Deterministic, so that every run and every resend of the same period and attempt uses the same
 * id (MWS answers a resend with the same parameters with the same authorization), and at most 29
 * of `A-Z a-z 0-9 - _` (MWS allows 32).
 *
 * @example
 * toPeriodReferenceId('C01-1234567-1234567', 0, 1); // 'bp-<16 characters>-0-1'
 */
export function toPeriodReferenceId(
  billingAgreementId: string,
  periodIndex: number,
  attempt: number,
): string {
  checkCount(periodIndex, MAX_PERIOD_INDEX, 'periodIndex', 0);
  checkCount(attempt, MAX_ATTEMPT_NUMBER, 'attempt', 1);
  return checked(`bp-${digestOf('period', billingAgreementId)}-${periodIndex}-${attempt}`);
}

/**
 * Derives the `AuthorizationReferenceId` of a usage charge: `bu-<digest>-<attempt>`, the digest
 * taken over the billing agreement id and the merchant's usage id. At most 22 characters.
 */
export function toUsageReferenceId(
  billingAgreementId: string,
  usageId: string,
  attempt: number,
): string {
  checkCount(attempt, MAX_ATTEMPT_NUMBER, 'attempt', 1);
  return checked(`bu-${digestOf('usage', billingAgreementId, usageId)}-${attempt}`);
}
