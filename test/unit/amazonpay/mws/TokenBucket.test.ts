import { TokenBucket } from '../../../../src/amazonpay/mws/TokenBucket';

const QUOTA = { maxRequestQuota: 2, restoreIntervalMs: 2_000 };

describe('TokenBucket', () => {
  describe('reserve', () => {
    it('gives the burst at once, then queues callers a restore interval apart', () => {
      // Prepare
      const bucket = new TokenBucket(QUOTA, 0);

      // Act
      const waits = [0, 0, 0, 0].map((now) => bucket.reserve(now));

      // Assess
      expect(waits).toEqual([0, 0, 2_000, 4_000]);
    });

    it('restores tokens with time, never above the quota', () => {
      // Prepare
      const bucket = new TokenBucket(QUOTA, 0);
      bucket.reserve(0);
      bucket.reserve(0);

      // Act
      const later = [bucket.reserve(60_000), bucket.reserve(60_000), bucket.reserve(60_000)];

      // Assess
      expect(later).toEqual([0, 0, 2_000]);
    });

    it('reserves nothing when the wait would exceed the limit given', () => {
      // Prepare
      const bucket = new TokenBucket(QUOTA, 0);
      bucket.reserve(0);
      bucket.reserve(0);

      // Act
      const refused = bucket.reserve(0, 1_999);
      const accepted = bucket.reserve(0, 2_000);

      // Assess
      expect(refused).toBeUndefined();
      expect(accepted).toBe(2_000);
    });

    it('ignores a clock that goes backwards', () => {
      const bucket = new TokenBucket(QUOTA, 5_000);
      expect(bucket.reserve(1_000)).toBe(0);
    });
  });

  describe('tryTake', () => {
    it('takes while tokens are left and refuses after', () => {
      const bucket = new TokenBucket(QUOTA, 0);
      expect([
        bucket.tryTake(0),
        bucket.tryTake(0),
        bucket.tryTake(0),
        bucket.tryTake(2_000),
      ]).toEqual([true, true, false, true]);
    });
  });

  describe('drain', () => {
    it('makes the next request wait a full restore interval', () => {
      // Prepare
      const bucket = new TokenBucket(QUOTA, 0);

      // Act
      bucket.drain(0);

      // Assess
      expect(bucket.reserve(0)).toBe(2_000);
    });
  });
});
