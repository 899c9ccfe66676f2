import { MAX_REFERENCE_ID_LENGTH } from '../../../src/amazonpay/mws/constants';
import { isMwsReferenceId } from '../../../src/amazonpay/mws/requestParameters';
import { InvalidBillingRecordError } from '../../../src/billing/errors';
import {
  MAX_ATTEMPT_NUMBER,
  MAX_PERIOD_INDEX,
  toPeriodReferenceId,
  toUsageReferenceId,
} from '../../../src/billing/referenceIds';

describe('toPeriodReferenceId', () => {
  it('derives the same id from the same agreement, period and attempt', () => {
    expect(toPeriodReferenceId('C01-1234567-1234567', 3, 1)).toBe(
      toPeriodReferenceId('C01-1234567-1234567', 3, 1),
    );
  });

  it('gives every agreement, period and attempt its own id', () => {
    // Prepare
    const ids = [
      toPeriodReferenceId('C01-1234567-1234567', 0, 1),
      toPeriodReferenceId('C01-1234567-1234567', 1, 1),
      toPeriodReferenceId('C01-1234567-1234567', 0, 2),
      toPeriodReferenceId('C01-1234567-1234568', 0, 1),
      toUsageReferenceId('C01-1234567-1234567', '0', 1),
    ];

    // Assess
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('fits MWS at the largest period and attempt, whatever the agreement id', () => {
    // Act
    const id = toPeriodReferenceId('B'.repeat(64), MAX_PERIOD_INDEX, MAX_ATTEMPT_NUMBER);

    // Assess
    expect(id).toMatch(/^bp-[A-Za-z0-9_-]{16}-999999-99$/);
    expect(id.length).toBeLessThanOrEqual(MAX_REFERENCE_ID_LENGTH);
    expect(isMwsReferenceId(id)).toBe(true);
  });

  it.each([
    [-1, 1],
    [MAX_PERIOD_INDEX + 1, 1],
    [0, 0],
    [0, MAX_ATTEMPT_NUMBER + 1],
    [0.5, 1],
  ])('refuses period %s attempt %s', (periodIndex, attempt) => {
    expect(() => toPeriodReferenceId('C01-1', periodIndex, attempt)).toThrow(
      InvalidBillingRecordError,
    );
  });
});

describe('toUsageReferenceId', () => {
  it('fits MWS and keeps usage ids of different agreements apart', () => {
    // Act
    const first = toUsageReferenceId('C01-1', 'usage-1', 1);
    const other = toUsageReferenceId('C01-2', 'usage-1', 1);

    // Assess
    expect(first).toMatch(/^bu-[A-Za-z0-9_-]{16}-1$/);
    expect(isMwsReferenceId(first)).toBe(true);
    expect(first).not.toBe(other);
    expect(toUsageReferenceId('C01-1', 'usage-1', 2)).not.toBe(first);
  });
});
