import type { LatencyPoint } from '../ports.js';

/** How much slower than a stable latency a canary latency may be before it counts as slower. */
export interface LatencyTolerance {
  /** 1 + the relative tolerance (1.1 for 10%). */
  factor: number;
  /** The absolute floor in ms: an increase this small never counts, whatever the share. */
  floorMs: number;
  /** The source's latency step in ms (1 for whole milliseconds), 0 when finer than anything that matters. */
  resolutionMs: number;
}

/**
 * The slowest latency still tolerated beside a stable one: max(value × factor, value + floorMs) + resolutionMs.
 * Each value is rounded to the source's step, so a measured difference can exceed the true one by up to one
 * step; adding it means a difference that only rounding could make never counts as a regression. To 12
 * significant digits, so that floating-point noise does not decide ties.
 */
export function toleratedMs(valueMs: number, tolerance: LatencyTolerance): number {
  const raised = Math.max(valueMs * tolerance.factor, valueMs + tolerance.floorMs) + tolerance.resolutionMs;
  return Number(raised.toPrecision(12));
}

/** Every point raised to its tolerated latency (`toleratedMs`), counts kept. */
export function toleratedLatencies(points: readonly LatencyPoint[], tolerance: LatencyTolerance): LatencyPoint[] {
  return points.map((point) => ({ valueMs: toleratedMs(point.valueMs, tolerance), count: point.count }));
}
