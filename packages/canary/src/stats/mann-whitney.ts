import type { LatencyPoint } from '../ports.js';
import { normalSf } from './normal.js';
import { mergeLatencies, totalCount } from './weighted-percentile.js';

/** The Mann-Whitney U test of x against y, one-sided: is x stochastically greater than y? */
export interface MannWhitneyResult {
  /** U of x: pairs where x > y, plus half the tied pairs. */
  u: number;
  n1: number;
  n2: number;
  /** Normal approximation of U with tie and continuity corrections; 0 when every value is tied. */
  z: number;
  /** One-sided p-value for "x is greater than y". */
  pGreater: number;
  /** Common-language effect size U / (n1·n2) = P(x > y) + P(x = y)/2, Vargha–Delaney's A (0.5: no difference). */
  effect: number;
}

/**
 * Mann-Whitney U over weighted points (a histogram bucket of 40 requests is 40 tied values), in
 * O(k log k) for k distinct values rather than O(n log n) for n requests. Ties are corrected in the variance:
 * σ² = n1·n2/12 · ((N + 1) − Σ(t³ − t) / (N(N − 1))). Returns undefined when either side is empty.
 */
export function mannWhitneyU(x: readonly LatencyPoint[], y: readonly LatencyPoint[]): MannWhitneyResult | undefined {
  const xs = mergeLatencies([x]);
  const ys = mergeLatencies([y]);
  const n1 = totalCount(xs);
  const n2 = totalCount(ys);
  if (n1 === 0 || n2 === 0) return undefined;

  let u = 0;
  let yBelow = 0;
  let tieSum = 0;
  let i = 0;
  let j = 0;
  while (i < xs.length || j < ys.length) {
    const xValue = xs[i]?.valueMs ?? Infinity;
    const yValue = ys[j]?.valueMs ?? Infinity;
    const value = Math.min(xValue, yValue);
    const cx = xValue === value ? (xs[i++]?.count ?? 0) : 0;
    const cy = yValue === value ? (ys[j++]?.count ?? 0) : 0;
    u += cx * (yBelow + cy / 2);
    yBelow += cy;
    const t = cx + cy;
    tieSum += t * t * t - t;
  }

  const n = n1 + n2;
  const mean = (n1 * n2) / 2;
  const variance = n > 1 ? ((n1 * n2) / 12) * (n + 1 - tieSum / (n * (n - 1))) : 0;
  // P(U ≥ u) ≈ P(normal ≥ u − ½): the one-sided continuity correction (scipy's `use_continuity`).
  const z = variance > 0 ? (u - mean - 0.5) / Math.sqrt(variance) : 0;
  return { u, n1, n2, z, pGreater: normalSf(z), effect: u / (n1 * n2) };
}

/**
 * Multiplies every latency by `factor` (stable × 1.1 for a 10% tolerance), to 12 significant digits so that
 * floating-point noise does not decide ties: 100 × 1.1 is 110, as a canary's 110 ms is, not 110.00000000000001.
 */
export function scaleLatencies(points: readonly LatencyPoint[], factor: number): LatencyPoint[] {
  return points.map((point) => ({ valueMs: Number((point.valueMs * factor).toPrecision(12)), count: point.count }));
}
