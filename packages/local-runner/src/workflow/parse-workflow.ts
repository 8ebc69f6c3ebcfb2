// Workflow files read with GitHub's own parser (@actions/workflow-parser): the schema, expressions and where each
// context may be used, then the converter (job dependencies, cycles, step ids). It imports its JSON schemas
// without import attributes, so this module runs bundled or under Vitest (see test/support/vite-workflow-parser.ts).
import { readFileSync } from 'node:fs';
import {
  convertWorkflowTemplate,
  isMapping,
  NoOperationTraceWriter,
  parseWorkflow,
  type WorkflowTemplate,
} from '@actions/workflow-parser';
import type { MappingToken } from '@actions/workflow-parser/templates/tokens/mapping-token';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import type { TemplateValidationError } from '@actions/workflow-parser/templates/template-validation-error';

/** A workflow file that parsed without errors: the converted template and the document it came from. */
export interface ParsedWorkflow {
  file: string;
  template: WorkflowTemplate;
  /** The document's root mapping, for the keys the converter does not keep (`with`, `shell`, `permissions`). */
  root: MappingToken;
}

/** The parser's errors for a file, each at `file:line:column`. */
export class WorkflowParseError extends Error {
  constructor(
    readonly file: string,
    readonly errors: readonly string[],
  ) {
    super(`${file} is not a valid workflow:\n${errors.map((e) => `  ${e}`).join('\n')}`);
    this.name = 'WorkflowParseError';
  }
}

/** Reads and parses a workflow file; throws a {@link WorkflowParseError} listing every error with its position. */
export async function readWorkflow(file: string): Promise<ParsedWorkflow> {
  return parseWorkflowText(file, readFileSync(file, 'utf8'));
}

/** Parses workflow text named `file`; throws a {@link WorkflowParseError} listing every error with its position. */
export async function parseWorkflowText(file: string, text: string): Promise<ParsedWorkflow> {
  const parsed = parseWorkflow({ name: file, content: text }, new NoOperationTraceWriter());
  const refuse = (errors: readonly TemplateValidationError[]): never => {
    throw new WorkflowParseError(
      file,
      errors.map((e) => positioned(file, e)),
    );
  };
  if (!parsed.value || parsed.context.errors.getErrors().length > 0) refuse(parsed.context.errors.getErrors());
  const root = parsed.value as MappingToken;
  const template = await convertWorkflowTemplate(parsed.context, root);
  if (parsed.context.errors.getErrors().length > 0) refuse(parsed.context.errors.getErrors());
  return { file, template, root };
}

function positioned(file: string, error: TemplateValidationError): string {
  const start = error.range?.start;
  const message = (error.rawMessage.split('\n')[0] ?? error.rawMessage).replace(/ at line \d+, column \d+:?$/, '');
  return `${file}:${start ? `${start.line}:${start.column}` : '1:1'}: ${message}`;
}

/** The value of `key` in a mapping token, or undefined. */
export function field(token: TemplateToken | undefined, key: string): TemplateToken | undefined {
  return token && isMapping(token) ? token.find(key) : undefined;
}
