/**
 * The canary domain's ports. Traffic providers move weight between stable and canary; metrics providers
 * report what each side did over a window. Both are implemented by adapters (`packages/traffic`,
 * `packages/metrics`) and faked in tests. The domain never opens a file, a socket or a process.
 */

/** Where the rollout is when traffic moves, for templated commands and logs. */
export interface TrafficContext {
  /** The canary version being rolled out. */
  version: string;
  /** 1-based stage number; 0 for promote and abort. */
  stage: number;
}

/**
 * Moves traffic between the stable and the canary version. Each method returns only once the change is live
 * (nginx reloaded, command finished) and throws a `TrafficError` when it could not be made; the provider
 * then leaves traffic as it was before the call. Room is left for Kubernetes (Gateway API weights, replica
 * ratio, ingress-nginx canary annotations) and PaaS providers: they implement the same four methods.
 */
export interface TrafficProvider {
  /** One line for summaries and logs: "nginx upstream app in /etc/nginx/conf.d/app-upstream.conf on deploy@10.0.0.5". */
  describe(): string;
  /** Puts `weight` percent (0 to 100) of the traffic on the canary. */
  setWeight(weight: number, context: TrafficContext): Promise<void>;
  /** Makes the canary the version serving all traffic, for good. */
  promote(context: TrafficContext): Promise<void>;
  /** Returns all traffic to the stable version. Must be safe to call at any point, and more than once. */
  abort(context: TrafficContext): Promise<void>;
}

/** One latency value and how many requests had it (a histogram bucket, or a single request with count 1). */
export interface LatencyPoint {
  valueMs: number;
  count: number;
}

/** What one side (canary or stable) did over a window. */
export interface SideSample {
  requests: number;
  /** Requests that failed (5xx, or a failed probe). */
  errors: number;
  /** The latency distribution over the window; empty when the source has none. */
  latencies: LatencyPoint[];
}

/** One analysis window, canary beside stable over the same time. */
export interface MetricsWindow {
  ok: true;
  /** Which provider measured it (`prometheus`, `nginx-log`, `probes`). */
  source: string;
  canary: SideSample;
  stable: SideSample;
  /**
   * The baseline, when the rollout has one (`baseline-targets`): a fresh instance of the stable version at the
   * canary's weight, which the judges then compare the canary with instead of the whole stable fleet.
   */
  baseline?: SideSample;
  /**
   * The smallest latency step the source can report, in ms: 1 for nginx's `$request_time` (whole milliseconds).
   * Absent when the source is finer than the differences that matter. The judges never count a difference of
   * one step as a regression: rounding alone can make one.
   */
  latencyResolutionMs?: number;
  /** When the window was measured; set by the rollout (not by metrics providers), read for the warm-up. */
  timing?: WindowTiming;
}

/** Where a window falls in time, in epoch milliseconds. */
export interface WindowTiming {
  fromMs: number;
  toMs: number;
  /** When the window's stage began (its weight was set). */
  stageStartMs: number;
}

/** A window that could not be measured: counted apart from bad values, and handled by policy. */
export interface MetricsFailure {
  ok: false;
  source: string;
  /** One sentence: "Prometheus at http://127.0.0.1:9090 did not answer: connection refused". */
  message: string;
}

/** Measures canary and stable over a window of time. */
export interface MetricsProvider {
  readonly name: string;
  /**
   * True when each side's request count is every request the router sent that side, counted as it was made
   * (the nginx access log), so the canary's share of requests follows its traffic weight and a canary whose
   * share falls far below it has stopped receiving traffic. Unset for sources that make their own traffic
   * (probes) or whose windows are sampled (Prometheus scrapes: a short window can show one side without its
   * latest scrape); for them only a stage with no canary request at all while stable had some fails.
   */
  readonly splitsByWeight?: boolean;
  /**
   * What happened between `fromMs` and `toMs` (epoch milliseconds): each call covers only its own window,
   * so a caller summing windows counts every request once.
   */
  collect(window: { fromMs: number; toMs: number }, context: TrafficContext): Promise<MetricsWindow | MetricsFailure>;
}
