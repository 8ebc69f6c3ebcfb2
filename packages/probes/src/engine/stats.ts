/**
 * Percentile by linear interpolation between closest ranks (the method k6 and NumPy use by default), so a
 * p50 of two values is their mean rather than one of them. Returns 0 for no values.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] ?? 0;
  return lowValue + ((sorted[high] ?? lowValue) - lowValue) * (rank - low);
}

/** Rounds milliseconds to one decimal for reports. */
export function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}
