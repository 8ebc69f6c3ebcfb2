import { join } from 'node:path';
import type { LocalWorkflowRun } from '@shipgate/local-runner/workflow';
import { startCanaryStage, type CanaryStage } from '../actions/canary-setup.js';
import { workspaceWith } from '../actions/probes-workspace.js';
import type { GitHubEmulator } from '../support/github-emulator/index.js';
import { repoRoot } from '../support/paths.js';
import { pollUntil } from '../support/poll.js';
import { runWorkflowFile, type PrintRun } from '../support/run-workflow.js';
import type { AppBehaviour } from '../support/services/index.js';

// Shared by test/workflows/deploy.test.ts and the demo's second part (examples/demo/deploy-workflow.demo.ts).

export const DEPLOY = join(repoRoot, '.github', 'workflows', 'deploy.yml');

/** Records that `version` serves `environment` on the stable servers: what canary-deploy and rollback start from. */
export function seedServing(github: GitHubEmulator, environment: string, stage: CanaryStage, version = 'v1'): void {
  github.seedDeployment({
    environment,
    ref: `ref-${version}`,
    task: 'deploy:canary',
    payload: { shipgate: 2, version, targets: [stage.stable.address] },
    statuses: ['in_progress', { state: 'success', autoInactive: false }] as never,
  });
}

/**
 * The canary-deploy and rollback sections of one environment of .github/shipgate.yml (indented under
 * `environments.<name>`), pointing at a stage: fast stages judged on error rate from nginx's log.
 */
export function environmentSections(stage: CanaryStage): string[] {
  const i = stage.inputs;
  const nginx = [
    `      nginx-upstream: ${i['nginx-upstream']}`,
    `      nginx-upstream-file: ${i['nginx-upstream-file']}`,
    `      nginx-test-command: ${JSON.stringify(i['nginx-test-command'])}`,
    `      nginx-reload-command: ${JSON.stringify(i['nginx-reload-command'])}`,
    `      nginx-pid-file: ${i['nginx-pid-file']}`,
  ];
  return [
    '    canary-deploy:',
    '      provider: nginx',
    `      stable-targets: ${stage.stable.address}`,
    `      canary-targets: ${stage.canary.address}`,
    ...nginx,
    `      nginx-access-log: ${i['nginx-access-log']}`,
    '      metrics: nginx-log',
    '      stages: 25,50,100',
    '      stage-duration: 2s',
    '      analysis-interval: 500ms',
    '      min-samples: 10',
    '      max-extension: 2s',
    '      judge: threshold',
    // The releases differ from stable in their error rate only; latency on a loaded test machine is noise here.
    '      min-latency-increase-ms: 2000',
    '    rollback:',
    '      provider: nginx',
    ...nginx,
    `      allowed-targets: ${stage.stable.address},${stage.canary.address}`,
  ];
}

/** A stage (nginx, v1 serving, v2 ready, the emulator) and a repository whose config points deploy.yml at it. */
export async function deployFixture(
  canary: Partial<Omit<AppBehaviour, 'version'>>,
  files: Record<string, string> = {},
  verifyExpect = '{status: 200}',
) {
  const stage = await startCanaryStage({ stable: { errorRate: 0.001 }, canary });
  const github = stage.github;
  for (const login of ['alice', 'carol']) {
    github.addCollaborator(login, 'write');
    github.addToken(`ghp_${login}`, login);
  }
  // v1 is what production runs: canary-deploy reads the stable version from this record, rollback goes back to it.
  seedServing(github, 'production', stage);
  const config = [
    'version: 1',
    'environments:',
    '  production:',
    '    approval-gate:',
    '      approvers: [alice]',
    '      poll-interval: 5s',
    '      timeout: 10m',
    ...environmentSections(stage),
    '',
  ].join('\n');
  const verify = `probes:\n  - {name: home, critical: true, url: "${stage.url}", expect: ${verifyExpect}}\n`;
  const repository = workspaceWith({ '.github/shipgate.yml': config, '.github/verify.yml': verify, ...files });
  return { stage, github, repository };
}

export type DeployFixture = Awaited<ReturnType<typeof deployFixture>>;

/** Writes a comment as `login`, through the API as a person would. */
export async function comment(github: GitHubEmulator, login: string, issue: number, body: string): Promise<void> {
  const response = await fetch(`${github.url}/repos/octo-org/octo-repo/issues/${issue}/comments`, {
    method: 'POST',
    headers: { authorization: `token ghp_${login}`, 'content-type': 'application/json' },
    body: JSON.stringify({ body }),
  });
  if (response.status !== 201) {
    throw new Error(`alice's comment was refused: HTTP ${response.status} ${await response.text()}`);
  }
}

/**
 * Runs deploy.yml for v2 to production, as a run started by carol; when `decide` is given, alice answers the
 * approval request with it once the request is posted. `print` is how the run is printed (the tests' full
 * listing by default).
 */
export async function deploy(
  fixture: DeployFixture,
  decide?: 'approve' | 'deny',
  signal?: AbortSignal,
  print?: PrintRun,
): Promise<LocalWorkflowRun> {
  const { stage, github, repository } = fixture;
  const run = runWorkflowFile(
    DEPLOY,
    {
      repository,
      token: github.token,
      context: { repository: 'octo-org/octo-repo', apiUrl: github.url, actor: 'carol' },
      event: { head_commit: { author: { username: 'carol' } } },
      inputs: {
        environment: 'production',
        version: 'v2',
        'verify-probes': '.github/verify.yml',
        'base-url': stage.url,
      },
      signal,
    },
    print,
  );
  if (decide) {
    let ended = false;
    void run.finally(() => (ended = true)).catch(() => undefined);
    const request = await pollUntil(
      () => (ended ? { number: 0 } : github.state.issues.find((i) => i.title.startsWith('Approve deployment'))),
      { timeoutMs: 120_000, description: 'the approval request (or the end of the run)' },
    );
    if (!ended) await comment(github, 'alice', request.number, decide);
  }
  return run;
}
