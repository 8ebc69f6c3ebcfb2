/**
 * The only place in Shipgate that starts a process. Everything else (the local shell, ssh, ssh-keygen) goes
 * through here, so how processes are started, timed out and reported is decided once.
 *
 * Not `@actions/exec` (v3): it has no timeout (its `delay` only bounds the wait for stdio after exit), so it
 * cannot kill a command, let alone the process group a command's own children run in; it keeps all output
 * in memory without a cap; and unless `silent` it echoes the command line and streams the command's output
 * to our stdout, where untrusted text could start workflow commands (DESIGN.md "Trust boundaries").
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { ExecError, TimeoutError } from '@shipgate/core';
import { quoteArgv } from './posix-quote.js';
import { DEFAULT_TIMEOUT_MS, type RunResult } from './shell.js';

/** Options of {@link runProcess}. */
export interface ProcessOptions {
  /** Written to stdin, which is then closed. */
  input?: string;
  /** Default {@link DEFAULT_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Environment; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** What to call the command in errors, when its argv would say too much or too little. */
  label?: string;
  /** Directory the command runs in; default the current directory. */
  cwd?: string;
}

/**
 * Process groups of commands still running. A step that exits before they end (a cancelled job, released under a
 * busy run) kills them at exit: no command Shipgate started outlives the step.
 */
const running = new Set<number>();
let hooked = false;

function track(child: ChildProcess): void {
  if (child.pid === undefined) return;
  running.add(child.pid);
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const pgid of running) signalGroup(pgid);
    });
  }
}

function signalGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // Gone already.
  }
}

/** More output than this from one command is cut: Shipgate only ever reads small files and messages. */
const MAX_OUTPUT_CHARS = 16 * 1024 * 1024;

function notStarted(label: string, error: NodeJS.ErrnoException): ExecError {
  const hint =
    error.code === 'ENOENT'
      ? `'${label.split(' ')[0]}' was not found. Install it on the host, or give the command's absolute path.`
      : error.code === 'EACCES'
        ? `'${label.split(' ')[0]}' is not executable: check its mode (chmod +x).`
        : undefined;
  return new ExecError(label, null, error.message, { cause: error, ...(hint ? { hint } : {}) });
}

/** spawn throws synchronously for an argument it cannot pass at all (a NUL byte): report it like a failed start. */
function start<T>(label: string, spawnChild: () => T): T {
  try {
    return spawnChild();
  } catch (error) {
    throw new ExecError(label, null, error instanceof Error ? error.message : String(error), { cause: error });
  }
}

/**
 * Runs `argv` without a shell and resolves with its exit code and output; a non-zero exit is a result.
 * @throws ExecError when the command cannot be started (not installed, not executable).
 * @throws TimeoutError when it runs past the deadline (it is killed with SIGKILL first).
 */
export function runProcess(argv: readonly string[], options: ProcessOptions = {}): Promise<RunResult> {
  const [file, ...args] = argv;
  const label = options.label ?? quoteArgv(argv);
  if (file === undefined || file === '')
    return Promise.reject(new ExecError(label || '(empty)', null, 'the command is empty'));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    // detached: the command leads its own process group, so a timeout kills what it started too (a
    // background child holding its stdout open would otherwise keep us waiting).
    const child = start(label, () =>
      spawn(file, args, {
        env: options.env ?? process.env,
        ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
        stdio: ['pipe', 'pipe', 'pipe'],
        shell: false,
        detached: true,
      }),
    );
    track(child);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const append = (text: string, chunk: string) => (text.length < MAX_OUTPUT_CHARS ? text + chunk : text);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout = append(stdout, chunk)));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = append(stderr, chunk)));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(notStarted(label, error));
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      // What the command left in its group (a server started in the background) is its own affair once it exited.
      if (child.pid !== undefined) running.delete(child.pid);
      if (timedOut) reject(new TimeoutError(`Command '${label}'`, timeoutMs));
      else resolve({ code, stdout, stderr });
    });
    // A command that exits without reading its stdin must not crash us with EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** Kills a child started with `detached` and everything in its process group. */
function killGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group is gone already (or the platform has none): kill the child itself.
    child.kill('SIGKILL');
  }
}

/**
 * Runs a command that daemonises (`ssh -f`): resolves with its exit code once the foreground process exits,
 * while the background part keeps running. Its stderr goes to `logFile` rather than a pipe, because the
 * background part inherits it and a pipe would stay open as long as it lives.
 * @throws ExecError when the command cannot be started.
 * @throws TimeoutError when the foreground process runs past the deadline.
 */
export function runDaemonising(
  argv: readonly string[],
  options: { logFile: string; timeoutMs?: number; label?: string },
): Promise<number | null> {
  const [file, ...args] = argv;
  const label = options.label ?? quoteArgv(argv);
  if (file === undefined || file === '')
    return Promise.reject(new ExecError(label || '(empty)', null, 'the command is empty'));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const log = openSync(options.logFile, 'a', 0o600);
  return new Promise<number | null>((resolve, reject) => {
    const child = start(label, () => spawn(file, args, { stdio: ['ignore', 'ignore', log], shell: false }));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(notStarted(label, error));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (timedOut) reject(new TimeoutError(`Command '${label}'`, timeoutMs));
      else resolve(code);
    });
  }).finally(() => closeSync(log));
}
