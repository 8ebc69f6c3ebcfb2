/**
 * Assertions as written (`- path: $.status` / `equals: ok`): a subject key, where there is one, and exactly
 * one operator key. This module picks the operator and checks its value.
 */
import type { HeaderAssertion, JsonAssertion, Operator, SourceLocation, TextAssertion } from '../model.js';
import type { DefinitionContext, KeyPath } from './definition-context.js';
import { jsonPathAt, regexAt } from './values.js';

const TEXT_OPERATORS = ['equals', 'contains', 'not-contains', 'matches', 'not-matches'] as const;
const JSON_OPERATORS = [
  'equals',
  'not-equals',
  'contains',
  'not-contains',
  'matches',
  'not-matches',
  'less-than',
  'greater-than',
  'exists',
  'type',
] as const;
const HEADER_OPERATORS = [
  'equals',
  'not-equals',
  'contains',
  'not-contains',
  'matches',
  'not-matches',
  'less-than',
  'greater-than',
  'exists',
] as const;
/** Header names are HTTP tokens (RFC 9110, section 5.6.2). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** A text assertion (body, TCP or WebSocket reply). */
export function textAssertionAt(ctx: DefinitionContext, path: KeyPath, raw: Record<string, unknown>): TextAssertion {
  const operator = operatorOf(ctx, path, raw, TEXT_OPERATORS);
  const expected = isRegexOperator(operator)
    ? regexAt(ctx, [...path, operator], raw[operator])
    : ctx.text([...path, operator], raw[operator]);
  return withLocation(ctx, path, { operator, expected });
}

/** A JSON path assertion; `exists: false` becomes `not-exists`. */
export function jsonAssertionAt(ctx: DefinitionContext, path: KeyPath, raw: Record<string, unknown>): JsonAssertion {
  const jsonPath = jsonPathAt(ctx, [...path, 'path'], raw.path);
  const key = operatorOf(ctx, path, raw, JSON_OPERATORS);
  const at = [...path, key];
  const value = raw[key];
  const operator: Operator = key === 'exists' && value === false ? 'not-exists' : key;
  if (operator === 'exists' || operator === 'not-exists') return withLocation(ctx, path, { path: jsonPath, operator });
  const expected = isRegexOperator(operator) ? regexAt(ctx, at, value) : ctx.value(at, value);
  return withLocation(ctx, path, { path: jsonPath, operator, expected });
}

/** A response header assertion. */
export function headerAssertionAt(
  ctx: DefinitionContext,
  path: KeyPath,
  raw: Record<string, unknown>,
): HeaderAssertion {
  const name = ctx.text([...path, 'name'], raw.name).trim();
  if (!HEADER_NAME.test(name)) ctx.fail([...path, 'name'], `'${name}' is not a valid header name`);
  const key = operatorOf(ctx, path, raw, HEADER_OPERATORS);
  const at = [...path, key];
  const value = raw[key];
  if (key === 'exists') return withLocation(ctx, path, { name, operator: value === false ? 'not-exists' : 'exists' });
  const expected = isRegexOperator(key) ? regexAt(ctx, at, value) : ctx.text(at, value);
  return withLocation(ctx, path, { name, operator: key, expected });
}

/** Checks that a header name is an HTTP token. */
export function isHeaderName(name: string): boolean {
  return HEADER_NAME.test(name);
}

/** The one operator key of an assertion; fails on none or several. */
function operatorOf<T extends string>(
  ctx: DefinitionContext,
  path: KeyPath,
  raw: Record<string, unknown>,
  allowed: readonly T[],
): T {
  const present = allowed.filter((operator) => Object.hasOwn(raw, operator));
  const [first, second] = present;
  if (first === undefined) ctx.fail(path, `has no operator: write one of ${allowed.join(', ')}`);
  if (second !== undefined)
    ctx.fail(
      [...path, second],
      `has ${present.length} operators (${present.join(', ')}): write exactly one per assertion`,
    );
  return first;
}

function isRegexOperator(operator: string): operator is 'matches' | 'not-matches' {
  return operator === 'matches' || operator === 'not-matches';
}

function withLocation<T extends object>(
  ctx: DefinitionContext,
  path: KeyPath,
  assertion: T,
): T & { location?: SourceLocation } {
  const location = ctx.location(path);
  return location === undefined ? assertion : { ...assertion, location };
}
