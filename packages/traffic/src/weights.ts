/**
 * Canary percentages as nginx server weights. nginx takes integral weights of 1 or more, so a side with no
 * traffic is left out instead of weighted 0.
 */
import { TrafficError } from './traffic-error.js';

/**
 * Checks a canary weight: a number from 0 to 100 with at most two decimals (nginx's `split_clients` takes
 * hundredths of a percent).
 * @throws TrafficError for anything else.
 */
export function checkWeight(weight: number): void {
  if (
    !Number.isFinite(weight) ||
    weight < 0 ||
    weight > 100 ||
    Math.abs(weight * 100 - Math.round(weight * 100)) > 1e-6
  ) {
    throw new TrafficError(
      `The canary weight must be a percentage from 0 to 100 with at most two decimals, got ${weight}.`,
      weight,
      '',
    );
  }
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Per-server weights of each side; 0 means the side is left out of the upstream. */
export interface ServerWeights {
  stable: number;
  canary: number;
  /** With a baseline (see {@link baselineServerWeights}). */
  baseline?: number;
}

/**
 * Per-server integral weights that keep the sides' totals in the ratio of `shares` (hundredths of a percent)
 * whatever each side's server count: a side's server gets its share times the other sides' counts, and all are
 * divided by their greatest common divisor. A side with share 0 gets 0 (left out).
 */
function sideWeights(shares: readonly number[], counts: readonly number[]): number[] {
  const product = counts.reduce((p, n) => p * n, 1);
  const raw = shares.map((share, i) => (share * product) / (counts[i] ?? 1));
  const divisor = raw.filter((w) => w > 0).reduce((d, w) => gcd(w, d), 0);
  return raw.map((w) => (divisor > 0 ? w / divisor : w));
}

/**
 * The largest canary weight a rollout with a baseline can take before the promotion: stable keeps
 * `100 - 2 × weight`, so at 50% baseline and canary share all traffic.
 */
export const MAX_BASELINE_WEIGHT = 50;

/**
 * Server weights with a baseline (a fresh instance of the stable version) that gets the same share as the
 * canary: stable `100 - 2w`, baseline `w`, canary `w`. At 0% only stable, at 100% only the canary (the baseline
 * is only there to be compared with while the canary is judged).
 * @throws TrafficError for a weight above {@link MAX_BASELINE_WEIGHT} other than 100.
 */
export function baselineServerWeights(
  weight: number,
  counts: { stable: number; baseline: number; canary: number },
): Required<ServerWeights> {
  checkWeight(weight);
  if (weight === 0) return { stable: 1, baseline: 0, canary: 0 };
  if (weight === 100) return { stable: 0, baseline: 0, canary: 1 };
  if (weight > MAX_BASELINE_WEIGHT) {
    throw new TrafficError(
      `With a baseline, the canary weight can be at most ${MAX_BASELINE_WEIGHT}% before the promotion (stable keeps 100 - 2 × weight), got ${weight}.`,
      weight,
      '',
    );
  }
  const share = Math.round(weight * 100);
  const [stable = 0, baseline = 0, canary = 0] = sideWeights(
    [10_000 - 2 * share, share, share],
    [counts.stable, counts.baseline, counts.canary],
  );
  return { stable, baseline, canary };
}

/**
 * The weight of each stable and each canary server so that the sides' totals keep the exact ratio
 * `100 - weight : weight`, whatever the number of servers on each side: a stable server gets
 * `(100 - w)·n_canary`, a canary server `w·n_stable`, both divided by their greatest common divisor.
 * 5% with one server each is 19 : 1; 25% with two stable servers and one canary is 3 : 2 (6 : 2 in total).
 */
export function serverWeights(weight: number, stableCount: number, canaryCount: number): ServerWeights {
  checkWeight(weight);
  const canaryShare = Math.round(weight * 100);
  const stableShare = 10_000 - canaryShare;
  if (canaryShare === 0) return { stable: 1, canary: 0 };
  if (stableShare === 0) return { stable: 0, canary: 1 };
  const stable = stableShare * canaryCount;
  const canary = canaryShare * stableCount;
  const divisor = gcd(stable, canary);
  return { stable: stable / divisor, canary: canary / divisor };
}
