/**
 * Input names of the traffic settings and their defaults, shared by the actions that read them
 * (canary-deploy, rollback) and by this package's messages.
 */

/** Inputs of the traffic providers. */
export const TRAFFIC_INPUTS = {
  provider: 'provider',
  stableTargets: 'stable-targets',
  canaryTargets: 'canary-targets',
  baselineTargets: 'baseline-targets',
  upstream: 'nginx-upstream',
  upstreamFile: 'nginx-upstream-file',
  testCommand: 'nginx-test-command',
  reloadCommand: 'nginx-reload-command',
  split: 'nginx-split',
  splitKey: 'nginx-sticky-key',
  pidFile: 'nginx-pid-file',
  setWeightCommand: 'set-weight-command',
  promoteCommand: 'promote-command',
  abortCommand: 'abort-command',
} as const;

/** Default of `nginx-test-command`. */
export const DEFAULT_NGINX_TEST_COMMAND = 'nginx -t';
/** Default of `nginx-reload-command`. */
export const DEFAULT_NGINX_RELOAD_COMMAND = 'nginx -s reload';
/** Default of `nginx-sticky-key` in sticky mode: one client address, one side. */
export const DEFAULT_SPLIT_KEY = '$remote_addr';
