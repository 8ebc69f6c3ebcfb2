import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { countBySeverity, SEVERITIES, toAnnotations } from '@shipgate/findings';
import type { ActionContext, ActionOutcome } from '@shipgate/kit';
import {
  detectionReport,
  detectionSarifSource,
  readinessLine,
  writePatch,
  type Detection,
} from '../../error-detection/src/publish.js';
import { writeSummary as writeDetectionSummary } from '../../error-detection/src/summary.js';
import { annotateScan, scanReason, scanReport, writeScanSummary } from '../../security-scan/src/outcome.js';
import { writeBaselineFile, type Scanned } from '../../security-scan/src/run.js';
import { buildSarifLog, SARIF_MAX_BYTES, type SarifOutput } from '../../security-scan/src/sarif-log.js';
import type { ScanSettings } from '../../security-scan/src/settings.js';
import type { ACTION } from './inputs.js';

/** What both parts found and decided, and where the SARIF log goes. */
export interface Preflight {
  detection: Detection;
  scan: Scanned;
  scanSettings: ScanSettings;
  /** Absolute path of the SARIF log. */
  sarifFile: string;
}

/**
 * One SARIF log (error-detection's run, then a run per scanner), one summary (the verdict, then each part's
 * section as the action alone writes it), annotations of both (the kit shows the most severe inline), one
 * report, the outputs, and one decision whose message names the part that failed.
 */
export function publish(context: ActionContext<typeof ACTION.inputs>, preflight: Preflight): ActionOutcome {
  const { detection, scan, scanSettings } = preflight;
  const { outcome } = scan;
  const sarif = preflightSarif(preflight);
  mkdirSync(dirname(preflight.sarifFile), { recursive: true });
  writeFileSync(preflight.sarifFile, context.secrets.redact(sarif.text));
  const baselineFile = writeBaselineFile(context, outcome);
  const patchFile = writePatch(context, detection);

  for (const annotation of toAnnotations(detection.findings)) context.annotate(annotation);
  annotateScan(context, outcome);

  const detectionLine = readinessLine(detection);
  const scanLine = scanReason(scanSettings, outcome);
  const failed = [
    ...(detection.passed ? [] : [`error-detection failed: ${detectionLine}`]),
    ...(outcome.decision.result === 'pass' ? [] : [`security-scan failed: ${scanLine}`]),
  ];
  const passed = failed.length === 0;
  const facts = { compared: scan.compared, sarifFile: preflight.sarifFile, baselineFile, sarifOmitted: sarif.omitted };
  context.summary
    .heading(passed ? '✅ Preflight passed' : '❌ Preflight failed', 1)
    .list([
      `${detection.passed ? '✅' : '❌'} Error detection: ${detectionLine}`,
      `${outcome.decision.result === 'pass' ? '✅' : '⛔'} Security scan: ${scanLine}`,
    ]);
  writeDetectionSummary(context.summary, { ...detection, patchFile });
  writeScanSummary(context.summary, scanSettings, outcome, facts, scanLine);

  const counts = countBySeverity(detection.findings);
  context.setOutput('result', passed ? 'pass' : 'fail');
  context.setOutput('error-detection', detection.passed ? 'pass' : 'fail');
  context.setOutput('security-scan', outcome.decision.result);
  context.setOutput('score', detection.readiness.score);
  context.setOutput('errors', counts.critical + counts.high);
  context.setOutput('warnings', counts.medium + counts.low);
  for (const severity of SEVERITIES.filter((s) => s !== 'info'))
    context.setOutput(severity, outcome.decision.counts[severity]);
  context.setOutput('secrets', outcome.runs.find((r) => r.name === 'secrets')?.findings.length ?? 0);
  context.setOutput('incomplete', outcome.incomplete);
  context.setOutput('sarif-file', preflight.sarifFile);
  context.setOutput('baseline-file', baselineFile);
  if (patchFile) context.setOutput('patch-file', patchFile);
  context.writeReport({
    result: passed ? 'pass' : 'fail',
    failed,
    sarifFile: preflight.sarifFile,
    errorDetection: detectionReport(detection, patchFile),
    securityScan: scanReport(scanSettings, outcome, facts),
  });
  const line = passed ? `Preflight passed. ${detectionLine} ${scanLine}` : failed.join(' ');
  context.info(line);
  return passed ? { status: 'success' } : { status: 'failure', message: line };
}

/** error-detection's run first, then a run per scanner, in one log within GitHub's limits. */
export function preflightSarif(preflight: Pick<Preflight, 'detection' | 'scan'>): SarifOutput {
  const { scan, detection } = preflight;
  return buildSarifLog(scan.outcome.runs, scan.sourceText, SARIF_MAX_BYTES, [detectionSarifSource(detection)]);
}
