import { describe, expect, it } from 'vitest';
import { defaultAlternatives, mixtureLogLikelihoodRatio } from '../stats/error-source-test.js';
import type { JudgeInput, StatisticalSettings } from '../judge-model.js';
import type { LatencyPoint, MetricsWindow } from '../ports.js';
import { seededRandom, simulateWindow, type SideModel } from './simulated-traffic.js';
import {
  createStatisticalJudge,
  DEFAULT_STATISTICAL_SETTINGS,
  DEFAULT_STATISTICAL_TUNING,
  plannedLooksFor,
} from './statistical-judge.js';

const side = (requests: number, errors: number, latencies: LatencyPoint[] = []) => ({ requests, errors, latencies });
const window = (canary: ReturnType<typeof side>, stable: ReturnType<typeof side>): MetricsWindow => ({
  ok: true,
  source: 'test',
  canary,
  stable,
});
const at = (valueMs: number, count: number): LatencyPoint => ({ valueMs, count });
const input = (windows: MetricsWindow[], extra: Partial<JudgeInput> = {}): JudgeInput => ({
  windows,
  stageStart: 0,
  look: windows.length,
  minSamples: 50,
  ...extra,
});
const settings: StatisticalSettings = { ...DEFAULT_STATISTICAL_SETTINGS, plannedLooks: 10 };
const judge = createStatisticalJudge(settings);
const statusAndReason = (windows: MetricsWindow[], extra: Partial<JudgeInput> = {}) =>
  judge.evaluate(input(windows, extra)).map((v) => [v.metric, v.status, v.reason]);

const BASE: SideModel = { errorRate: 0.005, medianMs: 100, sigma: 0.4 };

/** The look at which the judge first fails over `looks` simulated windows, or undefined. */
function firstFailure(
  judgeToRun: ReturnType<typeof createStatisticalJudge>,
  seed: number,
  canary: SideModel,
  looks: number,
  requests: { canary: number; stable: number },
  withLatency: boolean,
  minSamples = 50,
): number | undefined {
  const random = seededRandom(seed);
  const windows: MetricsWindow[] = [];
  for (let look = 1; look <= looks; look++) {
    windows.push(simulateWindow(random, canary, BASE, requests, withLatency));
    if (judgeToRun.evaluate({ windows, stageStart: 0, look, minSamples }).some((v) => v.status === 'fail')) return look;
  }
  return undefined;
}

