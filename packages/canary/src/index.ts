/**
 * The canary domain: the stage plan, the judges and the rollout loop, over the traffic and metrics ports it
 * defines. Pure: settings and ports in, a result out.
 */
export type {
  Judge,
  JudgeInput,
  MetricName,
  MetricStatus,
  MetricVerdict,
  StatisticalSettings,
  ThresholdLimits,
} from './judge-model.js';
export {
  createStatisticalJudge,
  DEFAULT_STATISTICAL_SETTINGS,
  DEFAULT_STATISTICAL_TUNING,
  plannedLooksFor,
  type StatisticalTuning,
} from './judges/statistical-judge.js';
export { createThresholdJudge, DEFAULT_THRESHOLD_LIMITS } from './judges/threshold-judge.js';
export { defaultWarmUpMs } from './judges/warm-up.js';
export * from './ports.js';
export * from './rollout/rollout-model.js';
export { describeComparison, judgeAgainst, type Comparison } from './rollout/comparison.js';
export { runRollout, type RolloutPorts } from './rollout/run-rollout.js';
export { weightedPercentile } from './stats/weighted-percentile.js';
