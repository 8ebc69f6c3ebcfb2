import type { LatencyPoint, MetricsWindow } from '../ports.js';
import { mergeLatencies, totalCount } from '../stats/weighted-percentile.js';

/** One side's totals over a run of windows. */
export interface SideTotals {
  requests: number;
  errors: number;
  /** Merged latency distribution, sorted by value. */
  latencies: LatencyPoint[];
  /** Requests with a latency (the weight of `latencies`). */
  timed: number;
}

/** Sums canary and stable over the windows; each window covers only its own time, so nothing is counted twice. */
export function sumWindows(windows: readonly MetricsWindow[]): { canary: SideTotals; stable: SideTotals } {
  const side = (pick: (w: MetricsWindow) => MetricsWindow['canary']): SideTotals => {
    const latencies = mergeLatencies(windows.map((w) => pick(w).latencies));
    return {
      requests: windows.reduce((sum, w) => sum + pick(w).requests, 0),
      errors: windows.reduce((sum, w) => sum + pick(w).errors, 0),
      latencies,
      timed: totalCount(latencies),
    };
  };
  return { canary: side((w) => w.canary), stable: side((w) => w.stable) };
}

/**
 * Whether the source measures latency at all: some window of the rollout has a latency on either side. When
 * none has, the judges give no latency verdict rather than an inconclusive one every look.
 */
export function measuresLatency(windows: readonly MetricsWindow[]): boolean {
  return windows.some(
    (w) => w.canary.latencies.some((p) => p.count > 0) || w.stable.latencies.some((p) => p.count > 0),
  );
}

/** An error rate as a share, or NaN when there were no requests (there is no rate to show, not a 0% one). */
export function errorRate(side: SideTotals): number {
  return side.requests > 0 ? side.errors / side.requests : Number.NaN;
}

/** The coarsest latency step any window's source states, in ms; 0 when none states one. */
export function latencyResolution(windows: readonly MetricsWindow[]): number {
  return windows.reduce((coarsest, w) => Math.max(coarsest, w.latencyResolutionMs ?? 0), 0);
}
