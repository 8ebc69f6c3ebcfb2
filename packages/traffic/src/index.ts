/**
 * The traffic adapter: providers that move traffic between the stable and the canary version (the
 * `TrafficProvider` port of packages/canary). nginx, locally or over SSH, and user commands; Kubernetes and
 * PaaS providers implement the same port.
 */
export { NginxTrafficProvider } from './nginx-provider.js';
export type { NginxTrafficOptions } from './nginx-provider.js';
export { CommandTrafficProvider } from './command-provider.js';
export type { CommandTrafficOptions } from './command-provider.js';
export { renderUpstream, stickyVariable } from './nginx-render.js';
export type { UpstreamLayout, UpstreamSpec } from './nginx-render.js';
export { checkTargets, checkUpstreamName, parseSplit } from './targets.js';
export type { SplitMode } from './targets.js';
export { baselineServerWeights, checkWeight, MAX_BASELINE_WEIGHT, serverWeights } from './weights.js';
export type { ServerWeights } from './weights.js';
export { TrafficError } from './traffic-error.js';
export {
  DEFAULT_NGINX_RELOAD_COMMAND,
  DEFAULT_NGINX_TEST_COMMAND,
  DEFAULT_SPLIT_KEY,
  TRAFFIC_INPUTS,
} from './inputs.js';
export { readNginxSettings, readSshSettings } from './read-inputs.js';
export type { NginxSettings, SshSettings } from './read-inputs.js';
export { openShell } from './open-shell.js';
export * from './input-table.js';
export * from './nginx-host-check.js';
