/** Wording shared by the judges' reasons, so every verdict reads the same way. */

/** An error rate: "9.8%". With one decimal, or more when the value is below 0.1% but not zero. */
export function percent(share: number): string {
  if (Number.isNaN(share)) return 'n/a';
  const value = share * 100;
  return `${value !== 0 && Math.abs(value) < 0.1 ? value.toPrecision(1) : value.toFixed(1)}%`;
}

/** Two rates that are compared, with enough decimals (up to 3) that different values do not read the same. */
export function percents(a: number, b: number): [string, string] {
  for (let digits = 1; digits < 3; digits++) {
    const [x, y] = [(a * 100).toFixed(digits), (b * 100).toFixed(digits)];
    if (x !== y || a === b) return [`${x}%`, `${y}%`];
  }
  return [`${(a * 100).toFixed(3)}%`, `${(b * 100).toFixed(3)}%`];
}

/** A difference of error rates in percentage points: "0.9 points". */
export function points(share: number): string {
  const value = Math.abs(share * 100);
  return `${trim(value.toFixed(value !== 0 && value < 0.1 ? 2 : 1))} points`;
}

/** A relative change or tolerance: "10%", "2.5%". */
export function relative(share: number): string {
  return `${trim((Math.abs(share) * 100).toFixed(1))}%`;
}

/** A latency: "260 ms", "12.5 ms". */
export function ms(value: number): string {
  if (Number.isNaN(value)) return 'n/a';
  return `${value >= 100 ? Math.round(value) : trim(value.toFixed(1))} ms`;
}

/** A statistic such as a likelihood ratio or a p-value: three significant digits, exponent form when huge or tiny. */
export function stat(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e4 || magnitude < 1e-3)) return value.toExponential(1);
  if (magnitude >= 1000) return String(Math.round(value));
  return String(Number(value.toPrecision(3)));
}

/** A likelihood ratio from its log, without overflowing: "1840", "3.2e+12", "e^812". */
export function ratioFromLog(logValue: number): string {
  return logValue > 700 ? `e^${Math.round(logValue)}` : stat(Math.exp(logValue));
}

/**
 * The reason of every inconclusive-for-lack-of-data verdict, naming the sides that fall short:
 * "not enough data: 12 canary requests, 50 needed", "not enough data: 12 canary and 30 stable requests, 50 needed each".
 */
export function notEnoughData(
  short: { side: 'canary' | 'stable'; count: number }[],
  needed: number,
  noun = 'requests',
): string {
  const [first, second] = short;
  if (!first) throw new RangeError('notEnoughData needs at least one side that falls short.');
  if (!second) return `not enough data: ${first.count} ${first.side} ${noun}, ${needed} needed`;
  return `not enough data: ${first.count} ${first.side} and ${second.count} ${second.side} ${noun}, ${needed} needed each`;
}

/** The sides below `needed`, canary first. */
export function shortSides(
  counts: { canary: number; stable: number },
  needed: number,
  sides: ('canary' | 'stable')[] = ['canary', 'stable'],
): { side: 'canary' | 'stable'; count: number }[] {
  return sides.filter((side) => counts[side] < needed).map((side) => ({ side, count: counts[side] }));
}

function trim(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** A duration: "30s", "7.5s", "750 ms". */
export function duration(valueMs: number): string {
  return valueMs >= 1000 ? `${trim((valueMs / 1000).toFixed(1))}s` : `${Math.round(valueMs)} ms`;
}

/** A percentile's name: "p99", "p99.9". */
export function percentile(quantile: number): string {
  return `p${trim((quantile * 100).toFixed(1))}`;
}
