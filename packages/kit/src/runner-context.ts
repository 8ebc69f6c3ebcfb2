import { tmpdir } from 'node:os';

/** What the runner tells every step through its environment. */
export interface RunnerContext {
  /** The checked-out repository (`GITHUB_WORKSPACE`); the current directory outside a runner. */
  workspace: string;
  /** A per-job temporary directory (`RUNNER_TEMP`). */
  temp: string;
  /** `owner/repo`. */
  repository: string | undefined;
  sha: string | undefined;
  ref: string | undefined;
  actor: string | undefined;
  eventName: string | undefined;
  serverUrl: string;
  /** REST API base URL: github.com, GitHub Enterprise Server, or the test emulator. */
  apiUrl: string;
  runId: string | undefined;
  /** A link to this workflow run, for deployment statuses and messages. */
  runUrl: string | undefined;
  /** True when running under GitHub Actions (not the CLI). */
  isActions: boolean;
}

/** Reads the runner's variables from an environment map. */
export function readRunnerContext(env: NodeJS.ProcessEnv, cwd: string): RunnerContext {
  const serverUrl = env.GITHUB_SERVER_URL || 'https://github.com';
  const repository = env.GITHUB_REPOSITORY || undefined;
  const runId = env.GITHUB_RUN_ID || undefined;
  return {
    workspace: env.GITHUB_WORKSPACE || cwd,
    temp: env.RUNNER_TEMP || tmpdir(),
    repository,
    sha: env.GITHUB_SHA || undefined,
    ref: env.GITHUB_REF || undefined,
    actor: env.GITHUB_ACTOR || undefined,
    eventName: env.GITHUB_EVENT_NAME || undefined,
    serverUrl,
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    runId,
    runUrl: repository && runId ? `${serverUrl}/${repository}/actions/runs/${runId}` : undefined,
    isActions: env.GITHUB_ACTIONS === 'true',
  };
}
