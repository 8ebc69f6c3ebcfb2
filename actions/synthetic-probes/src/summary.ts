import type { Summary } from '@shipgate/kit';
import { type ActionContext } from '@shipgate/kit';
import type { ProbeResult, SuiteResult } from '@shipgate/probes';

const ICON: Record<ProbeResult['status'], string> = { passed: '✅', degraded: '🟡', failed: '❌' };

const ms = (value: number | undefined): string => (value === undefined ? '' : `${Math.round(value)} ms`);
const pct = (share: number): string => `${Math.round(share * 1000) / 10}%`;

/** Writes the verdict line, the probe table and per-probe details. */
export function writeSummary(
  summary: Summary,
  result: SuiteResult,
  run: { file: string; suite: string[]; baseUrl: string | undefined },
): void {
  const title = result.verdict === 'pass' ? '✅ Synthetic probes passed' : '❌ Synthetic probes failed';
  summary.heading(
    `${title}: ${result.passed} of ${result.total} (${pct(result.successRate)}), p50 ${ms(result.p50Ms)}, p95 ${ms(result.p95Ms)}`,
  );
  const context = [
    `Suite: ${run.suite.length ? run.suite.join(', ') : 'all probes'}`,
    `file: ${run.file}`,
    run.baseUrl ? `base URL: ${run.baseUrl}` : undefined,
    `threshold: ${pct(result.successThreshold)}`,
    result.rounds > 1 || result.healthyAfterMs !== undefined ? `rounds: ${result.rounds}` : undefined,
    result.healthyAfterMs !== undefined ? `healthy after ${(result.healthyAfterMs / 1000).toFixed(1)} s` : undefined,
  ].filter(Boolean);
  summary.text(`${result.reason} ${context.join(' · ')}`);
  summary.table(
    ['', 'Probe', 'Kind', { header: 'Latency', align: 'right' }, { header: 'Attempts', align: 'right' }, 'Details'],
    result.probes.map((p) => [
      ICON[p.status],
      `${p.name}${p.critical ? ' (critical)' : ''}`,
      p.kind,
      ms(p.durationMs),
      p.attempts,
      p.reason ?? describeDetails(p),
    ]),
  );
  const timingRows = result.probes.map((p) => [
    p.name,
    ms(p.timings.dnsMs),
    ms(p.timings.connectMs),
    ms(p.timings.tlsMs),
    ms(p.timings.firstByteMs ?? p.timings.messageMs),
    ms(p.timings.totalMs),
  ]);
  summary.details(
    'Latency by phase',
    summary
      .section()
      .table(
        ['Probe', 'DNS', 'Connect', 'TLS', 'First byte', 'Total'].map((h, i) =>
          i ? { header: h, align: 'right' as const } : h,
        ),
        timingRows,
      )
      .toMarkdown(),
  );
  const failed = result.probes.filter((p) => p.failedAssertion || p.steps);
  if (failed.length)
    summary.details(
      'Assertions and flow steps',
      failed.map((probe) => describeProbe(summary.section(), probe)).join('\n'),
    );
}

function describeDetails(probe: ProbeResult): string {
  const d = probe.details ?? {};
  if (probe.kind === 'tls' && typeof d.daysRemaining === 'number')
    return `certificate valid ${d.daysRemaining} more days`;
  if (probe.kind === 'security-headers' && typeof d.score === 'number') return `score ${d.score}/100`;
  if (probe.kind === 'dns' && Array.isArray(d.addresses)) return d.addresses.join(', ');
  if (probe.kind === 'http' && typeof d.status === 'number') return `HTTP ${d.status}`;
  return '';
}

function describeProbe(part: Summary, probe: ProbeResult): string {
  part.heading(probe.name, 4);
  if (probe.steps) {
    part.table(
      ['Step', 'Status', { header: 'Time', align: 'right' }, 'Reason'],
      probe.steps.map((s) => [`${s.cleanup ? 'cleanup: ' : ''}${s.name}`, s.status, ms(s.durationMs), s.reason ?? '']),
    );
  }
  const rows = probe.assertions.filter((a) => !a.passed).map((a) => [a.target, a.expected, a.actual]);
  if (rows.length) part.table(['Check', 'Expected', 'Actual'], rows);
  return part.toMarkdown();
}

/** One line of the log as each probe finishes. */
export function progressLine(probe: ProbeResult, round: number): string {
  const icon = probe.status === 'failed' ? '✖' : probe.status === 'degraded' ? '◐' : '✔';
  return `${icon} ${probe.name} (${Math.round(probe.durationMs)} ms${round > 1 ? `, round ${round}` : ''})${probe.reason ? `: ${probe.reason}` : ''}`;
}

/** Failed probes as errors and degraded ones as warnings, on the probe's line in the probe file. */
export function annotateFailures(context: ActionContext, result: SuiteResult): void {
  for (const probe of result.probes) {
    if (probe.status === 'passed') continue;
    context.annotate({
      level: probe.status === 'failed' ? 'error' : 'warning',
      title: `Probe '${probe.name}' ${probe.status}${probe.critical ? ' (critical)' : ''}`,
      message: probe.reason ?? probe.status,
      ...(probe.location
        ? { file: probe.location.file, line: probe.location.line, column: probe.location.column }
        : {}),
    });
  }
}
