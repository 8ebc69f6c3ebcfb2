import type { Clock, WallClock } from '@shipgate/core';
import type { AssertionResult } from '../assertions.js';
import type { FlowStepResult, ProbeStatus, ProbeTimings } from '../engine/results.js';
import { RETRYABLE_FAILURES, type NetworkFailure, type ProbeTransport } from '../transport.js';

/** What a kind runner needs besides its probe; the clock measures durations, the wall clock certificate expiry. */
export interface KindContext extends Clock, WallClock {
  transport: ProbeTransport;
  baseUrl: string | undefined;
  maxBodyBytes: number;
  /** Masks a value captured at run time (a session token, say). */
  onSecret(value: string): void;
  /** Pause before retry n (1-based) after a network error. */
  retryDelayMs(attempt: number): number;
}

/** What one run of a probe produced (before the engine adds its name, tags and attempts). */
export interface KindOutcome {
  status: ProbeStatus;
  durationMs: number;
  timings: ProbeTimings;
  reason?: string;
  assertions: AssertionResult[];
  steps?: FlowStepResult[];
  details?: Record<string, unknown>;
}

/** Counts attempts across a probe's network calls, retrying network errors and timeouts only. */
export class Attempts {
  count = 0;

  constructor(
    private readonly retries: number,
    private readonly context: KindContext,
  ) {}

  /** Calls `exchange`, again after a retryable network failure while retries remain. */
  async run<T extends { ok: true }>(exchange: () => Promise<T | NetworkFailure>): Promise<T | NetworkFailure> {
    for (let retry = 0; ; retry++) {
      this.count++;
      const result = await exchange();
      if (result.ok || !RETRYABLE_FAILURES.has(result.kind) || retry >= this.retries) return result;
      await this.context.sleep(this.context.retryDelayMs(retry + 1));
    }
  }
}

/** The outcome of a probe whose exchange failed on the network. */
export function networkOutcome(failure: NetworkFailure): KindOutcome {
  return {
    status: 'failed',
    durationMs: failure.elapsedMs,
    timings: { totalMs: failure.elapsedMs },
    reason: failure.message,
    assertions: [],
  };
}

/** Pass, or fail on the first failed assertion with "target: expected X, got Y". */
export function judgeAssertions(assertions: AssertionResult[]): { status: ProbeStatus; reason?: string } {
  const failed = assertions.find((a) => !a.passed);
  return failed ? { status: 'failed', reason: describeFailure(failed) } : { status: 'passed' };
}

/** "json $.status: expected equals \"ok\", got \"down\"" */
export function describeFailure(assertion: AssertionResult): string {
  return `${assertion.target}: expected ${assertion.expected}, got ${assertion.actual}`;
}
