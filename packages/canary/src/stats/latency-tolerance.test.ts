import { describe, expect, it } from 'vitest';
import { toleratedLatencies, toleratedMs } from './latency-tolerance.js';

describe('toleratedMs', () => {
  it('takes the larger of the relative tolerance and the floor, plus one resolution step', () => {
    const tolerance = { factor: 1.1, floorMs: 5, resolutionMs: 1 };
    expect(toleratedMs(6, tolerance)).toBe(12);
    expect(toleratedMs(200, tolerance)).toBe(221);
    expect(toleratedMs(100, { ...tolerance, resolutionMs: 0 })).toBe(110);
  });
});

describe('toleratedLatencies', () => {
  it('raises every point and keeps counts, without floating-point noise that would break ties', () => {
    expect(
      toleratedLatencies(
        [
          { valueMs: 100, count: 3 },
          { valueMs: 12.5, count: 1 },
        ],
        { factor: 1.1, floorMs: 0, resolutionMs: 0 },
      ),
    ).toEqual([
      { valueMs: 110, count: 3 },
      { valueMs: 13.75, count: 1 },
    ]);
  });
});
