import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import {
  createJob,
  readActionMeta,
  resolveInputs,
  startStep,
  type ActionMeta,
  type Job,
  type RunningStep,
  type StepResult,
} from '@shipgate/local-runner';
import { ROOT_ACTION } from '../../scripts/action-metadata.js';
import { repoRoot, requireNode24 } from './paths.js';

export type { StepResult } from '@shipgate/local-runner';

/** How to run a step in a test. */
/** How long a step may run before the harness cancels it: a guard against hangs, not a speed limit. */
export const STEP_GUARD_MS = 600_000;

export interface RunOptions {
  /** Extra environment for the job (`GITHUB_API_URL` of the emulator, a secret in `env:`, ...). */
  env?: Record<string, string>;
  /** The checked-out repository; a fresh empty directory when not given. */
  workspace?: string;
  /**
   * Kill the step after this long (as a cancelled job). Default 10 minutes: a guard against a step that hangs,
   * far above what any step takes on a loaded machine (an SSH rollout took over 120 s at a load average of 25).
   */
  timeoutMs?: number;
  /**
   * The job's token: what `${{ github.token }}` in an action.yml default evaluates to, masked in the log.
   * Default none, and the default evaluates to an empty string, as on a runner with an empty token.
   */
  token?: string;
}

/** A step's result plus where it ran, and a way to run the action's post step with its saved state. */
export interface ActionRun extends StepResult {
  workspace: string;
  runnerTemp: string;
  runPost(): Promise<StepResult>;
}

/**
 * Resolves `canary-deploy` to `actions/canary-deploy` (and `preflight` to the repository's root, where its
 * action.yml lives), or takes a directory holding an `action.yml`.
 */
function locate(action: string): ActionMeta {
  const named = action === ROOT_ACTION ? repoRoot : join(repoRoot, 'actions', action);
  const meta = readActionMeta(isAbsolute(action) ? action : existsSync(named) ? named : resolve(repoRoot, action));
  if (meta.using !== 'node24')
    throw new Error(`${meta.dir}/action.yml: runs.using is ${meta.using}; actions must declare node24`);
  return meta;
}

function jobFor(options: RunOptions): Job {
  // Only what a hosted runner has: PATH and HOME, not this test process's environment.
  // GITHUB_API_URL points where nothing listens, so a step not pointed at the emulator fails loudly.
  // The repository is the one the GitHub emulator serves.
  const job = createJob({
    node: requireNode24(),
    workspace: options.workspace,
    baseEnv: { PATH: process.env.PATH, HOME: process.env.HOME },
    context: { apiUrl: 'http://127.0.0.1:9', repository: 'octo-org/octo-repo' },
    secrets: options.token ? [options.token] : [],
  });
  Object.assign(job.env, options.env);
  return job;
}

/**
 * Runs an action's committed bundle (`runs.main` of its action.yml) on Node 24 exactly as the runner does, and
 * returns what it did; `runPost()` then runs `runs.post` with the state the main step saved.
 */
export async function runAction(
  action: string,
  inputs: Record<string, string> = {},
  options: RunOptions = {},
): Promise<ActionRun> {
  const meta = locate(action);
  const job = jobFor(options);
  const values = resolveInputs(meta, inputs, { githubToken: options.token ?? '' });
  const result = await startStep(job, meta.main, values, {}, { timeoutMs: options.timeoutMs ?? STEP_GUARD_MS }).done;
  return {
    ...result,
    workspace: job.workspace,
    runnerTemp: job.runnerTemp,
    runPost: () => runPost(meta, job, values, result.state, options),
  };
}

/** Starts an action's main step without waiting, for tests that act while it runs (kill it mid-rollout). */
export function startAction(
  action: string,
  inputs: Record<string, string> = {},
  options: RunOptions = {},
): RunningStep & { job: Job; runPost(state: Record<string, string>): Promise<StepResult> } {
  const meta = locate(action);
  const job = jobFor(options);
  const values = resolveInputs(meta, inputs, { githubToken: options.token ?? '' });
  const step = startStep(job, meta.main, values, {}, { timeoutMs: options.timeoutMs ?? STEP_GUARD_MS });
  return { ...step, job, runPost: (state) => runPost(meta, job, values, state, options) };
}

function runPost(
  meta: ActionMeta,
  job: Job,
  inputs: Record<string, string>,
  state: Record<string, string>,
  options: RunOptions,
): Promise<StepResult> {
  if (!meta.post) throw new Error(`${meta.dir}/action.yml has no post step`);
  return startStep(job, meta.post, inputs, state, { timeoutMs: options.timeoutMs ?? STEP_GUARD_MS }).done;
}
