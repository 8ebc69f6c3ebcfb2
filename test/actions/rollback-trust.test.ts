/**
 * Issue 9, findings 1, 3 and 4, through the bundle against real nginx and the GitHub emulator: where rollback
 * sends production traffic, a failed rollback that must not poison the next one, and a rollback right after a
 * failed canary that must not go one version too far.
 */
import { describe, expect, it } from 'vitest';
import { startAppServer, useService } from '../support/services/index.js';
import { runAction } from '../support/run-action.js';
import { ok, promotedV2 } from './rollback-setup.js';

const ACTION = 'rollback';

describe('rollback trusts only what the workflow declares', () => {
  it('never reads servers from a record another identity created, even an address allowed-targets lists', async () => {
    const evil = await useService(startAppServer({ version: 'evil' }));
    const env = await promotedV2({
      history: (gh, _v1, v2) => {
        gh.seedDeployment({
          environment: 'production',
          ref: 'ref-v1',
          task: 'deploy:canary',
          creator: 'mallory',
          payload: { shipgate: 2, version: 'v1', targets: [evil.address] },
          statuses: [ok],
        });
        gh.seedDeployment({
          environment: 'production',
          ref: 'ref-v2',
          task: 'deploy:canary',
          payload: { shipgate: 2, version: 'v2', targets: [v2.address] },
          statuses: ['in_progress', ok] as never,
        });
      },
    });
    const inputs = { ...env.inputs, 'allowed-targets': `${evil.address},${env.v2.address}` };
    const run = await runAction(ACTION, inputs, { env: env.env });
    expect(run.exitCode, run.stdout).toBe(1);
    expect(run.stdout).toContain('mallory is not trusted for addresses');
    expect(await env.serving()).toEqual({ v2: 10 });
    expect(env.statesOf('v2')).toEqual(['success']);
    await env.close();
  });

  it('lets the targets input win over a recorded address, and says so', async () => {
    const evil = await useService(startAppServer({ version: 'evil' }));
    const env = await promotedV2({
      history: (gh, _v1, v2) => {
        gh.seedDeployment({
          environment: 'production',
          ref: 'ref-v1',
          task: 'deploy:canary',
          payload: { shipgate: 2, version: 'v1', targets: [evil.address] },
          statuses: [ok],
        });
        gh.seedDeployment({
          environment: 'production',
          ref: 'ref-v2',
          task: 'deploy:canary',
          payload: { shipgate: 2, version: 'v2', targets: [v2.address] },
          statuses: ['in_progress', ok] as never,
        });
      },
    });
    const run = await runAction(ACTION, { ...env.inputs, targets: env.v1.address }, { env: env.env });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.annotations.map((a) => a.message)).toContain(
      `The history says v1 runs on ${evil.address}; the targets input (${env.v1.address}) wins.`,
    );
    expect(await env.serving()).toEqual({ v1: 10 });
    await env.close();
  });
});

describe('rollback after failures', () => {
  it('a failed rollback ends its record and does not make the next one a no-op', async () => {
    const env = await promotedV2();
    const failed = await runAction(ACTION, { ...env.inputs, 'nginx-test-command': 'false' }, { env: env.env });
    expect(failed.exitCode).toBe(1);
    expect(failed.outputs).toMatchObject({ result: 'failed', 'from-version': 'v2', 'to-version': 'v1' });
    expect(failed.outputs.reason).not.toBe('');
    const first = env.github.state.deployments.find((d) => d.task === 'rollback');
    const firstStates = env.github.state.deploymentStatuses.filter((s) => s.deploymentId === first?.id);
    expect(firstStates.at(-1)?.state).toBe('failure');
    expect(await env.serving()).toEqual({ v2: 10 });

    const again = await runAction(ACTION, env.inputs, { env: env.env });
    expect(again.exitCode, again.stdout).toBe(0);
    expect(again.outputs).toMatchObject({ result: 'rolled-back', 'from-version': 'v2', 'to-version': 'v1' });
    expect(await env.serving()).toEqual({ v1: 10 });
    await env.close();
  });

  it('right after a failed canary is a no-op that says so, and leaves the good version alone', async () => {
    const env = await promotedV2({
      history: (gh, v1, v2) => {
        const seed = (version: string, targets: string[], statuses: unknown[], previous?: object) =>
          gh.seedDeployment({
            environment: 'production',
            ref: `ref-${version}`,
            task: 'deploy:canary',
            payload: { shipgate: 2, version, targets, ...(previous ? { previous } : {}) },
            statuses: statuses as never,
          });
        seed('v1', [v1.address], [ok]);
        seed('v2', [v2.address], ['in_progress', ok], { version: 'v1', targets: [v1.address] });
        // canary-deploy put traffic back on v2 and ended v3's record as failure.
        seed('v3', ['127.0.0.1:9'], ['in_progress', 'failure'], { version: 'v2', targets: [v2.address] });
      },
    });
    const run = await runAction(ACTION, env.inputs, { env: env.env });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'noop', 'from-version': 'v2', 'to-version': 'v2' });
    expect(run.outputs.reason).toMatch(/v3/);
    expect(await env.serving()).toEqual({ v2: 10 });
    expect(env.statesOf('v2')).toEqual(['success']);
    expect(env.github.state.deployments.filter((d) => d.task === 'rollback')).toHaveLength(0);
    await env.close();
  });
});
