/**
 * The standard normal distribution. The CDF is Hart's 1968 rational approximation as given by West, "Better
 * approximations to cumulative normal functions" (Wilmott, 2005): absolute error below 1e-14, and the tail is
 * computed directly rather than as 1 − CDF, so tiny p-values (1e-12) keep their relative accuracy.
 */

const SQRT_2PI = 2.506628274631;

/** P(Z ≤ z) for a standard normal Z. */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  const tail = lowerTail(Math.abs(z));
  return z > 0 ? 1 - tail : tail;
}

/** P(Z ≥ z), the one-sided upper-tail p-value of a z statistic, accurate far into the tail. */
export function normalSf(z: number): number {
  return normalCdf(-z);
}

/** P(Z ≤ −a) for a ≥ 0. */
function lowerTail(a: number): number {
  if (a > 37) return 0;
  const e = Math.exp((-a * a) / 2);
  if (a >= 7.07106781186547) {
    // Continued fraction for the far tail.
    let b = a + 0.65;
    b = a + 4 / b;
    b = a + 3 / b;
    b = a + 2 / b;
    b = a + 1 / b;
    return e / b / SQRT_2PI;
  }
  const numerator = horner(
    a,
    [
      3.52624965998911e-2, 0.700383064443688, 6.37396220353165, 33.912866078383, 112.079291497871, 221.213596169931,
      220.206867912376,
    ],
  );
  const denominator = horner(
    a,
    [
      8.83883476483184e-2, 1.75566716318264, 16.064177579207, 86.7807322029461, 296.564248779674, 637.333633378831,
      793.826512519948, 440.413735824752,
    ],
  );
  return (e * numerator) / denominator;
}

/** Evaluates a polynomial with coefficients from the highest power down. */
function horner(x: number, coefficients: number[]): number {
  return coefficients.reduce((sum, c) => sum * x + c, 0);
}
