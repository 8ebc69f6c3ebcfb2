import { describe, expect, it } from 'vitest';
import { binomialUpperTail } from './binomial.js';

describe('binomialUpperTail', () => {
  // Reference values: scipy.stats.binom.sf(k − 1, n, p).
  it.each([
    [3, 10, 0.2, 0.32220047360000015],
    [30, 50, 0.2, 6.936746603338707e-10],
    [1, 1000, 0.001, 0.6323045752290359],
    [2, 1000, 0.001, 0.26424108696981247],
    [400, 1000, 0.5, 0.9999999999099158],
    [5, 20, 0.5, 0.9940910339355469],
  ])('P(X ≥ %d) for n %d, p %d is %d', (k, n, p, expected) => {
    expect(Math.abs(binomialUpperTail(k, n, p) - expected) / expected).toBeLessThan(1e-9);
  });

  it('keeps relative accuracy far in the tail, where 1 − CDF would round to 0', () => {
    const value = binomialUpperTail(900, 1000, 0.5);
    expect(Math.abs(value - 6.701717790006182e-162) / 6.701717790006182e-162).toBeLessThan(1e-8);
  });

  it('is 1 for k ≤ 0, 0 above n or with p 0, 1 with p 1', () => {
    expect(binomialUpperTail(0, 5, 0.3)).toBe(1);
    expect(binomialUpperTail(6, 5, 0.3)).toBe(0);
    expect(binomialUpperTail(1, 5, 0)).toBe(0);
    expect(binomialUpperTail(5, 5, 1)).toBe(1);
  });
});
