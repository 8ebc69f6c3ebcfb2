import type { Finding, ScoredCategory } from '@shipgate/findings';
import type { Check, CheckScope, FileEdit, FixCommand } from './check.js';
import type { CategoryRun } from './summary.js';

export interface ChecksOutcome {
  findings: Finding[];
  categories: ScoredCategory[];
  runs: CategoryRun[];
  edits: FileEdit[];
  commands: FixCommand[];
}

/**
 * Runs each check that applies (every named one when the user chose the categories), one after the other: they
 * share the machine with the build command, and most are fast.
 */
export async function runChecks(checks: readonly Check[], scope: CheckScope, named: boolean): Promise<ChecksOutcome> {
  const outcome: ChecksOutcome = { findings: [], categories: [], runs: [], edits: [], commands: [] };
  for (const check of checks) {
    if (!named && !check.applies(scope)) continue;
    const result = await check.check(scope);
    scope.log(
      `${check.category}: ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} (${result.checked})`,
    );
    outcome.findings.push(...result.findings);
    outcome.categories.push({ name: check.category, weight: check.weight, findings: result.findings });
    outcome.runs.push({ category: check.category, checked: result.checked });
    outcome.edits.push(...(result.edits ?? []));
    outcome.commands.push(...(result.commands ?? []));
  }
  return outcome;
}
