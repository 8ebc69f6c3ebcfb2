import type { Judge, JudgeInput, MetricVerdict, ThresholdLimits } from '../judge-model.js';
import { weightedPercentile } from '../stats/weighted-percentile.js';
import { toleratedMs } from '../stats/latency-tolerance.js';
import { inWarmUp, pastWarmUp, warmUpNote } from './warm-up.js';
import { latencyResolution, measuresLatency, errorRate, sumWindows, type SideTotals } from './window-sums.js';
import { ms, notEnoughData, percent, percents, points, relative, shortSides } from './verdict-text.js';

/**
 * The action's defaults: 5% errors, p95 5000 ms, +0.5 points of errors and +10% p95 over stable (at least
 * + 5 ms), latency judged after a 30 s warm-up (the composition root sets it with `defaultWarmUpMs`).
 */
export const DEFAULT_THRESHOLD_LIMITS: Readonly<ThresholdLimits> = Object.freeze({
  maxErrorRate: 0.05,
  maxP95Ms: 5000,
  maxErrorRateIncrease: 0.005,
  maxLatencyIncrease: 0.1,
  latencyFloorMs: 5,
  warmUpMs: 30_000,
});

/**
 * The threshold judge: fixed limits, absolute and relative to stable, over the windows of the current stage.
 * It reads each look as if it were the only one, so it suits few looks on much traffic; the statistical judge
 * is the one built to look often. A metric is inconclusive while the canary has fewer than `minSamples`
 * requests (and, for the comparison with stable, while stable has), with a reason that says so. Latency is
 * judged past the stage's warm-up only, and a p95 one resolution step above the allowed one is not a failure.
 */
export function createThresholdJudge(limits: ThresholdLimits): Judge {
  checkLimits(limits);
  return {
    name: 'threshold',
    evaluate(input: JudgeInput): MetricVerdict[] {
      const stage = input.windows.slice(input.stageStart);
      const { canary, stable } = sumWindows(stage);
      const minSamples = Math.max(1, input.minSamples);
      const verdicts = [errorRateVerdict(canary, stable, limits, minSamples)];
      if (!measuresLatency(input.windows)) return verdicts;
      const latest = stage.at(-1);
      const judged = pastWarmUp(stage, limits.warmUpMs);
      if (latest && judged.length === 0 && inWarmUp(latest, limits.warmUpMs)) {
        const [c, s] = [canary, stable].map((side) => weightedPercentile(side.latencies, 0.95) ?? Number.NaN);
        const details = { warmUpMs: limits.warmUpMs, canaryTimed: canary.timed, stableTimed: stable.timed };
        const reason = `nothing to judge yet: ${warmUpNote(latest, limits.warmUpMs)}`;
        verdicts.push({
          metric: 'latency',
          status: 'inconclusive',
          reason,
          canary: c ?? Number.NaN,
          stable: s ?? Number.NaN,
          details,
        });
        return verdicts;
      }
      const past = sumWindows(judged);
      verdicts.push(latencyVerdict(past.canary, past.stable, limits, minSamples, latencyResolution(input.windows)));
      return verdicts;
    },
  };
}

function errorRateVerdict(
  canary: SideTotals,
  stable: SideTotals,
  limits: ThresholdLimits,
  minSamples: number,
): MetricVerdict {
  const canaryRate = errorRate(canary);
  const stableRate = errorRate(stable);
  const increase = canaryRate - stableRate;
  const details: Record<string, number> = {
    canaryRequests: canary.requests,
    canaryErrors: canary.errors,
    stableRequests: stable.requests,
    stableErrors: stable.errors,
    maxErrorRate: limits.maxErrorRate,
    maxErrorRateIncrease: limits.maxErrorRateIncrease,
    minSamples,
  };
  if (!Number.isNaN(increase)) details.increase = increase;
  const verdict = (status: MetricVerdict['status'], reason: string): MetricVerdict => ({
    metric: 'error-rate',
    status,
    reason,
    canary: canaryRate,
    stable: stableRate,
    details,
  });
  const counts = { canary: canary.requests, stable: stable.requests };

  if (canary.requests < minSamples)
    return verdict('inconclusive', notEnoughData(shortSides(counts, minSamples), minSamples));
  if (canaryRate > limits.maxErrorRate) {
    const [rate, limit] = percents(canaryRate, limits.maxErrorRate);
    return verdict(
      'fail',
      `canary error rate ${rate} is above the limit of ${limit} (stable ${stable.requests > 0 ? percent(stableRate) : 'had no requests'})`,
    );
  }
  const absolute = `canary error rate ${percents(canaryRate, limits.maxErrorRate).join(' is within the limit of ')}`;
  if (stable.requests < minSamples) {
    return verdict(
      'inconclusive',
      `${notEnoughData(shortSides(counts, minSamples, ['stable']), minSamples)} to compare with (${absolute})`,
    );
  }
  if (increase > limits.maxErrorRateIncrease) {
    const [rate, base] = percents(canaryRate, stableRate);
    return verdict(
      'fail',
      `canary error rate ${rate} is ${points(increase)} above stable's ${base}, more than the allowed ${points(limits.maxErrorRateIncrease)}`,
    );
  }
  const versus = `${increase === 0 ? 'equal to' : `${points(increase)} ${increase > 0 ? 'above' : 'below'}`} stable's ${percent(stableRate)}`;
  return verdict('pass', `${absolute} and ${versus} (allowed ${points(limits.maxErrorRateIncrease)})`);
}

