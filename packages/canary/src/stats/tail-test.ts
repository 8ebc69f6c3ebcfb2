import type { LatencyPoint } from '../ports.js';
import { binomialUpperTail } from './binomial.js';
import { toleratedMs, type LatencyTolerance } from './latency-tolerance.js';
import { totalCount, weightedPercentile } from './weighted-percentile.js';

/** The tail test of canary latencies against stable's, at one percentile. */
export interface TailTestResult {
  /** The percentile tested, as a share (0.99 for p99). */
  quantile: number;
  /** Stable's latency at that percentile, and the tolerated latency above it that counts as slow for the canary. */
  stableQuantileMs: number;
  thresholdMs: number;
  /** Canary requests slower than `thresholdMs`, stable requests slower than `stableQuantileMs`, and requests timed. */
  canarySlow: number;
  canaryTimed: number;
  stableSlow: number;
  stableTimed: number;
  /** One-sided p-value for "a larger share of canary requests than of stable's is slow". */
  pGreater: number;
}

/**
 * A distribution-free test of the tail: is the canary's `quantile` above stable's raised by the tolerance? If
 * it is not, at most a share 1 − q of canary requests is slower than stable's percentile raised by the
 * tolerance, as a share 1 − q of stable's is slower than the percentile itself; so the canary's requests over
 * the raised threshold are set against stable's over its own percentile. At the edge of the tolerance (canary
 * = stable × (1 + tolerance)) both shares are the same, and a canary within it has fewer: the test holds its
 * level there, where comparing both sides over one raised threshold would not (stable has far fewer requests
 * over it). Conditioning on the K slow requests, as the error test conditions on errors, with the canary timing
 * a share π of the requests, the canary's slow count is Binomial(K, π): P(X ≥ canary's) is exact however few
 * slow requests there are. The percentile's sampling error adds to the variance of stable's share as the
 * conditioning assumes, so the test stays valid as stable grows. Undefined when either side has no latency.
 */
export function tailTest(
  canary: readonly LatencyPoint[],
  stable: readonly LatencyPoint[],
  quantile: number,
  tolerance: LatencyTolerance,
): TailTestResult | undefined {
  const stableQuantileMs = weightedPercentile(stable, quantile);
  const canaryTimed = totalCount(canary);
  const stableTimed = totalCount(stable);
  if (stableQuantileMs === undefined || canaryTimed === 0) return undefined;
  const thresholdMs = toleratedMs(stableQuantileMs, tolerance);
  const slow = (points: readonly LatencyPoint[], overMs: number) =>
    points.reduce((sum, p) => sum + (p.valueMs > overMs ? p.count : 0), 0);
  const canarySlow = slow(canary, thresholdMs);
  const stableSlow = slow(stable, stableQuantileMs);
  const share = canaryTimed / (canaryTimed + stableTimed);
  return {
    quantile,
    stableQuantileMs,
    thresholdMs,
    canarySlow,
    canaryTimed,
    stableSlow,
    stableTimed,
    pGreater: binomialUpperTail(canarySlow, canarySlow + stableSlow, share),
  };
}
