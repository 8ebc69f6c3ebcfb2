import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { pollUntil } from '../poll.js';
import { requireBinary } from '../require-binary.js';
import { NginxReloadError } from './errors.js';
import { LOOPBACK, isPortOpen, withFreePort } from './free-port.js';
import { ManagedProcess } from './managed-process.js';
import {
  parseAccessLog,
  renderNginxConfig,
  renderUpstreamServers,
  type AccessLogEntry,
  type UpstreamServer,
} from './nginx-config.js';
import { childPids, isProcessAlive } from './process-info.js';
import { runCommand, shellQuote } from './run-command.js';
import { createTempDir } from './temp-dir.js';

/** Options of {@link startNginx}. */
export interface NginxOptions {
  /** Initial contents of the upstream include file: server entries, or raw text. */
  upstream: readonly UpstreamServer[] | string;
  /** Name of the upstream group. Default `app`. */
  upstreamName?: string;
  /** Extra directives in the `http` block. */
  httpConfig?: string;
  /** Extra directives in the `server` block (next to the proxied `location /`). */
  serverConfig?: string;
  /** Where the access log goes. Default `<prefix>/logs/access.log`. */
  accessLogPath?: string;
  /** Port on 127.0.0.1. Default: a free one. */
  port?: number;
  /** Default 1. Round-robin state is per worker, so exact weight splits need a single worker. */
  workerProcesses?: number;
  /** Readiness deadline. Default 10 000 ms. */
  startTimeoutMs?: number;
}

/** Result of `nginx -t`. */
export interface NginxTestResult {
  ok: boolean;
  /** What nginx printed. */
  output: string;
}

