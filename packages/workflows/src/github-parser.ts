// GitHub's own parser for workflow and action files (@actions/workflow-parser, the one behind the Actions VS Code
// extension): YAML, the workflow schema (unknown and missing keys, wrong types), expressions and where each context
// may be used, plus what the converter checks (cron syntax, job dependencies, event filters), all with ranges.
//
// The package imports its JSON schemas without import attributes, which Node refuses and bundlers accept: the
// actions' bundles get it through ncc, and vitest.config.ts has Vite transform it (`server.deps.inline`). Code
// that imports this module therefore runs bundled or under Vitest, not as plain compiled JavaScript in Node.
import { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/index';
import type { TemplateValidationError } from '@actions/workflow-parser/templates/template-validation-error';
import type { Finding } from '@shipgate/findings';
import type { TextRange } from '@shipgate/manifests';
import { RULES, findingOf, type WorkflowRule } from './rules.js';

/** The parser's findings for a workflow file: schema and expression errors, then the converter's. */
export async function parserFindingsForWorkflow(text: string, file: string): Promise<Finding[]> {
  const parsed = parseWorkflow({ name: file, content: text }, new NoOperationTraceWriter());
  // The converter runs only on a file without errors (its default policy), so no error is reported twice.
  if (parsed.value) await convertWorkflowTemplate(parsed.context, parsed.value);
  return toFindings(RULES.invalidWorkflow, file, parsed.context.errors.getErrors());
}

/** The parser's findings for an action metadata file (`action.yml`). */
export function parserFindingsForAction(text: string, file: string): Finding[] {
  const parsed = parseAction({ name: file, content: text }, new NoOperationTraceWriter());
  return toFindings(RULES.invalidAction, file, parsed.context.errors.getErrors());
}

function toFindings(rule: WorkflowRule, file: string, errors: readonly TemplateValidationError[]): Finding[] {
  const seen = new Set<string>();
  const occurrences = new Map<string, number>();
  const findings: Finding[] = [];
  for (const error of errors) {
    const range = rangeOf(error);
    const where = `${range ? `${range.line}:${range.column}` : ''} ${error.rawMessage}`;
    if (seen.has(where)) continue;
    seen.add(where);
    // The fingerprint leaves the line out (so that it survives edits above); a count tells repeats apart.
    const message = messageOf(error);
    const count = (occurrences.get(message) ?? 0) + 1;
    occurrences.set(message, count);
    findings.push(findingOf(rule, file, range, message, `${message}#${count}`));
  }
  return findings;
}

/** The parser's ranges are 1-based with an exclusive end, as findings count. */
function rangeOf(error: TemplateValidationError): TextRange | undefined {
  const range = error.range;
  if (!range) return undefined;
  return { line: range.start.line, column: range.start.column, endLine: range.end.line, endColumn: range.end.column };
}

/** The error's first line without yaml's " at line L, column C:" and its excerpt (the finding has the position). */
function messageOf(error: TemplateValidationError): string {
  const first = error.rawMessage.split('\n')[0] ?? error.rawMessage;
  return first.replace(/ at line \d+, column \d+:?$/, '').trim();
}
