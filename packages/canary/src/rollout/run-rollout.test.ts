import { describe, expect, it } from 'vitest';
import { FakeMetrics, FakeTraffic, fakeJudge, window } from '../testing/fakes.js';
import type { RolloutSettings } from './rollout-model.js';
import { runRollout, type RolloutPorts } from './run-rollout.js';

const settings: RolloutSettings = {
  version: 'v2',
  stages: [5, 25, 100],
  stageDurationMs: 30_000,
  analysisIntervalMs: 10_000,
  minSamples: 50,
  maxExtensionMs: 20_000,
  onFailure: 'rollback',
  onNoData: 'rollback',
  maxMetricsFailures: 2,
};

function ports(
  traffic: FakeTraffic,
  metrics: FakeMetrics,
  over: Partial<RolloutPorts> = {},
): RolloutPorts & { weights: number[] } {
  let clock = 1_000_000;
  const weights: number[] = [];
  return {
    traffic,
    metrics,
    judge: fakeJudge(0.05),
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
    },
    log: () => undefined,
    onWeight: (w) => weights.push(w),
    weights,
    ...over,
  };
}

describe('runRollout', () => {
  it('takes a healthy canary through every stage and promotes it', async () => {
    const traffic = new FakeTraffic();
    const p = ports(traffic, new FakeMetrics(() => window([100, 0], [1900, 2])));
    const result = await runRollout(settings, p);
    expect(result).toMatchObject({ result: 'promoted', cause: 'promoted', finalWeight: 100, durationMs: 60_000 });
    expect(result.reason).toBe('Promoted v2: it passed 2 of 2 analysed stages in 60s.');
    expect(traffic.calls).toEqual(['set 5 stage 1', 'set 25 stage 2', 'promote']);
    expect(p.weights).toEqual([5, 25, 100]);
    expect(result.looks).toHaveLength(6);
    expect(result.stages.map((s) => [s.weight, s.status, s.heldMs])).toEqual([
      [5, 'passed', 30_000],
      [25, 'passed', 30_000],
      [100, 'promoted', 0],
    ]);
  });

  it('rolls a failing canary back at once, with the reason', async () => {
    const traffic = new FakeTraffic();
    const result = await runRollout(settings, ports(traffic, new FakeMetrics(() => window([100, 10], [1900, 2]))));
    expect(result).toMatchObject({ result: 'rolled-back', cause: 'canary-failed', finalWeight: 0, failedStage: 1 });
    expect(result.reason).toBe(
      'Stage 1 (5%): canary error rate 10.0% is above the limit of 5.0%. All traffic is back on the stable version.',
    );
    expect(traffic.calls).toEqual(['set 5 stage 1', 'abort']);
    expect(result.durationMs).toBe(10_000);
  });

  it('says when returning traffic to stable failed, so the post step tries again', async () => {
    const traffic = new FakeTraffic();
    traffic.abort = async () => {
      throw new Error('abort-command exited with code 1');
    };
    const result = await runRollout(settings, ports(traffic, new FakeMetrics(() => window([100, 10], [1900, 2]))));
    expect(result).toMatchObject({ result: 'failed', abortFailed: true, finalWeight: 5 });
    expect(result.reason).toMatch(/Returning traffic to stable failed too: abort-command exited with code 1$/);
  });

  it('pause and fail leave traffic where it is', async () => {
    for (const onFailure of ['pause', 'fail'] as const) {
      const traffic = new FakeTraffic();
      const result = await runRollout(
        { ...settings, onFailure },
        ports(traffic, new FakeMetrics(() => window([100, 10], [1900, 2]))),
      );
      expect(result).toMatchObject({ result: 'failed', finalWeight: 5 });
      expect(result.reason).toMatch(new RegExp(`Traffic was left at 5% canary \\(on-failure: ${onFailure}\\)\\.$`));
      expect(traffic.calls).toEqual(['set 5 stage 1']);
    }
  });

  it('extends a stage without enough data, then says "not enough data", never "error rate high"', async () => {
    const traffic = new FakeTraffic();
    // Little traffic on both sides: 25 canary requests in the stage and its extension, 50 needed.
    const result = await runRollout(settings, ports(traffic, new FakeMetrics(() => window([5, 1], [95, 0]))));
    expect(result).toMatchObject({ result: 'rolled-back', cause: 'no-data', failedStage: 1 });
    expect(result.reason).toBe(
      'Not enough data: stage 1 (5%) saw 25 canary and 475 stable requests in 50s (extended by 20s), fewer than the 50 per side (min-samples) a stage needs to pass, so the canary was not judged. Send more traffic to the service, add probe traffic (metrics: probes), or hold stages longer (stage-duration, max-extension). All traffic is back on the stable version.',
    );
    expect(result.reason).not.toMatch(/error rate|lower min-samples/);
    expect(result.stages[0]).toMatchObject({ status: 'no-data', heldMs: 50_000, extendedMs: 20_000 });
  });

  it('applies min-samples per stage: a stage cannot pass on the requests of the stages before it', async () => {
    // Stage 1 gets plenty; stage 2 (25%) only 10 canary requests per look, under a judge that passes everything.
    const passAll = {
      name: 'statistical' as const,
      evaluate: () => [
        { metric: 'error-rate' as const, status: 'pass' as const, reason: 'ok', canary: 0, stable: 0, details: {} },
      ],
    };
    for (const onNoData of ['rollback', 'continue'] as const) {
      const metrics = new FakeMetrics((_look, context) =>
        context.stage === 1 ? window([100, 0], [1900, 0]) : window([3, 0], [9, 0]),
      );
      const result = await runRollout({ ...settings, onNoData }, ports(new FakeTraffic(), metrics, { judge: passAll }));
      expect(result.stages.map((s) => s.status)).toEqual(
        onNoData === 'rollback' ? ['passed', 'no-data'] : ['passed', 'continued-without-data', 'promoted'],
      );
      expect(result.stages[1]).toMatchObject({ canary: { requests: 15 }, extendedMs: 20_000 });
    }
  });

  it('fails a stage whose canary got no request while stable did, whatever on-no-data says', async () => {
    for (const onNoData of ['rollback', 'fail', 'continue'] as const) {
      const traffic = new FakeTraffic();
      const result = await runRollout(
        { ...settings, onNoData },
        ports(traffic, new FakeMetrics(() => window([0, 0], [500, 0]))),
      );
      expect(result).toMatchObject({ result: 'rolled-back', cause: 'canary-failed', failedStage: 1 });
      expect(result.reason).toBe(
        'Stage 1 (5%): the canary stopped receiving traffic (0 of 1500 requests in this stage at a weight of 5%, about 75 expected). All traffic is back on the stable version.',
      );
      // Judged when the stage's time is up, not after waiting out the extension for min-samples.
      expect(result.stages[0]).toMatchObject({ status: 'failed', heldMs: 30_000 });
      expect(traffic.calls).toEqual(['set 5 stage 1', 'abort']);
    }
  });

  it('fails a canary whose share falls far below its weight at the look it shows, with a weight-following source', async () => {
    // Stage 2 (25%): 7.5% at its first look (not yet starved), then 1% (nginx took it out, say).
    const metrics = new FakeMetrics(
      (look, context) =>
        context.stage === 1
          ? window([100, 0], [1900, 0])
          : look === 4
            ? window([30, 0], [370, 0])
            : window([10, 0], [990, 0]),
      true,
    );
    const result = await runRollout(settings, ports(new FakeTraffic(), metrics));
    expect(result).toMatchObject({ result: 'rolled-back', cause: 'canary-failed', failedStage: 2 });
    expect(result.reason).toMatch(
      /^Stage 2 \(25%\): the canary stopped receiving traffic \(40 of 1400 requests in this stage at a weight of 25%, about 350 expected; a canary receiving its weight gets so few with probability below 1e-6\)\./,
    );
    expect(result.looks).toHaveLength(5);
  });

  it('does not test the share of a source whose counts do not follow the weights (probes)', async () => {
    const metrics = new FakeMetrics(() => window([100, 0], [100, 0]), false);
    const low = new FakeMetrics(() => window([100, 0], [100_000, 0]), false);
    expect((await runRollout(settings, ports(new FakeTraffic(), metrics))).result).toBe('promoted');
    expect((await runRollout(settings, ports(new FakeTraffic(), low))).result).toBe('promoted');
  });

  it('passes a stage that reaches min-samples during its extension', async () => {
    const traffic = new FakeTraffic();
    const result = await runRollout(
      { ...settings, stages: [5, 100] },
      ports(traffic, new FakeMetrics((look) => window([look <= 3 ? 10 : 40, 0], [500, 1]))),
    );
    expect(result.result).toBe('promoted');
    expect(result.stages[0]).toMatchObject({ status: 'passed', heldMs: 40_000, extendedMs: 10_000 });
  });

  it('continues without data only when told to, and says so', async () => {
    const result = await runRollout(
      { ...settings, onNoData: 'continue' },
      ports(new FakeTraffic(), new FakeMetrics(() => window([5, 0], [95, 0]))),
    );
    expect(result.result).toBe('promoted');
    expect(result.reason).toBe(
      'Promoted v2: it passed 0 of 2 analysed stages (some without enough data, on-no-data: continue) in 100s.',
    );
  });

  it('compares the canary with the baseline when there is one, and says so', async () => {
    // Stable is clean; the baseline and the canary both fail 4% (the new instances, not the version): no rollback.
    const withBaseline = (canaryErrors: number) =>
      new FakeMetrics(() => ({ ...window([100, canaryErrors], [1800, 0]), baseline: window([100, 4], [0, 0]).canary }));
    const seen: number[] = [];
    const recording = {
      name: 'threshold' as const,
      evaluate: (input: Parameters<ReturnType<typeof fakeJudge>['evaluate']>[0]) => {
        seen.push(input.windows.at(-1)?.stable.requests ?? -1);
        const stableRate = input.windows.reduce((n, w) => n + w.stable.errors, 0) / 300;
        return fakeJudge(0.05)
          .evaluate(input)
          .map((v) => ({ ...v, reason: `${v.reason} vs stable ${(stableRate * 100).toFixed(1)}%` }));
      },
    };
    const passed = await runRollout(
      { ...settings, comparison: 'baseline' },
      ports(new FakeTraffic(), withBaseline(4), { judge: recording }),
    );
    expect(passed).toMatchObject({ result: 'promoted', comparison: 'baseline' });
    expect(passed.reason).toBe('Promoted v2: it passed 2 of 2 analysed stages against a baseline in 60s.');
    // The judge saw the baseline (100 requests a look) in stable's place, and its reasons name the baseline.
    expect(new Set(seen)).toEqual(new Set([100]));
    expect(passed.stages[0]?.reason).toMatch(/vs baseline 4\.0%$/);
    expect(passed.stages[0]).toMatchObject({ baseline: { requests: 300, errors: 12 }, stable: { requests: 5400 } });

    const failed = await runRollout(
      { ...settings, comparison: 'baseline' },
      ports(new FakeTraffic(), withBaseline(10), { judge: recording }),
    );
    expect(failed).toMatchObject({ result: 'rolled-back', cause: 'canary-failed', comparison: 'baseline' });
  });

  it('needs min-samples on the baseline, not on stable, in a stage compared with a baseline', async () => {
    const metrics = new FakeMetrics(() => ({
      ...window([100, 0], [1800, 0]),
      baseline: window([5, 0], [0, 0]).canary,
    }));
    const result = await runRollout({ ...settings, comparison: 'baseline' }, ports(new FakeTraffic(), metrics));
    expect(result).toMatchObject({ result: 'rolled-back', cause: 'no-data' });
    expect(result.reason).toMatch(/^Not enough data: stage 1 \(5%\) saw 500 canary and 25 baseline requests/);
  });

  it('treats repeated metrics failures as a failure of their own, handled by on-failure', async () => {
    const traffic = new FakeTraffic();
    const metrics = new FakeMetrics((look) =>
      look >= 2 ? { ok: false, source: 'prometheus', message: 'connection refused' } : window([100, 0], [1900, 2]),
    );
    const result = await runRollout(settings, ports(traffic, metrics));
    expect(result).toMatchObject({ result: 'rolled-back', cause: 'metrics-failed', metricsFailures: 2 });
    expect(result.reason).toBe(
      'Stage 1 (5%): the metrics could not be read 2 times in a row (prometheus: connection refused), so the canary could not be judged. All traffic is back on the stable version.',
    );
    expect(result.looks.map((l) => l.metricsFailure ?? 'ok')).toEqual([
      'ok',
      'connection refused',
      'connection refused',
    ]);
  });

  it('rolls back when traffic cannot be moved', async () => {
    const traffic = new FakeTraffic(25);
    const result = await runRollout(settings, ports(traffic, new FakeMetrics(() => window([100, 0], [1900, 2]))));
    expect(result).toMatchObject({ result: 'rolled-back', cause: 'traffic-failed', failedStage: 2 });
    expect(result.reason).toMatch(
      /^Stage 2: setting the canary weight to 25% failed: nginx: \[emerg\] invalid weight 25\./,
    );
  });

  it('returns traffic to stable when the job is cancelled', async () => {
    const traffic = new FakeTraffic();
    const controller = new AbortController();
    const metrics = new FakeMetrics((look) => {
      if (look === 2) controller.abort();
      return window([100, 0], [1900, 2]);
    });
    const result = await runRollout(settings, ports(traffic, metrics, { signal: controller.signal }));
    expect(result).toMatchObject({ result: 'rolled-back', cause: 'cancelled' });
    expect(traffic.calls.at(-1)).toBe('abort');
  });
});
