import type { PathIssue } from '../finding.js';

/** Reads a variable for interpolation: the env file's value, else the environment's; undefined when unset. */
export type VariableLookup = (name: string) => string | undefined;

/** The result of interpolating one string: its value, and what went wrong on the way. */
export interface Interpolated {
  value: string;
  /** `${VAR:?message}` with VAR unset or empty: the message (Compose stops with it). */
  required?: string;
  /** Variables used without a default and not set (Compose warns and uses an empty string). */
  unset: string[];
  /** A `${` without its `}` or an invalid name (Compose stops: "invalid interpolation format"). */
  invalid?: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Compose's interpolation of one string (https://docs.docker.com/reference/compose-file/interpolation/):
 * `$VAR`, `${VAR}`, `${VAR:-default}` / `${VAR-default}` (default when unset or empty / unset), `${VAR:?error}` /
 * `${VAR?error}` (error when unset or empty / unset), `${VAR:+alt}` / `${VAR+alt}`, nested `${A:-${B}}`, and `$$`
 * for a literal `$`.
 */
export function interpolate(text: string, lookup: VariableLookup): Interpolated {
  const result: Interpolated = { value: '', unset: [] };
  result.value = expand(text, lookup, result);
  return result;
}

function expand(text: string, lookup: VariableLookup, result: Interpolated): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) return out + text.slice(i);
    out += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
    } else if (next === '{') {
      const end = closingBrace(text, dollar + 2);
      if (end < 0) {
        result.invalid ??= `"${text.slice(dollar)}" has no closing brace`;
        return out + text.slice(dollar);
      }
      out += braced(text.slice(dollar + 2, end), lookup, result);
      i = end + 1;
    } else {
      const name = NAME.exec(text.slice(dollar + 1))?.[0];
      if (name) {
        out += variable(name, lookup, result);
        i = dollar + 1 + name.length;
      } else {
        // A `$` before anything else is kept as it is, as Compose does.
        out += '$';
        i = dollar + 1;
      }
    }
  }
  return out;
}

/** The index of the `}` closing a `${` whose body starts at `from`, counting nested `${...}`. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function braced(body: string, lookup: VariableLookup, result: Interpolated): string {
  const name = NAME.exec(body)?.[0];
  if (!name) {
    result.invalid ??= `"\${${body}}" does not start with a variable name`;
    return '';
  }
  const rest = body.slice(name.length);
  if (rest === '') return variable(name, lookup, result);
  const operator = /^(:?[-?+])/.exec(rest)?.[1];
  if (!operator) {
    result.invalid ??= `"\${${body}}" is not a valid substitution (use \${${name}}, \${${name}:-default} or \${${name}:?error})`;
    return '';
  }
  const argument = rest.slice(operator.length);
  const value = lookup(name);
  const set = operator.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
  switch (operator.at(-1)) {
    case '-':
      return set ? (value as string) : expand(argument, lookup, result);
    case '+':
      return set ? expand(argument, lookup, result) : '';
    case '?':
      if (!set) result.required ??= `${name}: ${expand(argument, lookup, result) || 'is required'}`;
      return value ?? '';
    default:
      throw new Error(`Unknown interpolation operator ${operator}: allowed are -, :-, ?, :?, +, :+`);
  }
}

function variable(name: string, lookup: VariableLookup, result: Interpolated): string {
  const value = lookup(name);
  if (value === undefined && !result.unset.includes(name)) result.unset.push(name);
  return value ?? '';
}

/**
 * Interpolates every string value of a parsed Compose file (keys stay as written, as in Compose), returning the
 * new data and an issue at each value that could not be interpolated: a required variable unset (error), an
 * invalid substitution (error), a variable unset without a default (warning, Compose uses "").
 */
export function interpolateTree(data: unknown, lookup: VariableLookup): { data: unknown; issues: PathIssue[] } {
  const issues: PathIssue[] = [];
  const walk = (value: unknown, path: (string | number)[]): unknown => {
    if (typeof value === 'string') {
      if (!value.includes('$')) return value;
      const result = interpolate(value, lookup);
      if (result.invalid)
        issues.push({
          rule: 'compose/invalid-interpolation',
          severity: 'error',
          message: `invalid interpolation: ${result.invalid}`,
          path,
        });
      if (result.required)
        issues.push({
          rule: 'compose/required-variable',
          severity: 'error',
          message: `required variable not set: ${result.required}`,
          path,
        });
      for (const name of result.unset)
        issues.push({
          rule: 'compose/unset-variable',
          severity: 'warning',
          message: `variable ${name} is not set (in the env file or the environment): Compose uses an empty string; set it or write \${${name}:-default}`,
          path,
        });
      return result.value;
    }
    if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, i]));
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item, [...path, key])]));
    return value;
  };
  return { data: walk(data, []), issues };
}
