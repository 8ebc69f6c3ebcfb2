import type { ProbeResult, SuiteResult } from './results.js';
import { percentile, roundMs } from './stats.js';

/**
 * The suite passes when every critical probe passes (degraded counts as passing) and the share of passing
 * probes is at least the threshold. The reason names what failed, critical probes first.
 */
export function judgeSuite(
  probes: ProbeResult[],
  successThreshold: number,
): Omit<SuiteResult, 'rounds' | 'durationMs' | 'healthyAfterMs'> {
  const total = probes.length;
  const failed = probes.filter((p) => p.status === 'failed');
  const degraded = probes.filter((p) => p.status === 'degraded').length;
  const passed = total - failed.length;
  const successRate = total === 0 ? 0 : passed / total;
  const criticalFailed = failed.filter((p) => p.critical);
  const latencies = probes.map((p) => p.durationMs);
  const base = {
    probes,
    total,
    passed,
    degraded,
    failed: failed.length,
    successRate,
    successThreshold,
    p50Ms: roundMs(percentile(latencies, 50)),
    p95Ms: roundMs(percentile(latencies, 95)),
  };
  const pct = (n: number): string => `${Math.round(n * 1000) / 10}%`;
  if (total === 0) return { ...base, verdict: 'fail', reason: 'No probe ran.' };
  if (criticalFailed.length > 0) {
    const first = criticalFailed[0] as ProbeResult;
    const more = criticalFailed.length > 1 ? ` (and ${criticalFailed.length - 1} more critical)` : '';
    return {
      ...base,
      verdict: 'fail',
      reason: `Critical probe '${first.name}' failed${more}: ${first.reason ?? 'see the report'}.`,
    };
  }
  if (successRate < successThreshold) {
    const names = failed
      .slice(0, 3)
      .map((p) => `'${p.name}'`)
      .join(', ');
    return {
      ...base,
      verdict: 'fail',
      reason: `${passed} of ${total} probes passed (${pct(successRate)}), below the success threshold of ${pct(successThreshold)}; failed: ${names}${failed.length > 3 ? ', ...' : ''}.`,
    };
  }
  const note = failed.length
    ? ` ${failed.length} non-critical probe${failed.length > 1 ? 's' : ''} failed, within the threshold.`
    : degraded
      ? ` ${degraded} degraded.`
      : '';
  return { ...base, verdict: 'pass', reason: `${passed} of ${total} probes passed (${pct(successRate)}).${note}` };
}
