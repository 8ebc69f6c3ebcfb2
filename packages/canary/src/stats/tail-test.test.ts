import { describe, expect, it } from 'vitest';
import { binomialUpperTail } from './binomial.js';
import { tailTest } from './tail-test.js';

const at = (valueMs: number, count: number) => ({ valueMs, count });
const tolerance = { factor: 1.1, floorMs: 5, resolutionMs: 0 };

describe('tailTest', () => {
  it("counts requests over stable's tolerated percentile on each side and conditions on them", () => {
    // Stable's p99 is 150 ms, tolerated 165 ms; 20 of 2000 stable and 30 of 500 canary requests are slower.
    const result = tailTest(
      [at(100, 450), at(150, 20), at(600, 30)],
      [at(100, 1900), at(150, 80), at(200, 20)],
      0.99,
      tolerance,
    );
    expect(result).toMatchObject({
      quantile: 0.99,
      stableQuantileMs: 150,
      thresholdMs: 165,
      canarySlow: 30,
      canaryTimed: 500,
      stableSlow: 20,
      stableTimed: 2000,
    });
    // With 50 slow requests and the canary timing a fifth of all requests, P(canary has ≥ 30 of them).
    expect(result?.pGreater).toBe(binomialUpperTail(30, 50, 0.2));
  });

  it('finds no evidence when both sides have the same tail, and is undefined when a side is empty', () => {
    const same = [at(100, 990), at(300, 10)];
    // 10 slow requests on each side of equal size: P(X ≥ 10) for Binomial(20, ½).
    expect(tailTest(same, same, 0.95, tolerance)?.pGreater).toBeCloseTo(0.5880985260009766, 12);
    expect(tailTest([], same, 0.99, tolerance)).toBeUndefined();
    expect(tailTest(same, [], 0.99, tolerance)).toBeUndefined();
  });
});
