/**
 * Whether the canary still receives its traffic. A canary that crashed gets no requests (Prometheus sees no
 * series; nginx, with `max_fails` at its default, takes it out), and a judge given no canary requests has
 * nothing to fail on: silence must fail the stage by itself, whatever the judge and `on-no-data`.
 */

/**
 * Chance, per look, of failing a canary that does receive its weight (the share test below). Looks are many
 * (one per analysis interval), so it is small: at 1e-6 a rollout of 1000 looks fails a healthy canary this
 * way less than once in a thousand rollouts, and real splits (nginx's smooth weighted round robin) are more
 * even than the binomial the bound assumes.
 */
export const SHARE_ALPHA = 1e-6;

/**
 * Upper bound on P(X ≤ k) for X ~ Binomial(n, p) with k ≤ n·p (Chernoff-Hoeffding): exp(−n·D(k/n ‖ p)), with
 * D the Kullback-Leibler divergence of Bernoulli distributions. Exact at k = 0: (1 − p)^n. Using the bound
 * as the p-value keeps the test valid (it can only overstate the probability). 1 when k ≥ n·p.
 * https://en.wikipedia.org/wiki/Chernoff_bound#Additive_form_(absolute_error)
 */
export function binomialLowerTailBound(k: number, n: number, p: number): number {
  if (n <= 0 || p <= 0 || k >= n * p) return 1;
  if (p >= 1) return k < n ? 0 : 1;
  const a = k / n;
  const divergence = (a > 0 ? a * Math.log(a / p) : 0) + (1 - a) * Math.log((1 - a) / (1 - p));
  return Math.exp(-n * divergence);
}

/**
 * The share, as a part of the weight, below which the canary counts as starved: a quarter. Real splits are not
 * always close to the weight over a few seconds: measured through real nginx on a loaded machine, a healthy
 * canary at 25% got 31 of 303 requests (10%) in the first 1.5 s of a stage, while the old workers of the reload
 * that set the weight still served stable-only keep-alive connections. A dead canary that nginx took out gets
 * almost none.
 */
export const STARVED_SHARE = 0.25;

/** Requests of one stage: the canary's and everyone else's (stable, and the baseline when there is one). */
export interface StageTraffic {
  canary: number;
  others: number;
}

/** When and how to test the canary's share of a stage's requests. */
export interface ShareTest {
  /** The canary's weight in percent (0 < weight < 100). */
  weight: number;
  /** True once the stage's time is up: a stage that ends with no canary request while the others had some fails. */
  stageOver: boolean;
  /** True when the source's counts follow the weights (`MetricsProvider.splitsByWeight`): the share is tested at every look. */
  splitsByWeight: boolean;
  /**
   * True from the stage's second look on. The first spans the reload that set the weight, while nginx's old workers
   * still serve their keep-alive connections with the old split: on a loaded machine a healthy canary at 10% got 3
   * of 224 requests in that first look. The share is not tested on it (none at all over the stage still fails).
   */
  settled: boolean;
}

/**
 * Why the canary has stopped receiving traffic in this stage, or `undefined` when it has not. Two rules:
 * - no canary request at all over the whole stage while the others had some (any source, once `stageOver`);
 * - with a source whose counts follow the weights, a share below a quarter of the weight ({@link STARVED_SHARE})
 *   that a canary receiving its weight would show with probability below {@link SHARE_ALPHA} (a binomial
 *   lower-tail test, at every look).
 */
export function starvedCanary(traffic: StageTraffic, test: ShareTest): string | undefined {
  const total = traffic.canary + traffic.others;
  const p = test.weight / 100;
  if (total === 0 || p <= 0 || p >= 1) return undefined;
  const expected = total * p;
  const counts = `${traffic.canary} of ${total} requests in this stage at a weight of ${test.weight}%, about ${Math.round(expected)} expected`;
  if (traffic.canary === 0 && test.stageOver) return `the canary stopped receiving traffic (${counts})`;
  if (!test.splitsByWeight || !test.settled || traffic.canary >= expected * STARVED_SHARE) return undefined;
  if (binomialLowerTailBound(traffic.canary, total, p) >= SHARE_ALPHA) return undefined;
  return `the canary stopped receiving traffic (${counts}; a canary receiving its weight gets so few with probability below ${SHARE_ALPHA.toExponential()})`;
}
