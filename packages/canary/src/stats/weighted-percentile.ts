import type { LatencyPoint } from '../ports.js';

/**
 * Merges latency distributions (one per window, or per side) into one: sorted by value, equal values summed,
 * points with no weight dropped.
 */
export function mergeLatencies(lists: readonly (readonly LatencyPoint[])[]): LatencyPoint[] {
  // Already merged (the judges merge once per look, then take percentiles and ranks): skip the re-sort.
  const [only, ...rest] = lists;
  if (only && rest.length === 0 && isMerged(only)) return [...only];
  const counts = new Map<number, number>();
  for (const list of lists) {
    for (const point of list) {
      if (!(point.count > 0) || !Number.isFinite(point.valueMs)) continue;
      counts.set(point.valueMs, (counts.get(point.valueMs) ?? 0) + point.count);
    }
  }
  return [...counts].map(([valueMs, count]) => ({ valueMs, count })).sort((a, b) => a.valueMs - b.valueMs);
}

/** Sorted by strictly increasing value, every count positive: what `mergeLatencies` returns. */
function isMerged(points: readonly LatencyPoint[]): boolean {
  for (let i = 0; i < points.length; i++) {
    const point = points[i] as LatencyPoint;
    if (
      !(point.count > 0) ||
      !Number.isFinite(point.valueMs) ||
      (i > 0 && !((points[i - 1] as LatencyPoint).valueMs < point.valueMs))
    )
      return false;
  }
  return true;
}

/** Total weight (requests) of a latency distribution. */
export function totalCount(points: readonly LatencyPoint[]): number {
  return points.reduce((sum, point) => sum + (point.count > 0 ? point.count : 0), 0);
}

/**
 * The `q` quantile (0 to 1) of a weighted distribution by the nearest-rank rule: the smallest value whose
 * cumulative weight reaches q × total. It never interpolates, so it always returns a value that was measured
 * (a request's latency or a histogram bucket). Returns undefined when the distribution is empty.
 */
export function weightedPercentile(points: readonly LatencyPoint[], q: number): number | undefined {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`A percentile must be between 0 and 1, got ${q}.`);
  const sorted = mergeLatencies([points]);
  const total = totalCount(sorted);
  if (total === 0) return undefined;
  // A relative epsilon keeps q × total = 95.00000000000001 from skipping the point at rank 95.
  const target = Math.max(q * total * (1 - 1e-12), Number.MIN_VALUE);
  let cumulative = 0;
  for (const point of sorted) {
    cumulative += point.count;
    if (cumulative >= target) return point.valueMs;
  }
  return sorted.at(-1)?.valueMs;
}
