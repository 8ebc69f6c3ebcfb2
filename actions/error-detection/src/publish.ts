import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSarif, type ActionContext, type ActionOutcome, type SarifLog } from '@shipgate/kit';
import {
  countBySeverity,
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

type Context = ActionContext<typeof ACTION.inputs>;

/** The SARIF tool: one category per action, so code scanning keeps its alerts apart from security-scan's. */
const TOOL = {
  name: 'Shipgate error-detection',
  version: '0.1.0',
  informationUri: 'https://github.com/shipgate/shipgate/tree/main/actions/error-detection',
  category: 'shipgate/error-detection',
};

/** What the checks found and decided (`detect` in run.ts), before anything is written. */
export interface Detection {
  /** Most severe first. */
  findings: readonly Finding[];
  edits: readonly FileEdit[];
  commands: readonly FixCommand[];
  files: WorkspaceFiles;
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
export function publish(
  context: Context,
  run: Detection,
  sarifFile: { path: string; shown: string } | undefined,
): ActionOutcome {
  for (const annotation of toAnnotations(run.findings)) context.annotate(annotation);
  if (sarifFile) {
    mkdirSync(dirname(sarifFile.path), { recursive: true });
    writeFileSync(sarifFile.path, `${context.secrets.redact(JSON.stringify(detectionSarif(run), null, 2))}\n`);
    context.setOutput('sarif-file', sarifFile.shown);
  }
  const patchFile = writePatch(context, run);
  if (patchFile) context.setOutput('patch-file', patchFile);
  writeSummary(context.summary, { ...run, patchFile });
  const counts = countBySeverity(run.findings);
  context.setOutput('result', run.passed ? 'pass' : 'fail');
  context.setOutput('score', run.readiness.score);
  context.setOutput('errors', counts.critical + counts.high);
  context.setOutput('warnings', counts.medium + counts.low);
  context.writeReport(detectionReport(run, patchFile));
  const line = readinessLine(run);
  context.info(line);
  return run.passed ? { status: 'success' } : { status: 'failure', message: line };
}

/** The findings as a SARIF log of one run (category shipgate/error-detection), not yet redacted. */
export function detectionSarif(run: Detection): SarifLog {
  const { rules, results } = toSarifInputs(run.findings, { sourceText: run.sourceText, security: false });
  return buildSarif(TOOL, rules, results);
}

/** What that run is made of, for a log that holds other tools' runs too (preflight's). */
export function detectionSarifSource(run: Detection) {
  return { tool: TOOL, findings: run.findings, security: false, sourceText: run.sourceText };
}

/** Writes the patch of the fixes that can be written down (never applied), redacted; its path, when there are any. */
export function writePatch(context: Pick<Context, 'runner' | 'secrets'>, run: Detection): string | undefined {
  const patch = buildPatch(run.edits, run.commands, (file) => ({
    shown: run.files.shown(file),
    text: run.files.exists(file) ? run.files.read(file) : undefined,
  }));
  if (!patch) return undefined;
  const dir = join(context.runner.temp, 'shipgate');
  mkdirSync(dir, { recursive: true });
  const patchFile = join(dir, 'error-detection-fixes.patch');
  writeFileSync(patchFile, context.secrets.redact(patch), { mode: 0o600 });
  return patchFile;
}

/** The data of the report (schema shipgate/error-detection/v1), without any raw secret value. */
export function detectionReport(run: Detection, patchFile: string | undefined) {
  return {
    result: run.passed ? 'pass' : 'fail',
    score: run.readiness.score,
    minScore: run.minScore,
    capped: run.readiness.capped,
    categories: run.readiness.categories.map((c) => ({
      ...c,
      checked: run.runs.find((r) => r.category === c.name)?.checked ?? '',
    })),
    fixes: run.fixes,
    counts: countBySeverity(run.findings),
    findings: run.findings.map(({ secret: _secret, ...finding }) => finding),
    patchFile: patchFile ?? null,
    commands: run.commands,
  };
}

/** One line: the score against the minimum and the counts. */
export function readinessLine(run: Detection): string {
  const counts = countBySeverity(run.findings);
  const n = run.findings.length;
  return `Readiness ${run.readiness.score}/100 (minimum ${run.minScore}): ${n} finding${n === 1 ? '' : 's'}, ${counts.critical} critical, ${counts.high} high.`;
}
