/**
 * The exit decision: how many findings of each severity an environment tolerates. Defaults follow the deployment
 * standards (DESIGN.md): critical 2/1/0 and high 10/7/5 for development/staging/production.
 */
import { atLeast, countBySeverity, SEVERITIES, type Finding, type Severity } from './finding.js';

/** `never` reports without failing; a severity fails on findings at or above it beyond their limits. */
export type FailOn = Severity | 'never';

export interface SeverityPolicy {
  /** Most findings of a severity allowed; a severity at or above `failOn` without a limit allows none. */
  limits: Partial<Record<Severity, number>>;
  /** The least severe severity that can fail the run. */
  failOn: FailOn;
}

/** Built-in limits per environment; an unknown environment gets production's, the strictest. */
export const ENVIRONMENT_LIMITS: Readonly<
  Record<'development' | 'staging' | 'production', Partial<Record<Severity, number>>>
> = {
  development: { critical: 2, high: 10 },
  staging: { critical: 1, high: 7 },
  production: { critical: 0, high: 5 },
};

/** The default failing severity: critical and high are judged by the limits, medium and below are reported. */
export const DEFAULT_FAIL_ON: Severity = 'high';

/** The policy for an environment, with `overrides` (from the config file or inputs) applied over its defaults. */
export function policyFor(
  environment: string,
  overrides: { limits?: Partial<Record<Severity, number>>; failOn?: FailOn } = {},
): SeverityPolicy {
  const defaults = ENVIRONMENT_LIMITS[environment as keyof typeof ENVIRONMENT_LIMITS] ?? ENVIRONMENT_LIMITS.production;
  return { limits: { ...defaults, ...overrides.limits }, failOn: overrides.failOn ?? DEFAULT_FAIL_ON };
}

/** A severity whose count went past its limit. */
export interface Breach {
  severity: Severity;
  count: number;
  limit: number;
}

export interface Decision {
  result: 'pass' | 'fail';
  counts: Record<Severity, number>;
  /** Why it failed, most severe first; empty on a pass. */
  breaches: Breach[];
}

/** Judges findings (already filtered by any baseline) against a policy. */
export function decide(findings: readonly Finding[], policy: SeverityPolicy): Decision {
  const counts = countBySeverity(findings);
  const breaches: Breach[] = [];
  if (policy.failOn !== 'never') {
    for (const severity of SEVERITIES) {
      if (!atLeast(severity, policy.failOn)) continue;
      const limit = policy.limits[severity] ?? 0;
      if (counts[severity] > limit) breaches.push({ severity, count: counts[severity], limit });
    }
  }
  return { result: breaches.length > 0 ? 'fail' : 'pass', counts, breaches };
}

/** One sentence for the summary: `2 critical findings (at most 0 allowed)`. */
export function describeBreach(breach: Breach): string {
  const noun = breach.count === 1 ? 'finding' : 'findings';
  return `${breach.count} ${breach.severity} ${noun} (at most ${breach.limit} allowed)`;
}

/** `undefined` unless `text` is a severity or `never`. */
export function tryFailOn(text: string): FailOn | undefined {
  const lower = text.trim().toLowerCase();
  return lower === 'never' || (SEVERITIES as readonly string[]).includes(lower) ? (lower as FailOn) : undefined;
}
