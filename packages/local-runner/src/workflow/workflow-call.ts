// The interface of a reusable workflow (`on: workflow_call`): typed inputs with defaults, declared secrets and
// outputs, and the binding of a caller's `with:` and `secrets:` to it, as GitHub checks them.
// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#onworkflow_call
import { isMapping, isSequence, isString } from '@actions/workflow-parser';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { evaluateToken, type Scope } from './expressions.js';
import { field, type ParsedWorkflow } from './parse-workflow.js';

export type InputType = 'string' | 'boolean' | 'number';

/** One declared input. */
export interface CallInput {
  type: InputType;
  required: boolean;
  default: TemplateToken | undefined;
}

/** What `on.workflow_call` declares. */
export interface CallInterface {
  inputs: Map<string, CallInput>;
  secrets: Map<string, { required: boolean }>;
  /** Output name → its `value:` token (evaluated with the `jobs` context). */
  outputs: Map<string, TemplateToken>;
}

/** A caller's `with:` or `secrets:` that the called workflow does not accept. */
export class WorkflowCallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkflowCallError';
  }
}

/** The `on.workflow_call` interface of a workflow, or undefined when it cannot be called. */
export function callInterfaceOf(workflow: ParsedWorkflow): CallInterface | undefined {
  const on = field(workflow.root, 'on');
  if (!on) return undefined;
  const declared = (token: TemplateToken): boolean => isString(token) && token.value === 'workflow_call';
  if (isString(on) || isSequence(on)) {
    const called = isString(on) ? declared(on) : [...on].some(declared);
    return called ? { inputs: new Map(), secrets: new Map(), outputs: new Map() } : undefined;
  }
  if (!isMapping(on) || ![...on].some((pair) => declared(pair.key))) return undefined;
  const call = field(on, 'workflow_call');
  const entries = (key: string): [string, TemplateToken][] => {
    const token = field(call, key);
    return token && isMapping(token) ? [...token].map((pair) => [pair.key.toString(), pair.value]) : [];
  };
  const flag = (token: TemplateToken, key: string): boolean => field(token, key)?.toString() === 'true';
  return {
    inputs: new Map(
      entries('inputs').map(([name, spec]) => [
        name,
        {
          type: (field(spec, 'type')?.toString() ?? 'string') as InputType,
          required: flag(spec, 'required'),
          default: field(spec, 'default'),
        },
      ]),
    ),
    secrets: new Map(entries('secrets').map(([name, spec]) => [name, { required: flag(spec, 'required') }])),
    outputs: new Map(
      entries('outputs').flatMap(([name, spec]): [string, TemplateToken][] => {
        const value = field(spec, 'value');
        return value ? [[name, value]] : [];
      }),
    ),
  };
}

/**
 * The `inputs` context of a called workflow: each given value checked against its declared type, defaults for
 * the rest (evaluated with `scope`, which holds `github`), required inputs present, unknown ones refused.
 */
export function bindInputs(
  call: CallInterface,
  given: Record<string, unknown>,
  workflow: ParsedWorkflow,
  scope: Scope,
): Record<string, string | boolean | number> {
  const problems: string[] = [];
  const result: Record<string, string | boolean | number> = {};
  for (const name of Object.keys(given))
    if (!call.inputs.has(name))
      problems.push(`input '${name}' is not declared (declared: ${[...call.inputs.keys()].join(', ') || 'none'})`);
  for (const [name, spec] of call.inputs) {
    const value = Object.hasOwn(given, name)
      ? given[name]
      : spec.default
        ? evaluateToken(spec.default, scope, workflow.file)
        : undefined;
    if (value === undefined || value === null) {
      if (spec.required) problems.push(`input '${name}' is required`);
      result[name] = spec.type === 'boolean' ? false : spec.type === 'number' ? 0 : '';
      continue;
    }
    const checked = typed(spec.type, value);
    if (checked === undefined) problems.push(`input '${name}' is ${spec.type}, got ${JSON.stringify(value)}`);
    else result[name] = checked;
  }
  if (problems.length > 0) throw new WorkflowCallError(`${workflow.file}: ${problems.join('; ')}`);
  return result;
}

function typed(type: InputType, value: unknown): string | boolean | number | undefined {
  switch (type) {
    case 'string':
      return typeof value === 'object' ? undefined : String(value);
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'number':
      return typeof value === 'number' ? value : undefined;
    default:
      throw new WorkflowCallError(`input type '${String(type)}' is not one of string, boolean, number`);
  }
}

/** The `secrets` context of a called workflow: only declared secrets, required ones present. */
export function bindSecrets(
  call: CallInterface,
  given: Record<string, string>,
  workflow: ParsedWorkflow,
): Record<string, string> {
  const problems: string[] = [];
  for (const name of Object.keys(given))
    if (!call.secrets.has(name))
      problems.push(`secret '${name}' is not declared (declared: ${[...call.secrets.keys()].join(', ') || 'none'})`);
  for (const [name, spec] of call.secrets)
    if (spec.required && !given[name]) problems.push(`secret '${name}' is required`);
  if (problems.length > 0) throw new WorkflowCallError(`${workflow.file}: ${problems.join('; ')}`);
  return { ...given };
}
