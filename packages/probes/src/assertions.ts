/**
 * Checks a response against what a probe expects. Every check gives a result (what was looked at, what was
 * expected, what was seen) rather than throwing: a failed assertion is an expected outcome.
 */
import { evaluateJsonPath, parseJsonPath } from './json-path.js';
import type {
  HeaderAssertion,
  HttpExpectations,
  JsonAssertion,
  LatencyBudget,
  Operator,
  SourceLocation,
  StatusRange,
  TextAssertion,
} from './model.js';
import type { HttpResponse } from './transport.js';

/** The outcome of one assertion, ready for a summary table or an annotation. */
export interface AssertionResult {
  /** What was looked at: `status`, `json $.items[0].id`, `header content-type`, `body`. */
  target: string;
  operator: string;
  /** What was expected, readably: `200-299`, `equals "ok"`, `matches /^\{/`. */
  expected: string;
  /** The value seen, JSON-encoded and shortened (see `formatActual`). */
  actual: string;
  passed: boolean;
  location?: SourceLocation;
}

/** How a response time compares with its budget. */
export type LatencyLevel = 'ok' | 'degraded' | 'failed';

/** Longest `actual` text, in UTF-16 code units, before the ellipsis. */
const MAX_ACTUAL = 200;
const NEGATIVE: ReadonlySet<Operator> = new Set(['not-equals', 'not-contains', 'not-matches']);
const NO_MATCH = '(no match)';
const OPERATORS: readonly Operator[] = [
  'equals',
  'not-equals',
  'contains',
  'not-contains',
  'matches',
  'not-matches',
  'less-than',
  'greater-than',
  'exists',
  'not-exists',
  'type',
];

