import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  maskLog,
  parseFileCommands,
  parseWorkflowCommands,
  StepOutputReader,
  toAnnotations,
  type ParsedAnnotation,
  type StepLine,
  type WorkflowCommand,
} from './protocol.js';

/** The job a step runs in: its workspace, its temp directory and the job's environment. */
export interface Job {
  /** The job's own temporary directory (`shipgate-job-*`): `RUNNER_TEMP`, the tool cache, the event file. */
  root: string;
  workspace: string;
  runnerTemp: string;
  env: Record<string, string>;
  /** Node binary that runs the step (Node 24 for `runs.using: node24`). */
  node: string;
  /** Steps run so far, to name each step's file-command files. */
  steps: number;
  /** The job's secrets, masked in every step's log from its first line. */
  secrets: string[];
}

/** What a step did, read the way the runner reads it. */
export interface StepResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Raw stdout, and the log as GitHub shows it (masked values replaced by `***`). */
  stdout: string;
  log: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  env: Record<string, string>;
  /** Directories the step added to `GITHUB_PATH`, in the order written. */
  path: string[];
  summary: string;
  annotations: ParsedAnnotation[];
  commands: WorkflowCommand[];
  /** Values registered with `::add-mask::`. */
  masked: string[];
}

/** A step being run. */
export interface RunningStep {
  child: ChildProcess;
  /** Everything the step printed so far. */
  stdoutSoFar(): string;
  /**
   * Cancels the step as the runner cancels a job: SIGINT, then SIGTERM 7.5 s later, then SIGKILL to its
   * process group 2.5 s after that if it is still running.
   */
  cancel(): void;
  /** Kills the step and everything in its process group now (SIGKILL). */
  kill(): void;
  done: Promise<StepResult>;
}

/** Options for one step. */
export interface StepOptions {
  /** Kill the step (SIGKILL) after this long. */
  timeoutMs?: number;
  /**
   * Called with each line the step prints, read by the protocol parser: masked, with workflow commands parsed
   * (the CLI renders them live). Both streams share the step's masks.
   */
  onLine?: (line: StepLine, stream: 'stdout' | 'stderr') => void;
  /**
   * What to start instead of `node <script>`: a `run:` step's shell, as `[program, ...arguments]` (the script path
   * is then one of the arguments).
   */
  command?: readonly string[];
  /** Variables added to the job's environment for this step only (a step's `env:`). */
  env?: Record<string, string>;
  /** The step's working directory; the workspace when not given. */
  cwd?: string;
}

// https://docs.github.com/en/actions/managing-workflow-runs-and-deployments/managing-workflow-runs/canceling-a-workflow
const SIGTERM_AFTER_MS = 7500;
const SIGKILL_AFTER_MS = 2500;

/**
 * Starts a step's script as the runner does: `INPUT_*` for inputs (upper-cased, spaces to underscores,
 * hyphens kept), `STATE_*` for a post step's saved state, and fresh `GITHUB_OUTPUT`, `GITHUB_STATE`,
 * `GITHUB_ENV`, `GITHUB_PATH` and `GITHUB_STEP_SUMMARY` files. The step runs in its own process group, so a
 * Ctrl-C in the terminal reaches it only through {@link RunningStep.cancel}, once.
 */
export function startStep(
  job: Job,
  script: string,
  inputs: Record<string, string>,
  state: Record<string, string> = {},
  options: StepOptions = {},
): RunningStep {
  const env = { ...job.env, ...options.env };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  for (const [name, value] of Object.entries(state)) env[`STATE_${name}`] = value;
  const dir = join(job.runnerTemp, '_runner_file_commands');
  mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {};
  for (const name of ['OUTPUT', 'STATE', 'ENV', 'PATH', 'STEP_SUMMARY']) {
    const path = join(dir, `${name.toLowerCase()}_${job.steps}`);
    writeFileSync(path, '');
    env[`GITHUB_${name}`] = path;
    files[name] = path;
  }
  job.steps++;
  const read = (name: string): string => readFileSync(files[name] ?? '', 'utf8');
  const [program, ...args] = options.command ?? [job.node, script];
  const child = spawn(program ?? job.node, args, {
    cwd: options.cwd ?? job.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const masks = [...job.secrets];
  const readers = {
    stdout: new StepOutputReader(masks, (line) => options.onLine?.(line, 'stdout')),
    stderr: new StepOutputReader(masks, (line) => options.onLine?.(line, 'stderr')),
  };
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    readers.stdout.write(chunk);
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    readers.stderr.write(chunk);
  });
  const timers: NodeJS.Timeout[] = [];
  let closed = false;
  const kill = (): void => {
    if (!closed) signalGroup(child, 'SIGKILL');
  };
  if (options.timeoutMs !== undefined) timers.push(setTimeout(kill, options.timeoutMs));
  const cancel = (): void => {
    if (closed) return;
    child.kill('SIGINT');
    timers.push(setTimeout(() => !closed && child.kill('SIGTERM'), SIGTERM_AFTER_MS));
    timers.push(setTimeout(kill, SIGTERM_AFTER_MS + SIGKILL_AFTER_MS));
  };
  const done = new Promise<StepResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      readers.stdout.end();
      readers.stderr.end();
      const commands = parseWorkflowCommands(stdout);
      const { log, masked } = maskLog(stdout, job.secrets);
      resolve({
        exitCode,
        signal,
        stdout,
        log,
        stderr,
        outputs: parseFileCommands(read('OUTPUT')),
        state: parseFileCommands(read('STATE')),
        env: parseFileCommands(read('ENV')),
        path: read('PATH')
          .split(/\r?\n/)
          .filter((line) => line.trim() !== ''),
        summary: read('STEP_SUMMARY'),
        annotations: toAnnotations(commands),
        commands,
        masked,
      });
    });
  });
  return { child, stdoutSoFar: () => stdout, cancel, kill, done };
}

/** Sends a signal to the step's whole process group; a group that is already gone is fine. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}