/** A running nginx master with its own prefix, configuration and logs. */
export interface Nginx {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** The `-p` prefix directory (the fixture's temp dir), with a trailing slash. */
  readonly prefix: string;
  readonly confPath: string;
  /** The file included inside the `upstream` block: the one canary-deploy rewrites. */
  readonly upstreamFile: string;
  readonly accessLogPath: string;
  readonly errorLogPath: string;
  readonly pidFile: string;
  readonly masterPid: number;
  /** `nginx -t` with this instance's flags, as a shell command line. */
  readonly testCommand: string;
  /** `nginx -s reload` with this instance's flags, as a shell command line. */
  readonly reloadCommand: string;
  /** Current worker process ids. */
  workerPids(): number[];
  /** Rewrites the upstream file (no reload). */
  writeUpstream(upstream: readonly UpstreamServer[] | string): void;
  /** Runs `nginx -t` against the current files. */
  test(): Promise<NginxTestResult>;
  /**
   * Runs `nginx -s reload` and resolves once the new configuration serves every new connection: new workers
   * started and the old ones exited. Throws {@link NginxReloadError} when nginx refuses the configuration
   * (nginx then keeps serving the old one). Old workers finish their requests first (at most
   * `worker_shutdown_timeout`, 10 s), so a slow in-flight request delays the return. Default timeout 15 s.
   */
  reload(options?: { timeoutMs?: number }): Promise<void>;
  /** Parsed access log lines so far. */
  readAccessLog(): Promise<AccessLogEntry[]>;
  /** Captured output and error log, for messages. */
  log(): string;
  /** Stops nginx (SIGTERM, then SIGKILL) and removes the prefix. Idempotent. */
  stop(): Promise<void>;
}

let errorLogFlagSupported: boolean | undefined;

/** `-e <file>` (set the error log before the configuration is read) exists since nginx 1.19.5. */
async function supportsErrorLogFlag(nginx: string): Promise<boolean> {
  if (errorLogFlagSupported === undefined) {
    const { stdout, stderr } = await runCommand(nginx, ['-v']);
    const [major = 0, minor = 0, patch = 0] = (/nginx\/(\d+)\.(\d+)\.(\d+)/.exec(stdout + stderr) ?? [])
      .slice(1)
      .map(Number);
    errorLogFlagSupported = major * 1e6 + minor * 1e3 + patch >= 1_019_005;
  }
  return errorLogFlagSupported;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * Starts nginx in the foreground on a free port of 127.0.0.1, proxying `/` to an upstream whose `server`
 * lines live in {@link Nginx.upstreamFile}. Everything it writes stays in its temp prefix.
 */
export function startNginx(options: NginxOptions): Promise<Nginx> {
  return withFreePort((port) => launch(options, port), options.port);
}

async function launch(options: NginxOptions, port: number): Promise<Nginx> {
  const bin = requireBinary('nginx');
  const dir = createTempDir('nginx');
  const prefix = `${dir.path}/`;
  const paths = {
    confPath: dir.join('conf', 'nginx.conf'),
    upstreamFile: dir.join('conf', 'upstream.conf'),
    errorLogPath: dir.join('logs', 'error.log'),
    accessLogPath: options.accessLogPath ?? dir.join('logs', 'access.log'),
    pidFile: dir.join('nginx.pid'),
  };
  const workerProcesses = options.workerProcesses ?? 1;
  for (const sub of ['conf', 'logs', 'temp']) mkdirSync(dir.join(sub));
  const writeUpstream = (upstream: readonly UpstreamServer[] | string) =>
    writeFileSync(paths.upstreamFile, typeof upstream === 'string' ? upstream : renderUpstreamServers(upstream));
  writeUpstream(options.upstream);
  writeFileSync(
    paths.confPath,
    renderNginxConfig({
      ...paths,
      prefix,
      port,
      upstreamName: options.upstreamName ?? 'app',
      tempDir: dir.join('temp'),
      workerProcesses,
      runAsRoot: process.getuid?.() === 0,
      httpConfig: options.httpConfig ?? '',
      serverConfig: options.serverConfig ?? '',
    }),
  );
  const baseArgs = [
    '-p',
    prefix,
    ...((await supportsErrorLogFlag(bin)) ? ['-e', paths.errorLogPath] : []),
    '-c',
    paths.confPath,
  ];
  let proc: ManagedProcess | undefined;
  try {
    proc = ManagedProcess.start({
      name: 'nginx',
      command: bin,
      args: baseArgs,
      cwd: dir.path,
      logFiles: [paths.errorLogPath],
    });
    const master = proc;
    await master.waitUntilReady(
      async () => childPids(master.pid).length >= workerProcesses && (await isPortOpen(port)),
      {
        timeoutMs: options.startTimeoutMs ?? 10_000,
        description: `nginx to accept connections on ${LOOPBACK}:${port}`,
        // nginx retries a busy port for 2.5 s before exiting; its [emerg] line says enough already.
        failure: () => (/\[emerg\]/.test(readText(paths.errorLogPath)) ? 'nginx logged an [emerg] error' : undefined),
      },
    );
  } catch (error) {
    await proc?.stop();
    dir.remove();
    throw error;
  }
  const master = proc;
  let stopping: Promise<void> | undefined;

  const reload = async ({ timeoutMs = 15_000 } = {}) => {
    const before = childPids(master.pid);
    const errorLogOffset = fileSize(paths.errorLogPath);
    const newErrors = () => readText(paths.errorLogPath).slice(errorLogOffset);
    const result = await runCommand(bin, [...baseArgs, '-s', 'reload']);
    if (result.code !== 0) {
      throw new NginxReloadError('nginx -s reload refused the configuration', result.stderr + result.stdout);
    }
    // The signal only asks: the master parses the files again and either starts new workers or logs why not.
    const outcome = await pollUntil(
      () => {
        if (master.hasExited) return 'master exited';
        const failure = newErrors()
          .split('\n')
          .filter((line) => /\[(emerg|alert|crit)\]/.test(line));
        if (failure.length > 0) return failure.join('\n');
        const now = childPids(master.pid);
        return now.some((pid) => !before.includes(pid)) && !before.some(isProcessAlive) ? 'ok' : undefined;
      },
      { timeoutMs, intervalMs: 10, description: 'new nginx workers to replace the old ones' },
    ).catch((error: Error) => error.message);
    if (outcome !== 'ok')
      throw new NginxReloadError('the running nginx did not apply the configuration', `${outcome}\n${newErrors()}`);
  };

  return {
    url: `http://${LOOPBACK}:${port}`,
    port,
    prefix,
    ...paths,
    masterPid: master.pid,
    testCommand: shellQuote([bin, ...baseArgs, '-t']),
    reloadCommand: shellQuote([bin, ...baseArgs, '-s', 'reload']),
    workerPids: () => childPids(master.pid),
    writeUpstream,
    async test() {
      const { code, stdout, stderr } = await runCommand(bin, [...baseArgs, '-t']);
      return { ok: code === 0, output: stderr + stdout };
    },
    reload,
    async readAccessLog() {
      return parseAccessLog(await readFile(paths.accessLogPath, 'utf8').catch(() => ''));
    },
    log: () => master.log(),
    stop() {
      stopping ??= master.stop().then(() => dir.remove());
      return stopping;
    },
  };
}
