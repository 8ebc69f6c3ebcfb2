import { describe, expect, it } from 'vitest';
import { normalCdf, normalSf } from './normal.js';

// Reference values from scipy.stats.norm (double precision).
describe('normalCdf', () => {
  it.each([
    [0, 0.5],
    [0.5, 0.6914624612740131],
    [1, 0.8413447460685429],
    [-1.96, 0.024997895148220435],
    [-3, 0.0013498980316300946],
  ])('Φ(%d) = %d to 1e-12', (z, expected) => {
    expect(normalCdf(z)).toBeCloseTo(expected, 12);
  });

  it.each([
    [-5, 2.866515718791939e-7],
    [-8, 6.22096057427178e-16],
    [-10, 7.619853024160527e-24],
  ])('keeps relative accuracy in the far tail: Φ(%d) = %d', (z, expected) => {
    expect(Math.abs(normalCdf(z) - expected) / expected).toBeLessThan(1e-7);
  });

  it('is 0 and 1 at the extremes and NaN for NaN', () => {
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
    expect(normalCdf(Number.NaN)).toBeNaN();
  });
});

describe('normalSf', () => {
  it('is the upper tail, accurate where 1 − Φ would round to 0', () => {
    expect(normalSf(1.96)).toBeCloseTo(0.024997895148220435, 12);
    expect(Math.abs(normalSf(6) - 9.865876450376946e-10) / 9.865876450376946e-10).toBeLessThan(1e-7);
    expect(normalSf(-40)).toBe(1);
  });
});
