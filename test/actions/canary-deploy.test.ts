import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runAction, type ActionRun } from '../support/run-action.js';
import { startCanaryStage, underLoad } from './canary-setup.js';

const ACTION = 'canary-deploy';
const FAST = {
  stages: '25,50,100',
  'stage-duration': '2s',
  'analysis-interval': '500ms',
  'min-samples': '10',
  'max-extension': '2s',
};

interface CanaryReport {
  data: {
    result: string;
    cause: string;
    reason: string;
    failedStage?: number;
    stages: { weight: number; status: string; canary: { requests: number; errors: number } }[];
    looks: unknown[];
  };
}
const report = (run: ActionRun): CanaryReport =>
  JSON.parse(readFileSync(run.outputs.report ?? '', 'utf8')) as CanaryReport;

describe('canary-deploy with real nginx, nginx-log metrics and the GitHub emulator', () => {
  it('takes a healthy canary through every stage and ends with all traffic on it', async () => {
    const stage = await startCanaryStage({ stable: { errorRate: 0.001 }, canary: { errorRate: 0.001 } });
    const { result: run, load } = await underLoad(stage.url, 80, () =>
      runAction(ACTION, { ...stage.inputs, ...FAST }, { env: stage.env }),
    );
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({
      result: 'promoted',
      'final-weight': '100',
      'failed-stage': '',
      'serving-version': 'v2',
      'serving-targets': stage.canary.address,
    });
    expect(run.outputs.reason).toMatch(/^Promoted v2: it passed 2 of 2 analysed stages/);
    expect(report(run).data.stages.map((s) => [s.weight, s.status])).toEqual([
      [25, 'passed'],
      [50, 'passed'],
      [100, 'promoted'],
    ]);
    expect(await stage.versionsServing(20)).toEqual({ v2: 20 });
    // A keep-alive client that retries a GET once when nginx closed the reused connection (as browsers and undici
    // do): a stage's reload fails none of its requests.
    expect(load.networkErrors, load.errors.join('\n')).toBe(0);
    // The deployment record: created with what a rollback needs, in progress, then success.
    const deployment = [...stage.github.state.deployments.values()].at(-1);
    expect(deployment).toMatchObject({ environment: 'production', task: 'deploy:canary' });
    expect(deployment?.payload).toMatchObject({
      version: 'v2',
      provider: 'nginx',
      previous: { version: 'v1', targets: [stage.stable.address] },
      targets: [stage.canary.address],
    });
    const statuses = stage.github.state.deploymentStatuses
      .filter((s) => s.deploymentId === deployment?.id)
      .map((s) => s.state);
    expect(statuses).toEqual(['in_progress', 'success']);
    expect(run.outputs['deployment-id']).toBe(String(deployment?.id));
    expect(run.summary).toContain('Canary promoted: v2');
    expect(run.summary).toContain('xychart-beta');
  });

  it('rolls a canary with 10% errors (stable 0.1%) back at the first stage, with the reason', async () => {
    const stage = await startCanaryStage({ stable: { errorRate: 0.001 }, canary: { errorRate: 0.1 } });
    const { result: run } = await underLoad(stage.url, 80, () =>
      runAction(ACTION, { ...stage.inputs, ...FAST, judge: 'threshold' }, { env: stage.env }),
    );
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({
      result: 'rolled-back',
      'final-weight': '0',
      'failed-stage': '1',
      'serving-version': 'v1',
      'serving-targets': stage.stable.address,
    });
    expect(run.outputs.reason).toMatch(
      /^Stage 1 \(25%\): canary error rate \d+(\.\d+)?% is above the limit of 1(\.0)?%.* All traffic is back on the stable version\.$/,
    );
    expect(await stage.versionsServing(10)).toEqual({ v1: 10 });
    const deployment = [...stage.github.state.deployments.values()].at(-1);
    expect(
      stage.github.state.deploymentStatuses.filter((s) => s.deploymentId === deployment?.id).map((s) => s.state),
    ).toEqual(['in_progress', 'failure']);
    expect(run.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([run.outputs.reason]);
  });

  it('catches a +50% latency regression (40 → 60 ms) with the statistical judge', async () => {
    const stage = await startCanaryStage({ stable: { latencyMs: 40 }, canary: { latencyMs: 60 } });
    const { result: run } = await underLoad(stage.url, 80, () =>
      runAction(ACTION, { ...stage.inputs, ...FAST, 'stage-duration': '5s' }, { env: stage.env }),
    );
    expect(run.outputs.result, run.stdout).toBe('rolled-back');
    expect(report(run).data.cause).toBe('canary-failed');
    expect(run.outputs.reason).toMatch(/latency/i);
  });

  it('does not roll a canary without traffic back for a high error rate: it says there is no data', async () => {
    const stage = await startCanaryStage({ canary: { errorRate: 1 } });
    const run = await runAction(ACTION, { ...stage.inputs, ...FAST, 'max-extension': '1s' }, { env: stage.env });
    expect(run.outputs.result).toBe('rolled-back');
    expect(report(run).data.cause).toBe('no-data');
    expect(run.outputs.reason).toMatch(/^Not enough data: stage 1 \(25%\) saw 0 canary and 0 stable requests/);
    expect(run.outputs.reason).not.toMatch(/error rate/i);
  });
});