describe('createStatisticalJudge', () => {
  describe('error rate', () => {
    it('fails once the likelihood ratio reaches 1/α, with the numbers behind it', () => {
      const [verdict] = judge.evaluate(input([window(side(1000, 50), side(1000, 5))]));
      expect(verdict).toMatchObject({
        metric: 'error-rate',
        status: 'fail',
        canary: 0.05,
        stable: 0.005,
        reason:
          'canary error rate 5.0% (50 of 1000 requests) vs stable 0.5% (5 of 1000): likelihood ratio 3.1e+8 ≥ 125, evidence of a regression of 2× or more, 4.5 points above stable, more than the allowed 0.5 points',
      });
      // α is split between the two metrics: the error test has 80% of it and fails at 1/0.008 = 125.
      expect(verdict?.details).toMatchObject({
        canaryErrors: 50,
        canaryRequests: 1000,
        stableErrors: 5,
        stableRequests: 1000,
        alpha: 0.008,
      });
      expect(verdict?.details.threshold).toBeCloseTo(125, 9);
      expect(verdict?.details.logLikelihoodRatio).toBeCloseTo(
        mixtureLogLikelihoodRatio(
          [{ canaryRequests: 1000, canaryErrors: 50, stableRequests: 1000, stableErrors: 5 }],
          1,
          defaultAlternatives(2),
        ),
        9,
      );
    });

    it('passes with no evidence of a regression, reporting Λ', () => {
      expect(statusAndReason([window(side(1000, 5), side(1000, 5))])).toEqual([
        [
          'error-rate',
          'pass',
          'canary error rate 0.5% (5 of 1000 requests) vs stable 0.5% (5 of 1000): likelihood ratio 0.4 < 125, no evidence of a regression of 2× or more',
        ],
      ]);
    });

    it('passes an increase that is certain but within the floor in points, and says so', () => {
      // 0.1% → 0.4% on 100000 requests a side: Λ is astronomical, but 0.3 points is below the 0.5 allowed.
      const certain = [window(side(100_000, 400), side(100_000, 100))];
      expect(statusAndReason(certain)).toEqual([
        [
          'error-rate',
          'pass',
          'canary error rate 0.4% (400 of 100000 requests) vs stable 0.1% (100 of 100000): likelihood ratio 7.1e+40 ≥ 125, evidence of a regression of 2× or more, but only 0.3 points above stable (allowed 0.5 points)',
        ],
      ]);
      const noFloor = createStatisticalJudge({ ...settings, errorRateFloor: 0 });
      expect(noFloor.evaluate(input(certain))[0]?.status).toBe('fail');
    });

    it('judges errors from the first request: a crash loop in the warm-up fails at once', () => {
      const crashing = {
        ...window(side(100, 100), side(1900, 2)),
        timing: { fromMs: 0, toMs: 10_000, stageStartMs: 0 },
      };
      expect(judge.evaluate(input([crashing]))[0]?.status).toBe('fail');
    });

    it('names the tolerated ratio when there is one', () => {
      const tolerant = createStatisticalJudge({ ...settings, errorRatioTolerance: 1.5 });
      expect(tolerant.evaluate(input([window(side(1000, 5), side(1000, 5))]))[0]?.reason).toMatch(
        /no evidence of a regression of 3× or more \(tolerated 1\.5×\)$/,
      );
    });

    it('is inconclusive with "not enough data" below min-samples on either side, even when every canary request failed', () => {
      expect(statusAndReason([window(side(12, 12), side(500, 1))])).toEqual([
        ['error-rate', 'inconclusive', 'not enough data: 12 canary requests, 50 needed'],
      ]);
      expect(statusAndReason([window(side(0, 0), side(0, 0))])).toEqual([
        ['error-rate', 'inconclusive', 'not enough data: 0 canary and 0 stable requests, 50 needed each'],
      ]);
    });

    it('accumulates evidence across stages: it looks at every window of the rollout', () => {
      // log Λ per window: 13·log(4/3) + 3·log(2/3) = 2.52; two windows reach log 125 = 4.83.
      const windows = [window(side(500, 13), side(500, 3)), window(side(500, 13), side(500, 3))];
      expect(judge.evaluate(input(windows.slice(0, 1)))[0]?.status).toBe('pass');
      expect(judge.evaluate(input(windows, { stageStart: 1 }))[0]?.status).toBe('fail');
    });

    it('catches a 10× error rate within the first window or two', () => {
      // 100 requests/s a side, a look every 10 s: 1000 requests a window.
      const looks = Array.from({ length: 100 }, (_, seed) =>
        firstFailure(judge, seed, { ...BASE, errorRate: 0.05 }, 5, { canary: 1000, stable: 1000 }, false),
      );
      expect(looks.every((look) => look !== undefined && look <= 2)).toBe(true);
      expect(looks.filter((look) => look === 1).length).toBeGreaterThan(90);
    });
  });

  describe('latency', () => {
    // Canary: 250 requests at 100 ms and 250 at 300 ms; stable × 1.1 all at 110 ms or 165 ms.
    const slowTail = window(side(500, 0, [at(100, 250), at(300, 250)]), side(500, 0, [at(100, 400), at(150, 100)]));
    const slower = window(side(500, 0, [at(200, 500)]), side(500, 0, [at(100, 500)]));

    it('fails a canary slower than stable + tolerance, with p50/p95/p99, z, p and A', () => {
      const [, verdict] = judge.evaluate(input([slower], { look: 1 }));
      expect(verdict).toMatchObject({
        metric: 'latency',
        status: 'fail',
        canary: 200,
        stable: 100,
        reason:
          'canary latency p50 200 ms / p95 200 ms / p99 200 ms vs stable p50 100 ms / p95 100 ms / p99 100 ms: slower than stable + 10% (at least + 5 ms) (z 31.61, p 1.5e-219 < 9.0e-5 at look 1 of 10, A 1.000 ≥ 0.53)',
      });
      // The latency tests have 20% of α = 0.002, 90% of it spent evenly over 10 looks (10% kept in reserve),
      // and half of each look's share goes to the shift test.
      expect(verdict?.details).toMatchObject({
        canaryP50: 200,
        canaryP95: 200,
        stableP50: 100,
        stableP95: 100,
        effect: 1,
      });
      expect(verdict?.details.alphaSpent).toBeCloseTo(0.00018, 12);
      expect(verdict?.details.shiftAlphaSpent).toBeCloseTo(0.00009, 12);
    });

    it('leaves the tail untested until stable has enough requests to place its p99', () => {
      expect(statusAndReason([slowTail], { look: 3 })[1]).toEqual([
        'latency',
        'pass',
        'canary latency p50 100 ms / p95 300 ms / p99 300 ms vs stable p50 100 ms / p95 150 ms / p99 150 ms: not shown slower than stable + 10% (at least + 5 ms) (z -0.00, p 0.5, A 0.500; p ≥ 9.0e-5 at look 3 of 10); p99 tail not tested before stable has 1000 requests timed',
      ]);
    });

    it("fails a canary whose p99 is four times stable's with the same median, naming the percentile", () => {
      // Stable: p50 100 ms, p99 150 ms (1% above it). Canary: same median, 6% of requests at 600 ms.
      const stable = side(2000, 0, [at(100, 1900), at(150, 80), at(200, 20)]);
      const canary = side(500, 0, [at(100, 450), at(150, 20), at(600, 30)]);
      const [, verdict] = judge.evaluate(input([window(canary, stable)], { look: 1 }));
      expect(verdict?.status).toBe('fail');
      expect(verdict?.reason).toMatch(
        /^canary latency p50 100 ms \/ p95 600 ms \/ p99 600 ms vs stable p50 100 ms \/ p95 100 ms \/ p99 150 ms: the p99 tail is slower: 6\.0% of canary requests \(30 of 500\) took over 165 ms \(stable's p99 150 ms \+ tolerance\), against 1\.0% of stable's over its p99 \(p [\d.e-]+ < 9\.0e-5 at look 1 of 10\)$/,
      );
      expect(verdict?.details).toMatchObject({
        tailQuantile: 0.99,
        tailThresholdMs: 165,
        canarySlow: 30,
        stableSlow: 20,
      });
      // The shift test alone would pass it: the canary's typical request is no slower.
      expect(verdict?.details.effect).toBeLessThan(0.5);
    });

    it('does not fail a tail that is slower by less than the floor share, however certain', () => {
      // 1.5% of canary requests over stable's tolerated p99 against 1%: significant on this much traffic, but
      // below twice the 1% that p99 means.
      const stable = side(100_000, 0, [at(100, 99_000), at(150, 1000)]);
      const canary = side(100_000, 0, [at(100, 98_500), at(300, 1500)]);
      const [, verdict] = judge.evaluate(input([window(canary, stable)], { look: 1 }));
      expect(verdict?.status).toBe('pass');
      expect(verdict?.reason).toMatch(
        /p99 tail: 1\.5% of canary requests over 110 ms \(stable's p99 \+ tolerance\) vs 1\.0% of stable's over its p99 \(p [\d.e-]+; below the floor of 2\.0%, so not a failure\)$/,
      );
    });

    it('never fails a difference below the floor in milliseconds: a 1 ms slower canary at 6 ms is not a regression', () => {
      // What nginx's whole-millisecond $request_time shows for a freshly started canary of the same build.
      const cold = window(side(5000, 0, [at(7, 4000), at(13, 1000)]), side(5000, 0, [at(6, 4500), at(8, 500)]));
      expect(judge.evaluate(input([cold], { look: 5 }))[1]?.status).toBe('pass');
      const noFloor = createStatisticalJudge({ ...settings, latencyFloorMs: 0 });
      expect(noFloor.evaluate(input([cold], { look: 5 }))[1]?.status).toBe('fail');
    });

    it('passes a slowdown that is certain but too small to matter', () => {
      // 70% of canary requests just above stable × 1.1 and 30% just below: A = 0.7, certain on 20000 a side,
      // but below a required 0.75.
      const slight = window(side(20000, 0, [at(109, 6000), at(111, 14000)]), side(20000, 0, [at(100, 20000)]));
      // The tail test would fail it (its p99, 111 ms, is above 110): this is about the shift test's effect floor.
      const wide = createStatisticalJudge(settings, {
        ...DEFAULT_STATISTICAL_TUNING,
        minLatencyEffect: 0.75,
        minTailRatio: 100,
      });
      const [, verdict] = wide.evaluate(input([slight], { look: 1 }));
      expect(verdict?.status).toBe('pass');
      expect(verdict?.reason).toMatch(
        /: slower than stable \+ 10% \(at least \+ 5 ms\) by too small an effect to fail \(A 0\.700 < 0\.75; z [\d.]+, p [\d.e-]+\);/,
      );
    });

    it('still fails a clearly worse canary after the planned looks, on the reserve, and says so', () => {
      const [, verdict] = judge.evaluate(input([slower], { look: 11 }));
      expect(verdict?.status).toBe('fail');
      expect(verdict?.reason).toMatch(/ < 5\.0e-5 at look 11, beyond the 10 planned, on the alpha reserve, A 1\.000/);
      // Look planned + j spends reserve × (1/j − 1/(j + 1)): half the reserve (0.1 × 0.002) at the first, half to the shift test.
      expect(verdict?.details).toMatchObject({ beyondPlan: 1, plannedLooks: 10 });
      expect(verdict?.details.alphaSpent).toBeCloseTo(0.0001, 12);
      expect(judge.evaluate(input([slower], { look: 1000 }))[1]?.status).toBe('fail');
    });

    it("counts the source's resolution as tolerance: one step more than the floor is not a regression", () => {
      // Stable at 100 ms, canary at 110 ms: 10% and 10 ms, exactly the tolerance; the measured 111 ms of a
      // whole-millisecond source may be a true 110.4.
      const oneStep = window(side(5000, 0, [at(111, 5000)]), side(5000, 0, [at(100, 5000)]));
      expect(judge.evaluate(input([oneStep], { look: 1 }))[1]?.status).toBe('fail');
      const [, verdict] = judge.evaluate(input([{ ...oneStep, latencyResolutionMs: 1 }], { look: 1 }));
      expect(verdict?.status).toBe('pass');
      expect(verdict?.reason).toContain('stable + 10% (at least + 5 ms, + 1 ms resolution)');
      expect(verdict?.details.resolutionMs).toBe(1);
    });

    describe('warm-up', () => {
      const timed = (w: MetricsWindow, fromS: number, toS: number, stageS = 0): MetricsWindow => ({
        ...w,
        timing: { fromMs: fromS * 1000, toMs: toS * 1000, stageStartMs: stageS * 1000 },
      });
      const cold = window(side(500, 0, [at(300, 500)]), side(500, 0, [at(100, 500)]));
      const warm = window(side(500, 0, [at(100, 500)]), side(500, 0, [at(100, 500)]));
      const warmUp = createStatisticalJudge({ ...settings, warmUpMs: 30_000 });

      it('shows the latency of a look in the warm-up without judging it', () => {
        const windows = [timed(cold, 0, 10), timed(cold, 10, 20)];
        const [, verdict] = warmUp.evaluate(input(windows, { look: 2 }));
        expect(verdict).toMatchObject({ status: 'inconclusive', details: { warmUpWindows: 2 } });
        expect(verdict?.reason).toBe(
          "nothing to judge yet: this look is in the stage's warm-up (its first 30s), so its latency is shown, not judged: canary p95 300 ms vs stable 100 ms",
        );
      });

      it("judges latency only past each stage's warm-up, over the whole rollout", () => {
        // Stage 1 from 0 s, stage 2 from 60 s: the cold first 30 s of each are left out of latency.
        const windows = [
          timed(cold, 0, 30),
          timed(warm, 30, 60),
          timed(cold, 60, 75, 60),
          timed(cold, 75, 90, 60),
          timed(warm, 90, 120, 60),
        ];
        const verdicts = windows.map((_, i) => warmUp.evaluate(input(windows.slice(0, i + 1), { look: i + 1 }))[1]);
        expect(verdicts.map((v) => v?.status)).toEqual(['inconclusive', 'pass', 'pass', 'pass', 'pass']);
        expect(verdicts[3]?.reason).toMatch(/; this look is in the stage's warm-up \(its first 30s\), so its latency/);
        expect(verdicts[4]?.details).toMatchObject({ canaryTimed: 1000, warmUpWindows: 3 });
        // Without the warm-up the same cold starts fail the canary.
        const noWarmUp = createStatisticalJudge({ ...settings, warmUpMs: 0 });
        expect(noWarmUp.evaluate(input(windows, { look: 5 }))[1]?.status).toBe('fail');
      });
    });

    it('is inconclusive below min-samples timed on either side', () => {
      expect(statusAndReason([window(side(500, 0, [at(900, 30)]), side(500, 0, [at(100, 500)]))])[1]).toEqual([
        'latency',
        'inconclusive',
        'not enough data: 30 canary requests timed, 50 needed',
      ]);
    });

    it('gives no latency verdict when the source measures no latency', () => {
      expect(judge.evaluate(input([window(side(1000, 5), side(1000, 5))])).map((v) => v.metric)).toEqual([
        'error-rate',
      ]);
    });
  });

  describe('the tail on simulated traffic (seeded)', () => {
    it('rolls back a canary whose p99 triples with the same median, and not an identical one', () => {
      // σ 0.4 → 0.872 with the median at 100 ms: p99 from 253 ms to 760 ms, p50 unchanged.
      const heavyTail = { ...BASE, sigma: 0.872 };
      const caught = Array.from({ length: 40 }, (_, seed) =>
        firstFailure(judge30, 300 + seed, heavyTail, 30, { canary: 200, stable: 200 }, true),
      );
      expect(caught.filter((look) => look !== undefined && look <= 10).length).toBeGreaterThanOrEqual(38);
      const same = Array.from({ length: 40 }, (_, seed) =>
        firstFailure(judge30, 300 + seed, BASE, 30, { canary: 200, stable: 200 }, true),
      );
      expect(same.filter((look) => look !== undefined)).toEqual([]);
    });
  });

  describe('false failures over repeated looks (seeded simulation)', () => {
    it('stays within α on A/A rollouts looked at every window', () => {
      // 300 rollouts of 30 looks, 200 requests a side each; α = 0.01 over both metrics (≤ 3 expected, allow 6).
      const fails = Array.from({ length: 300 }, (_, seed) =>
        firstFailure(judge30, 1000 + seed, BASE, 30, { canary: 200, stable: 200 }, true),
      ).filter((l) => l !== undefined);
      expect(fails.length).toBeLessThanOrEqual(6);
    });

    it('holds the error test at its α share with a generous α, equal or unequal traffic', () => {
      // α = 0.2 gives the error test 0.1; a plug-in or fixed-sample test read 40 times would far exceed it.
      const loose = createStatisticalJudge(
        { ...settings, alpha: 0.2, plannedLooks: 40 },
        { ...DEFAULT_STATISTICAL_TUNING, errorAlphaShare: 0.5 },
      );
      for (const requests of [
        { canary: 200, stable: 200 },
        { canary: 20, stable: 380 },
      ]) {
        const fails = Array.from({ length: 500 }, (_, seed) =>
          firstFailure(loose, 5000 + seed, BASE, 40, requests, false),
        ).filter((l) => l !== undefined);
        // 0.1 + three standard errors (0.013) of slack.
        expect(fails.length / 500).toBeLessThanOrEqual(0.14);
      }
    });

    it('holds the latency test at its α share for a canary exactly at the tolerance', () => {
      // α = 0.2 gives the latency test 0.1; no effect floor, so only the spending rule holds it.
      const loose = createStatisticalJudge(
        { ...settings, alpha: 0.2, plannedLooks: 20 },
        { ...DEFAULT_STATISTICAL_TUNING, spendingRho: 1, minLatencyEffect: 0.5, errorAlphaShare: 0.5 },
      );
      const atTolerance = { ...BASE, errorRate: 0, medianMs: 110 };
      const fails = Array.from({ length: 300 }, (_, seed) =>
        firstFailure(loose, 9000 + seed, atTolerance, 20, { canary: 200, stable: 200 }, true),
      ).filter((l) => l !== undefined);
      expect(fails.length / 300).toBeLessThanOrEqual(0.1 + 0.052);
    });
  });

  it('rejects impossible settings, naming each', () => {
    expect(() => createStatisticalJudge({ ...settings, alpha: 0, plannedLooks: 2.5 })).toThrow(
      'Statistical judge: alpha must be between 0 and 1, got 0; plannedLooks must be a whole number of 1 or more, got 2.5.',
    );
  });
});

const judge30 = createStatisticalJudge({ ...DEFAULT_STATISTICAL_SETTINGS, plannedLooks: 30 });

describe('plannedLooksFor', () => {
  it('counts the looks of every analysed stage and its extension; the promotion at 100 is not analysed', () => {
    expect(
      plannedLooksFor({ stages: [5, 10, 25, 50, 100], stageDurationMs: 150_000, analysisIntervalMs: 10_000 }),
    ).toBe(60);
    expect(plannedLooksFor({ stages: [100], stageDurationMs: 60_000, analysisIntervalMs: 25_000 })).toBe(3);
    expect(
      plannedLooksFor({
        stages: [5, 25, 100],
        stageDurationMs: 30_000,
        analysisIntervalMs: 10_000,
        maxExtensionMs: 20_000,
      }),
    ).toBe(10);
  });
});
