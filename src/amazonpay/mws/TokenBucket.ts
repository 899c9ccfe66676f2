import type { ThrottleQuota } from './constants';

/**
 * A token bucket in the MWS throttling model: `maxRequestQuota` tokens at most, one restored every
 * `restoreIntervalMs`, one spent per request.
 *
 * Time is passed in (milliseconds), so the bucket has no clock of its own. Reservations may take
 * the level below zero: callers queue behind each other and each learns how long to wait.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly quota: ThrottleQuota,
    now: number,
  ) {
    this.tokens = quota.maxRequestQuota;
    this.updatedAt = now;
  }

  /**
   * Reserves one token and returns how long to wait before using it (0 when one is free now).
   *
   * When the wait would exceed `maxWaitMs`, nothing is reserved and `undefined` is returned.
   */
  reserve(now: number, maxWaitMs = Number.POSITIVE_INFINITY): number | undefined {
    this.refill(now);
    const waitMs =
      this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) * this.quota.restoreIntervalMs);
    if (waitMs > maxWaitMs) return undefined;
    this.tokens -= 1;
    return waitMs;
  }

  /** Takes one token if one is free now; tells whether it did (how MWS decides to throttle). */
  tryTake(now: number): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Empties the bucket after a throttled answer, so the next request waits a restore interval. */
  drain(now: number): void {
    this.refill(now);
    this.tokens = Math.min(this.tokens, 0);
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(
      this.quota.maxRequestQuota,
      this.tokens + elapsed / this.quota.restoreIntervalMs,
    );
    this.updatedAt = now;
  }
}
