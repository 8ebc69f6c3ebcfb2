/**
 * P(X ≥ k) for X ~ Binomial(n, p), exact: the terms are summed from the side of k where they shrink, so the
 * sum neither overflows nor loses a tiny p-value to 1 − (something close to 1). O(n) at worst.
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n || p <= 0) return 0;
  if (p >= 1) return 1;
  const odds = p / (1 - p);
  if (k > n * p) {
    // Terms fall from k upward: pmf(j + 1) / pmf(j) = (n − j) / (j + 1) · p / (1 − p) < 1 for j > np.
    let term = 1;
    let sum = 1;
    for (let j = k; j < n && term > sum * 1e-17; j++) {
      term *= ((n - j) / (j + 1)) * odds;
      sum += term;
    }
    return Math.min(1, Math.exp(logPmf(k, n, p)) * sum);
  }
  // Below the mean the upper tail is large: 1 − P(X ≤ k − 1), whose terms fall from k − 1 downward.
  let term = 1;
  let sum = 1;
  for (let j = k - 1; j > 0 && term > sum * 1e-17; j--) {
    term *= j / ((n - j + 1) * odds);
    sum += term;
  }
  return Math.max(0, 1 - Math.exp(logPmf(k - 1, n, p)) * sum);
}

/** log P(X = k): log C(n, k) as a sum of k logs, exact enough for the counts a canary sees. */
function logPmf(k: number, n: number, p: number): number {
  let logChoose = 0;
  const m = Math.min(k, n - k);
  for (let i = 1; i <= m; i++) logChoose += Math.log((n - m + i) / i);
  return logChoose + k * Math.log(p) + (n - k) * Math.log1p(-p);
}
