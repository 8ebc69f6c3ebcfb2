import type { MetricVerdict, StatisticalSettings } from '../judge-model.js';
import type { MetricsWindow } from '../ports.js';
import { alphaToSpendWithReserve } from '../stats/alpha-spending.js';
import { toleratedLatencies, type LatencyTolerance } from '../stats/latency-tolerance.js';
import { mannWhitneyU } from '../stats/mann-whitney.js';
import { tailTest } from '../stats/tail-test.js';
import { weightedPercentile } from '../stats/weighted-percentile.js';
import { inWarmUp, pastWarmUp, warmUpNote } from './warm-up.js';
import { latencyResolution, sumWindows, type SideTotals } from './window-sums.js';
import { ms, notEnoughData, percent, percentile, relative, shortSides, stat } from './verdict-text.js';

/** Choices inside the latency tests that the contract does not expose (see `StatisticalTuning`). */
export interface LatencyTuning {
  spendingRho: number;
  minLatencyEffect: number;
  tailQuantile: number;
  tailAlphaShare: number;
  minTailRatio: number;
  reserveShare: number;
}

/**
 * Slow stable requests expected before the tail test runs: with fewer, stable's percentile is not yet placed
 * (p99 needs 1000 stable requests timed).
 */
export const TAIL_EXPECTED_SLOW = 10;

/**
 * The statistical judge's latency verdict over every window of the rollout past its stage's warm-up (`totals`
 * are the sums over every window), with
 * `alpha` spent over the looks (a reserve kept for looks beyond the plan) and split between two tests:
 *
 * - shift: Mann-Whitney U of canary latencies against stable's, each raised to its tolerated value (relative
 *   tolerance, floor in ms, one resolution step); a failure also needs an effect size of `minLatencyEffect`.
 * - tail: the share of canary requests slower than stable's tolerated `tailQuantile` against stable's share
 *   (`tail-test.ts`); a failure also needs the canary's share to reach `minTailRatio` × the nominal share.
 */
