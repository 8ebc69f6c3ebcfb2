/**
 * The shape every probe shares: one exchange that ends exactly once, with a result, a failure or its
 * deadline, and that always releases its sockets and timers however it ended.
 */
import type { Clock } from '@shipgate/core';
import type { NetworkFailure, NetworkFailureKind } from '@shipgate/probes';

/** The clock port's `now`, for timings: only differences between two readings matter. */
export type Now = Clock['now'];

/** Handle given to an exchange's body. */
export interface Exchange<T> {
  /** `now()` when the exchange started. */
  readonly startedAt: number;
  /** Milliseconds since the start, by the injected clock. */
  elapsed(): number;
  /** True once the exchange has ended; later events are ignored. */
  readonly done: boolean;
  succeed(value: T): void;
  fail(kind: NetworkFailureKind, message: string): void;
  /** Runs once when the exchange ends, whichever way (destroy sockets here). */
  onEnd(cleanup: () => void): void;
}

/** How one exchange is bounded. */
export interface ExchangeOptions<T> {
  now: Now;
  /** The deadline, from the moment `runExchange` is called; past it the exchange fails with `timeout`. */
  timeoutMs: number;
  /** Where `elapsed()` counts from, when the exchange is one step of a longer one (a redirect hop). */
  startedAt?: number;
  /** The timeout's message, asked when it fires so it can name the phase the exchange was in. */
  timeoutMessage: () => string;
  /** Asked first when the deadline passes: a value here ends the exchange as a success instead. */
  atDeadline?: () => T | undefined;
}

/** setTimeout's largest delay; a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Builds a failure value. */
export function networkFailure(kind: NetworkFailureKind, message: string, elapsedMs: number): NetworkFailure {
  return { ok: false, kind, message, elapsedMs };
}

/**
 * Runs `body` as one exchange and resolves with what it settled on. A throw inside `body` is a programming
 * error and rejects the promise (after cleaning up).
 */
export function runExchange<T>(
  options: ExchangeOptions<T>,
  body: (exchange: Exchange<T>) => void,
): Promise<T | NetworkFailure> {
  return new Promise<T | NetworkFailure>((resolve, reject) => {
    const startedAt = options.startedAt ?? options.now();
    const cleanups: Array<() => void> = [];
    let done = false;
    const end = (settle: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      for (const cleanup of cleanups) cleanup();
      settle();
    };
    const exchange: Exchange<T> = {
      startedAt,
      elapsed: () => options.now() - startedAt,
      get done() {
        return done;
      },
      succeed: (value) => end(() => resolve(value)),
      fail: (kind, message) => end(() => resolve(networkFailure(kind, message, roundMs(options.now() - startedAt)))),
      onEnd: (cleanup) => void cleanups.push(cleanup),
    };
    // `end` reads `timer`; nothing can call `end` before this line has run.
    const timer = setTimeout(
      () => {
        const value = options.atDeadline?.();
        if (value === undefined) exchange.fail('timeout', options.timeoutMessage());
        else exchange.succeed(value);
      },
      Math.min(Math.max(0, options.timeoutMs), MAX_TIMER_MS),
    );
    try {
      body(exchange);
    } catch (error) {
      end(() => reject(error));
    }
  });
}

/** Rounds a duration to a hundredth of a millisecond, so reports stay readable. */
export function roundMs(ms: number): number {
  return Math.round(ms * 100) / 100;
}
