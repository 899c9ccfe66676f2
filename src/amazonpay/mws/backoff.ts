/** How retries of 500 and 503 answers are spaced. */
export type BackoffPolicy = {
  /** The delay before the first retry, before jitter. */
  readonly baseDelayMs: number;
  /** The longest delay, before jitter. */
  readonly maxDelayMs: number;
};

/**
 * The default spacing: about 1 s, 2 s, 4 s, close to the official SDKs' 1.0 s, 2.2 s, 7.0 s.
 */
export const DEFAULT_BACKOFF_POLICY: BackoffPolicy = Object.freeze({
  baseDelayMs: 1_000,
  maxDelayMs: 8_000,
});

/**
 * Computes the delay before retry number `retry` (0 for the first): exponential, capped, with
 * "equal jitter" (half fixed, half random) so that concurrent callers spread out.
 *
 * `random` is a number in [0, 1), injected so that tests are deterministic.
 */
export function computeBackoffDelayMs(
  retry: number,
  random: number,
  policy: BackoffPolicy,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}
