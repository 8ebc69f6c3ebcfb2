import { describe, expect, it } from 'vitest';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, resolveRetryPolicy } from './retry-policy.js';

describe('backoffDelayMs', () => {
  it('doubles from the base delay and stops at the cap', () => {
    const policy = resolveRetryPolicy({ jitter: 0 });
    expect([1, 2, 3, 4, 5, 6, 7].map((retry) => backoffDelayMs(retry, policy, () => 0.5))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
  });

  it('spreads by the jitter fraction around the exact delay', () => {
    const policy = resolveRetryPolicy({ jitter: 0.2 });
    expect(backoffDelayMs(2, policy, () => 0)).toBe(1600);
    expect(backoffDelayMs(2, policy, () => 0.5)).toBe(2000);
    expect(backoffDelayMs(2, policy, () => 0.999999)).toBe(2400);
  });
});

describe('resolveRetryPolicy', () => {
  it('fills defaults', () => {
    expect(resolveRetryPolicy()).toEqual(DEFAULT_RETRY_POLICY);
    expect(resolveRetryPolicy({ maxAttempts: 2 })).toMatchObject({ maxAttempts: 2, maxRetryAfterSeconds: 60 });
  });

  it('rejects nonsense with the value seen', () => {
    expect(() => resolveRetryPolicy({ maxAttempts: 0 })).toThrow(/maxAttempts .* got 0/);
    expect(() => resolveRetryPolicy({ jitter: 2 })).toThrow(/jitter .* got 2/);
    expect(() => resolveRetryPolicy({ maxRetryAfterSeconds: -1 })).toThrow(/maxRetryAfterSeconds .* got -1/);
  });
});
