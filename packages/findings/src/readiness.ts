/**
 * The readiness score: how ready a repository is to deploy, 0 to 100, from findings grouped in weighted
 * categories. Each category that ran gets a subscore (100 less a penalty per finding, by severity, floored at 0);
 * the score is the weighted mean of the subscores, and any critical finding caps it, because one thing that
 * certainly breaks the deploy is not made up for by everything else being fine.
 */
import type { Finding, Severity } from './finding.js';

/** What one finding takes off its category's subscore. */
export const SEVERITY_PENALTY: Readonly<Record<Severity, number>> = {
  critical: 60,
  high: 25,
  medium: 8,
  low: 2,
  info: 0,
};

/** The highest score a repository with a critical finding can get. */
export const CRITICAL_CAP = 49;

/** A category's findings and its weight in the score. */
export interface ScoredCategory {
  name: string;
  /** Relative weight (any positive number; the score divides by their sum). */
  weight: number;
  findings: readonly Finding[];
}

export interface CategoryScore {
  name: string;
  weight: number;
  /** 0 to 100. */
  subscore: number;
  findings: number;
}

export interface Readiness {
  /** 0 to 100; 100 when no category ran. */
  score: number;
  /** True when a critical finding capped the score at {@link CRITICAL_CAP}. */
  capped: boolean;
  categories: CategoryScore[];
}

/** A category's subscore: 100 less the penalty of each finding, at least 0. */
export function subscoreOf(findings: readonly Finding[]): number {
  const penalty = findings.reduce((sum, finding) => sum + SEVERITY_PENALTY[finding.severity], 0);
  return Math.max(0, 100 - penalty);
}

/** The score of the categories that ran. */
export function readinessOf(categories: readonly ScoredCategory[]): Readiness {
  const scored = categories.map((category) => ({
    name: category.name,
    weight: category.weight,
    subscore: subscoreOf(category.findings),
    findings: category.findings.length,
  }));
  const totalWeight = scored.reduce((sum, c) => sum + c.weight, 0);
  const mean = totalWeight > 0 ? scored.reduce((sum, c) => sum + c.weight * c.subscore, 0) / totalWeight : 100;
  const critical = categories.some((c) => c.findings.some((f) => f.severity === 'critical'));
  const score = Math.round(critical ? Math.min(mean, CRITICAL_CAP) : mean);
  return { score, capped: critical && mean > CRITICAL_CAP, categories: scored };
}

/** A fix: the findings of one rule in one category, and how much fixing them all raises the score. */
export interface RankedFix {
  category: string;
  ruleId: string;
  title: string;
  help: string | undefined;
  findings: number;
  /** The score once these findings are gone, less the score now. */
  gain: number;
}

/**
 * The fixes that raise the score most (one per category and rule), best first, ties broken by the number of
 * findings fixed and then by name, so the order is stable.
 */
export function topFixes(categories: readonly ScoredCategory[], limit = 3): RankedFix[] {
  const now = readinessOf(categories).score;
  const fixes: RankedFix[] = [];
  for (const category of categories) {
    const rules = new Map<string, Finding[]>();
    for (const finding of category.findings) rules.set(finding.ruleId, [...(rules.get(finding.ruleId) ?? []), finding]);
    for (const [ruleId, group] of rules) {
      const without = categories.map((c) =>
        c === category ? { ...c, findings: c.findings.filter((f) => f.ruleId !== ruleId) } : c,
      );
      const first = group[0] as Finding;
      fixes.push({
        category: category.name,
        ruleId,
        title: first.title,
        help: first.help,
        findings: group.length,
        gain: readinessOf(without).score - now,
      });
    }
  }
  return fixes
    .sort(
      (a, b) =>
        b.gain - a.gain ||
        b.findings - a.findings ||
        (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
        (a.category < b.category ? -1 : 1),
    )
    .slice(0, limit);
}
