/**
 * Small helpers over the canary port's sample types, shared by every provider: empty samples, sums, and
 * latency points merged by value.
 */
import type { LatencyPoint, MetricsFailure, SideSample } from '@shipgate/canary';

/** A side with no requests: what a window without traffic reports. */
export function emptySide(): SideSample {
  return { requests: 0, errors: 0, latencies: [] };
}

/** Merges latency points with the same value and sorts them by value, so equal latencies count once. */
export function mergeLatencies(points: Iterable<LatencyPoint>): LatencyPoint[] {
  const byValue = new Map<number, number>();
  for (const { valueMs, count } of points) {
    if (count > 0) byValue.set(valueMs, (byValue.get(valueMs) ?? 0) + count);
  }
  return [...byValue].sort(([a], [b]) => a - b).map(([valueMs, count]) => ({ valueMs, count }));
}

/** Adds samples of the same side from several sources. */
export function addSides(samples: readonly SideSample[]): SideSample {
  return {
    requests: samples.reduce((sum, s) => sum + s.requests, 0),
    errors: samples.reduce((sum, s) => sum + s.errors, 0),
    latencies: mergeLatencies(samples.flatMap((s) => s.latencies)),
  };
}

/** A window that could not be measured, as a value. */
export function metricsFailure(source: string, message: string): MetricsFailure {
  return { ok: false, source, message };
}
