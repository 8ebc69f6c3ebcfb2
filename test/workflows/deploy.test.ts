// deploy.yml, the reusable workflow, run job by job through the local workflow runner against real nginx (a stable
// v1 and a canary v2 app server behind it), the GitHub API emulator and the committed bundles of our actions.
// Stand-ins used (each run prints its list): actions/checkout copies the test repository into each job's workspace;
// actions/upload-artifact copies the reports into the run's artifact folder.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobOf, type LocalWorkflowRun } from '@shipgate/local-runner/workflow';
import { startCanaryStage, underLoad } from '../actions/canary-setup.js';
import { workspaceWith } from '../actions/probes-workspace.js';
import type { GitHubEmulator } from '../support/github-emulator/index.js';
import { repoRoot } from '../support/paths.js';
import { pollUntil } from '../support/poll.js';
import { runWorkflowFile } from '../support/run-workflow.js';
import { environmentSections, seedServing } from './deploy-setup.js';
import type { AppBehaviour } from '../support/services/index.js';

const DEPLOY = join(repoRoot, '.github', 'workflows', 'deploy.yml');

/** A stage (nginx, v1 serving, v2 ready, the emulator) and a repository whose config points deploy.yml at it. */
async function deployFixture(
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

/** Writes a comment as `login`, through the API as a person would. */
async function comment(github: GitHubEmulator, login: string, issue: number, body: string): Promise<void> {
  const response = await fetch(`${github.url}/repos/octo-org/octo-repo/issues/${issue}/comments`, {
    method: 'POST',
    headers: { authorization: `token ghp_${login}`, 'content-type': 'application/json' },
    body: JSON.stringify({ body }),
  });
  expect(response.status).toBe(201);
}

/**
 * Runs deploy.yml for v2 to production, as a run started by carol; when `decide` is given, alice answers the
 * approval request with it once the request is posted.
 */
async function deploy(
  fixture: Awaited<ReturnType<typeof deployFixture>>,
  decide?: 'approve' | 'deny',
  signal?: AbortSignal,
): Promise<LocalWorkflowRun> {
  const { stage, github, repository } = fixture;
  const run = runWorkflowFile(DEPLOY, {
    repository,
    token: github.token,
    context: { repository: 'octo-org/octo-repo', apiUrl: github.url, actor: 'carol' },
    event: { head_commit: { author: { username: 'carol' } } },
    inputs: { environment: 'production', version: 'v2', 'verify-probes': '.github/verify.yml', 'base-url': stage.url },
    signal,
  });
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

const conclusions = (run: LocalWorkflowRun) => Object.fromEntries(run.jobs.map((j) => [j.id, j.conclusion]));

describe('deploy.yml through the local runner', () => {
  it('takes a good release through preflight, approval and every canary stage, and promotes it', async () => {
    const fixture = await deployFixture({ errorRate: 0.001 });
    const { stage, github } = fixture;
    const { result: run } = await underLoad(stage.url, 60, () => deploy(fixture, 'approve'));
    expect(conclusions(run)).toEqual({
      preflight: 'success',
      approve: 'success',
      deploy: 'success',
      rollback: 'skipped',
      report: 'success',
    });
    expect(run.outputs).toMatchObject({ result: 'promoted', version: 'v2', 'serving-version': 'v2' });
    expect(jobOf(run, 'deploy').outputs).toMatchObject({ result: 'promoted', verified: 'pass' });
    expect(await stage.versionsServing(10)).toEqual({ v2: 10 });
    const record = [...github.state.deployments.values()].at(-1);
    expect(record?.payload).toMatchObject({ version: 'v2', approval: expect.anything() });
    expect(run.summary).toContain('## Shipgate deploy of v2 to production: promoted');
    expect(run.standIns.map((s) => s.standIn)).toContain('actions/checkout');
  });

  it('rolls back a release that fails its verification after promotion, and verifies the version it went back to', async () => {
    // v2 passes the canary analysis (no errors) but answers with content the verify probes do not accept.
    const fixture = await deployFixture({ errorRate: 0 }, {}, '{json: [{path: $.version, equals: v1}]}');
    const { stage } = fixture;
    const { result: run } = await underLoad(stage.url, 60, () => deploy(fixture, 'approve'));
    expect(conclusions(run)).toMatchObject({ deploy: 'failure', rollback: 'success', report: 'failure' });
    expect(jobOf(run, 'deploy').outputs).toMatchObject({ result: 'promoted', verified: 'fail' });
    expect(jobOf(run, 'rollback').outputs).toMatchObject({
      result: 'rolled-back',
      'to-version': 'v1',
      verified: 'true',
    });
    expect(run.outputs).toMatchObject({ result: 'rolled-back', 'serving-version': 'v1' });
    expect(await stage.versionsServing(10)).toEqual({ v1: 10 });
    expect(run.summary).toContain('## Shipgate deploy of v2 to production: rolled-back');
  });

  it('rolls a release with errors back at its first stage; the rollback job finds stable serving and verifies it', async () => {
    const fixture = await deployFixture({ errorRate: 0.2 });
    const { stage } = fixture;
    const { result: run } = await underLoad(stage.url, 60, () => deploy(fixture, 'approve'));
    expect(conclusions(run)).toMatchObject({ deploy: 'failure', rollback: 'success', report: 'failure' });
    expect(jobOf(run, 'deploy').outputs.result).toBe('rolled-back');
    expect(jobOf(run, 'deploy').outputs.reason).toMatch(/^Stage 1 \(25%\): canary error rate/);
    // Nothing to switch, but what serves is verified with the same probes.
    expect(jobOf(run, 'rollback').outputs).toMatchObject({ result: 'noop', 'to-version': 'v1', verified: 'true' });
    expect(jobOf(run, 'rollback').steps.find((s) => s.id === 'verify-stable')?.conclusion).toBe('success');
    expect(run.outputs).toMatchObject({ result: 'rolled-back' });
    expect(await stage.versionsServing(10)).toEqual({ v1: 10 });
  });

  it('returns traffic to stable when the run is cancelled mid-rollout, and still runs rollback and the report', async () => {
    const fixture = await deployFixture({ errorRate: 0 });
    const { stage } = fixture;
    const upstream = stage.upstreamText();
    const controller = new AbortController();
    const { result: run } = await underLoad(stage.url, 60, async () => {
      const running = deploy(fixture, 'approve', controller.signal);
      await pollUntil(() => stage.upstreamText() !== upstream || undefined, {
        timeoutMs: 180_000,
        description: 'the first canary stage to move traffic',
      });
      controller.abort();
      return running;
    });
    expect(conclusions(run)).toMatchObject({ deploy: 'cancelled', rollback: 'success', report: 'failure' });
    expect(jobOf(run, 'deploy').steps.find((s) => s.id === 'canary')?.conclusion).toBe('cancelled');
    expect(jobOf(run, 'deploy').steps.find((s) => s.id === 'post-canary')?.conclusion).toBe('success');
    expect(await stage.versionsServing(10)).toEqual({ v1: 10 });
    expect(run.outputs.result).toBe('rolled-back');
  });

  it('stops before any traffic moves when the approver denies', async () => {
    const fixture = await deployFixture({ errorRate: 0 });
    const { stage, github } = fixture;
    const upstream = stage.upstreamText();
    const run = await deploy(fixture, 'deny');
    expect(conclusions(run)).toMatchObject({ approve: 'failure', deploy: 'skipped', rollback: 'skipped' });
    expect(run.outputs.result).toBe('denied');
    expect(stage.upstreamText()).toBe(upstream);
    expect(await stage.versionsServing(5)).toEqual({ v1: 5 });
    expect([...github.state.deployments.values()].map((d) => (d.payload as { version: string }).version)).toEqual([
      'v1',
    ]);
  });

  it('stops before the approval when preflight fails', async () => {
    const leaked = `ghp_${'a1B2c3D4e5F6g7H8i9J0'.repeat(2).slice(0, 36)}`;
    const fixture = await deployFixture({ errorRate: 0 }, { 'config/prod.env': `GITHUB_TOKEN=${leaked}\n` });
    const { stage, github } = fixture;
    const upstream = stage.upstreamText();
    const run = await deploy(fixture);
    expect(conclusions(run)).toMatchObject({ preflight: 'failure', approve: 'skipped', deploy: 'skipped' });
    expect(run.outputs.result).toBe('preflight-failed');
    expect(jobOf(run, 'preflight').annotations).toContainEqual(
      expect.objectContaining({ level: 'error', file: 'config/prod.env', line: 1 }),
    );
    expect(github.state.issues).toEqual([]);
    expect(stage.upstreamText()).toBe(upstream);
  });
});
