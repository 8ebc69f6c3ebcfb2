import type { Judge, JudgeInput, MetricVerdict, StatisticalSettings } from '../judge-model.js';
import type { MetricsWindow } from '../ports.js';
import { alphaToSpend } from '../stats/alpha-spending.js';
import { defaultAlternatives, mixtureLogLikelihoodRatio } from '../stats/error-source-test.js';
import { mannWhitneyU, toleratedLatencies } from '../stats/mann-whitney.js';
import { weightedPercentile } from '../stats/weighted-percentile.js';
import { errorRate, measuresLatency, sumWindows, type SideTotals } from './window-sums.js';
import { ms, notEnoughData, percent, ratioFromLog, relative, shortSides, stat } from './verdict-text.js';

/**
 * The action's defaults. `plannedLooks` depends on the rollout: the composition root sets it with
 * `plannedLooksFor`; 60 is ten minutes of looks every ten seconds.
 */
export const DEFAULT_STATISTICAL_SETTINGS: Readonly<StatisticalSettings> = Object.freeze({
  alpha: 0.01,
  detectErrorRatio: 2,
  errorRatioTolerance: 1,
  latencyTolerance: 0.1,
  latencyFloorMs: 5,
  plannedLooks: 60,
});

/** Choices inside the statistical judge that the contract does not expose (chosen with bench/canary/judges.js). */
export interface StatisticalTuning {
  /** ρ of the alpha-spending family α·t^ρ for the latency test: 1 spends evenly over the planned looks. */
  spendingRho: number;
  /** Smallest effect size A = P(canary > stable × (1 + tolerance)) for a latency failure (0.5: no difference). */
  minLatencyEffect: number;
  /** Share of alpha given to the error-rate test; the latency test gets the rest, so the rollout's total is alpha. */
  errorAlphaShare: number;
}

/**
 * Chosen with bench/canary/judges.js (its --sweep): ρ = 1 catches a +20% latency canary in 40 s where ρ = 3
 * takes 70 s, and stays far inside α at the tolerance; A ≥ 0.53 is about +5% beyond the tolerance for a
 * lognormal with σ 0.4 (0.56 would let a +19% canary through a 10% tolerance); the error test, the slower of the
 * two, gets 80% of α (Λ ≥ 125 rather than 200: a 2× error rate is caught about 10% sooner).
 */
export const DEFAULT_STATISTICAL_TUNING: Readonly<StatisticalTuning> = Object.freeze({
  spendingRho: 1,
  minLatencyEffect: 0.53,
  errorAlphaShare: 0.8,
});

