// deploy.yml, the reusable workflow, run job by job through the local workflow runner against real nginx (a stable
// v1 and a canary v2 app server behind it), the GitHub API emulator and the committed bundles of our actions.
// Stand-ins used (each run prints its list): actions/checkout copies the test repository into each job's workspace;
// actions/upload-artifact copies the reports into the run's artifact folder.
import { describe, expect, it } from 'vitest';
import { jobOf, type LocalWorkflowRun } from '@shipgate/local-runner/workflow';
import { underLoad } from '../actions/canary-setup.js';
import { pollUntil } from '../support/poll.js';
import { deploy, deployFixture } from './deploy-setup.js';

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
