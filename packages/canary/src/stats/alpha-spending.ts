/**
 * Alpha spending over repeated looks with the power family α(t) = α · min(1, t)^ρ, t = look / planned looks
 * (Kim & DeMets, 1987). Look k may use the increment α(t_k) − α(t_{k−1}); by the union bound the chance of any
 * false rejection over all looks is at most the sum of the increments, α, whatever the correlation between
 * looks. That is more conservative than exact group-sequential boundaries, which need the correlation, but it
 * stays valid when looks are uneven or traffic shifts between them.
 *
 * Looks beyond the plan spend nothing here: α has been spent. `alphaToSpendWithReserve` keeps a share for them.
 * ρ = 1 spends evenly (Bonferroni over looks); ρ = 3 saves most of α for late looks, like O'Brien–Fleming.
 */
export function alphaToSpend(alpha: number, look: number, plannedLooks: number, rho: number): number {
  if (look < 1 || plannedLooks < 1) return 0;
  return spent(alpha, look / plannedLooks, rho) - spent(alpha, (look - 1) / plannedLooks, rho);
}

/** α(t): how much of `alpha` has been spent by information fraction t. */
export function spent(alpha: number, t: number, rho: number): number {
  return alpha * Math.min(1, Math.max(0, t)) ** rho;
}

/**
 * Like `alphaToSpend`, with `reserveShare` of α kept for looks beyond the plan (a stage extended further than
 * planned, uneven intervals): the planned looks spend (1 − reserveShare)·α along the power family, and look
 * planned + j spends reserveShare·α·(1/j − 1/(j + 1)). That series sums to the reserve and never runs out, so a
 * clearly worse canary can still fail at any later look, and the rollout's total stays at most α.
 */
export function alphaToSpendWithReserve(
  alpha: number,
  look: number,
  plannedLooks: number,
  rho: number,
  reserveShare: number,
): number {
  if (look <= plannedLooks) return alphaToSpend(alpha * (1 - reserveShare), look, plannedLooks, rho);
  const j = look - plannedLooks;
  return alpha * reserveShare * (1 / j - 1 / (j + 1));
}