export function latencyVerdict(
  windows: readonly MetricsWindow[],
  totals: ReturnType<typeof sumWindows>,
  look: number,
  settings: StatisticalSettings,
  tuning: LatencyTuning,
  alpha: number,
  minSamples: number,
): MetricVerdict {
  const judged = pastWarmUp(windows, settings.warmUpMs);
  const latest = windows.at(-1);
  const warmingUp = latest !== undefined && inWarmUp(latest, settings.warmUpMs);
  const tolerance: LatencyTolerance = {
    factor: 1 + settings.latencyTolerance,
    floorMs: settings.latencyFloorMs,
    resolutionMs: latencyResolution(windows),
  };
  // Summing again only when the warm-up left windows out: a merge per look is most of a look's cost.
  const { canary, stable } = judged.length === windows.length ? totals : sumWindows(judged);
  const q = tuning.tailQuantile;
  const [canaryP50, canaryP95, canaryTail] = quantiles(canary, [0.5, 0.95, q]);
  const [stableP50, stableP95, stableTail] = quantiles(stable, [0.5, 0.95, q]);
  const spend = alphaToSpendWithReserve(alpha, look, settings.plannedLooks, tuning.spendingRho, tuning.reserveShare);
  const tailSpend = spend * tuning.tailAlphaShare;
  const shiftSpend = spend - tailSpend;
  const beyondPlan = look > settings.plannedLooks;
  const details: Record<string, number> = {
    canaryTimed: canary.timed,
    stableTimed: stable.timed,
    canaryP50,
    canaryP95,
    canaryTail,
    stableP50,
    stableP95,
    stableTail,
    tailQuantile: q,
    alphaSpent: spend,
    shiftAlphaSpent: shiftSpend,
    tailAlphaSpent: tailSpend,
    look,
    plannedLooks: settings.plannedLooks,
    beyondPlan: beyondPlan ? 1 : 0,
    latencyTolerance: settings.latencyTolerance,
    latencyFloorMs: settings.latencyFloorMs,
    resolutionMs: tolerance.resolutionMs,
    warmUpMs: settings.warmUpMs,
    warmUpWindows: windows.length - judged.length,
    minEffect: tuning.minLatencyEffect,
    minSamples,
  };
  const verdict = (status: MetricVerdict['status'], reason: string): MetricVerdict => ({
    metric: 'latency',
    status,
    reason,
    canary: canaryP95,
    stable: stableP95,
    details,
  });
  const p = percentile(q);
  // The look in progress is a warm-up one: say what it measured, and judge only what came before it.
  const warmUp = warmingUp && latest ? warmUpNote(latest, settings.warmUpMs) : undefined;
  const withWarmUp = (text: string) => (warmUp ? `${text}; ${warmUp}` : text);

  const short = shortSides({ canary: canary.timed, stable: stable.timed }, minSamples);
  if (short.length > 0) {
    if (judged.length === 0 && warmUp) return verdict('inconclusive', `nothing to judge yet: ${warmUp}`);
    const after = judged.length < windows.length ? ' past the warm-up' : '';
    return verdict('inconclusive', withWarmUp(notEnoughData(short, minSamples, `requests timed${after}`)));
  }
  const shift = mannWhitneyU(canary.latencies, toleratedLatencies(stable.latencies, tolerance));
  if (!shift) throw new RangeError('Both sides have requests timed, so the shift test has data.');
  Object.assign(details, { u: shift.u, z: shift.z, p: shift.pGreater, effect: shift.effect });
  const tail =
    stable.timed * (1 - q) >= TAIL_EXPECTED_SLOW
      ? tailTest(canary.latencies, stable.latencies, q, tolerance)
      : undefined;
  const tailShare = tail ? tail.canarySlow / tail.canaryTimed : Number.NaN;
  const stableShare = tail ? tail.stableSlow / tail.stableTimed : Number.NaN;
  const tailFloor = tuning.minTailRatio * (1 - q);
  if (tail) {
    Object.assign(details, {
      tailThresholdMs: tail.thresholdMs,
      canarySlow: tail.canarySlow,
      stableSlow: tail.stableSlow,
      tailP: tail.pGreater,
      tailFloor,
    });
  }

  const sides = `canary latency p50 ${ms(canaryP50)} / p95 ${ms(canaryP95)} / ${p} ${ms(canaryTail)} vs stable p50 ${ms(stableP50)} / p95 ${ms(stableP95)} / ${p} ${ms(stableTail)}`;
  const floors = [`at least + ${ms(settings.latencyFloorMs)}`];
  if (tolerance.resolutionMs > 0) floors.push(`+ ${ms(tolerance.resolutionMs)} resolution`);
  const baseline = `stable + ${relative(settings.latencyTolerance)} (${floors.join(', ')})`;
  const at = beyondPlan
    ? `look ${look}, beyond the ${settings.plannedLooks} planned, on the alpha reserve`
    : `look ${look} of ${settings.plannedLooks}`;
  const numbers = `z ${shift.z.toFixed(2)}, p ${stat(shift.pGreater)}, A ${shift.effect.toFixed(3)}`;
  const shiftSignificant = shift.pGreater < shiftSpend;
  const tailSignificant = tail !== undefined && tail.pGreater < tailSpend;

  if (shiftSignificant && shift.effect >= tuning.minLatencyEffect) {
    return verdict(
      'fail',
      `${sides}: slower than ${baseline} (z ${shift.z.toFixed(2)}, p ${stat(shift.pGreater)} < ${stat(shiftSpend)} at ${at}, A ${shift.effect.toFixed(3)} ≥ ${tuning.minLatencyEffect.toFixed(2)})`,
    );
  }
  if (tail && tailSignificant && tailShare >= tailFloor) {
    return verdict(
      'fail',
      `${sides}: the ${p} tail is slower: ${percent(tailShare)} of canary requests (${tail.canarySlow} of ${tail.canaryTimed}) took over ${ms(tail.thresholdMs)} (stable's ${p} ${ms(tail.stableQuantileMs)} + tolerance), against ${percent(stableShare)} of stable's over its ${p} (p ${stat(tail.pGreater)} < ${stat(tailSpend)} at ${at})`,
    );
  }
  const shiftText = shiftSignificant
    ? `slower than ${baseline} by too small an effect to fail (A ${shift.effect.toFixed(3)} < ${tuning.minLatencyEffect.toFixed(2)}; z ${shift.z.toFixed(2)}, p ${stat(shift.pGreater)})`
    : `not shown slower than ${baseline} (${numbers}; p ≥ ${stat(shiftSpend)} at ${at})`;
  const tailText = tail
    ? `${p} tail: ${percent(tailShare)} of canary requests over ${ms(tail.thresholdMs)} (stable's ${p} + tolerance) vs ${percent(stableShare)} of stable's over its ${p} (p ${stat(tail.pGreater)}${tailSignificant ? `; below the floor of ${percent(tailFloor)}, so not a failure` : ''})`
    : `${p} tail not tested before stable has ${Math.ceil(TAIL_EXPECTED_SLOW / (1 - q))} requests timed`;
  return verdict('pass', withWarmUp(`${sides}: ${shiftText}; ${tailText}`));
}

function quantiles(side: SideTotals, qs: readonly [number, number, number]): [number, number, number] {
  const at = (q: number) => weightedPercentile(side.latencies, q) ?? Number.NaN;
  return [at(qs[0]), at(qs[1]), at(qs[2])];
}