/** Checks a status code against inclusive ranges; the result's `expected` reads `200-299, 301`. */
export function checkStatus(ranges: StatusRange[], status: number): AssertionResult {
  return {
    target: 'status',
    operator: 'in',
    expected: ranges.map((r) => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`)).join(', '),
    actual: String(status),
    passed: ranges.some((r) => status >= r.from && status <= r.to),
  };
}

/**
 * Checks status, headers, JSON paths and body text of an HTTP response, in that order (latency is judged
 * separately by `checkLatency`). The body is parsed as JSON once, only when there are JSON assertions.
 */
export function checkHttpResponse(expect: HttpExpectations, response: HttpResponse): AssertionResult[] {
  return [
    checkStatus(expect.status, response.status),
    ...expect.headers.map((assertion) => checkHeader(assertion, response.headers)),
    ...checkJson(expect.json, response.body),
    ...checkText(expect.body, response.body, 'body'),
  ];
}

/** Checks text (a body, or what a TCP or WebSocket peer sent) against text assertions. */
export function checkText(assertions: TextAssertion[], text: string, target: string): AssertionResult[] {
  return assertions.map((assertion) => ({
    ...describeAssertion(target, assertion.operator, assertion.expected, assertion.location),
    ...judge([text], assertion.operator, assertion.expected),
  }));
}

/** `failed` above the failed budget, `degraded` above the degraded one, else `ok` (budgets are exclusive). */
export function checkLatency(budget: LatencyBudget, totalMs: number): LatencyLevel {
  if (budget.failedMs !== undefined && totalMs > budget.failedMs) return 'failed';
  if (budget.degradedMs !== undefined && totalMs > budget.degradedMs) return 'degraded';
  return 'ok';
}

/**
 * A value as a result shows it: JSON-encoded, and cut to about 200 characters with an ellipsis, never
 * between the two halves of a surrogate pair.
 */
export function formatActual(value: unknown): string {
  return shorten(value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value)));
}

/** Cuts text to `MAX_ACTUAL` code units plus an ellipsis, stepping back rather than split a surrogate pair. */
function shorten(text: string): string {
  if (text.length <= MAX_ACTUAL) return text;
  const last = text.charCodeAt(MAX_ACTUAL - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? MAX_ACTUAL - 1 : MAX_ACTUAL;
  return `${text.slice(0, end)}…`;
}

function checkHeader(assertion: HeaderAssertion, headers: Record<string, string>): AssertionResult {
  const name = assertion.name.toLowerCase();
  const value = Object.hasOwn(headers, name) ? headers[name] : undefined;
  return {
    ...describeAssertion(`header ${name}`, assertion.operator, assertion.expected, assertion.location),
    ...judge(value === undefined ? [] : [value], assertion.operator, assertion.expected),
  };
}

function checkJson(assertions: JsonAssertion[], body: string): AssertionResult[] {
  if (assertions.length === 0) return [];
  let data: unknown;
  let invalid: string | undefined;
  try {
    data = JSON.parse(body);
  } catch (error) {
    invalid = `body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  return assertions.map((assertion) => {
    const base = describeAssertion(
      `json ${assertion.path}`,
      assertion.operator,
      assertion.expected,
      assertion.location,
    );
    if (invalid !== undefined) return { ...base, actual: shorten(invalid), passed: false };
    let matches: unknown[];
    try {
      matches = evaluateJsonPath(parseJsonPath(assertion.path), data);
    } catch (error) {
      return { ...base, actual: shorten(error instanceof Error ? error.message : String(error)), passed: false };
    }
    return { ...base, ...judge(matches, assertion.operator, assertion.expected) };
  });
}

function describeAssertion(
  target: string,
  operator: Operator,
  expected: unknown,
  location: SourceLocation | undefined,
): Omit<AssertionResult, 'actual' | 'passed'> {
  const result = { target, operator, expected: formatExpected(operator, expected) };
  return location === undefined ? result : { ...result, location };
}

function formatExpected(operator: Operator, expected: unknown): string {
  switch (operator) {
    case 'exists':
    case 'not-exists':
      return operator;
    case 'matches':
    case 'not-matches':
      return `${operator} /${String(expected)}/`;
    case 'type':
      return `type ${String(expected)}`;
    case 'equals':
    case 'not-equals':
    case 'contains':
    case 'not-contains':
    case 'less-than':
    case 'greater-than':
      return `${operator} ${formatActual(expected)}`;
    default:
      throw new Error(`Unknown operator '${String(operator)}': expected one of ${OPERATORS.join(', ')}`);
  }
}

/**
 * Judges the values found (none, one header, or JSON path matches). Positive operators pass when any value
 * satisfies them, negative ones when all do; `exists` means at least one value.
 */
function judge(values: unknown[], operator: Operator, expected: unknown): Pick<AssertionResult, 'actual' | 'passed'> {
  if (operator === 'exists')
    return { passed: values.length > 0, actual: values.length > 0 ? formatValues(values) : NO_MATCH };
  if (operator === 'not-exists')
    return { passed: values.length === 0, actual: values.length > 0 ? formatValues(values) : NO_MATCH };
  const outcomes = values.map((value) => ({ value, ...compare(operator, value, expected) }));
  if (NEGATIVE.has(operator)) {
    const offending = outcomes.find((o) => !o.passed);
    if (offending) return { passed: false, actual: withNote(offending.value, offending.note) };
    return { passed: true, actual: values.length > 0 ? formatValues(values) : NO_MATCH };
  }
  const satisfying = outcomes.find((o) => o.passed);
  if (satisfying) return { passed: true, actual: formatActual(satisfying.value) };
  const only = outcomes.length === 1 ? outcomes[0] : undefined;
  if (only) return { passed: false, actual: withNote(only.value, only.note) };
  return { passed: false, actual: values.length > 0 ? formatValues(values) : NO_MATCH };
}

/** One value against one operator; `note` explains a value of the wrong kind. */
function compare(operator: Operator, actual: unknown, expected: unknown): { passed: boolean; note?: string } {
  switch (operator) {
    case 'equals':
      return { passed: deepEqual(actual, expected) };
    case 'not-equals':
      return { passed: !deepEqual(actual, expected) };
    case 'contains':
    case 'not-contains': {
      const found =
        typeof actual === 'string'
          ? actual.includes(String(expected))
          : Array.isArray(actual)
            ? actual.some((item) => deepEqual(item, expected))
            : undefined;
      if (found === undefined) return { passed: operator === 'not-contains', note: 'not text or a list' };
      return { passed: operator === 'contains' ? found : !found };
    }
    case 'matches':
    case 'not-matches': {
      if (typeof actual === 'object' || actual === undefined)
        return { passed: operator === 'not-matches', note: 'not text' };
      const regex = compileRegex(String(expected));
      if (typeof regex === 'string') return { passed: false, note: regex };
      const found = regex.test(String(actual));
      return { passed: operator === 'matches' ? found : !found };
    }
    case 'less-than':
    case 'greater-than': {
      const a = toNumber(actual);
      const b = toNumber(expected);
      if (a === undefined) return { passed: false, note: 'not a number' };
      if (b === undefined)
        return { passed: false, note: `the expected value ${formatActual(expected)} is not a number` };
      return { passed: operator === 'less-than' ? a < b : a > b };
    }
    case 'type':
      return { passed: jsonType(actual) === expected, note: `a value of type ${jsonType(actual)}` };
    case 'exists':
      return { passed: true };
    case 'not-exists':
      return { passed: false };
    default:
      throw new Error(`Unknown operator '${String(operator)}': expected one of ${OPERATORS.join(', ')}`);
  }
}

function formatValues(values: unknown[]): string {
  return values.length === 1 ? formatActual(values[0]) : `${formatActual(values)} (${values.length} matches)`;
}

function withNote(value: unknown, note: string | undefined): string {
  return note === undefined ? formatActual(value) : `${formatActual(value)} (${note})`;
}

function compileRegex(source: string): RegExp | string {
  try {
    return new RegExp(source);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  const aKeys = Object.keys(a);
  const bRecord = b as Record<string, unknown>;
  return (
    aKeys.length === Object.keys(b).length &&
    aKeys.every((key) => Object.hasOwn(b, key) && deepEqual((a as Record<string, unknown>)[key], bRecord[key]))
  );
}
