import type { Judge, JudgeInput, MetricVerdict, StatisticalSettings } from '../judge-model.js';
import type { MetricsWindow } from '../ports.js';
import { defaultAlternatives, errorRateIncrease, mixtureLogLikelihoodRatio } from '../stats/error-source-test.js';
import { latencyVerdict } from './statistical-latency.js';
import { errorRate, measuresLatency, sumWindows, type SideTotals } from './window-sums.js';
import { notEnoughData, percent, points, ratioFromLog, shortSides, stat } from './verdict-text.js';

/**
 * The action's defaults. `plannedLooks` and `warmUpMs` depend on the rollout: the composition root sets them
 * with `plannedLooksFor` and `defaultWarmUpMs`; 60 is ten minutes of looks every ten seconds.
 */
export const DEFAULT_STATISTICAL_SETTINGS: Readonly<StatisticalSettings> = Object.freeze({
  alpha: 0.01,
  detectErrorRatio: 2,
  errorRatioTolerance: 1,
  latencyTolerance: 0.1,
  latencyFloorMs: 5,
  errorRateFloor: 0.005,
  warmUpMs: 30_000,
  plannedLooks: 60,
});

/** Choices inside the statistical judge that the contract does not expose (chosen with bench/canary/judges.js). */
export interface StatisticalTuning {
  /** ρ of the alpha-spending family α·t^ρ for the latency test: 1 spends evenly over the planned looks. */
  spendingRho: number;
  /** Smallest effect size A = P(canary > stable × (1 + tolerance)) for a latency failure (0.5: no difference). */
  minLatencyEffect: number;
  /** Share of alpha given to the error-rate test; the latency tests get the rest, so the rollout's total is alpha. */
  errorAlphaShare: number;
  /** The percentile of the tail test, as a share (0.99: the share of canary requests slower than stable's p99). */
  tailQuantile: number;
  /** Share of the latency alpha given to the tail test; the shift test gets the rest. */
  tailAlphaShare: number;
  /**
   * Smallest share of canary requests over stable's tolerated percentile for a tail failure, as a multiple of
   * the share stable has there by definition (2 with p99: 2% of canary requests, twice stable's 1%).
   */
  minTailRatio: number;
  /** Share of the latency alpha kept for looks beyond the planned ones (`alphaToSpendWithReserve`). */
  reserveShare: number;
}

/**
 * Chosen with bench/canary/judges.js (its --sweep): ρ = 1 catches a +20% latency canary in 40 s where ρ = 3
 * takes 70 s, and stays far inside α at the tolerance; A ≥ 0.53 is about +5% beyond the tolerance for a
 * lognormal with σ 0.4 (0.56 would let a +19% canary through a 10% tolerance); the error test, the slower of the
 * two, gets 80% of α (Λ ≥ 125 rather than 200: a 2× error rate is caught about 10% sooner). The tail test at p99
 * catches what the shift test cannot (p99 ×3 with the same median: 80 s); half the latency α keeps the shift
 * test's +20% at 90 s with the 30 s warm-up. A share of twice the nominal 1% keeps a canary at the tolerance
 * from failing on the tail (0 of 150 runs). A 10% reserve costs the planned looks a tenth of their α and fails a
 * +50% canary that turns slow only after the planned looks in 240 s (150 of 150 runs).
 */
export const DEFAULT_STATISTICAL_TUNING: Readonly<StatisticalTuning> = Object.freeze({
  spendingRho: 1,
  minLatencyEffect: 0.53,
  errorAlphaShare: 0.8,
  tailQuantile: 0.99,
  tailAlphaShare: 0.5,
  minTailRatio: 2,
  reserveShare: 0.1,
});

