import {
  computeBackoffDelayMs,
  DEFAULT_BACKOFF_POLICY,
} from '../../../../src/amazonpay/mws/backoff';

describe('computeBackoffDelayMs', () => {
  it('doubles with each retry, between half and all of the ceiling', () => {
    // Act
    const lowest = [0, 1, 2].map((retry) =>
      computeBackoffDelayMs(retry, 0, DEFAULT_BACKOFF_POLICY),
    );
    const highest = [0, 1, 2].map((retry) =>
      computeBackoffDelayMs(retry, 0.999_999, DEFAULT_BACKOFF_POLICY),
    );

    // Assess
    expect(lowest).toEqual([500, 1_000, 2_000]);
    expect(highest).toEqual([1_000, 2_000, 4_000]);
  });

  it('caps the ceiling at the maximum delay', () => {
    expect(computeBackoffDelayMs(10, 0.5, { baseDelayMs: 100, maxDelayMs: 800 })).toBe(600);
  });
});
