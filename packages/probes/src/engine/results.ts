import type { AssertionResult } from '../assertions.js';
import type { ProbeKind, SourceLocation } from '../model.js';
import type { HttpTimings } from '../transport.js';

/** `degraded` passes but is slower than its budget's degraded level. */
export type ProbeStatus = 'passed' | 'degraded' | 'failed';

/** Latency phases a kind can measure, in milliseconds. */
export type ProbeTimings = Partial<HttpTimings> & { totalMs: number; messageMs?: number };

/** One step of a flow probe. */
export interface FlowStepResult {
  name: string;
  cleanup: boolean;
  status: ProbeStatus | 'skipped';
  durationMs: number;
  reason?: string;
  assertions: AssertionResult[];
}

/** How one probe did, with the numbers behind it. */
export interface ProbeResult {
  name: string;
  kind: ProbeKind;
  tags: string[];
  critical: boolean;
  status: ProbeStatus;
  /** Attempts made: 1 plus the retries used on network errors and timeouts. */
  attempts: number;
  /** The probe's latency: total time of its last attempt. */
  durationMs: number;
  timings: ProbeTimings;
  /** One sentence: why it failed or is degraded. */
  reason?: string;
  /** The first failed assertion, with expected and actual values. */
  failedAssertion?: AssertionResult;
  assertions: AssertionResult[];
  /** Flow probes: each step. */
  steps?: FlowStepResult[];
  /** Kind-specific facts: certificate expiry, resolved addresses, security-header score, ... */
  details?: Record<string, unknown>;
  location?: SourceLocation;
}

/** The suite's verdict: every critical probe passes and the share passing is at least the threshold. */
export interface SuiteResult {
  verdict: 'pass' | 'fail';
  /** One sentence a person can act on. */
  reason: string;
  probes: ProbeResult[];
  total: number;
  passed: number;
  degraded: number;
  failed: number;
  /** Passed (degraded included) over total, 0 to 1. */
  successRate: number;
  successThreshold: number;
  p50Ms: number;
  p95Ms: number;
  /** Rounds run; more than 1 with wait-until-healthy. */
  rounds: number;
  /** With wait-until-healthy: milliseconds from the start until the suite first passed. */
  healthyAfterMs?: number;
  durationMs: number;
}
