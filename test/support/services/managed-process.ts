import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pollUntil } from '../poll.js';
import { ServiceStartError } from './errors.js';
import { groupPids } from './process-info.js';
import { killGroup, trackProcessGroup, untrackProcessGroup } from './reaper.js';
import { shellQuote } from './run-command.js';

/** Options of {@link ManagedProcess.start}. */
export interface ManagedProcessOptions {
  /** Service name used in messages, e.g. `nginx`. */
  name: string;
  /** Absolute path of the executable. */
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Log files the service writes (e.g. nginx's error log), appended to {@link ManagedProcess.log}. */
  logFiles?: readonly string[];
  /** Keep at most this many characters of stdout and stderr. Default 256 KiB. */
  maxOutputChars?: number;
}

/** How a process ended. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Options of {@link ManagedProcess.waitUntilReady}. */
export interface ReadyOptions {
  timeoutMs: number;
  /** What readiness means, for the error message. */
  description: string;
  intervalMs?: number;
  /** Returns a reason when the service has visibly failed (e.g. a fatal line in its log): stop waiting at once. */
  failure?: () => string | undefined;
}

const EXITED = Symbol('exited');

/**
 * A service process owned by a fixture. It runs in its own process group (so `stop()` also reaches the
 * workers it forks), its stdout and stderr are kept for error messages, and the reaper kills the group if
 * the test worker dies before `stop()`.
 */
export class ManagedProcess {
  readonly name: string;
  /** Process id; also the process group id. */
  readonly pid: number;
  /** The command line, for messages. */
  readonly commandLine: string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<ProcessExit>;
  private readonly child: ChildProcess;
  private readonly logFiles: readonly string[];
  private readonly maxOutputChars: number;
  private output = '';
  private exitInfo: ProcessExit | undefined;
  /** Resolves when stdout and stderr have closed (all output read), which can lag behind the exit. */
  private readonly closed: Promise<void>;

  private constructor(child: ChildProcess, pid: number, options: ManagedProcessOptions) {
    this.child = child;
    this.pid = pid;
    this.name = options.name;
    this.commandLine = shellQuote([options.command, ...options.args]);
    this.logFiles = options.logFiles ?? [];
    this.maxOutputChars = options.maxOutputChars ?? 256 * 1024;
    const append = (chunk: string) => {
      this.output += chunk;
      if (this.output.length > this.maxOutputChars) this.output = this.output.slice(-this.maxOutputChars);
    };
    child.stdout?.setEncoding('utf8').on('data', append);
    child.stderr?.setEncoding('utf8').on('data', append);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        resolve(this.exitInfo);
      });
    });
    this.closed = new Promise((resolve) => child.once('close', () => resolve()));
  }

  /**
   * Spawns `command` in a new process group, registered with the reaper.
   * @throws ServiceStartError when the executable cannot be spawned.
   */
  static start(options: ManagedProcessOptions): ManagedProcess {
    const child = spawn(options.command, [...options.args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.on('error', () => undefined);
    if (child.pid === undefined) {
      throw new ServiceStartError(options.name, `could not spawn ${options.command}`, '');
    }
    trackProcessGroup(child.pid);
    return new ManagedProcess(child, child.pid, options);
  }

  /** True once the process has exited. */
  get hasExited(): boolean {
    return this.exitInfo !== undefined;
  }

  /** Captured stdout and stderr, interleaved in arrival order. */
  capturedOutput(): string {
    return this.output;
  }

  /** Everything the service said: its exit status, captured output and the contents of its log files. */
  log(): string {
    const parts = [`$ ${this.commandLine}`, this.output.trimEnd()];
    if (this.exitInfo)
      parts.push(`[exited with code ${this.exitInfo.code ?? '-'}, signal ${this.exitInfo.signal ?? '-'}]`);
    for (const file of this.logFiles) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8').slice(-this.maxOutputChars);
      } catch {
        text = '(missing)';
      }
      parts.push(`--- ${file} ---`, text.trimEnd());
    }
    return parts.filter(Boolean).join('\n');
  }

  /**
   * Polls `check` until it returns a value other than `undefined`/`false`. Fails at once if the process
   * exits, and at the deadline otherwise; either way with a {@link ServiceStartError} holding the log.
   */
  async waitUntilReady<T>(
    check: () => Promise<T | undefined | false> | T | undefined | false,
    options: ReadyOptions,
  ): Promise<T> {
    let result: T | typeof EXITED;
    let failure: string | undefined;
    try {
      result = await pollUntil<T | typeof EXITED>(
        async () => {
          failure = options.failure?.();
          return this.hasExited || failure !== undefined ? EXITED : await check();
        },
        { timeoutMs: options.timeoutMs, intervalMs: options.intervalMs ?? 25, description: options.description },
      );
    } catch (error) {
      throw new ServiceStartError(this.name, (error as Error).message, this.log());
    }
    if (result === EXITED && failure !== undefined) {
      throw new ServiceStartError(this.name, failure, this.log());
    }
    if (result === EXITED) {
      // Let the pipes drain so the log holds the reason the process gave. A forked grandchild can hold
      // them open, hence the bound.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.closed, new Promise((resolve) => (timer = setTimeout(resolve, 1_000)))]);
      clearTimeout(timer);
      throw new ServiceStartError(this.name, `the process exited while waiting for ${options.description}`, this.log());
    }
    return result;
  }

  /**
   * Stops the process: `signal` (default SIGTERM) to its group, SIGKILL after `timeoutMs` (default 5 000),
   * then waits until no process of the group is left. Idempotent.
   */
  async stop(options: { timeoutMs?: number; signal?: NodeJS.Signals } = {}): Promise<ProcessExit> {
    if (!this.hasExited) {
      killGroup(this.pid, options.signal ?? 'SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'timeout'>(
        (resolve) => (timer = setTimeout(() => resolve('timeout'), options.timeoutMs ?? 5_000)),
      );
      const outcome = await Promise.race([this.exited, deadline]);
      clearTimeout(timer);
      if (outcome === 'timeout') killGroup(this.pid, 'SIGKILL');
    }
    const exit = await this.exited;
    // Children that outlived the leader (e.g. workers after a SIGKILL) go too.
    killGroup(this.pid, 'SIGKILL');
    await pollUntil(() => groupPids(this.pid).length === 0, {
      timeoutMs: 5_000,
      intervalMs: 10,
      description: `the processes of ${this.name}'s group ${this.pid} to exit`,
    });
    untrackProcessGroup(this.pid);
    this.child.stdout?.destroy();
    this.child.stderr?.destroy();
    return exit;
  }
}
