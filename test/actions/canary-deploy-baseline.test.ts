/**
 * canary-deploy with `baseline-targets` through real nginx: a fresh instance of the stable version gets the
 * canary's weight (stable 100 - 2w), the nginx-log metrics count it as its own side, and the judges compare the
 * canary with it instead of with the stable fleet.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runAction, type ActionRun } from '../support/run-action.js';
import { startCanaryStage, underLoad } from './canary-setup.js';

const ACTION = 'canary-deploy';
const INPUTS = {
  stages: '10,25,100',
  'stage-duration': '2s',
  'analysis-interval': '500ms',
  'min-samples': '10',
  'max-extension': '2s',
  judge: 'threshold',
  // A p95 of a few requests a look moves by tens of ms on a loaded machine (102 against 59 ms for two equally
  // slow servers at a load average of 25): the slow sides sleep 200 ms and may be up to twice as slow, so only
  // the fleet-versus-slow difference decides, never noise.
  'max-latency-increase': '100',
};

interface Side {
  requests: number;
  errors: number;
}
interface CanaryReport {
  data: {
    comparison: string;
    cause: string;
    stages: { weight: number; status: string; canary: Side; stable: Side; baseline?: Side }[];
  };
}
const report = (run: ActionRun): CanaryReport =>
  JSON.parse(readFileSync(run.outputs.report ?? '', 'utf8')) as CanaryReport;

describe('canary-deploy with a baseline, through real nginx', () => {
  it('judges the canary against the baseline: as slow as a fresh stable instance is promoted, and it says so', async () => {
    // The fleet is fast; the canary and the fresh baseline are equally slow (200 ms).
    const stage = await startCanaryStage({
      stable: { latencyMs: 0 },
      canary: { latencyMs: 200 },
      baseline: { latencyMs: 200 },
    });
    const baseline = stage.baseline?.address ?? '';
    const { result: run } = await underLoad(stage.url, 80, () =>
      runAction(ACTION, { ...stage.inputs, ...INPUTS }, { env: stage.env }),
    );
    expect(run.outputs, run.stdout).toMatchObject({ result: 'promoted', 'final-weight': '100' });
    expect(run.outputs.reason).toMatch(/^Promoted v2: it passed 2 of 2 analysed stages against a baseline/);
    const data = report(run).data;
    expect(data.comparison).toBe('baseline');
    // Each analysed stage: the baseline got traffic, about as much as the canary, and stable got the rest.
    for (const s of data.stages.filter((x) => x.status === 'passed')) {
      expect(s.baseline?.requests).toBeGreaterThanOrEqual(10);
      expect(Math.abs((s.baseline?.requests ?? 0) - s.canary.requests)).toBeLessThanOrEqual(
        Math.max(5, s.canary.requests * 0.25),
      );
      expect(s.stable.requests).toBeGreaterThan(s.canary.requests);
    }
    expect(run.summary).toContain('comparison: the canary against a baseline');
    expect(run.summary).toContain('Baseline p95');
    // nginx sent requests to all three, and after the promotion the baseline is out of the upstream.
    const log = await stage.nginx.readAccessLog();
    expect(log.some((e) => e.upstreams.includes(baseline))).toBe(true);
    expect(stage.upstreamText()).not.toContain(baseline);
    expect(await stage.versionsServing(10)).toEqual({ v2: 10 });
  });

  it('rolls the same canary back when it is compared with the stable fleet instead', async () => {
    const stage = await startCanaryStage({ stable: { latencyMs: 0 }, canary: { latencyMs: 200 } });
    const { result: run } = await underLoad(stage.url, 80, () =>
      runAction(ACTION, { ...stage.inputs, ...INPUTS }, { env: stage.env }),
    );
    expect(run.outputs).toMatchObject({ result: 'rolled-back', 'failed-stage': '1' });
    expect(run.outputs.reason).toMatch(/latency .* above stable's/);
    expect(report(run).data.comparison).toBe('stable');
  });

  it('rolls back a canary that fails more than the baseline, naming the baseline', async () => {
    const stage = await startCanaryStage({ canary: { errorRate: 0.2 }, baseline: {} });
    const { result: run } = await underLoad(stage.url, 80, () =>
      runAction(ACTION, { ...stage.inputs, ...INPUTS }, { env: stage.env }),
    );
    expect(run.outputs).toMatchObject({ result: 'rolled-back', 'final-weight': '0', 'failed-stage': '1' });
    expect(run.outputs.reason).toMatch(/^Stage 1 \(10%\): canary error rate .*baseline/);
    expect(report(run).data).toMatchObject({ comparison: 'baseline', cause: 'canary-failed' });
    expect(await stage.versionsServing(10)).toEqual({ v1: 10 });
  });

  it('refuses a baseline server that is also the canary before touching anything', async () => {
    const stage = await startCanaryStage({ baseline: {} });
    const before = stage.upstreamText();
    const run = await runAction(
      ACTION,
      { ...stage.inputs, ...INPUTS, 'baseline-targets': stage.canary.address },
      { env: stage.env },
    );
    expect(run.exitCode).toBe(1);
    expect(run.annotations.map((a) => a.message).join('\n')).toMatch(/baseline-targets/);
    expect(stage.upstreamText()).toBe(before);
    expect([...stage.github.state.deployments.values()]).toEqual([]);
  });
});
