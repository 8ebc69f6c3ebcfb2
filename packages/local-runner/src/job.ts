import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Job } from './step.js';

/** How to set up a job. */
export interface JobOptions {
  node: string;
  /** The checked-out repository; a fresh empty directory when not given. */
  workspace?: string;
  /** The environment the job starts from (PATH, HOME, secrets passed as env). */
  baseEnv: Record<string, string | undefined>;
  /**
   * Values for the `GITHUB_*` context; the defaults describe a push to main. Without `repository`,
   * `GITHUB_REPOSITORY` and `GITHUB_REPOSITORY_OWNER` stay unset: no repository is made up.
   */
  context?: Partial<
    Record<'repository' | 'sha' | 'ref' | 'actor' | 'eventName' | 'runId' | 'serverUrl' | 'apiUrl', string>
  >;
  /** The job's secrets (its token): masked in every step's log from the first line, as the runner does. */
  secrets?: readonly string[];
}

/**
 * Creates a job as a GitHub-hosted runner would: a workspace, `RUNNER_TEMP`, a tool cache, an event file and
 * the `GITHUB_*` variables. Everything lives in one new temporary directory (`job.root`, `shipgate-job-*`), which
 * {@link removeJob} deletes.
 */
export function createJob(options: JobOptions): Job {
  const root = mkdtempSync(join(tmpdir(), 'shipgate-job-'));
  const workspace = options.workspace ?? join(root, 'workspace');
  const runnerTemp = join(root, 'temp');
  const toolCache = join(root, 'tool-cache');
  for (const dir of [workspace, runnerTemp, toolCache]) mkdirSync(dir, { recursive: true });
  const c = options.context ?? {};
  const repository = c.repository;
  const eventPath = join(root, 'event.json');
  writeFileSync(eventPath, JSON.stringify(repository ? { repository: { full_name: repository } } : {}));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.baseEnv)) if (value !== undefined) env[key] = value;
  delete env.GITHUB_REPOSITORY;
  delete env.GITHUB_REPOSITORY_OWNER;
  if (repository)
    Object.assign(env, { GITHUB_REPOSITORY: repository, GITHUB_REPOSITORY_OWNER: repository.split('/')[0] ?? '' });
  Object.assign(env, {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_SHA: c.sha ?? 'ffac537e6cbbf934b08745a378932722df287a53',
    GITHUB_REF: c.ref ?? 'refs/heads/main',
    GITHUB_ACTOR: c.actor ?? 'octocat',
    GITHUB_EVENT_NAME: c.eventName ?? 'push',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_RUN_ID: c.runId ?? '1658821493',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'deploy',
    GITHUB_SERVER_URL: c.serverUrl ?? 'https://github.com',
    GITHUB_API_URL: c.apiUrl ?? 'https://api.github.com',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: toolCache,
  });
  return {
    root,
    workspace,
    runnerTemp,
    env,
    node: options.node,
    steps: 0,
    secrets: [...(options.secrets ?? [])].filter(Boolean),
  };
}

/** Deletes the job's temporary directory (never a workspace given to {@link createJob}, which lives elsewhere). */
export function removeJob(job: Job): void {
  rmSync(job.root, { recursive: true, force: true });
}
