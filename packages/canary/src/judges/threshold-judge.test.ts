import { describe, expect, it } from 'vitest';
import type { JudgeInput } from '../judge-model.js';
import type { LatencyPoint, MetricsWindow } from '../ports.js';
import { createThresholdJudge, DEFAULT_THRESHOLD_LIMITS } from './threshold-judge.js';

const side = (requests: number, errors: number, latencies: LatencyPoint[] = []) => ({ requests, errors, latencies });
const window = (canary: ReturnType<typeof side>, stable: ReturnType<typeof side>): MetricsWindow => ({
  ok: true,
  source: 'test',
  canary,
  stable,
});
/** 100 requests whose p95 is `p95` (ranks 95-100), the rest at 100 ms. */
const withP95 = (p95: number): LatencyPoint[] => [
  { valueMs: 100, count: 94 },
  { valueMs: p95, count: 6 },
];
const input = (windows: MetricsWindow[], extra: Partial<JudgeInput> = {}): JudgeInput => ({
  windows,
  stageStart: 0,
  look: 1,
  minSamples: 50,
  ...extra,
});
const judge = createThresholdJudge(DEFAULT_THRESHOLD_LIMITS);
const statusAndReason = (windows: MetricsWindow[], extra: Partial<JudgeInput> = {}) =>
  judge.evaluate(input(windows, extra)).map((v) => [v.metric, v.status, v.reason]);