/**
 * The statistical judge: canary against stable over the same windows, across every look of the rollout, with
 * the chance of a false failure held at `alpha` over all looks together (split between the two metrics:
 * `errorAlphaShare` to the error rate, the rest to latency).
 *
 * - error rate: a sequential likelihood-ratio test on where the errors came from (see `error-source-test.ts`);
 *   it fails once Λ ≥ 1/α, which Ville's inequality makes valid at every look.
 *   A failure also needs the canary's error rate to exceed stable's by more than `errorRateFloor` points.
 * - latency: a shift test (Mann-Whitney U) and a tail test (the share of requests over stable's p99) over every
 *   window so far past its stage's warm-up, against stable's latencies raised by the tolerance, the floor in
 *   ms and the source's resolution (`statistical-latency.ts`). Each look spends its share of alpha, with a
 *   reserve for looks beyond the plan (`alpha-spending.ts`).
 *
 * Both are inconclusive until each side has `minSamples` requests over the rollout. No latency verdict is given
 * when the source measures no latency.
 */
export function createStatisticalJudge(
  settings: StatisticalSettings,
  tuning: StatisticalTuning = DEFAULT_STATISTICAL_TUNING,
): Judge {
  checkSettings(settings, tuning);
  const errorAlpha = settings.alpha * tuning.errorAlphaShare;
  const latencyAlpha = settings.alpha - errorAlpha;
  return {
    name: 'statistical',
    evaluate(input: JudgeInput): MetricVerdict[] {
      const totals = sumWindows(input.windows);
      const minSamples = Math.max(1, input.minSamples);
      const verdicts = [errorRateVerdict(input.windows, totals, settings, errorAlpha, minSamples)];
      if (measuresLatency(input.windows))
        verdicts.push(latencyVerdict(input.windows, totals, input.look, settings, tuning, latencyAlpha, minSamples));
      return verdicts;
    },
  };
}

/**
 * Looks planned over a rollout: every analysed stage (the promotion at 100 is not) times its looks, counting
 * the extension a stage may get while it waits for min-samples. Planning too many looks only spends alpha
 * more thinly; planning too few leaves the last looks only the reserve.
 */
export function plannedLooksFor(rollout: {
  stages: readonly number[];
  stageDurationMs: number;
  analysisIntervalMs: number;
  maxExtensionMs?: number;
}): number {
  const analysed = Math.max(1, rollout.stages.filter((weight) => weight < 100).length);
  return (
    analysed *
    Math.max(1, Math.ceil((rollout.stageDurationMs + (rollout.maxExtensionMs ?? 0)) / rollout.analysisIntervalMs))
  );
}

type Totals = { canary: SideTotals; stable: SideTotals };

function errorRateVerdict(
  windows: readonly MetricsWindow[],
  { canary, stable }: Totals,
  settings: StatisticalSettings,
  alpha: number,
  minSamples: number,
): MetricVerdict {
  const r0 = settings.errorRatioTolerance;
  const k = settings.detectErrorRatio * r0;
  const counts = windows.map((w) => ({
    canaryRequests: w.canary.requests,
    canaryErrors: w.canary.errors,
    stableRequests: w.stable.requests,
    stableErrors: w.stable.errors,
  }));
  const logLambda = mixtureLogLikelihoodRatio(counts, r0, defaultAlternatives(k));
  const increase = errorRateIncrease(counts);
  const logThreshold = Math.log(1 / alpha);
  const details = {
    canaryRequests: canary.requests,
    canaryErrors: canary.errors,
    stableRequests: stable.requests,
    stableErrors: stable.errors,
    logLikelihoodRatio: logLambda,
    logThreshold,
    threshold: 1 / alpha,
    alpha,
    detectErrorRatio: settings.detectErrorRatio,
    errorRatioTolerance: r0,
    errorRateFloor: settings.errorRateFloor,
    minSamples,
  };
  if (!Number.isNaN(increase)) Object.assign(details, { increase });
  const verdict = (status: MetricVerdict['status'], reason: string): MetricVerdict => ({
    metric: 'error-rate',
    status,
    reason,
    canary: errorRate(canary),
    stable: errorRate(stable),
    details,
  });

  const short = shortSides({ canary: canary.requests, stable: stable.requests }, minSamples);
  if (short.length > 0) return verdict('inconclusive', notEnoughData(short, minSamples));
  const rates = `canary error rate ${percent(errorRate(canary))} (${canary.errors} of ${canary.requests} requests) vs stable ${percent(errorRate(stable))} (${stable.errors} of ${stable.requests})`;
  const against = `a regression of ${stat(k)}× or more${r0 === 1 ? '' : ` (tolerated ${stat(r0)}×)`}`;
  const evidence = `likelihood ratio ${ratioFromLog(logLambda)} ≥ ${stat(1 / alpha)}, evidence of ${against}`;
  const floor = `the allowed ${points(settings.errorRateFloor)}`;
  if (logLambda >= logThreshold && increase > settings.errorRateFloor)
    return verdict('fail', `${rates}: ${evidence}, ${points(increase)} above stable, more than ${floor}`);
  if (logLambda >= logThreshold) {
    const by = increase > 0 ? `only ${points(increase)} above stable` : 'not above stable';
    return verdict('pass', `${rates}: ${evidence}, but ${by} (allowed ${points(settings.errorRateFloor)})`);
  }
  return verdict(
    'pass',
    `${rates}: likelihood ratio ${ratioFromLog(logLambda)} < ${stat(1 / alpha)}, no evidence of ${against}`,
  );
}

