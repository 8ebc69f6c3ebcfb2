/**
 * Alpha spending over repeated looks with the power family α(t) = α · min(1, t)^ρ, t = look / planned looks
 * (Kim & DeMets, 1987). Look k may use the increment α(t_k) − α(t_{k−1}); by the union bound the chance of any
 * false rejection over all looks is at most the sum of the increments, α, whatever the correlation between
 * looks. That is more conservative than exact group-sequential boundaries, which need the correlation, but it
 * stays valid when looks are uneven or traffic shifts between them.
 *
 * Looks beyond the plan spend nothing: α has been spent, and a test at look planned + 1 cannot reject.
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
