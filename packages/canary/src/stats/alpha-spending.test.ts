import { describe, expect, it } from 'vitest';
import { alphaToSpend, alphaToSpendWithReserve, spent } from './alpha-spending.js';

describe('alphaToSpend', () => {
  it('spends evenly with ρ = 1 and adds up to alpha over the planned looks', () => {
    expect(alphaToSpend(0.01, 1, 4, 1)).toBeCloseTo(0.0025, 15);
    const total = Array.from({ length: 60 }, (_, i) => alphaToSpend(0.01, i + 1, 60, 3)).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(0.01, 15);
  });

  it('saves alpha for late looks with ρ = 3: look 1 of 4 spends α/64, look 4 spends 37α/64', () => {
    expect(alphaToSpend(0.01, 1, 4, 3)).toBeCloseTo(0.01 / 64, 15);
    expect(alphaToSpend(0.01, 4, 4, 3)).toBeCloseTo((0.01 * 37) / 64, 15);
  });

  it('spends nothing beyond the plan or before the first look', () => {
    expect(alphaToSpend(0.01, 5, 4, 1)).toBe(0);
    expect(alphaToSpend(0.01, 0, 4, 1)).toBe(0);
  });
});

describe('spent', () => {
  it('is α·t^ρ, capped at α', () => {
    expect(spent(0.01, 0.5, 2)).toBeCloseTo(0.0025, 15);
    expect(spent(0.01, 2, 2)).toBe(0.01);
  });
});

describe('alphaToSpendWithReserve', () => {
  it('spends (1 − reserve)·α over the planned looks, then the reserve as 1/j − 1/(j + 1), never above α in all', () => {
    expect(alphaToSpendWithReserve(0.01, 1, 4, 1, 0.1)).toBeCloseTo(0.00225, 15);
    expect(alphaToSpendWithReserve(0.01, 5, 4, 1, 0.1)).toBeCloseTo(0.0005, 15);
    expect(alphaToSpendWithReserve(0.01, 6, 4, 1, 0.1)).toBeCloseTo(0.001 / 6, 15);
    const total = Array.from({ length: 10_000 }, (_, i) => alphaToSpendWithReserve(0.01, i + 1, 4, 1, 0.1)).reduce(
      (a, b) => a + b,
      0,
    );
    expect(total).toBeLessThanOrEqual(0.01);
    expect(total).toBeGreaterThan(0.00999);
    expect(alphaToSpendWithReserve(0.01, 1_000_000, 4, 1, 0.1)).toBeGreaterThan(0);
  });
});
