import type { SideSample } from '../ports.js';

/** An empty sample. */
export function emptySide(): SideSample {
  return { requests: 0, errors: 0, latencies: [] };
}

/** Adds `more` to `total` (latency points are concatenated; judges weigh them by count). */
export function addSide(total: SideSample, more: SideSample): SideSample {
  return {
    requests: total.requests + more.requests,
    errors: total.errors + more.errors,
    latencies: [...total.latencies, ...more.latencies],
  };
}

/** Error rate as a share, or undefined without requests. */
export function errorRate(side: SideSample): number | undefined {
  return side.requests > 0 ? side.errors / side.requests : undefined;
}