describe('createThresholdJudge', () => {
  describe('error rate', () => {
    it('fails above the absolute limit, with stable beside it', () => {
      const [verdict] = judge.evaluate(input([window(side(1000, 98), side(1000, 1))]));
      expect(verdict).toMatchObject({
        metric: 'error-rate',
        status: 'fail',
        reason: 'canary error rate 9.8% is above the limit of 5.0% (stable 0.1%)',
        canary: 0.098,
        stable: 0.001,
      });
      expect(verdict?.details).toMatchObject({
        canaryRequests: 1000,
        canaryErrors: 98,
        stableRequests: 1000,
        stableErrors: 1,
      });
    });

    it('fails more than the allowed points above stable', () => {
      expect(statusAndReason([window(side(1000, 12), side(1000, 3))])).toEqual([
        [
          'error-rate',
          'fail',
          "canary error rate 1.2% is 0.9 points above stable's 0.3%, more than the allowed 0.5 points",
        ],
      ]);
    });

    it('passes within both limits, saying how it compares with stable', () => {
      expect(statusAndReason([window(side(1000, 4), side(1000, 3))])).toEqual([
        [
          'error-rate',
          'pass',
          "canary error rate 0.4% is within the limit of 5.0% and 0.1 points above stable's 0.3% (allowed 0.5 points)",
        ],
      ]);
      expect(statusAndReason([window(side(1000, 2), side(1000, 3))])[0]?.[2]).toBe(
        "canary error rate 0.2% is within the limit of 5.0% and 0.1 points below stable's 0.3% (allowed 0.5 points)",
      );
    });

    it('is inconclusive with too few canary requests, saying "not enough data", never "error rate high"', () => {
      // 6 errors in 12 requests is 50%: still not a failure on 12 requests.
      expect(statusAndReason([window(side(12, 6), side(500, 1))])).toEqual([
        ['error-rate', 'inconclusive', 'not enough data: 12 canary requests, 50 needed'],
      ]);
      expect(statusAndReason([window(side(12, 0), side(30, 0))])).toEqual([
        ['error-rate', 'inconclusive', 'not enough data: 12 canary and 30 stable requests, 50 needed each'],
      ]);
    });

    it('shows no rate, rather than 0%, when there were no requests', () => {
      const [verdict] = judge.evaluate(input([window(side(0, 0), side(0, 0))]));
      expect(verdict?.status).toBe('inconclusive');
      expect(verdict?.canary).toBeNaN();
      expect(verdict?.stable).toBeNaN();
    });

    it('is inconclusive when stable is too small to compare with, unless the absolute limit already fails', () => {
      expect(statusAndReason([window(side(1000, 4), side(30, 0))])).toEqual([
        [
          'error-rate',
          'inconclusive',
          'not enough data: 30 stable requests, 50 needed to compare with (canary error rate 0.4% is within the limit of 5.0%)',
        ],
      ]);
      expect(statusAndReason([window(side(1000, 98), side(0, 0))])).toEqual([
        ['error-rate', 'fail', 'canary error rate 9.8% is above the limit of 5.0% (stable had no requests)'],
      ]);
    });

    it('judges only the windows of the current stage', () => {
      const bad = window(side(1000, 98), side(1000, 1));
      const good = window(side(1000, 4), side(1000, 3));
      expect(judge.evaluate(input([bad, good], { stageStart: 1 }))[0]?.status).toBe('pass');
      expect(judge.evaluate(input([bad, good], { stageStart: 0 }))[0]?.status).toBe('fail');
    });

    it('uses the limits it is given', () => {
      const strict = createThresholdJudge({ ...DEFAULT_THRESHOLD_LIMITS, maxErrorRate: 0.003 });
      expect(strict.evaluate(input([window(side(1000, 4), side(1000, 3))]))[0]?.reason).toBe(
        'canary error rate 0.4% is above the limit of 0.3% (stable 0.3%)',
      );
    });
  });

  describe('latency', () => {
    it('fails a p95 above the absolute limit', () => {
      expect(statusAndReason([window(side(100, 0, withP95(6200)), side(100, 0, withP95(180)))])[1]).toEqual([
        'latency',
        'fail',
        'canary p95 latency 6200 ms is above the limit of 5000 ms (stable 180 ms)',
      ]);
    });

    it('fails a p95 more than the allowed share above stable', () => {
      const verdicts = judge.evaluate(input([window(side(100, 0, withP95(260)), side(100, 0, withP95(200)))]));
      expect(verdicts[1]).toMatchObject({
        metric: 'latency',
        status: 'fail',
        reason:
          "canary p95 latency 260 ms is 30% above stable's 200 ms, more than the allowed 10%, at least 5 ms: up to 220 ms",
        canary: 260,
        stable: 200,
      });
    });

    it('never fails an increase below the floor in milliseconds, whatever the share', () => {
      const flat = (valueMs: number): LatencyPoint[] => [{ valueMs, count: 100 }];
      expect(statusAndReason([window(side(100, 0, flat(14)), side(100, 0, flat(10)))])[1]?.[1]).toBe('pass');
      expect(statusAndReason([window(side(100, 0, flat(16)), side(100, 0, flat(10)))])[1]?.[1]).toBe('fail');
    });

    it('passes within both limits', () => {
      expect(statusAndReason([window(side(100, 0, withP95(205)), side(100, 0, withP95(200)))])[1]).toEqual([
        'latency',
        'pass',
        "canary p95 latency 205 ms is within the limit of 5000 ms and 2.5% above stable's 200 ms (allowed 10%, at least 5 ms: up to 220 ms)",
      ]);
    });

    it('adds one resolution step to the allowed increase: rounding alone can make one', () => {
      // 221 ms against an allowed 220: a fail at microsecond resolution, not at nginx's whole milliseconds.
      const oneStep = window(side(100, 0, withP95(221)), side(100, 0, withP95(200)));
      expect(statusAndReason([oneStep])[1]?.[1]).toBe('fail');
      expect(statusAndReason([{ ...oneStep, latencyResolutionMs: 1 }])[1]).toEqual([
        'latency',
        'pass',
        "canary p95 latency 221 ms is within the limit of 5000 ms and 10.5% above stable's 200 ms (allowed 10%, at least 5 ms, + 1 ms resolution: up to 221 ms)",
      ]);
      expect(
        statusAndReason([
          { ...window(side(100, 0, withP95(222)), side(100, 0, withP95(200))), latencyResolutionMs: 1 },
        ])[1]?.[1],
      ).toBe('fail');
    });

    it("shows the latency of the stage's warm-up without judging it, and judges errors from the first request", () => {
      const timed = (w: MetricsWindow, fromS: number, toS: number): MetricsWindow => ({
        ...w,
        timing: { fromMs: fromS * 1000, toMs: toS * 1000, stageStartMs: 0 },
      });
      const cold = timed(window(side(100, 0, withP95(900)), side(100, 0, withP95(200))), 0, 30);
      expect(statusAndReason([cold])[1]).toEqual([
        'latency',
        'inconclusive',
        "nothing to judge yet: this look is in the stage's warm-up (its first 30s), so its latency is shown, not judged: canary p95 900 ms vs stable 200 ms",
      ]);
      const warm = timed(window(side(100, 0, withP95(205)), side(100, 0, withP95(200))), 30, 60);
      expect(statusAndReason([cold, warm])[1]?.[1]).toBe('pass');
      const crashing = timed(window(side(100, 100, withP95(900)), side(100, 0, withP95(200))), 0, 30);
      expect(statusAndReason([crashing])[0]?.[1]).toBe('fail');
    });

    it('is inconclusive with too few requests timed', () => {
      const few: LatencyPoint[] = [{ valueMs: 9000, count: 12 }];
      expect(statusAndReason([window(side(12, 0, few), side(100, 0, withP95(200)))])[1]).toEqual([
        'latency',
        'inconclusive',
        'not enough data: 12 canary requests timed, 50 needed',
      ]);
      expect(statusAndReason([window(side(100, 0, withP95(205)), side(100, 0, []))])[1]).toEqual([
        'latency',
        'inconclusive',
        'not enough data: 0 stable requests timed, 50 needed to compare with (canary p95 latency 205 ms is within the limit of 5000 ms)',
      ]);
    });

    it('gives no latency verdict when the source measures no latency', () => {
      expect(judge.evaluate(input([window(side(1000, 4), side(1000, 3))])).map((v) => v.metric)).toEqual([
        'error-rate',
      ]);
    });

    it('stays inconclusive, not silent, when latency was measured earlier in the rollout but not in this stage', () => {
      const earlier = window(side(100, 0, withP95(200)), side(100, 0, withP95(200)));
      const now = window(side(1000, 4), side(1000, 3));
      expect(statusAndReason([earlier, now], { stageStart: 1 })[1]).toEqual([
        'latency',
        'inconclusive',
        'not enough data: 0 canary and 0 stable requests timed, 50 needed each',
      ]);
    });
  });

  it('rejects impossible limits, naming each', () => {
    expect(() => createThresholdJudge({ ...DEFAULT_THRESHOLD_LIMITS, maxErrorRate: 5, maxP95Ms: 0 })).toThrow(
      'Threshold judge: maxErrorRate must be a share from 0 to 1, got 5; maxP95Ms must be above 0, got 0.',
    );
  });
});
