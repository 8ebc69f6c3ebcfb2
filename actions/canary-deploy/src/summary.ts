import type { Summary } from '@shipgate/kit';
import type { MetricVerdict } from '@shipgate/canary';
import type { SideSample } from '@shipgate/canary';
import { DEFAULT_STATISTICAL_TUNING, describeComparison, weightedPercentile } from '@shipgate/canary';
import type { LookRecord, RolloutResult, StageRecord } from '@shipgate/canary';
import type { CanarySettings } from './settings.js';

const TITLE: Record<RolloutResult['result'], string> = {
  promoted: '✅ Canary promoted',
  'rolled-back': '↩️ Canary rolled back',
  failed: '❌ Canary failed',
};
const STAGE_ICON: Record<StageRecord['status'], string> = {
  passed: '✅',
  failed: '❌',
  'no-data': '⚪',
  'continued-without-data': '⚪',
  promoted: '🚀',
  interrupted: '⏹️',
};

const pct = (share: number | undefined): string =>
  share === undefined ? '' : `${(Math.round(share * 10_000) / 100).toString()}%`;
const secs = (ms: number): string => `${Math.round(ms / 1000)}s`;
const rate = (side: SideSample | undefined): number | undefined =>
  side && side.requests > 0 ? side.errors / side.requests : undefined;

/** p95 latency of a side, in ms, or undefined without latency points. */
export function p95(side: SideSample | undefined): number | undefined {
  return side ? weightedPercentile(side.latencies, 0.95) : undefined;
}

const ms = (value: number | undefined): string => (value === undefined ? '' : `${Math.round(value)} ms`);

/** The job summary: verdict, stage table, charts of weight and error rate over time, and every look. */
export function writeCanarySummary(
  summary: Summary,
  result: RolloutResult,
  run: {
    version: string;
    stableVersion: string | undefined;
    provider: string;
    metrics: string;
    judge: CanarySettings['judge'];
    deploymentUrl?: string;
  },
): void {
  summary.heading(`${TITLE[result.result]}: ${run.version}`);
  summary.text(result.reason);
  summary.text(
    [
      `Stable: ${run.stableVersion ?? 'unknown'}`,
      `traffic: ${run.provider}`,
      `metrics: ${run.metrics}`,
      `judge: ${run.judge.kind}`,
      `comparison: ${describeComparison(result.comparison)}`,
      `took ${secs(result.durationMs)}`,
      result.metricsFailures ? `metrics failures: ${result.metricsFailures}` : undefined,
    ]
      .filter(Boolean)
      .join(' · '),
  );
  // The side the canary was judged against: the baseline when there is one (stable's counts are then in the looks).
  const other = result.comparison === 'baseline' ? 'Baseline' : 'Stable';
  const compared = (s: StageRecord): SideSample | undefined =>
    result.comparison === 'baseline' ? s.baseline : s.stable;
  summary.text(criteria(run.judge, result.looks));
  const beyond = beyondPlan(result.looks);
  if (beyond) summary.text(beyond);
  summary.table(
    [
      '',
      'Stage',
      { header: 'Weight', align: 'right' },
      { header: 'Held', align: 'right' },
      { header: 'Canary req', align: 'right' },
      { header: `${other} req`, align: 'right' },
      { header: 'Canary error rate', align: 'right' },
      { header: `${other} error rate`, align: 'right' },
      { header: 'Canary p95', align: 'right' },
      { header: `${other} p95`, align: 'right' },
      'Verdict',
    ],
    result.stages.map((s) => [
      STAGE_ICON[s.status],
      s.stage,
      `${s.weight}%`,
      secs(s.heldMs),
      s.canary.requests,
      compared(s)?.requests ?? '',
      pct(rate(s.canary)),
      pct(rate(compared(s))),
      ms(p95(s.canary)),
      ms(p95(compared(s))),
      s.status === 'promoted' ? 'promoted' : `${s.status}: ${s.reason}`,
    ]),
  );
  if (result.looks.length > 0) {
    summary.markdown(weightChart(result.looks));
    summary.markdown(errorChart(result.looks));
    summary.details(`Every look (${result.looks.length})`, lookTable(summary.section(), result.looks));
  }
}

const num = (value: number): string => String(Number(value.toPrecision(3)));
const points = (share: number): string => `${num(share * 100)} point${share === 0.01 ? '' : 's'}`;

