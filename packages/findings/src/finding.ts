/**
 * The finding model shared by security-scan (secrets, dependencies, iac, image) and error-detection: one shape
 * for annotations, the summary, the JSON report, SARIF and the exit decision.
 */

/** Severities, most severe first. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Where a finding is. Lines and columns are 1-based; `endColumn` is exclusive, as in SARIF. */
export interface FindingLocation {
  /** Repository-relative path with forward slashes. */
  file: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

export interface Finding {
  /** What produced it: `secrets`, `dependencies`, `iac`, `image`, or an error-detection check. */
  scanner: string;
  /** Stable rule id (`aws-access-key-id`, `k8s/privileged`). */
  ruleId: string;
  /** The rule's one-line description, shared by every finding of the rule. */
  title: string;
  severity: Severity;
  /** What was found, for humans. Never contains a secret: scanners put the redacted form in. */
  message: string;
  location?: FindingLocation;
  /**
   * Stable identity across runs, for baselines and deduplication. Scanners choose what goes in: secrets use the
   * rule, the file and a hash of the value (not the line, so moving a line keeps it).
   */
  fingerprint: string;
  /** The matched text with any secret redacted: safe to print. */
  snippet?: string;
  /** What to do about it. */
  help?: string;
  helpUri?: string;
  /**
   * The raw secret, present only on secret findings so the caller can mask it in logs. It must never be written
   * anywhere: every writer uses `message` and `snippet`.
   */
  secret?: string;
}

const RANK: Readonly<Record<Severity, number>> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

/** Negative when `a` is more severe than `b`. */
export function compareSeverity(a: Severity, b: Severity): number {
  return RANK[a] - RANK[b];
}

/** True when `severity` is `threshold` or more severe. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] <= RANK[threshold];
}

/** `undefined` unless `text` is one of the severities (case-insensitive). */
export function trySeverity(text: string): Severity | undefined {
  const lower = text.trim().toLowerCase();
  return (SEVERITIES as readonly string[]).includes(lower) ? (lower as Severity) : undefined;
}

/** Most severe first, then by file, line and column, then rule: the order reports and annotations use. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareSeverity(a.severity, b.severity) ||
      compareText(a.location?.file ?? '', b.location?.file ?? '') ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      (a.location?.column ?? 0) - (b.location?.column ?? 0) ||
      compareText(a.ruleId, b.ruleId),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Counts per severity, every severity present (zero when none). */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** Counts per scanner. */
export function countByScanner(findings: readonly Finding[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const finding of findings) counts[finding.scanner] = (counts[finding.scanner] ?? 0) + 1;
  return counts;
}
