import type { LatencyPoint, MetricsWindow, SideSample } from '../ports.js';

/**
 * Seeded, simulated traffic for the judges' property tests and for bench/canary/judges.js, so both measure the
 * same model. Not used by the action itself.
 */

/** One side's traffic model: Bernoulli errors and lognormal latencies, rounded to whole milliseconds (nginx's $request_time resolution). */
export interface SideModel {
  errorRate: number;
  medianMs: number;
  /** σ of log latency. */
  sigma: number;
}

/** A deterministic uniform [0, 1) generator (mulberry32): the same seed gives the same stream on every platform. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `requests` requests of one side; `withLatency: false` models a source that counts errors only. */
export function simulateSide(random: () => number, model: SideModel, requests: number, withLatency = true): SideSample {
  let errors = 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < requests; i++) {
    if (random() < model.errorRate) errors++;
    if (!withLatency) continue;
    // Box-Muller; 1 − u keeps the logarithm finite.
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const valueMs = Math.max(1, Math.round(model.medianMs * Math.exp(model.sigma * normal)));
    counts.set(valueMs, (counts.get(valueMs) ?? 0) + 1);
  }
  const latencies: LatencyPoint[] = [...counts].map(([valueMs, count]) => ({ valueMs, count }));
  return { requests, errors, latencies };
}

/** One window of canary beside stable. */
export function simulateWindow(
  random: () => number,
  canary: SideModel,
  stable: SideModel,
  requests: { canary: number; stable: number },
  withLatency = true,
): MetricsWindow {
  return {
    ok: true,
    source: 'simulation',
    canary: simulateSide(random, canary, requests.canary, withLatency),
    stable: simulateSide(random, stable, requests.stable, withLatency),
    ...(withLatency ? { latencyResolutionMs: 1 } : {}),
  };
}
