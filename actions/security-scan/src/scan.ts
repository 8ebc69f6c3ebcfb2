/**
 * The scan: every scanner over one scope, findings kept where the scope covers them (added lines in
 * pull-request mode), the baseline applied, and the policy's decision. No I/O of its own beyond the scanners'.
 */
import {
  applyBaseline,
  decide,
  sortFindings,
  type Baseline,
  type BaselineEntry,
  type Decision,
  type Finding,
  type SeverityPolicy,
} from '@shipgate/findings';
import type { Scanner, ScannerName, ScanScope } from './scanner.js';

/** What one scanner did. */
export interface ScannerRun {
  name: ScannerName;
  description: string;
  /** Its findings the baseline does not accept, most severe first. */
  findings: Finding[];
  suppressed: number;
  incomplete: string[];
  notes: string[];
}

export interface ScanOutcome {
  decision: Decision;
  /** Every scanner's active findings, most severe first. */
  findings: Finding[];
  suppressed: Finding[];
  /** Baseline entries nothing matched any more (full mode only: a pull request scans only part of the tree). */
  stale: BaselineEntry[];
  runs: ScannerRun[];
  filesInScope: number;
  incomplete: boolean;
}

export async function scan(
  scanners: readonly Scanner[],
  scope: ScanScope,
  policy: SeverityPolicy,
  baseline: Baseline | undefined,
): Promise<ScanOutcome> {
  const runs: ScannerRun[] = [];
  const all: Finding[] = [];
  for (const scanner of scanners) {
    const result = await scanner.scan(scope);
    const inScope = result.findings.filter((finding) => scope.covers(finding));
    all.push(...inScope);
    runs.push({
      name: scanner.name,
      description: scanner.describe(),
      findings: inScope,
      suppressed: 0,
      incomplete: result.incomplete ?? [],
      notes: result.notes ?? [],
    });
  }
  const split = applyBaseline(all, baseline ?? { entries: [] });
  const suppressedIds = new Set(split.suppressed);
  for (const run of runs) {
    run.suppressed = run.findings.filter((f) => suppressedIds.has(f)).length;
    run.findings = sortFindings(run.findings.filter((f) => !suppressedIds.has(f)));
  }
  return {
    decision: decide(split.active, policy),
    findings: sortFindings(split.active),
    suppressed: split.suppressed,
    stale: baseline && scope.mode === 'full' ? split.stale : [],
    runs,
    filesInScope: scope.files.length,
    incomplete: runs.some((run) => run.incomplete.length > 0),
  };
}
