/**
 * Outputs, annotations, summary and report from one scan outcome. Findings carry only redacted text; the raw
 * value (`secret`) is dropped before anything is written.
 */
import { describeBreach, SEVERITIES, toAnnotations, type Finding } from '@shipgate/findings';
import type { ActionContext, ActionOutcome, Summary } from '@shipgate/kit';
import type { ACTION } from './inputs.js';
import type { ScanOutcome } from './scan.js';
import type { ScanSettings } from './settings.js';

type Context = ActionContext<typeof ACTION.inputs>;

/** Annotations sent at all: the first ten inline, the rest listed in the summary; the report and SARIF hold every one. */
const MAX_ANNOTATIONS = 200;
/** Findings listed in the summary's table. */
const TOP_FINDINGS = 20;

/** Where the scan looked, for the summary and the report. */
export interface ScanFacts {
  compared: { base: string; head: string } | undefined;
  sarifFile: string;
  /** Every finding's fingerprint, as a baseline file to commit. */
  baselineFile: string;
  sarifOmitted: number;
}

export function finishOutcome(
  context: Context,
  settings: ScanSettings,
  outcome: ScanOutcome,
  facts: ScanFacts,
): ActionOutcome {
  const { decision } = outcome;
  context.setOutput('result', decision.result);
  for (const severity of SEVERITIES) context.setOutput(severity, decision.counts[severity]);
  for (const run of outcome.runs) context.setOutput(run.name, run.findings.length);
  context.setOutput('suppressed', outcome.suppressed.length);
  context.setOutput('incomplete', outcome.incomplete);
  context.setOutput('sarif-file', facts.sarifFile);
  context.setOutput('baseline-file', facts.baselineFile);
  annotateScan(context, outcome);
  const reason = scanReason(settings, outcome);
  writeScanSummary(context.summary, settings, outcome, facts, reason);
  context.writeReport(scanReport(settings, outcome, facts));
  context.info(reason);
  return decision.result === 'pass' ? { status: 'success' } : { status: 'failure', message: reason };
}

/** Annotations of the most severe findings (the rest are in the report and SARIF), and a warning per gap. */
export function annotateScan(context: Pick<Context, 'annotate' | 'warning'>, outcome: ScanOutcome): void {
  for (const annotation of toAnnotations(outcome.findings.slice(0, MAX_ANNOTATIONS))) context.annotate(annotation);
  for (const run of outcome.runs)
    for (const reason of run.incomplete) context.warning(`${run.name}: incomplete: ${reason}`);
}

/** One line: within the environment's policy, or which limits the findings break. */
export function scanReason(settings: ScanSettings, outcome: ScanOutcome): string {
  return outcome.decision.result === 'pass'
    ? `${outcome.findings.length} finding(s), within the ${settings.environment} policy.`
    : `Over the ${settings.environment} policy: ${outcome.decision.breaches.map(describeBreach).join('; ')}.`;
}

/** The summary's part: the verdict, where the scan looked, the policy, each scanner's counts, the top findings. */
export function writeScanSummary(
  summary: Summary,
  settings: ScanSettings,
  outcome: ScanOutcome,
  facts: ScanFacts,
  reason: string,
): void {
  summary.heading(outcome.decision.result === 'pass' ? '✅ Security scan passed' : '⛔ Security scan failed');
  summary.text(reason);
  const where =
    settings.mode === 'pull-request' && facts.compared
      ? `Pull-request mode: the lines added between ${facts.compared.base.slice(0, 12)} and ${facts.compared.head.slice(0, 12)}, in ${outcome.filesInScope} file(s).`
      : `Full mode: ${outcome.filesInScope} file(s).`;
  const limits = SEVERITIES.filter((s) => settings.policy.limits[s] !== undefined)
    .map((s) => `${s} ≤ ${settings.policy.limits[s]}`)
    .join(', ');
  summary.text(`${where} Policy for ${settings.environment}: ${limits}; fails on ${settings.policy.failOn}.`);
  summary.table(
    ['Scanner', ...SEVERITIES, 'suppressed'],
    outcome.runs.map((run) => [
      run.description,
      ...SEVERITIES.map((s) => run.findings.filter((f) => f.severity === s).length),
      run.suppressed,
    ]),
  );
  if (outcome.findings.length > 0)
    summary.heading('Top findings', 3).table(
      ['Severity', 'Rule', 'Location', 'Finding'],
      outcome.findings.slice(0, TOP_FINDINGS).map((f) => [f.severity, f.ruleId, locationOf(f), f.message]),
    );
  if (outcome.findings.length > MAX_ANNOTATIONS)
    summary.text(
      `${outcome.findings.length - MAX_ANNOTATIONS} more finding(s) are in the report and the SARIF log only.`,
    );
  const incomplete = outcome.runs.flatMap((run) => run.incomplete.map((r) => `${run.name}: ${r}`));
  if (incomplete.length > 0) summary.heading('Incomplete', 3).list(incomplete);
  const notes = outcome.runs.flatMap((run) => run.notes.map((n) => `${run.name}: ${n}`));
  if (facts.sarifOmitted > 0)
    notes.push(
      `${facts.sarifOmitted} least severe finding(s) left out of the SARIF log to stay within GitHub's limits.`,
    );
  if (outcome.stale.length > 0)
    notes.push(
      `${outcome.stale.length} baseline entr${outcome.stale.length === 1 ? 'y matches' : 'ies match'} nothing any more: remove ${outcome.stale.length === 1 ? 'it' : 'them'} from ${settings.baseline?.shown}.`,
    );
  if (notes.length > 0)
    summary.details(
      `Notes (${notes.length})`,
      notes.map((n) => `- ${n.replace(/([\\`*_[\]<>|])/g, '\\$1')}`).join('\n'),
    );
}

function locationOf(finding: Finding): string {
  const l = finding.location;
  if (!l) return '';
  return `${l.file}${l.line ? `:${l.line}${l.column ? `:${l.column}` : ''}` : ''}`;
}

/** A finding as written anywhere: without the raw value. */
export function printable(finding: Finding): Omit<Finding, 'secret'> {
  const { secret: _secret, ...rest } = finding;
  return rest;
}

/** The data of the report (schema shipgate/security-scan/v1): findings without their raw values. */
export function scanReport(settings: ScanSettings, outcome: ScanOutcome, facts: ScanFacts) {
  return {
    result: outcome.decision.result,
    mode: settings.mode,
    environment: settings.environment,
    compared: facts.compared ?? null,
    policy: settings.policy,
    counts: outcome.decision.counts,
    breaches: outcome.decision.breaches,
    incomplete: outcome.incomplete,
    scanners: outcome.runs.map((run) => ({
      name: run.name,
      description: run.description,
      findings: run.findings.length,
      suppressed: run.suppressed,
      incomplete: run.incomplete,
      notes: run.notes,
    })),
    filesInScope: outcome.filesInScope,
    findings: outcome.findings.map(printable),
    suppressed: outcome.suppressed.map(printable),
    staleBaseline: outcome.stale,
    sarif: { file: facts.sarifFile, omitted: facts.sarifOmitted },
  };
}
