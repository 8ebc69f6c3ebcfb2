/** Input, output and state names, shared by the code and the tests. */
export const Inputs = {
  Version: 'version',
  Provider: 'provider',
  Stages: 'stages',
  StageDuration: 'stage-duration',
  AnalysisInterval: 'analysis-interval',
  Judge: 'judge',
  MinSamples: 'min-samples',
  MaxExtension: 'max-extension',
  OnNoData: 'on-no-data',
  OnFailure: 'on-failure',
  MaxMetricsFailures: 'max-metrics-failures',
  MaxErrorRate: 'max-error-rate',
  MaxErrorRateIncrease: 'max-error-rate-increase',
  MaxLatencyIncrease: 'max-latency-increase',
  MaxP95Ms: 'max-p95-ms',
  Alpha: 'alpha',
  Metrics: 'metrics',
  StableTargets: 'stable-targets',
  CanaryTargets: 'canary-targets',
  NginxUpstream: 'nginx-upstream',
  NginxUpstreamFile: 'nginx-upstream-file',
  NginxTestCommand: 'nginx-test-command',
  NginxReloadCommand: 'nginx-reload-command',
  NginxPidFile: 'nginx-pid-file',
  NginxSplit: 'nginx-split',
  NginxStickyKey: 'nginx-sticky-key',
  NginxAccessLog: 'nginx-access-log',
  SshHost: 'ssh-host',
  SshUser: 'ssh-user',
  SshKey: 'ssh-key',
  SshPort: 'ssh-port',
  SshKnownHosts: 'ssh-known-hosts',
  SshStrict: 'ssh-strict-host-key-checking',
  SetWeightCommand: 'set-weight-command',
  PromoteCommand: 'promote-command',
  AbortCommand: 'abort-command',
  PrometheusUrl: 'prometheus-url',
  PrometheusVersionLabel: 'prometheus-version-label',
  StableVersion: 'stable-version',
  PrometheusCanaryQuery: 'prometheus-canary-query',
  PrometheusBaselineQuery: 'prometheus-baseline-query',
  Probes: 'probes',
  CanaryUrl: 'canary-url',
  StableUrl: 'stable-url',
  EnvironmentUrl: 'environment-url',
  Token: 'token',
} as const;

export const Outputs = {
  Result: 'result',
  FinalWeight: 'final-weight',
  FailedStage: 'failed-stage',
  Reason: 'reason',
  DurationSeconds: 'duration-seconds',
  DeploymentId: 'deployment-id',
} as const;

/** What the main step leaves for its post step. */
export const State = {
  /** Set before traffic first moves. */
  Started: 'rollout-started',
  /** Set when the main step ended the rollout itself (promoted, rolled back, or left by policy). */
  Finished: 'rollout-finished',
  /** The GitHub Deployment to mark when the post step has to clean up. */
  DeploymentId: 'deployment-id',
} as const;
