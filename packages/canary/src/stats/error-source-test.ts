/**
 * A sequential test of "the canary's error rate is at most r0 × the stable's" that needs no estimate of the
 * stable rate: it conditions on where each error came from. In a window where the canary served n_c requests
 * and stable n_s, an error is the canary's with probability π = ρ·n_c / (ρ·n_c + n_s) when the canary's rate is
 * ρ × stable's. The likelihood ratio of H1 (ρ = k) against H0 (ρ = r0),
 *
 *   Λ = Π_windows (π1/π0)^{canary errors} · ((1 − π1)/(1 − π0))^{stable errors},
 *
 * is a nonnegative supermartingale under H0 (ρ ≤ r0), so by Ville's inequality P(sup Λ ≥ 1/α) ≤ α however often
 * it is looked at: it may be read at every window, and over any number of stages. Computed in log space.
 */

/** Counts of one window for the test. */
export interface ErrorCounts {
  canaryRequests: number;
  canaryErrors: number;
  stableRequests: number;
  stableErrors: number;
}

/**
 * log Λ over the windows for H0 ratio `r0` against H1 ratio `k` (k > r0). Windows where either side had no
 * requests carry no information about the ratio and add nothing.
 */
export function errorSourceLogLikelihoodRatio(windows: readonly ErrorCounts[], r0: number, k: number): number {
  let logLambda = 0;
  for (const w of windows) {
    if (!(w.canaryRequests > 0 && w.stableRequests > 0)) continue;
    // log((1 − π1)/(1 − π0)), and log(π1/π0) = log(k/r0) + that, without forming 1 − π (exact near π = 1).
    const stableTerm = Math.log((r0 * w.canaryRequests + w.stableRequests) / (k * w.canaryRequests + w.stableRequests));
    logLambda += w.canaryErrors * (Math.log(k / r0) + stableTerm) + w.stableErrors * stableTerm;
  }
  return logLambda;
}

/** One alternative of a mixture: the error-rate ratio it stands for, and its prior weight. */
export interface Alternative {
  ratio: number;
  weight: number;
}

/**
 * log of a weighted mixture of likelihood ratios, Σ wᵢ·Λ(kᵢ), with Σ wᵢ = 1. A mixture of martingales is a
 * martingale, so Ville's bound still holds; spreading the weight over several regressions (2×, 4×, 8×, 16×)
 * keeps most of the power against the smallest while catching large regressions on far fewer errors, which
 * matters when traffic is thin and the stable side has almost no errors (one alternative of 2× caps the
 * evidence of each canary error at log 2·n_c/(2·n_c + n_s) − log n_c/(n_c + n_s)).
 */
export function mixtureLogLikelihoodRatio(
  windows: readonly ErrorCounts[],
  r0: number,
  alternatives: readonly Alternative[],
): number {
  const terms = alternatives.map((a) => Math.log(a.weight) + errorSourceLogLikelihoodRatio(windows, r0, a.ratio));
  const top = Math.max(...terms);
  return top + Math.log(terms.reduce((sum, t) => sum + Math.exp(t - top), 0));
}

/** The default mixture: most weight on `k` (the regression the test is tuned to), the rest on 2k, 4k and 8k. */
export function defaultAlternatives(k: number): Alternative[] {
  return [
    { ratio: k, weight: 0.7 },
    { ratio: 2 * k, weight: 0.1 },
    { ratio: 4 * k, weight: 0.1 },
    { ratio: 8 * k, weight: 0.1 },
  ];
}

/**
 * The increase of the canary's error rate over stable's, in share points, averaged over windows with
 * Mantel-Haenszel weights n_c·n_s / (n_c + n_s): each window compares the two sides over the same time, so a
 * stable rate that drifts between stages, while the canary's share of traffic grows, does not bias it the way
 * rates pooled over the rollout would. NaN when no window has requests on both sides.
 */
export function errorRateIncrease(windows: readonly ErrorCounts[]): number {
  let weighted = 0;
  let weights = 0;
  for (const w of windows) {
    if (!(w.canaryRequests > 0 && w.stableRequests > 0)) continue;
    const weight = (w.canaryRequests * w.stableRequests) / (w.canaryRequests + w.stableRequests);
    weighted += weight * (w.canaryErrors / w.canaryRequests - w.stableErrors / w.stableRequests);
    weights += weight;
  }
  return weights > 0 ? weighted / weights : Number.NaN;
}
