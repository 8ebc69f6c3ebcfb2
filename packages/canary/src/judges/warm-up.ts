import type { MetricsWindow } from '../ports.js';
import { weightedPercentile } from '../stats/weighted-percentile.js';
import { duration, ms } from './verdict-text.js';

/** The longest default warm-up: long enough for JIT compilation, connection pools and caches to fill. */
export const MAX_DEFAULT_WARM_UP_MS = 30_000;

/**
 * The warm-up of a stage when none is given: 30 s, or a quarter of the stage when that is shorter, so that
 * three quarters of every stage are always judged for latency. A new version starts cold (code paths not yet
 * compiled, empty caches and pools), and every increase of its weight brings it new connections.
 */
export function defaultWarmUpMs(stageDurationMs: number): number {
  return Math.min(MAX_DEFAULT_WARM_UP_MS, Math.floor(stageDurationMs / 4));
}

/**
 * Whether a window belongs to its stage's warm-up: most of it (its midpoint) lies within the stage's first
 * `warmUpMs`. With looks every 30 s and a 30 s warm-up, the first look of each stage is warm-up whatever the
 * timer's jitter; with a warm-up of at most half the stage, the stage's last look never is. Windows without
 * timing (not stamped by the rollout) are never warm-up.
 */
export function inWarmUp(window: MetricsWindow, warmUpMs: number): boolean {
  const timing = window.timing;
  if (!timing || warmUpMs <= 0) return false;
  return (timing.fromMs + timing.toMs) / 2 < timing.stageStartMs + warmUpMs;
}

/** The windows whose latency is judged: all but those in a warm-up. Errors are judged on every window. */
export function pastWarmUp(windows: readonly MetricsWindow[], warmUpMs: number): MetricsWindow[] {
  return windows.filter((window) => !inWarmUp(window, warmUpMs));
}

/** What a warm-up look measured, for the verdict's reason: shown, not judged. */
export function warmUpNote(window: MetricsWindow, warmUpMs: number): string {
  const p95 = (side: MetricsWindow['canary']) => ms(weightedPercentile(side.latencies, 0.95) ?? Number.NaN);
  return `this look is in the stage's warm-up (its first ${duration(warmUpMs)}), so its latency is shown, not judged: canary p95 ${p95(window.canary)} vs stable ${p95(window.stable)}`;
}
