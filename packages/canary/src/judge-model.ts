import type { MetricsWindow } from './ports.js';

/** The metrics a judge rules on. */
export type MetricName = 'error-rate' | 'latency';

/** A judge's ruling on one metric: pass, fail, or not enough data to say. */
export type MetricStatus = 'pass' | 'fail' | 'inconclusive';

/** A ruling with the numbers behind it, so a person can see why. */
export interface MetricVerdict {
  metric: MetricName;
  status: MetricStatus;
  /** One sentence: "canary error rate 9.8% vs stable 0.1% (likelihood ratio 1840 ≥ 100)". */
  reason: string;
  /** The canary's value (error rate as a share 0-1, or p95 latency in ms). */
  canary: number;
  stable: number;
  /** Statistics behind the ruling (likelihood ratio, z, p-value, effect size, samples). */
  details: Record<string, number>;
}

/** Limits of the threshold judge (absolute and relative to stable). */
export interface ThresholdLimits {
  /** Highest canary error rate, as a share (0.05 is 5%). */
  maxErrorRate: number;
  /** Highest canary p95 latency in ms. */
  maxP95Ms: number;
  /** Highest increase of the canary error rate over stable, in share points (0.005 is 0.5 points). */
  maxErrorRateIncrease: number;
  /** Highest increase of the canary p95 latency over stable's, as a share (0.1 is 10%). */
  maxLatencyIncrease: number;
  /** An increase smaller than this many milliseconds never fails, whatever the share (practical significance). */
  latencyFloorMs: number;
  /** The first part of each stage, in ms: its latency is shown but not judged (errors are). See `defaultWarmUpMs`. */
  warmUpMs: number;
}

/** Settings of the statistical judge. */
export interface StatisticalSettings {
  /** Chance of a false failure over the whole rollout, all looks together (default 0.01). */
  alpha: number;
  /** The error-rate ratio (canary over stable) the test is tuned to detect (default 2). */
  detectErrorRatio: number;
  /** Error-rate ratio tolerated before calling it a regression (default 1.0: no worse than stable). */
  errorRatioTolerance: number;
  /** Latency increase tolerated, as a share (default 0.1): canary is compared with stable × (1 + this). */
  latencyTolerance: number;
  /**
   * Latency increase tolerated in milliseconds, whatever the share (default 5): canary is compared with
   * max(stable × (1 + latencyTolerance), stable + this). A few milliseconds are below what users notice and below
   * what sources that report whole milliseconds (nginx's $request_time) can resolve.
   */
  latencyFloorMs: number;
  /**
   * An increase of the canary error rate over stable's, in share points (0.005 is 0.5 points), that never fails
   * however certain the test is: practical significance beside the relative test (default 0.005).
   */
  errorRateFloor: number;
  /** The first part of each stage, in ms: its latency is shown but not judged (errors are). See `defaultWarmUpMs`. */
  warmUpMs: number;
  /**
   * Looks planned over the rollout, for spending alpha across them (the latency tests). Looks beyond the plan
   * spend a reserve kept for them, so a clearly worse canary still fails.
   */
  plannedLooks: number;
}

/** What a judge sees at each look: every window so far in this rollout, oldest first. */
export interface JudgeInput {
  windows: MetricsWindow[];
  /** Index in `windows` where the current stage began (the threshold judge looks at the stage only). */
  stageStart: number;
  /** Which look this is (1-based), over the whole rollout. */
  look: number;
  /** Minimum requests per side before a metric can pass or fail. */
  minSamples: number;
}

/** A judge: pure, deterministic, from the windows so far to a ruling per metric. */
export interface Judge {
  readonly name: 'threshold' | 'statistical';
  evaluate(input: JudgeInput): MetricVerdict[];
}
