import type { Summary } from '@shipgate/kit';
import { countBySeverity, sortFindings, type Finding, type RankedFix, type Readiness } from '@shipgate/findings';

/** Findings listed in the summary; the report and SARIF hold all of them. */
const LISTED = 50;

export interface CategoryRun {
  category: string;
  checked: string;
}

/** The score, the categories with their subscores, the three best fixes and the findings. */
export function writeSummary(
  summary: Summary,
  outcome: {
    passed: boolean;
    minScore: number;
    readiness: Readiness;
    runs: readonly CategoryRun[];
    fixes: readonly RankedFix[];
    findings: readonly Finding[];
    patchFile: string | undefined;
  },
): void {
  const { readiness } = outcome;
  const counts = countBySeverity(outcome.findings);
  summary.heading(
    `${outcome.passed ? '✅' : '❌'} Readiness ${readiness.score}/100 (minimum ${outcome.minScore})${readiness.capped ? ': capped by critical findings' : ''}`,
  );
  summary.text(
    `${outcome.findings.length} finding${outcome.findings.length === 1 ? '' : 's'}: ${counts.critical} critical, ${counts.high} high, ${counts.medium} medium, ${counts.low} low, ${counts.info} info.`,
  );
  summary.table(
    [
      'Category',
      { header: 'Weight', align: 'right' },
      { header: 'Subscore', align: 'right' },
      { header: 'Findings', align: 'right' },
      'Checked',
    ],
    readiness.categories.map((c) => [
      c.name,
      c.weight,
      c.subscore,
      c.findings,
      outcome.runs.find((run) => run.category === c.name)?.checked ?? '',
    ]),
  );
  if (outcome.fixes.length > 0) {
    summary.heading('Fixes that raise the score most', 3);
    summary.table(
      ['Fix', 'Category', { header: 'Findings', align: 'right' }, { header: 'Score gain', align: 'right' }],
      outcome.fixes.map((fix) => [
        `${fix.title} (${fix.ruleId})${fix.help ? `: ${fix.help}` : ''}`,
        fix.category,
        fix.findings,
        `+${fix.gain}`,
      ]),
    );
  }
  if (outcome.patchFile)
    summary.text(
      `Fixes that can be written down are in a patch (not applied): ${outcome.patchFile} (output patch-file).`,
    );
  if (outcome.findings.length === 0) return;
  const listed = sortFindings(outcome.findings).slice(0, LISTED);
  summary.details(
    `Findings${outcome.findings.length > LISTED ? ` (the ${LISTED} most severe of ${outcome.findings.length}; all are in the report)` : ''}`,
    summary
      .section()
      .table(
        ['Severity', 'Location', 'Rule', 'Message'],
        listed.map((f) => [
          f.severity,
          f.location
            ? `${f.location.file}${f.location.line ? `:${f.location.line}:${f.location.column ?? 1}` : ''}`
            : '',
          f.ruleId,
          f.snippet ? `${f.message} (${f.snippet})` : f.message,
        ]),
      )
      .toMarkdown(),
  );
}
