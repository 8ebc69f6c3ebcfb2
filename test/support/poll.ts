/**
 * Polling with a deadline: the only way tests wait for something. No fixed sleeps as synchronisation.
 */

/**
 * The deadline for something that follows at once from what a test did (a connection closes, a log line is
 * written, a request reaches a server, a process comes up): the one configured value such waits derive from,
 * instead of a magic number each. Generous, because the machine may be loaded (a second test run, other
 * jobs); a passing test waits only as long as the thing takes. `SHIPGATE_TEST_SETTLE_MS` overrides it.
 */
export const SETTLE_TIMEOUT_MS = Number(process.env.SHIPGATE_TEST_SETTLE_MS ?? 30_000);
export interface PollOptions {
  /** Give up after this many milliseconds. */
  timeoutMs: number;
  /** Pause between attempts. */
  intervalMs?: number;
  /** Describes what we wait for, for the timeout message. */
  description: string;
  /**
   * Asked before each attempt: a text means what we wait for can no longer happen (the step it depends on has
   * ended, say), and the wait fails at once with that text instead of at the deadline.
   */
  giveUpIf?: () => string | undefined;
}

/**
 * Calls `check` until it returns a value other than `undefined`/`false`, or throws when the deadline passes.
 * The last error thrown by `check` (if any) is attached to the timeout message.
 */
export async function pollUntil<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  options: PollOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 50;
  let lastError: unknown;
  for (;;) {
    const hopeless = options.giveUpIf?.();
    if (hopeless !== undefined) throw new Error(`Gave up waiting for ${options.description}: ${hopeless}`);
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const why = lastError instanceof Error ? `: last error: ${lastError.message}` : '';
      throw new Error(`Timed out after ${options.timeoutMs} ms waiting for ${options.description}${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
