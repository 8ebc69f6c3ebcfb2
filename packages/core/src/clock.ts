/**
 * The clock port (STYLE.md "Time and retries are injected"). Domain packages never read the system clock or set a
 * timer: they take a `Clock`, so tests drive time with a fake whose `sleep` moves `now` forward. The real one is
 * `systemClock` in @shipgate/kit.
 */

/** Reads the time and waits. */
export interface Clock {
  /**
   * The current time in milliseconds. The system clock gives Unix epoch time (`Date.now()`), which callers that
   * mark time windows rely on (the canary's metric windows); callers that only measure durations use differences
   * of two readings, so a monotonic source (`performance.now()`) serves them too.
   */
  now(): number;
  /**
   * Resolves after `ms` milliseconds, or as soon as `signal` aborts (at once if it already has). It never
   * rejects: a caller that passes a signal checks `signal.aborted` afterwards.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The calendar date and time, where the date itself matters (a certificate's expiry), whatever `now` counts from. */
export interface WallClock {
  wallClock(): Date;
}
