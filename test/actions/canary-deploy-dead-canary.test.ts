/**
 * A canary process that dies mid-stage behind nginx configured as the README shows it, with nginx's default
 * `proxy_next_upstream error timeout`: nginx retries each refused canary attempt on stable, so clients keep
 * getting 200s. canary-deploy must still see the canary fail and roll back, never promote, whatever the judge
 * and on-no-data.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pollUntil } from '../support/poll.js';
import { runAction, STEP_GUARD_MS, type ActionRun } from '../support/run-action.js';
import { startCanaryStage, underLoad } from './canary-setup.js';

const ACTION = 'canary-deploy';
const INPUTS = {
  stages: '25,50,100',
  'stage-duration': '2s',
  'analysis-interval': '500ms',
  'min-samples': '10',
  'max-extension': '2s',
};

interface CanaryReport {
  data: { cause: string; stages: { weight: number; status: string; canary: { requests: number; errors: number } }[] };
}

describe('canary-deploy when the canary process dies mid-stage 2, with nginx retrying on stable', () => {
  it.each([
    ['the statistical judge', {}],
    // The threshold judge compares each look's p95 (a handful of requests) with no test of chance: on a loaded
    // machine a healthy canary's p95 can exceed stable's by the default 10% and 5 ms in stage 1, and the rollout
    // then ends before the canary is killed. This case is about errors and silence, so latency cannot decide it.
    ['the threshold judge', { judge: 'threshold', 'max-latency-increase': '1000', 'min-latency-increase-ms': '60000' }],
    ['the statistical judge and on-no-data: continue', { 'on-no-data': 'continue' }],
  ])('rolls back with %s and never promotes', async (_name, extra) => {
    const stage = await startCanaryStage({ nginxRetries: true });
    const { result: run } = await underLoad(stage.url, 40, async () => {
      const running = runAction(ACTION, { ...stage.inputs, ...INPUTS, ...extra }, { env: stage.env });
      // A step that ends before the canary is killed (it failed stage 1, say) makes the waits below hopeless.
      let ended: ActionRun | undefined;
      void running.then((run) => (ended = run));
      const giveUpIf = () =>
        ended && `canary-deploy ended first (result ${ended.outputs.result}: ${ended.outputs.reason})\n${ended.stdout}`;
      // Mid-stage 2: once nginx has the 50% upstream and the canary has served a few requests at it.
      await pollUntil(() => stage.upstreamText().includes('# Canary weight 50%'), {
        timeoutMs: STEP_GUARD_MS,
        intervalMs: 20,
        description: 'stage 2 (50%) in the upstream file',
        giveUpIf,
      });
      const servedBefore = stage.canary.stats().total;
      await pollUntil(() => stage.canary.stats().total >= servedBefore + 5, {
        timeoutMs: STEP_GUARD_MS,
        intervalMs: 10,
        description: 'five canary requests at 50%',
        giveUpIf,
      });
      await stage.canary.stop();
      return running;
    });

    expect(run.outputs, run.stdout).toMatchObject({ result: 'rolled-back', 'final-weight': '0', 'failed-stage': '2' });
    expect(run.outputs.reason).toMatch(
      /^Stage 2 \(50%\): (canary error rate|the canary stopped receiving traffic).* All traffic is back on the stable version\.$/,
    );
    const report = JSON.parse(readFileSync(run.outputs.report ?? '', 'utf8')) as CanaryReport;
    expect(report.data.cause).toBe('canary-failed');
    expect(report.data.stages.map((s) => [s.weight, s.status])).toEqual([
      [25, 'passed'],
      [50, 'failed'],
    ]);
    // Either its refused attempts were counted as canary errors, or its silence failed the stage.
    const failedStage = report.data.stages[1];
    expect(
      (failedStage?.canary.errors ?? 0) > 0 || /stopped receiving traffic/.test(run.outputs.reason ?? ''),
      run.stdout,
    ).toBe(true);
    // nginx did retry refused canary attempts on stable: those clients got stable's answer.
    const retried = (await stage.nginx.readAccessLog()).filter(
      (e) => e.upstreams[0] === stage.canary.address && e.upstreams[1] === stage.stable.address,
    );
    expect(retried.length).toBeGreaterThan(0);
    expect(retried.every((e) => e.upstreamStatuses[0] === 502 && e.status === 200)).toBe(true);
    expect(await stage.versionsServing(10)).toEqual({ v1: 10 });
    const deployment = [...stage.github.state.deployments.values()].at(-1);
    expect(
      stage.github.state.deploymentStatuses.filter((s) => s.deploymentId === deployment?.id).map((s) => s.state),
    ).toEqual(['in_progress', 'failure']);
  });
});
