import { describe, expect, it } from 'vitest';
import type { LatencyPoint } from '../ports.js';
import { mannWhitneyU, scaleLatencies } from './mann-whitney.js';

const ones = (values: number[]): LatencyPoint[] => values.map((valueMs) => ({ valueMs, count: 1 }));

describe('mannWhitneyU', () => {
  it('matches a hand-computed small example without ties', () => {
    // x = 3, 5, 7 against y = 1, 2, 4, 6: 3 beats 2 values, 5 beats 3, 7 beats 4, so U = 9 of 12 pairs.
    // μ = 6, σ² = 3·4·8/12 = 8, z = (9 − 6 − ½)/√8 = 0.8839; scipy's mannwhitneyu(greater) gives p = 0.18838.
    const result = mannWhitneyU(ones([3, 5, 7]), ones([1, 2, 4, 6]));
    expect(result?.u).toBe(9);
    expect(result?.effect).toBe(0.75);
    expect(result?.z).toBeCloseTo(2.5 / Math.sqrt(8), 12);
    expect(result?.pGreater).toBeCloseTo(0.188379558905791, 10);
  });

  it('counts ties as half a win and corrects the variance for them', () => {
    // x = 1, 2, 2, 3, 3, 3 against y = 2, 3, 4, 4: U = 0 + 2·½ + 3·(1 + ½) = 5.5 (scipy: p = 0.94124).
    const result = mannWhitneyU(ones([1, 2, 2, 3, 3, 3]), ones([2, 3, 4, 4]));
    expect(result?.u).toBe(5.5);
    expect(result?.pGreater).toBeCloseTo(0.9412375659516804, 10);
  });

  it('gives the same answer for weighted points as for the requests spelled out', () => {
    const x = [120, 130, 130, 150, 200, 200, 200];
    const y = [100, 110, 120, 120, 130, 180];
    const weighted = mannWhitneyU(
      [
        { valueMs: 200, count: 3 },
        { valueMs: 120, count: 1 },
        { valueMs: 130, count: 2 },
        { valueMs: 150, count: 1 },
      ],
      [
        { valueMs: 120, count: 2 },
        { valueMs: 100, count: 1 },
        { valueMs: 110, count: 1 },
        { valueMs: 130, count: 1 },
        { valueMs: 180, count: 1 },
      ],
    );
    expect(weighted).toEqual(mannWhitneyU(ones(x), ones(y)));
    expect(weighted?.u).toBe(35);
    expect(weighted?.pGreater).toBeCloseTo(0.02492963779431898, 10);
  });

  it('has z 0 and p ½ when every value is tied, and is undefined when a side is empty', () => {
    const result = mannWhitneyU([{ valueMs: 100, count: 50 }], [{ valueMs: 100, count: 70 }]);
    expect(result).toMatchObject({ u: 1750, z: 0, pGreater: 0.5, effect: 0.5 });
    expect(mannWhitneyU([], ones([1]))).toBeUndefined();
  });
});

describe('scaleLatencies', () => {
  it('multiplies values and keeps counts, without floating-point noise that would break ties', () => {
    expect(100 * 1.1).not.toBe(110);
    expect(
      scaleLatencies(
        [
          { valueMs: 100, count: 3 },
          { valueMs: 12.5, count: 1 },
        ],
        1.1,
      ),
    ).toEqual([
      { valueMs: 110, count: 3 },
      { valueMs: 13.75, count: 1 },
    ]);
  });
});
