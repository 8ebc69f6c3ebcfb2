/**
 * An advisory's severity on the findings scale. GitHub's reviewed advisories carry their own rating
 * (`database_specific.severity`: LOW, MODERATE, HIGH, CRITICAL); other records a CVSS v3 vector, whose base
 * score maps to the bands of the CVSS specification (https://www.first.org/cvss/v3.1/specification-document,
 * section 5): 9.0+ critical, 7.0+ high, 4.0+ medium, above 0 low.
 */
import type { Severity } from '@shipgate/findings';
import type { OsvRecord } from './osv-api.js';

/** The severity and where it came from ("GitHub: HIGH", "CVSS 7.5"), or `undefined` severity when the record has none. */
export function advisorySeverity(record: OsvRecord): { severity: Severity | undefined; source: string } {
  const rated = record.database_specific?.severity;
  if (typeof rated === 'string') {
    const severity = GITHUB_RATINGS[rated.toUpperCase()];
    if (severity) return { severity, source: `rated ${rated.toUpperCase()}` };
  }
  const vectors = [...(record.severity ?? []), ...(record.affected ?? []).flatMap((a) => a.severity ?? [])];
  for (const { type, score } of vectors) {
    if (type !== 'CVSS_V3') continue;
    const base = cvss3BaseScore(score);
    if (base !== undefined) return { severity: bandOf(base), source: `CVSS ${base.toFixed(1)}` };
  }
  return { severity: undefined, source: 'no severity in the advisory' };
}

const GITHUB_RATINGS: Record<string, Severity> = {
  CRITICAL: 'critical',
  HIGH: 'high',
  MODERATE: 'medium',
  MEDIUM: 'medium',
  LOW: 'low',
};

function bandOf(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return score > 0 ? 'low' : 'info';
}

const WEIGHTS: Record<string, Record<string, number>> = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  C: { H: 0.56, L: 0.22, N: 0 },
  I: { H: 0.56, L: 0.22, N: 0 },
  A: { H: 0.56, L: 0.22, N: 0 },
};

/** The CVSS 3.0/3.1 base score of a vector (`CVSS:3.1/AV:N/AC:L/…`), or `undefined` when it is not one. */
export function cvss3BaseScore(vector: string): number | undefined {
  const metrics = new Map(
    vector
      .split('/')
      .slice(1)
      .map((part) => part.split(':') as [string, string]),
  );
  if (!/^CVSS:3\.[01]$/.test(vector.split('/')[0] ?? '')) return undefined;
  const scope = metrics.get('S');
  const w = (name: string) => WEIGHTS[name]?.[metrics.get(name) ?? ''];
  const pr = { N: 0.85, L: scope === 'C' ? 0.68 : 0.62, H: scope === 'C' ? 0.5 : 0.27 }[metrics.get('PR') ?? ''];
  const [av, ac, ui, c, i, a] = ['AV', 'AC', 'UI', 'C', 'I', 'A'].map(w);
  if ([av, ac, ui, c, i, a, pr].some((v) => v === undefined) || (scope !== 'U' && scope !== 'C')) return undefined;
  const iss = 1 - (1 - c!) * (1 - i!) * (1 - a!);
  const impact = scope === 'U' ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15;
  const exploitability = 8.22 * av! * ac! * pr! * ui!;
  if (impact <= 0) return 0;
  return roundUp(Math.min((scope === 'U' ? 1 : 1.08) * (impact + exploitability), 10));
}

/** CVSS 3.1's Roundup (Appendix A): the smallest one-decimal number at or above `x`, free of float noise. */
function roundUp(x: number): number {
  const scaled = Math.round(x * 100_000);
  return scaled % 10_000 === 0 ? scaled / 100_000 : (Math.floor(scaled / 10_000) + 1) / 10;
}