function checkSettings(settings: StatisticalSettings, tuning: StatisticalTuning): void {
  const problems = [
    !(settings.alpha > 0 && settings.alpha < 1) && `alpha must be between 0 and 1, got ${settings.alpha}`,
    !(settings.detectErrorRatio > 1) && `detectErrorRatio must be above 1, got ${settings.detectErrorRatio}`,
    !(settings.errorRatioTolerance > 0) && `errorRatioTolerance must be above 0, got ${settings.errorRatioTolerance}`,
    !(settings.latencyTolerance >= 0) && `latencyTolerance must be 0 or more, got ${settings.latencyTolerance}`,
    !(settings.latencyFloorMs >= 0) && `latencyFloorMs must be 0 or more, got ${settings.latencyFloorMs}`,
    !(settings.errorRateFloor >= 0 && settings.errorRateFloor <= 1) &&
      `errorRateFloor must be a share from 0 to 1, got ${settings.errorRateFloor}`,
    !(settings.warmUpMs >= 0) && `warmUpMs must be 0 or more, got ${settings.warmUpMs}`,
    !(Number.isInteger(settings.plannedLooks) && settings.plannedLooks >= 1) &&
      `plannedLooks must be a whole number of 1 or more, got ${settings.plannedLooks}`,
    !(tuning.spendingRho > 0) && `spendingRho must be above 0, got ${tuning.spendingRho}`,
    !(tuning.minLatencyEffect >= 0.5 && tuning.minLatencyEffect < 1) &&
      `minLatencyEffect must be from 0.5 to below 1, got ${tuning.minLatencyEffect}`,
    !(tuning.errorAlphaShare > 0 && tuning.errorAlphaShare < 1) &&
      `errorAlphaShare must be between 0 and 1, got ${tuning.errorAlphaShare}`,
    !(tuning.tailQuantile > 0.5 && tuning.tailQuantile < 1) &&
      `tailQuantile must be above 0.5 and below 1, got ${tuning.tailQuantile}`,
    !(tuning.tailAlphaShare > 0 && tuning.tailAlphaShare < 1) &&
      `tailAlphaShare must be between 0 and 1, got ${tuning.tailAlphaShare}`,
    !(tuning.minTailRatio >= 1) && `minTailRatio must be 1 or more, got ${tuning.minTailRatio}`,
    !(tuning.reserveShare > 0 && tuning.reserveShare < 1) &&
      `reserveShare must be between 0 and 1, got ${tuning.reserveShare}`,
  ].filter((problem): problem is string => typeof problem === 'string');
  if (problems.length > 0) throw new RangeError(`Statistical judge: ${problems.join('; ')}.`);
}