function latencyVerdict(
  canary: SideTotals,
  stable: SideTotals,
  limits: ThresholdLimits,
  minSamples: number,
  resolutionMs: number,
): MetricVerdict {
  const canaryP95 = weightedPercentile(canary.latencies, 0.95) ?? Number.NaN;
  const stableP95 = weightedPercentile(stable.latencies, 0.95) ?? Number.NaN;
  const tolerance = { factor: 1 + limits.maxLatencyIncrease, floorMs: limits.latencyFloorMs, resolutionMs };
  const limit = toleratedMs(stableP95, tolerance);
  const details: Record<string, number> = {
    canaryTimed: canary.timed,
    stableTimed: stable.timed,
    maxP95Ms: limits.maxP95Ms,
    maxLatencyIncrease: limits.maxLatencyIncrease,
    latencyFloorMs: limits.latencyFloorMs,
    resolutionMs,
    warmUpMs: limits.warmUpMs,
    minSamples,
  };
  if (!Number.isNaN(limit)) details.relativeLimitMs = limit;
  const verdict = (status: MetricVerdict['status'], reason: string): MetricVerdict => ({
    metric: 'latency',
    status,
    reason,
    canary: canaryP95,
    stable: stableP95,
    details,
  });
  const counts = { canary: canary.timed, stable: stable.timed };

  if (canary.timed < minSamples)
    return verdict('inconclusive', notEnoughData(shortSides(counts, minSamples), minSamples, 'requests timed'));
  if (canaryP95 > limits.maxP95Ms) {
    return verdict(
      'fail',
      `canary p95 latency ${ms(canaryP95)} is above the limit of ${ms(limits.maxP95Ms)} (stable ${stable.timed > 0 ? ms(stableP95) : 'had no requests timed'})`,
    );
  }
  const absolute = `canary p95 latency ${ms(canaryP95)} is within the limit of ${ms(limits.maxP95Ms)}`;
  if (stable.timed < minSamples) {
    return verdict(
      'inconclusive',
      `${notEnoughData(shortSides(counts, minSamples, ['stable']), minSamples, 'requests timed')} to compare with (${absolute})`,
    );
  }
  const change = canaryP95 / stableP95 - 1;
  const resolution = resolutionMs > 0 ? `, + ${ms(resolutionMs)} resolution` : '';
  const allowed = `${relative(limits.maxLatencyIncrease)}, at least ${ms(limits.latencyFloorMs)}${resolution}: up to ${ms(limit)}`;
  if (canaryP95 > limit) {
    return verdict(
      'fail',
      `canary p95 latency ${ms(canaryP95)} is ${relative(change)} above stable's ${ms(stableP95)}, more than the allowed ${allowed}`,
    );
  }
  const versus = `${change === 0 ? 'equal to' : `${relative(change)} ${change > 0 ? 'above' : 'below'}`} stable's ${ms(stableP95)}`;
  return verdict('pass', `${absolute} and ${versus} (allowed ${allowed})`);
}

function checkLimits(limits: ThresholdLimits): void {
  const problems = [
    !(limits.maxErrorRate >= 0 && limits.maxErrorRate <= 1) &&
      `maxErrorRate must be a share from 0 to 1, got ${limits.maxErrorRate}`,
    !(limits.maxP95Ms > 0) && `maxP95Ms must be above 0, got ${limits.maxP95Ms}`,
    !(limits.maxErrorRateIncrease >= 0 && limits.maxErrorRateIncrease <= 1) &&
      `maxErrorRateIncrease must be a share from 0 to 1, got ${limits.maxErrorRateIncrease}`,
    !(limits.maxLatencyIncrease >= 0) && `maxLatencyIncrease must be 0 or more, got ${limits.maxLatencyIncrease}`,
    !(limits.latencyFloorMs >= 0) && `latencyFloorMs must be 0 or more, got ${limits.latencyFloorMs}`,
    !(limits.warmUpMs >= 0) && `warmUpMs must be 0 or more, got ${limits.warmUpMs}`,
  ].filter((problem): problem is string => typeof problem === 'string');
  if (problems.length > 0) throw new RangeError(`Threshold judge: ${problems.join('; ')}.`);
}
