import { describe, expect, it } from 'vitest';
import { mergeLatencies, totalCount, weightedPercentile } from './weighted-percentile.js';

const ones = (values: number[]) => values.map((valueMs) => ({ valueMs, count: 1 }));

describe('weightedPercentile', () => {
  it('takes the nearest rank of single requests: p95 of 1..100 is 95, p50 is 50', () => {
    const points = ones(Array.from({ length: 100 }, (_, i) => 100 - i));
    expect(weightedPercentile(points, 0.95)).toBe(95);
    expect(weightedPercentile(points, 0.5)).toBe(50);
    expect(weightedPercentile(points, 1)).toBe(100);
    expect(weightedPercentile(points, 0)).toBe(1);
  });

  it('weighs histogram buckets by their counts', () => {
    // 90 requests at 100 ms, 6 at 200 ms, 4 at 1000 ms: ranks 91-96 are 200 ms, 97-100 are 1000 ms.
    const points = [
      { valueMs: 1000, count: 4 },
      { valueMs: 100, count: 90 },
      { valueMs: 200, count: 6 },
    ];
    expect(weightedPercentile(points, 0.9)).toBe(100);
    expect(weightedPercentile(points, 0.95)).toBe(200);
    expect(weightedPercentile(points, 0.97)).toBe(1000);
  });

  it('is undefined with no requests and rejects a quantile outside 0-1', () => {
    expect(weightedPercentile([], 0.95)).toBeUndefined();
    expect(weightedPercentile([{ valueMs: 5, count: 0 }], 0.95)).toBeUndefined();
    expect(() => weightedPercentile(ones([1]), 95)).toThrow('A percentile must be between 0 and 1, got 95.');
  });
});

describe('mergeLatencies', () => {
  it('sums equal values across lists, sorts them and drops empty points', () => {
    const merged = mergeLatencies([
      [
        { valueMs: 20, count: 2 },
        { valueMs: 10, count: 1 },
      ],
      [
        { valueMs: 20, count: 3 },
        { valueMs: 5, count: 0 },
      ],
    ]);
    expect(merged).toEqual([
      { valueMs: 10, count: 1 },
      { valueMs: 20, count: 5 },
    ]);
    expect(totalCount(merged)).toBe(6);
  });
});
