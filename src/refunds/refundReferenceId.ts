import { createHash } from 'node:crypto';
import { MAX_REFERENCE_ID_LENGTH, REFERENCE_ID_PATTERN } from '../amazonpay/mws/constants';
import { RefundReferenceIdError } from './errors';

/**
 * Builds the `RefundReferenceId` of an order's n-th refund (n from 1): `${orderId}-r${n}`.
 *
 * Deterministic, so that a refund recorded before a crash is resent with the same id and MWS
 * answers it idempotently. MWS takes at most 32 of `A-Z a-z 0-9 - _`
 * (https://developer.amazon.com/docs/eu/amazon-pay-api/refund.html); an order id too long for
 * that is replaced by the start of its SHA-256 in base64url, which keeps the id unique per order
 * and refund number.
 *
 * @example
 * toRefundReferenceId('Jq3kYx0bT2uVw8ZrN5sA1g', 1); // 'Jq3kYx0bT2uVw8ZrN5sA1g-r1'
 */
export function toRefundReferenceId(orderId: string, refundNumber: number): string {
  if (!Number.isSafeInteger(refundNumber) || refundNumber < 1) {
    throw new RefundReferenceIdError('refundNumber', 'is not a whole number from 1');
  }
  if (!REFERENCE_ID_PATTERN.test(orderId)) {
    throw new RefundReferenceIdError('orderId', 'is not made of A-Z a-z 0-9 - _');
  }
  const suffix = `-r${refundNumber}`;
  if (orderId.length + suffix.length <= MAX_REFERENCE_ID_LENGTH) return `${orderId}${suffix}`;
  const digest = createHash('sha256').update(orderId, 'utf8').digest('base64url');
  return `${digest.slice(0, MAX_REFERENCE_ID_LENGTH - suffix.length)}${suffix}`;
}
