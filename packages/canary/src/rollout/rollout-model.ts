import type { MetricVerdict } from '../judge-model.js';
import type { SideSample } from '../ports.js';
import type { Comparison } from './comparison.js';

/** What to do when the canary fails: roll back (all traffic to stable at once), pause (leave weights), or fail (touch nothing). */
export type OnFailure = 'rollback' | 'pause' | 'fail';

/** What to do when a stage ends without enough data, after its extensions: roll back, fail, or continue to the next stage. */
export type OnNoData = 'rollback' | 'fail' | 'continue';

export const ON_FAILURE: readonly OnFailure[] = ['rollback', 'pause', 'fail'];
export const ON_NO_DATA: readonly OnNoData[] = ['rollback', 'fail', 'continue'];

/** How the rollout runs. */
export interface RolloutSettings {
  /** The canary version. */
  version: string;
  /** Canary weights in percent; the last (100) is the promotion, which is not analysed. */
  stages: number[];
  /** How long each stage is held. */
  stageDurationMs: number;
  /** How often the metrics are collected and judged within a stage. */
  analysisIntervalMs: number;
  /** Requests per side a stage needs, in that stage, before it can pass. */
  minSamples: number;
  /** How long a stage may be extended, beyond its duration, while waiting for `minSamples`. */
  maxExtensionMs: number;
  onFailure: OnFailure;
  onNoData: OnNoData;
  /** Consecutive metrics failures (query errors, unreachable source) tolerated before `onFailure` applies. */
  maxMetricsFailures: number;
  /**
   * What the canary is compared with: the stable fleet (default) or a baseline, a fresh stable instance at the
   * canary's weight whose counts the metrics report as `MetricsWindow.baseline`.
   */
  comparison?: Comparison;
}

/** Why a rollout ended as it did. */
export type EndCause = 'promoted' | 'canary-failed' | 'no-data' | 'metrics-failed' | 'traffic-failed' | 'cancelled';

/** One look: what was measured and ruled at one analysis interval. */
export interface LookRecord {
  look: number;
  stage: number;
  weight: number;
  /** Milliseconds since the rollout started. */
  atMs: number;
  canary?: SideSample;
  stable?: SideSample;
  /** With a baseline. */
  baseline?: SideSample;
  verdicts: MetricVerdict[];
  /** Set when the metrics could not be collected. */
  metricsFailure?: string;
}

/** One stage of the rollout as it happened. */
export interface StageRecord {
  stage: number;
  weight: number;
  /** Milliseconds the weight was held. */
  heldMs: number;
  /** Requests counted on each side during the stage. */
  canary: SideSample;
  stable: SideSample;
  /** With a baseline. */
  baseline?: SideSample;
  status: 'passed' | 'failed' | 'no-data' | 'continued-without-data' | 'promoted' | 'interrupted';
  /** The verdicts of the stage's last look. */
  verdicts: MetricVerdict[];
  reason: string;
  extendedMs: number;
}

/** How the rollout ended, with everything behind it. */
export interface RolloutResult {
  result: 'promoted' | 'rolled-back' | 'failed';
  cause: EndCause;
  /** What the canary was compared with. */
  comparison: Comparison;
  /** Canary weight when the action finished. */
  finalWeight: number;
  /** 1-based stage that failed, when one did. */
  failedStage?: number;
  /** One sentence a person can act on. */
  reason: string;
  durationMs: number;
  stages: StageRecord[];
  looks: LookRecord[];
  metricsFailures: number;
  /** True when returning traffic to stable failed: traffic may still be on the canary (the post step retries). */
  abortFailed?: boolean;
}
