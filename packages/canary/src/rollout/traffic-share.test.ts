import { describe, expect, it } from 'vitest';
import { binomialLowerTailBound, SHARE_ALPHA, starvedCanary } from './traffic-share.js';

describe('binomialLowerTailBound', () => {
  it('is exact at zero and bounds the exact tail from above', () => {
    expect(binomialLowerTailBound(0, 100, 0.05)).toBeCloseTo(0.95 ** 100, 12);
    // Exact P(X ≤ 2) for n = 40, p = 0.25, summed directly.
    const choose = (n: number, k: number): number => (k === 0 ? 1 : (choose(n, k - 1) * (n - k + 1)) / k);
    const exact = [0, 1, 2].reduce((sum, k) => sum + choose(40, k) * 0.25 ** k * 0.75 ** (40 - k), 0);
    const bound = binomialLowerTailBound(2, 40, 0.25);
    expect(bound).toBeGreaterThanOrEqual(exact);
    expect(bound).toBeLessThan(exact * 20);
  });

  it('is 1 at or above the expected count, and for empty or degenerate inputs', () => {
    expect(binomialLowerTailBound(10, 40, 0.25)).toBe(1);
    expect(binomialLowerTailBound(0, 0, 0.25)).toBe(1);
    expect(binomialLowerTailBound(0, 10, 0)).toBe(1);
  });
});

describe('starvedCanary', () => {
  const weighted = { weight: 25, stageOver: false, splitsByWeight: true, settled: true };

  it('fails a stage that ends with no canary request while the others had some, for any source', () => {
    for (const splitsByWeight of [true, false]) {
      expect(
        starvedCanary({ canary: 0, others: 3 }, { weight: 5, stageOver: true, splitsByWeight, settled: true }),
      ).toBe(
        'the canary stopped receiving traffic (0 of 3 requests in this stage at a weight of 5%, about 0 expected)',
      );
    }
    expect(
      starvedCanary({ canary: 0, others: 0 }, { weight: 5, stageOver: true, splitsByWeight: true, settled: true }),
    ).toBe(undefined);
  });

  it('waits for the stage to end before failing a few requests without a canary one', () => {
    expect(starvedCanary({ canary: 0, others: 40 }, weighted)).toBeUndefined();
    expect(starvedCanary({ canary: 0, others: 40 }, { ...weighted, splitsByWeight: false })).toBeUndefined();
  });

  it('fails early once the share is far below the weight and too unlikely for a canary receiving it', () => {
    expect(starvedCanary({ canary: 0, others: 60 }, weighted)).toMatch(
      /^the canary stopped receiving traffic \(0 of 60/,
    );
    expect(starvedCanary({ canary: 5, others: 995 }, weighted)).toMatch(/5 of 1000 requests .* below 1e-6\)$/);
    // Below a quarter of the weight but not yet improbable enough: keep looking.
    expect(binomialLowerTailBound(1, 40, 0.25)).toBeGreaterThan(SHARE_ALPHA);
    expect(starvedCanary({ canary: 1, others: 39 }, weighted)).toBeUndefined();
    // Improbable but not far below the weight: not starved. 31 of 303 at 25% is what a healthy canary got through
    // real nginx on a loaded machine right after the reload that set its weight.
    expect(starvedCanary({ canary: 200_000, others: 800_000 }, weighted)).toBeUndefined();
    expect(binomialLowerTailBound(31, 303, 0.25)).toBeLessThan(SHARE_ALPHA);
    expect(starvedCanary({ canary: 31, others: 272 }, weighted)).toBeUndefined();
    expect(starvedCanary({ canary: 5, others: 995 }, { ...weighted, splitsByWeight: false })).toBeUndefined();
    // The stage's first look spans the reload (old workers keep the old split): measured 3 of 224 at 10%.
    expect(starvedCanary({ canary: 3, others: 221 }, { ...weighted, weight: 10, settled: false })).toBeUndefined();
    expect(starvedCanary({ canary: 3, others: 221 }, { ...weighted, weight: 10 })).toMatch(/3 of 224 requests/);
    expect(starvedCanary({ canary: 0, others: 40 }, { ...weighted, stageOver: true, settled: false })).toMatch(
      /stopped receiving traffic/,
    );
  });
});
