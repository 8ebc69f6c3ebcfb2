import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { repoRoot, requireNode24 } from '../paths.js';
import { maskLog, parseFileCommands, parseWorkflowCommands, toAnnotations, type ParsedAnnotation, type WorkflowCommand } from './protocol.js';

/** How to run a step. */
export interface RunOptions {
  /** Extra environment for the step (`GITHUB_API_URL` of the emulator, a secret in `env:`, ...). */
  env?: Record<string, string>;
  /** The checked-out repository; a fresh empty directory when not given. */
  workspace?: string;
  /** Kill the step after this long (it then counts as cancelled). Default 120 s. */
  timeoutMs?: number;
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
  workspace: string;
  runnerTemp: string;
}

/** A step being run, for tests that act while it runs (kill it mid-rollout, say). */
export interface RunningStep {
  child: ChildProcess;
  /** Everything the step printed so far. */
  stdoutSoFar(): string;
  done: Promise<StepResult>;
}

interface ActionMeta {
  dir: string;
  main: string;
  post: string | undefined;
  defaults: Record<string, string>;
}

/** Resolves `canary-deploy` to `actions/canary-deploy`, or takes a directory holding an `action.yml`. */
export function loadActionMeta(action: string): ActionMeta {
  const dir = isAbsolute(action) ? action : existsSync(join(repoRoot, 'actions', action)) ? join(repoRoot, 'actions', action) : resolve(repoRoot, action);
  const file = join(dir, 'action.yml');
  if (!existsSync(file)) throw new Error(`No action.yml in ${dir}`);
  const meta = parse(readFileSync(file, 'utf8')) as { runs: { using: string; main: string; post?: string }; inputs?: Record<string, { default?: unknown }> };
  if (meta.runs.using !== 'node24') throw new Error(`${file}: runs.using is ${meta.runs.using}; actions must declare node24`);
  const defaults: Record<string, string> = {};
  for (const [name, spec] of Object.entries(meta.inputs ?? {})) if (spec?.default !== undefined) defaults[name] = String(spec.default);
  return { dir, main: join(dir, meta.runs.main), post: meta.runs.post ? join(dir, meta.runs.post) : undefined, defaults };
}

/** Runs an action's main step as the runner does and returns what it did; `runPost` then runs its post step. */
export async function runAction(action: string, inputs: Record<string, string> = {}, options: RunOptions = {}): Promise<StepResult & { runPost(): Promise<StepResult> }> {
  const meta = loadActionMeta(action);
  const ctx = prepareJob(options);
  const result = await startStep(meta.main, stepEnv(meta, inputs, ctx, {}), ctx, options.timeoutMs).done;
  return { ...result, runPost: () => runPostStep(meta, inputs, ctx, result.state, options.timeoutMs) };
}

/** Starts an action's main step without waiting for it. */
export function startAction(action: string, inputs: Record<string, string> = {}, options: RunOptions = {}): RunningStep & { runPost(state: Record<string, string>): Promise<StepResult> } {
  const meta = loadActionMeta(action);
  const ctx = prepareJob(options);
  const step = startStep(meta.main, stepEnv(meta, inputs, ctx, {}), ctx, options.timeoutMs);
  return { ...step, runPost: (state) => runPostStep(meta, inputs, ctx, state, options.timeoutMs) };
}

interface JobContext {
  workspace: string;
  runnerTemp: string;
  env: Record<string, string>;
  counter: number;
}

function prepareJob(options: RunOptions): JobContext {
  const root = mkdtempSync(join(tmpdir(), 'shipgate-job-'));
  const workspace = options.workspace ?? join(root, 'workspace');
  const runnerTemp = join(root, 'temp');
  for (const dir of [workspace, runnerTemp, join(root, 'tool-cache')]) mkdirSync(dir, { recursive: true });
  const eventPath = join(root, 'event.json');
  writeFileSync(eventPath, JSON.stringify({ repository: { full_name: 'octo-org/octo-repo' } }));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? root,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_REPOSITORY_OWNER: 'octo-org',
    GITHUB_SHA: 'ffac537e6cbbf934b08745a378932722df287a53',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_ACTOR: 'octocat',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_RUN_ID: '1658821493',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'deploy',
    GITHUB_SERVER_URL: 'https://github.com',
    // Nothing listens here: a step that calls GitHub without being pointed at the emulator fails loudly.
    GITHUB_API_URL: 'http://127.0.0.1:9',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: join(root, 'tool-cache'),
    ...options.env,
  };
  return { workspace, runnerTemp, env, counter: 0 };
}

function stepEnv(meta: ActionMeta, inputs: Record<string, string>, ctx: JobContext, state: Record<string, string>): Record<string, string> {
  const env = { ...ctx.env };
  // The runner sets every declared input, with its default when the workflow does not give one.
  for (const [name, value] of Object.entries({ ...meta.defaults, ...inputs })) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  for (const [name, value] of Object.entries(state)) env[`STATE_${name}`] = value;
  return env;
}

function runPostStep(meta: ActionMeta, inputs: Record<string, string>, ctx: JobContext, state: Record<string, string>, timeoutMs?: number): Promise<StepResult> {
  if (!meta.post) throw new Error(`${meta.dir}/action.yml has no post step`);
  return startStep(meta.post, stepEnv(meta, inputs, ctx, state), ctx, timeoutMs).done;
}

function startStep(script: string, env: Record<string, string>, ctx: JobContext, timeoutMs = 120_000): RunningStep {
  const files = ['OUTPUT', 'STATE', 'ENV', 'STEP_SUMMARY', 'PATH'].map((name) => {
    const path = join(ctx.runnerTemp, '_runner_file_commands', `${name.toLowerCase()}_${ctx.counter}`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '');
    env[`GITHUB_${name}`] = path;
    return path;
  });
  ctx.counter++;
  const [outputFile, stateFile, envFile, summaryFile] = files as [string, string, string, string];
  const child = spawn(requireNode24(), [script], { cwd: ctx.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const done = new Promise<StepResult>((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      const commands = parseWorkflowCommands(stdout);
      const { log, masked } = maskLog(stdout);
      resolvePromise({
        exitCode,
        signal,
        stdout,
        log,
        stderr,
        outputs: parseFileCommands(readFileSync(outputFile, 'utf8')),
        state: parseFileCommands(readFileSync(stateFile, 'utf8')),
        env: parseFileCommands(readFileSync(envFile, 'utf8')),
        summary: readFileSync(summaryFile, 'utf8'),
        annotations: toAnnotations(commands),
        commands,
        masked,
        workspace: ctx.workspace,
        runnerTemp: ctx.runnerTemp,
      });
    });
  });
  return { child, stdoutSoFar: () => stdout, done };
}
