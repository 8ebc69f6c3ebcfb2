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