/**
 * The statistical judge: canary against stable over the same windows, across every look of the rollout, with
 * the chance of a false failure held at `alpha` over all looks together (split between the two metrics:
 * `errorAlphaShare` to the error rate, the rest to latency).
 *
 * - error rate: a sequential likelihood-ratio test on where the errors came from (see `error-source-test.ts`);
 *   it fails once Λ ≥ 1/α, which Ville's inequality makes valid at every look.
 * - latency: Mann-Whitney U of canary latencies against stable's × (1 + latencyTolerance) over every window so
 *   far, one-sided; each look spends its share of alpha (`alpha-spending.ts`), and a failure also needs an
 *   effect size of at least `minLatencyEffect`, so a slowdown that is certain but negligible does not roll back.
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
        verdicts.push(latencyVerdict(totals, input.look, settings, tuning, latencyAlpha, minSamples));
      return verdicts;
    },
  };
}

/**
 * Looks planned over a rollout: every analysed stage (the promotion at 100 is not) times its looks, counting
 * the extension a stage may get while it waits for min-samples. Planning too many looks only spends alpha
 * more thinly; planning too few leaves the last looks unable to fail the latency test.
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
  const logLambda = mixtureLogLikelihoodRatio(
    windows.map((w) => ({
      canaryRequests: w.canary.requests,
      canaryErrors: w.canary.errors,
      stableRequests: w.stable.requests,
      stableErrors: w.stable.errors,
    })),
    r0,
    defaultAlternatives(k),
  );
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
    minSamples,
  };
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
  if (logLambda >= logThreshold) {
    return verdict(
      'fail',
      `${rates}: likelihood ratio ${ratioFromLog(logLambda)} ≥ ${stat(1 / alpha)}, evidence of ${against}`,
    );
  }
  return verdict(
    'pass',
    `${rates}: likelihood ratio ${ratioFromLog(logLambda)} < ${stat(1 / alpha)}, no evidence of ${against}`,
  );
}

function latencyVerdict(
  { canary, stable }: Totals,
  look: number,
  settings: StatisticalSettings,
  tuning: StatisticalTuning,
  alpha: number,
  minSamples: number,
): MetricVerdict {
  const quantiles = (side: SideTotals) =>
    [0.5, 0.95].map((q) => weightedPercentile(side.latencies, q) ?? Number.NaN) as [number, number];
  const [canaryP50, canaryP95] = quantiles(canary);
  const [stableP50, stableP95] = quantiles(stable);
  const spend = alphaToSpend(alpha, look, settings.plannedLooks, tuning.spendingRho);
  const details: Record<string, number> = {
    canaryTimed: canary.timed,
    stableTimed: stable.timed,
    canaryP50,
    canaryP95,
    stableP50,
    stableP95,
    alphaSpent: spend,
    look,
    plannedLooks: settings.plannedLooks,
    latencyTolerance: settings.latencyTolerance,
    latencyFloorMs: settings.latencyFloorMs,
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

  const short = shortSides({ canary: canary.timed, stable: stable.timed }, minSamples);
  const test =
    short.length === 0
      ? mannWhitneyU(
          canary.latencies,
          toleratedLatencies(stable.latencies, 1 + settings.latencyTolerance, settings.latencyFloorMs),
        )
      : undefined;
  if (!test) return verdict('inconclusive', notEnoughData(short, minSamples, 'requests timed'));
  Object.assign(details, { u: test.u, z: test.z, p: test.pGreater, effect: test.effect });

  const sides = `canary latency p50 ${ms(canaryP50)} / p95 ${ms(canaryP95)} vs stable p50 ${ms(stableP50)} / p95 ${ms(stableP95)}`;
  const baseline = `stable + ${relative(settings.latencyTolerance)} (at least + ${ms(settings.latencyFloorMs)})`;
  const numbers = `z ${test.z.toFixed(2)}, p ${stat(test.pGreater)}, A ${test.effect.toFixed(3)}`;
  if (spend <= 0) {
    return verdict(
      'pass',
      `${sides}: all ${settings.plannedLooks} planned looks have spent their alpha, so look ${look} cannot fail (${numbers})`,
    );
  }
  const significant = test.pGreater < spend;
  const large = test.effect >= tuning.minLatencyEffect;
  const at = `look ${look} of ${settings.plannedLooks}`;
  if (significant && large) {
    return verdict(
      'fail',
      `${sides}: slower than ${baseline} (z ${test.z.toFixed(2)}, p ${stat(test.pGreater)} < ${stat(spend)} at ${at}, A ${test.effect.toFixed(3)} ≥ ${tuning.minLatencyEffect.toFixed(2)})`,
    );
  }
  if (significant) {
    return verdict(
      'pass',
      `${sides}: slower than ${baseline} by too small an effect to fail (A ${test.effect.toFixed(3)} < ${tuning.minLatencyEffect.toFixed(2)}; z ${test.z.toFixed(2)}, p ${stat(test.pGreater)})`,
    );
  }
  return verdict('pass', `${sides}: not shown slower than ${baseline} (${numbers}; p ≥ ${stat(spend)} at ${at})`);
}

function checkSettings(settings: StatisticalSettings, tuning: StatisticalTuning): void {
  const problems = [
    !(settings.alpha > 0 && settings.alpha < 1) && `alpha must be between 0 and 1, got ${settings.alpha}`,
    !(settings.detectErrorRatio > 1) && `detectErrorRatio must be above 1, got ${settings.detectErrorRatio}`,
    !(settings.errorRatioTolerance > 0) && `errorRatioTolerance must be above 0, got ${settings.errorRatioTolerance}`,
    !(settings.latencyTolerance >= 0) && `latencyTolerance must be 0 or more, got ${settings.latencyTolerance}`,
    !(settings.latencyFloorMs >= 0) && `latencyFloorMs must be 0 or more, got ${settings.latencyFloorMs}`,
    !(Number.isInteger(settings.plannedLooks) && settings.plannedLooks >= 1) &&
      `plannedLooks must be a whole number of 1 or more, got ${settings.plannedLooks}`,
    !(tuning.spendingRho > 0) && `spendingRho must be above 0, got ${tuning.spendingRho}`,
    !(tuning.minLatencyEffect >= 0.5 && tuning.minLatencyEffect < 1) &&
      `minLatencyEffect must be from 0.5 to below 1, got ${tuning.minLatencyEffect}`,
    !(tuning.errorAlphaShare > 0 && tuning.errorAlphaShare < 1) &&
      `errorAlphaShare must be between 0 and 1, got ${tuning.errorAlphaShare}`,
  ].filter((problem): problem is string => typeof problem === 'string');
  if (problems.length > 0) throw new RangeError(`Statistical judge: ${problems.join('; ')}.`);
}
