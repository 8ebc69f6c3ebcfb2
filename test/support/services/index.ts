/** Service fixtures: real servers on free ports of 127.0.0.1, owned by the test that starts them. */
export {
  startAppServer,
  type AppBehaviour,
  type AppServer,
  type AppServerOptions,
  type AppStats,
} from './app-server.js';
export { NginxReloadError, PrometheusQueryError, ServiceCommandError, ServiceStartError } from './errors.js';
export { getFreePort, isPortOpen, LOOPBACK } from './free-port.js';
export { driveLoad, type LoadOptions, type LoadResult } from './load-driver.js';
export { ManagedProcess } from './managed-process.js';
export { startNginx, type Nginx, type NginxOptions, type NginxTestResult } from './nginx.js';
export {
  ACCESS_LOG_FORMAT,
  parseAccessLog,
  renderUpstreamServers,
  type AccessLogEntry,
  type UpstreamServer,
} from './nginx-config.js';
export { childPids, isProcessAlive, processesMentioning } from './process-info.js';
export {
  startPrometheus,
  type PromSample,
  type Prometheus,
  type PrometheusOptions,
  type PrometheusTarget,
} from './prometheus.js';
export { runCommand, shellQuote, type CommandResult } from './run-command.js';
export { generateKeyPair, knownHostsLine, type SshKeyPair } from './ssh-keys.js';
export { startSshd, type SshExecOptions, type Sshd, type SshdOptions } from './sshd.js';
export { createTempDir, type TempDir } from './temp-dir.js';
export { useService, type Stoppable } from './use-service.js';
