/**
 * Prometheus histogram buckets (cumulative counts by `le`) to latency points, one per bucket, valued at the
 * bucket's upper bound: a p95 read from them is never below the true one except in the `+Inf` bucket.
 */
import type { LatencyPoint } from '@shipgate/canary';
import type { PrometheusSample } from './prometheus-client.js';
import { mergeLatencies } from './side-sample.js';

/**
 * Converts `sum by (le) (increase(<metric>_bucket[...]))` samples. Cumulative counts are rounded to whole
 * requests first (`increase()` extrapolates) and forced to be non-decreasing, then differenced. The `+Inf`
 * bucket's requests are valued at the highest finite bound, the only value known to be below them.
 * @param unitMs milliseconds per unit of `le` (1000 for a `_seconds` histogram).
 */
export function bucketsToLatencyPoints(samples: readonly PrometheusSample[], unitMs: number): LatencyPoint[] {
  // Group by numeric bound: exporters write the same bound as "0.5" or "5e-01".
  const cumulative = new Map<number, number>();
  for (const { labels, value } of samples) {
    const le = labels.le === '+Inf' ? Infinity : Number(labels.le);
    if (labels.le === undefined || Number.isNaN(le) || !Number.isFinite(value)) continue;
    cumulative.set(le, (cumulative.get(le) ?? 0) + value);
  }
  const bounds = [...cumulative.keys()].sort((a, b) => a - b);
  const highestFinite = bounds.filter(Number.isFinite).at(-1);
  const points: LatencyPoint[] = [];
  let below = 0;
  for (const le of bounds) {
    const total = Math.max(below, Math.round(cumulative.get(le) ?? 0));
    const count = total - below;
    below = total;
    const bound = Number.isFinite(le) ? le : highestFinite;
    if (count > 0 && bound !== undefined) points.push({ valueMs: roundMs(bound * unitMs), count });
  }
  return mergeLatencies(points);
}

/** Drops binary noise: 0.005 s is 5 ms, not 5.000000000000001. */
function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