/** What fails the canary, with the floors of practical significance and the warm-up, in one paragraph. */
export function criteria(judge: CanarySettings['judge'], looks: readonly LookRecord[]): string {
  const resolution = Math.max(0, ...looks.flatMap((l) => l.verdicts.map((v) => v.details.resolutionMs ?? 0)));
  const { limits, statistical } = judge;
  const { tailQuantile, minTailRatio } = DEFAULT_STATISTICAL_TUNING;
  const tail = `p${num(tailQuantile * 100)}`;
  const step = resolution > 0 ? ` + ${num(resolution)} ms resolution` : '';
  const warmUp = `The first ${secs(limits.warmUpMs)} of each stage are warm-up: shown, not judged for latency (errors are judged from the first request).`;
  if (judge.kind === 'threshold') {
    return `Fails when the canary error rate is above ${pct(limits.maxErrorRate)} or more than ${points(limits.maxErrorRateIncrease)} above stable's, or its p95 latency is above ${num(limits.maxP95Ms)} ms or more than ${num(limits.maxLatencyIncrease * 100)}% above stable's (and at least ${num(limits.latencyFloorMs)} ms${step}). ${warmUp}`;
  }
  return `Fails when the canary is shown worse than stable, with a chance of a false rollback of ${num(statistical.alpha)} over the whole rollout, by more than a user would notice: an error rate more than ${points(statistical.errorRateFloor)} above stable's; latencies slower than stable + ${num(statistical.latencyTolerance * 100)}% (at least + ${num(statistical.latencyFloorMs)} ms${step}), or more canary requests than stable's over stable's ${tail} (at least ${num(minTailRatio)}× its ${pct(1 - tailQuantile)}). ${warmUp}`;
}

/** Says when looks went beyond the plan: their latency tests spent the reserve of alpha kept for them. */
export function beyondPlan(looks: readonly LookRecord[]): string | undefined {
  const late = looks.filter((l) => l.verdicts.some((v) => v.details.beyondPlan === 1));
  const first = late[0]?.verdicts.find((v) => v.details.beyondPlan === 1);
  if (!first) return undefined;
  return `${late.length} look${late.length === 1 ? '' : 's'} came after the ${first.details.plannedLooks} planned (a stage ran longer than planned): their latency tests spent the reserve of alpha kept for such looks, so a clearly worse canary could still fail.`;
}

function labels(looks: readonly LookRecord[]): string {
  return `[${looks.map((l) => `"${(l.atMs / 1000).toFixed(1)}s"`).join(', ')}]`;
}

function weightChart(looks: readonly LookRecord[]): string {
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Canary weight (%) at each look"',
    `  x-axis ${labels(looks)}`,
    '  y-axis "weight %" 0 --> 100',
    `  bar [${looks.map((l) => l.weight).join(', ')}]`,
    '```',
  ].join('\n');
}

function errorChart(looks: readonly LookRecord[]): string {
  const canary = looks.map((l) => round2((rate(l.canary) ?? 0) * 100));
  const stable = looks.map((l) => round2((rate(l.stable) ?? 0) * 100));
  const top = Math.max(1, ...canary, ...stable);
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Error rate (%): canary (first line) and stable (second line)"',
    `  x-axis ${labels(looks)}`,
    `  y-axis "error %" 0 --> ${Math.ceil(top)}`,
    `  line [${canary.join(', ')}]`,
    `  line [${stable.join(', ')}]`,
    '```',
  ].join('\n');
}

function lookTable(section: Summary, looks: readonly LookRecord[]): string {
  const verdicts = (vs: readonly MetricVerdict[]): string =>
    vs.map((v) => `${v.metric} ${v.status}: ${v.reason}`).join('; ');
  return section
    .table(
      ['Look', 'At', 'Stage', 'Weight', 'Canary req/err', 'Stable req/err', 'Verdicts'],
      looks.map((l) => [
        l.look,
        secs(l.atMs),
        l.stage,
        `${l.weight}%`,
        l.canary ? `${l.canary.requests}/${l.canary.errors}` : '',
        l.stable ? `${l.stable.requests}/${l.stable.errors}` : '',
        l.metricsFailure ? `metrics failure: ${l.metricsFailure}` : verdicts(l.verdicts),
      ]),
    )
    .toMarkdown();
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
