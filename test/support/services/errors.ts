/**
 * Typed errors of the service fixtures. Each carries the service's captured log, so a failed start or reload
 * explains itself in the test report instead of a bare timeout.
 */

/** A service did not become ready: it exited, or the readiness check ran past its deadline. */
export class ServiceStartError extends Error {
  override readonly name = 'ServiceStartError';
  /** Which fixture failed, e.g. `nginx`. */
  readonly service: string;
  /** What the service printed (stdout, stderr and its log files), newest last. */
  readonly log: string;

  constructor(service: string, reason: string, log: string) {
    super(
      `${service} did not start: ${reason}\n--- ${service} log ---\n${log.trimEnd() || '(empty)'}\n--- end of log ---`,
    );
    this.service = service;
    this.log = log;
  }

  /** True when the service failed because another process took its port between allocation and bind. */
  get portInUse(): boolean {
    return /address already in use/i.test(this.log);
  }
}

/** A command run by a fixture (nginx -s reload, ssh-keygen, ...) failed. */
export class ServiceCommandError extends Error {
  override readonly name = 'ServiceCommandError';
  /** The command line, shell-quoted. */
  readonly command: string;
  /** Exit code, or `null` when a signal ended it. */
  readonly code: number | null;
  /** Combined stdout and stderr. */
  readonly output: string;

  constructor(command: string, code: number | null, output: string, reason?: string) {
    super(`${reason ?? 'Command failed'} (exit ${code ?? 'signal'}): ${command}\n${output.trimEnd()}`);
    this.command = command;
    this.code = code;
    this.output = output;
  }
}

/** nginx refused a new configuration, or the reload did not take effect before the deadline. */
export class NginxReloadError extends Error {
  override readonly name = 'NginxReloadError';
  /** What nginx said: the reload command's output and the error log lines written since the reload began. */
  readonly output: string;

  constructor(reason: string, output: string) {
    super(`nginx reload failed: ${reason}\n${output.trimEnd()}`);
    this.output = output;
  }
}

/** The Prometheus HTTP API answered with an error, or with a result type the fixture does not return as samples. */
export class PrometheusQueryError extends Error {
  override readonly name = 'PrometheusQueryError';
  /** The PromQL expression. */
  readonly query: string;
  /** HTTP status of the API response (0 when the request did not complete). */
  readonly status: number;

  constructor(query: string, status: number, message: string) {
    super(`Prometheus query ${JSON.stringify(query)} failed (HTTP ${status}): ${message}`);
    this.query = query;
    this.status = status;
  }
}
