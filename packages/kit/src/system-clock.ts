import type { Clock, WallClock } from '@shipgate/core';

/**
 * The real clock, for composition roots and adapter defaults: `now` is `Date.now()` (epoch milliseconds),
 * `sleep` a timer that an AbortSignal ends early.
 */
export const systemClock: Clock & WallClock = {
  now: () => Date.now(),
  wallClock: () => new Date(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};
