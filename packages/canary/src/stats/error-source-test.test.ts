import { describe, expect, it } from 'vitest';
import {
  defaultAlternatives,
  errorRateIncrease,
  errorSourceLogLikelihoodRatio,
  mixtureLogLikelihoodRatio,
} from './error-source-test.js';

describe('errorSourceLogLikelihoodRatio', () => {
  it('matches the formula on one window with equal traffic', () => {
    // n_c = n_s: π0 = ½, π1 = ⅔ for k = 2. 6 canary and 2 stable errors: 6·log(4/3) + 2·log(2/3).
    const value = errorSourceLogLikelihoodRatio(
      [{ canaryRequests: 1000, canaryErrors: 6, stableRequests: 1000, stableErrors: 2 }],
      1,
      2,
    );
    expect(value).toBeCloseTo(6 * Math.log(4 / 3) + 2 * Math.log(2 / 3), 12);
  });

  it('accounts for unequal traffic: a 5% canary makes each canary error strong evidence', () => {
    // n_c = 50, n_s = 950: π0 = 0.05, π1 = 100/1050.
    const pi0 = 0.05;
    const pi1 = 100 / 1050;
    const value = errorSourceLogLikelihoodRatio(
      [{ canaryRequests: 50, canaryErrors: 1, stableRequests: 950, stableErrors: 3 }],
      1,
      2,
    );
    expect(value).toBeCloseTo(Math.log(pi1 / pi0) + 3 * Math.log((1 - pi1) / (1 - pi0)), 12);
  });

  it('tests against a tolerated ratio r0 with k = detect × r0', () => {
    // r0 = 1.5, k = 3: π0 = 1.5/2.5, π1 = 3/4 with equal traffic.
    const value = errorSourceLogLikelihoodRatio(
      [{ canaryRequests: 10, canaryErrors: 1, stableRequests: 10, stableErrors: 1 }],
      1.5,
      3,
    );
    expect(value).toBeCloseTo(Math.log(0.75 / 0.6) + Math.log(0.25 / 0.4), 12);
  });

  it('adds nothing for windows where a side had no requests, and sums windows', () => {
    const one = { canaryRequests: 100, canaryErrors: 2, stableRequests: 100, stableErrors: 1 };
    expect(
      errorSourceLogLikelihoodRatio(
        [{ canaryRequests: 0, canaryErrors: 0, stableRequests: 500, stableErrors: 9 }, one, one],
        1,
        2,
      ),
    ).toBeCloseTo(2 * errorSourceLogLikelihoodRatio([one], 1, 2), 12);
    expect(
      errorSourceLogLikelihoodRatio(
        [{ canaryRequests: 100, canaryErrors: 9, stableRequests: 0, stableErrors: 0 }],
        1,
        2,
      ),
    ).toBe(0);
  });
});

describe('mixtureLogLikelihoodRatio', () => {
  it('is the log of the weighted mean of the single-alternative ratios', () => {
    const windows = [{ canaryRequests: 100, canaryErrors: 5, stableRequests: 100, stableErrors: 1 }];
    const alternatives = defaultAlternatives(2);
    const expected = Math.log(
      alternatives.reduce((sum, a) => sum + a.weight * Math.exp(errorSourceLogLikelihoodRatio(windows, 1, a.ratio)), 0),
    );
    expect(mixtureLogLikelihoodRatio(windows, 1, alternatives)).toBeCloseTo(expected, 10);
  });

  it('needs far fewer errors than 2× alone when the stable side has none', () => {
    const windows = Array.from({ length: 10 }, () => ({
      canaryRequests: 10,
      canaryErrors: 1,
      stableRequests: 10,
      stableErrors: 0,
    }));
    expect(mixtureLogLikelihoodRatio(windows, 1, defaultAlternatives(2))).toBeGreaterThan(
      errorSourceLogLikelihoodRatio(windows, 1, 2) + 1.5,
    );
  });
});

describe('errorRateIncrease', () => {
  it('weighs each window by n_c·n_s / (n_c + n_s), so a stable rate that drifts between stages does not bias it', () => {
    // Both sides 0.2 points apart in each window, while the rate and the canary's share change: 0.2 points.
    const windows = [
      { canaryRequests: 50, canaryErrors: 1.1, stableRequests: 950, stableErrors: 19 },
      { canaryRequests: 500, canaryErrors: 26, stableRequests: 500, stableErrors: 25 },
    ];
    expect(errorRateIncrease(windows)).toBeCloseTo(0.002, 12);
  });

  it('is NaN when no window has requests on both sides', () => {
    expect(errorRateIncrease([{ canaryRequests: 0, canaryErrors: 0, stableRequests: 10, stableErrors: 1 }])).toBeNaN();
  });
});
