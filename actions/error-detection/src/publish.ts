import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSarif, type ActionContext, type ActionOutcome } from '@shipgate/kit';
import {
  countBySeverity,
  sortFindings,
  toAnnotations,
  toSarifInputs,
  type Finding,
  type RankedFix,
  type Readiness,
} from '@shipgate/findings';
import type { FileEdit, FixCommand } from './check.js';
import { buildPatch } from './fix-patch.js';
import type { ACTION } from './inputs.js';
import { writeSummary, type CategoryRun } from './summary.js';
import type { WorkspaceFiles } from './workspace-files.js';

/** The SARIF tool: one category per action, so code scanning keeps its alerts apart from security-scan's. */
const TOOL = {
  name: 'Shipgate error-detection',
  version: '0.1.0',
  informationUri: 'https://github.com/shipgate/shipgate/tree/main/actions/error-detection',
  category: 'shipgate/error-detection',
};

export interface Published {
  findings: readonly Finding[];
  edits: readonly FileEdit[];
  commands: readonly FixCommand[];
  files: WorkspaceFiles;
  sarifFile: { path: string; shown: string } | undefined;
  sourceText: (file: string) => string | undefined;
  passed: boolean;
  minScore: number;
  readiness: Readiness;
  fixes: readonly RankedFix[];
  runs: readonly CategoryRun[];
}

/**
 * Everything the run produces, through the shared writers: annotations (most severe first), SARIF, the patch of
 * fixes, the summary, the versioned report and the outputs. Text is redacted by the context's writers; SARIF and
 * the patch are redacted here, before they are written.
 */
export function publish(context: ActionContext<typeof ACTION.inputs>, run: Published): ActionOutcome {
  const findings = sortFindings(run.findings);
  for (const annotation of toAnnotations(findings)) context.annotate(annotation);
  if (run.sarifFile) {
    const { rules, results } = toSarifInputs(findings, { sourceText: run.sourceText, security: false });
    const sarif = buildSarif(TOOL, rules, results);
    mkdirSync(dirname(run.sarifFile.path), { recursive: true });
    writeFileSync(run.sarifFile.path, `${context.secrets.redact(JSON.stringify(sarif, null, 2))}\n`);
    context.setOutput('sarif-file', run.sarifFile.shown);
  }
  const patch = buildPatch(run.edits, run.commands, (file) => ({
    shown: run.files.shown(file),
    text: run.files.exists(file) ? run.files.read(file) : undefined,
  }));
  let patchFile: string | undefined;
  if (patch) {
    const dir = join(context.runner.temp, 'shipgate');
    mkdirSync(dir, { recursive: true });
    patchFile = join(dir, 'error-detection-fixes.patch');
    writeFileSync(patchFile, context.secrets.redact(patch), { mode: 0o600 });
    context.setOutput('patch-file', patchFile);
  }
  writeSummary(context.summary, { ...run, findings, patchFile });
  const counts = countBySeverity(findings);
  context.setOutput('result', run.passed ? 'pass' : 'fail');
  context.setOutput('score', run.readiness.score);
  context.setOutput('errors', counts.critical + counts.high);
  context.setOutput('warnings', counts.medium + counts.low);
  context.writeReport({
    result: run.passed ? 'pass' : 'fail',
    score: run.readiness.score,
    minScore: run.minScore,
    capped: run.readiness.capped,
    categories: run.readiness.categories.map((c) => ({
      ...c,
      checked: run.runs.find((r) => r.category === c.name)?.checked ?? '',
    })),
    fixes: run.fixes,
    counts,
    findings: findings.map(({ secret: _secret, ...finding }) => finding),
    patchFile: patchFile ?? null,
    commands: run.commands,
  });
  const line = `Readiness ${run.readiness.score}/100 (minimum ${run.minScore}): ${findings.length} finding${findings.length === 1 ? '' : 's'}, ${counts.critical} critical, ${counts.high} high.`;
  context.info(line);
  return run.passed ? { status: 'success' } : { status: 'failure', message: line };
}
