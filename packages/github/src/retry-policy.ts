/**
 * How the GitHub client retries: exponential backoff with jitter for server and network errors, and GitHub's
 * own wait (`retry-after`, or the rate-limit reset) for rate limits, up to a ceiling.
 */

/** When and how long to retry. */
export interface RetryPolicy {
  /** Attempts in all, the first one included. Default 4. */
  maxAttempts: number;
  /** Wait before the first retry after a server or network error, in ms; it doubles on each retry. Default 1000. */
  baseDelayMs: number;
  /** Ceiling for one backoff wait, in ms. Default 30000. */
  maxDelayMs: number;
  /** Random spread around each backoff wait, as a fraction: 0.2 waits between 80% and 120%. Default 0.2. */
  jitter: number;
  /** The longest GitHub may ask us to wait (rate limits) before we give up instead, in seconds. Default 60. */
  maxRetryAfterSeconds: number;
  /** A single attempt that takes longer than this is abandoned and counts as a network error, in ms. Default 60000. */
  attemptTimeoutMs: number;
}

/** The defaults: 4 attempts, 1 s doubling to at most 30 s, ±20% jitter, wait at most 60 s, 60 s per attempt. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 4,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  jitter: 0.2,
  maxRetryAfterSeconds: 60,
  attemptTimeoutMs: 60_000,
});

/** Fills a partial policy with the defaults and checks the values. */
export function resolveRetryPolicy(partial: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...partial };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new RangeError(`retry.maxAttempts must be a whole number of at least 1, got ${policy.maxAttempts}`);
  }
  if (!(policy.jitter >= 0 && policy.jitter <= 1))
    throw new RangeError(`retry.jitter must be between 0 and 1, got ${policy.jitter}`);
  for (const key of ['baseDelayMs', 'maxDelayMs', 'maxRetryAfterSeconds', 'attemptTimeoutMs'] as const) {
    if (!(policy[key] >= 0)) throw new RangeError(`retry.${key} must be zero or more, got ${policy[key]}`);
  }
  return policy;
}

/**
 * The backoff before retry number `retry` (1 for the first retry): `baseDelayMs · 2^(retry-1)`, capped at
 * `maxDelayMs`, spread by `jitter` using `random()` (a value in [0, 1); 0.5 gives the exact delay).
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number): number {
  const exact = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  const spread = 1 - policy.jitter + 2 * policy.jitter * random();
  return Math.round(exact * spread);
}
