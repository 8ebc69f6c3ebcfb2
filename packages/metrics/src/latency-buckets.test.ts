import { describe, expect, it } from 'vitest';
import { bucketsToLatencyPoints } from './latency-buckets.js';

const bucket = (le: string, value: number) => ({ labels: { le }, value });

describe('bucketsToLatencyPoints', () => {
  it('differences cumulative buckets into points at each upper bound, in milliseconds', () => {
    const samples = [bucket('+Inf', 10), bucket('0.1', 9), bucket('0.005', 4), bucket('0.25', 9)];
    expect(bucketsToLatencyPoints(samples, 1000)).toEqual([
      { valueMs: 5, count: 4 },
      { valueMs: 100, count: 5 },
      { valueMs: 250, count: 1 },
    ]);
  });

  it('rounds extrapolated counts to whole requests and never lets a cumulative count fall', () => {
    const samples = [bucket('0.01', 2.4), bucket('0.05', 2.6), bucket('0.1', 2.4), bucket('+Inf', 3.5)];
    expect(bucketsToLatencyPoints(samples, 1000)).toEqual([
      { valueMs: 10, count: 2 },
      { valueMs: 50, count: 1 },
      { valueMs: 100, count: 1 },
    ]);
  });

  it('merges bounds written differently and takes milliseconds as they are', () => {
    expect(bucketsToLatencyPoints([bucket('5e+01', 1), bucket('50', 1), bucket('+Inf', 2)], 1)).toEqual([
      { valueMs: 50, count: 2 },
    ]);
  });

  it('returns no points for no data, NaN, or an +Inf bucket alone', () => {
    expect(bucketsToLatencyPoints([], 1000)).toEqual([]);
    expect(bucketsToLatencyPoints([bucket('0.1', NaN)], 1000)).toEqual([]);
    expect(bucketsToLatencyPoints([bucket('+Inf', 5)], 1000)).toEqual([]);
  });
});
