import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { maskLog, parseFileCommands, parseWorkflowCommands, toAnnotations, type ParsedAnnotation, type WorkflowCommand } from './protocol.js';

/** The job a step runs in: its workspace, its temp directory and the job's environment. */
export interface Job {
  workspace: string;
  runnerTemp: string;
  env: Record<string, string>;
  /** Node binary that runs the step (Node 24 for `runs.using: node24`). */
  node: string;
  /** Steps run so far, to name each step's file-command files. */
  steps: number;
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
  done: Promise<StepResult>;
}

/** Options for one step. */
export interface StepOptions {
  /** Kill the step (SIGKILL) after this long. */
  timeoutMs?: number;
  /** Called with each chunk of stdout as it arrives (the CLI renders it live). */
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
}

/**
 * Starts a step's script as the runner does: `INPUT_*` for inputs (upper-cased, spaces to underscores,
 * hyphens kept), `STATE_*` for a post step's saved state, and fresh `GITHUB_OUTPUT`, `GITHUB_STATE`,
 * `GITHUB_ENV`, `GITHUB_PATH` and `GITHUB_STEP_SUMMARY` files.
 */
export function startStep(job: Job, script: string, inputs: Record<string, string>, state: Record<string, string> = {}, options: StepOptions = {}): RunningStep {
  const env = { ...job.env };
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
  const child = spawn(job.node, [script], { cwd: job.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    options.onStdout?.(chunk);
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    options.onStderr?.(chunk);
  });
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
  const done = new Promise<StepResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      if (timer) clearTimeout(timer);
      const commands = parseWorkflowCommands(stdout);
      const { log, masked } = maskLog(stdout);
      resolve({
        exitCode,
        signal,
        stdout,
        log,
        stderr,
        outputs: parseFileCommands(read('OUTPUT')),
        state: parseFileCommands(read('STATE')),
        env: parseFileCommands(read('ENV')),
        summary: read('STEP_SUMMARY'),
        annotations: toAnnotations(commands),
        commands,
        masked,
      });
    });
  });
  return { child, stdoutSoFar: () => stdout, done };
}
