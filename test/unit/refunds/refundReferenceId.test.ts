import {
  MAX_REFERENCE_ID_LENGTH,
  REFERENCE_ID_PATTERN,
} from '../../../src/amazonpay/mws/constants';
import { RefundReferenceIdError } from '../../../src/refunds/errors';
import { toRefundReferenceId } from '../../../src/refunds/refundReferenceId';

describe('toRefundReferenceId', () => {
  it('appends the refund number to a 22-character order id', () => {
    expect(toRefundReferenceId('Jq3kYx0bT2uVw8ZrN5sA1g', 1)).toBe('Jq3kYx0bT2uVw8ZrN5sA1g-r1');
  });

  it('keeps a 26-character order id and a two-digit refund number within 32 characters', () => {
    // Act
    const id = toRefundReferenceId('A'.repeat(26), 10);

    // Assess
    expect(id).toBe(`${'A'.repeat(26)}-r10`);
    expect(id.length).toBeLessThanOrEqual(MAX_REFERENCE_ID_LENGTH);
  });

  it('gives the same id for the same order and number, every time', () => {
    expect(toRefundReferenceId('order-1', 3)).toBe(toRefundReferenceId('order-1', 3));
  });

  it.each([
    ['an order id too long for 32 characters', 'x'.repeat(30), 1],
    ['a refund number that makes it too long', 'y'.repeat(26), 123_456],
  ])('hashes %s into a valid id of at most 32 characters', (_name, orderId, n) => {
    // Act
    const id = toRefundReferenceId(orderId, n);

    // Assess
    expect(id.length).toBeLessThanOrEqual(MAX_REFERENCE_ID_LENGTH);
    expect(id).toMatch(REFERENCE_ID_PATTERN);
    expect(id.endsWith(`-r${n}`)).toBe(true);
    expect(id).toBe(toRefundReferenceId(orderId, n));
    expect(id).not.toBe(toRefundReferenceId(`${orderId}z`, n));
  });

  it('gives different ids to different refunds of one order', () => {
    const ids = Array.from({ length: 12 }, (_, i) => toRefundReferenceId('order-1', i + 1));
    expect(new Set(ids).size).toBe(12);
  });

  it.each<[string, string, number, string]>([
    ['refund number 0', 'order-1', 0, 'refundNumber'],
    ['a fractional refund number', 'order-1', 1.5, 'refundNumber'],
    ['an order id with a space', 'order 1', 1, 'orderId'],
    ['an empty order id', '', 1, 'orderId'],
  ])('refuses %s', (_name, orderId, n, field) => {
    // Act
    const act = (): string => toRefundReferenceId(orderId, n);

    // Assess
    expect(act).toThrow(RefundReferenceIdError);
    expect(act).toThrow(expect.objectContaining({ field }) as Error);
  });
});
