// `${{ }}` in workflow files, evaluated with GitHub's own expression engine (@actions/expressions): its lexer,
// parser (which checks context and function names) and evaluator, with the status functions and hashFiles()
// supplied here. https://docs.github.com/en/actions/reference/workflows-and-actions/expressions
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { truthy } from '@actions/expressions/result';
import { TokenType } from '@actions/workflow-parser/templates/tokens/types';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { isBasicExpression, isBoolean, isMapping, isNumber, isSequence, isString } from '@actions/workflow-parser';

/** The contexts a local run provides (`strategy` and `matrix` stay empty: matrices are refused). */
export const CONTEXT_NAMES = [
  'github',
  'inputs',
  'secrets',
  'vars',
  'env',
  'needs',
  'steps',
  'job',
  'jobs',
  'runner',
  'strategy',
  'matrix',
] as const;

export type ContextName = (typeof CONTEXT_NAMES)[number];

/** What `success()`, `failure()` and `cancelled()` return where the expression is evaluated. */
export interface StatusView {
  success: boolean;
  failure: boolean;
  cancelled: boolean;
}

/** The values an expression sees: plain JSON per context, and the status of the job or of its needs. */
export interface Scope {
  contexts: Partial<Record<ContextName, unknown>>;
  status: StatusView;
}

/** An expression that does not parse or cannot be evaluated, with where it is (`file:line:column`). */
export class WorkflowExpressionError extends Error {
  constructor(
    readonly where: string,
    readonly expression: string,
    reason: string,
  ) {
    super(`${where}: \${{ ${expression} }}: ${reason}`);
    this.name = 'WorkflowExpressionError';
  }
}

const fn = (name: string, minArgs: number, maxArgs: number, call: FunctionDefinition['call']): FunctionDefinition => ({
  name,
  minArgs,
  maxArgs,
  call,
});

function functionsFor(status: StatusView): FunctionDefinition[] {
  return [
    fn('success', 0, 0, () => new data.BooleanData(status.success && !status.cancelled)),
    fn('failure', 0, 0, () => new data.BooleanData(status.failure)),
    fn('cancelled', 0, 0, () => new data.BooleanData(status.cancelled)),
    fn('always', 0, 0, () => new data.BooleanData(true)),
    fn('hashFiles', 1, 255, () => {
      throw new Error('hashFiles() is not supported by the local runner: give the value as an input instead');
    }),
  ];
}

/** Plain JSON to the engine's values. */
export function toExpressionData(value: unknown): data.ExpressionData {
  return JSON.parse(JSON.stringify(value ?? null), data.reviver) as data.ExpressionData;
}

/** The engine's values to plain JSON. */
export function fromExpressionData(value: data.ExpressionData): unknown {
  return JSON.parse(JSON.stringify(value, data.replacer)) as unknown;
}

/** Evaluates one expression (without `${{ }}`) to plain JSON. `where` names its place for errors. */
export function evaluateExpression(expression: string, scope: Scope, where: string): unknown {
  return fromExpressionData(evaluateToData(expression, scope, where));
}

/** Evaluates an `if:` condition (already given its status function by the parser) to a boolean. */
export function evaluateCondition(expression: string, scope: Scope, where: string): boolean {
  return truthy(evaluateToData(expression, scope, where));
}

function evaluateToData(expression: string, scope: Scope, where: string): data.ExpressionData {
  const functions = functionsFor(scope.status);
  let tree;
  try {
    tree = new Parser(new Lexer(expression).lex().tokens, [...CONTEXT_NAMES], functions).parse();
  } catch (error) {
    throw new WorkflowExpressionError(where, expression, (error as Error).message);
  }
  const contexts = new data.Dictionary();
  for (const name of CONTEXT_NAMES) contexts.add(name, toExpressionData(scope.contexts[name] ?? {}));
  try {
    const implementations = new Map(functions.map((f) => [f.name.toLowerCase(), f]));
    return new Evaluator(tree, contexts, implementations).evaluate();
  } catch (error) {
    throw new WorkflowExpressionError(where, expression, (error as Error).message);
  }
}

/** `file:line:column` of a token. */
export function whereOf(file: string, token: TemplateToken | undefined): string {
  const start = token?.range?.start;
  return start ? `${file}:${start.line}:${start.column}` : file;
}

/**
 * Evaluates a token of the parsed workflow to plain JSON: literals as they are, `${{ }}` (including text around
 * it, which the parser turned into `format()`) through the engine, mappings and sequences member by member.
 */
export function evaluateToken(token: TemplateToken, scope: Scope, file: string): unknown {
  if (isBasicExpression(token)) return evaluateExpression(token.expression, scope, whereOf(file, token));
  if (isString(token) || isNumber(token) || isBoolean(token)) return token.value;
  if (token.templateTokenType === TokenType.Null) return null;
  if (isSequence(token)) return [...token].map((item) => evaluateToken(item, scope, file));
  if (isMapping(token)) {
    const result: Record<string, unknown> = {};
    for (const { key, value } of token)
      result[String(evaluateToken(key, scope, file))] = evaluateToken(value, scope, file);
    return result;
  }
  throw new WorkflowExpressionError(whereOf(file, token), token.toString(), 'is not supported by the local runner');
}

/** A value as the runner passes it to a step (`with:`, `env:`, outputs): text, JSON for objects, '' for null. */
export function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Evaluates a mapping (`env:`, `with:`, `outputs:`) to name → text. */
export function evaluateTextMap(token: TemplateToken | undefined, scope: Scope, file: string): Record<string, string> {
  if (!token) return {};
  const value = evaluateToken(token, scope, file);
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new WorkflowExpressionError(whereOf(file, token), token.toString(), 'must be a mapping');
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asText(v)]));
}
