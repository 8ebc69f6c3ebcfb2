/**
 * Findings as the kit's writers take them: SARIF rules and results (for `buildSarif` in @shipgate/kit) and
 * annotations (for `budgetAnnotations`). The shapes are declared here, structurally equal to the kit's, because a
 * domain package does not import the runtime. Writers only ever see `message` and `snippet`, never `secret`.
 */
import { compareSeverity, sortFindings, type Finding, type Severity } from './finding.js';
import { lineHashes } from './line-hash.js';

export type ReportLevel = 'error' | 'warning' | 'note';

/** SARIF `level` per severity: what fails a check shows as an error. */
export const SARIF_LEVEL: Readonly<Record<Severity, ReportLevel>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/**
 * `security-severity` per severity: GitHub maps 9.0+ to critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low.
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
export const SECURITY_SEVERITY: Readonly<Record<Severity, number>> = {
  critical: 9.5,
  high: 8,
  medium: 5.5,
  low: 2,
  info: 0,
};

/** Code scanning keeps the first 5,000 results of a run (of 25,000 accepted): we send the most severe. */
export const SARIF_MAX_RESULTS = 5000;

export interface SarifRuleShape {
  id: string;
  description: string;
  help?: string;
  helpUri?: string;
  level?: ReportLevel;
  securitySeverity?: number;
  tags?: string[];
}

export interface SarifResultShape {
  ruleId: string;
  message: string;
  level?: ReportLevel;
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  fingerprint?: string;
  primaryLocationLineHash?: string;
}

export interface SarifInputs {
  rules: SarifRuleShape[];
  results: SarifResultShape[];
  /** Findings left out to stay within code scanning's limit (the least severe). */
  omitted: number;
}

export interface SarifOptions {
  /**
   * The text of a repository file, to compute `primaryLocationLineHash` as the upload action would; `undefined`
   * when the file cannot be read (the upload action then computes it itself, from the checkout).
   */
  sourceText?: (file: string) => string | undefined;
  maxResults?: number;
  /**
   * Whether the findings are security findings (default true): rules then carry the `security` tag and a
   * `security-severity`, and code scanning lists them as security alerts. error-detection's are not.
   */
  security?: boolean;
}

/** Rules (one per rule id, at the highest severity seen) and results for SARIF. */
export function toSarifInputs(findings: readonly Finding[], options: SarifOptions = {}): SarifInputs {
  const ordered = sortFindings(findings);
  const kept = ordered.slice(0, options.maxResults ?? SARIF_MAX_RESULTS);
  const security = options.security ?? true;
  const rules = new Map<string, SarifRuleShape & { severity: Severity }>();
  for (const finding of kept) {
    const known = rules.get(finding.ruleId);
    if (known && compareSeverity(known.severity, finding.severity) <= 0) continue;
    rules.set(finding.ruleId, {
      id: finding.ruleId,
      description: finding.title,
      ...(finding.help ? { help: finding.help } : {}),
      ...(finding.helpUri ? { helpUri: finding.helpUri } : {}),
      level: SARIF_LEVEL[finding.severity],
      ...(security ? { securitySeverity: SECURITY_SEVERITY[finding.severity] } : {}),
      tags: security ? ['security', finding.scanner] : [finding.scanner],
      severity: finding.severity,
    });
  }
  const hashesByFile = new Map<string, string[] | undefined>();
  const hashOf = (file: string, line: number): string | undefined => {
    if (!options.sourceText) return undefined;
    if (!hashesByFile.has(file)) {
      const text = options.sourceText(file);
      hashesByFile.set(file, text === undefined ? undefined : lineHashes(text));
    }
    return hashesByFile.get(file)?.[line - 1];
  };
  const results = kept.map((finding): SarifResultShape => {
    const location = finding.location;
    const lineHash = location?.line ? hashOf(location.file, location.line) : undefined;
    return {
      ruleId: finding.ruleId,
      message: finding.snippet ? `${finding.message} (${finding.snippet})` : finding.message,
      level: SARIF_LEVEL[finding.severity],
      ...(location ? { ...location } : {}),
      fingerprint: finding.fingerprint,
      ...(lineHash ? { primaryLocationLineHash: lineHash } : {}),
    };
  });
  return {
    rules: [...rules.values()].map(({ severity: _severity, ...rule }) => rule),
    results,
    omitted: ordered.length - kept.length,
  };
}

export type AnnotationLevelShape = 'error' | 'warning' | 'notice';

export interface AnnotationShape {
  level: AnnotationLevelShape;
  message: string;
  title?: string;
  file?: string;
  line?: number;
  endLine?: number;
  column?: number;
  endColumn?: number;
}

const ANNOTATION_LEVEL: Readonly<Record<Severity, AnnotationLevelShape>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'notice',
  info: 'notice',
};

/** Annotations, most severe first (the kit's budget then keeps the first ten inline). */
export function toAnnotations(findings: readonly Finding[]): AnnotationShape[] {
  return sortFindings(findings).map((finding) => ({
    level: ANNOTATION_LEVEL[finding.severity],
    title: `${finding.severity}: ${finding.title} (${finding.ruleId})`,
    message: [finding.message, finding.snippet, finding.help].filter(Boolean).join('\n'),
    ...(finding.location ? { ...finding.location } : {}),
  }));
}
