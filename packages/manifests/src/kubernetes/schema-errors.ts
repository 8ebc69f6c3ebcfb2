import type { SchemaValidator } from '@shipgate/core';
import type { PathIssue } from '../finding.js';
import { pathToField, pointerToPath } from '../json-pointer.js';

/** One error of a generated validator (ajv's ErrorObject, reached through core's SchemaValidator). */
type ErrorObject = NonNullable<SchemaValidator['errors']>[number];

/**
 * Turns a validator's errors on one resource into issues, one per problem: an unknown field at its key (with
 * the field it probably meant), a missing required field on the object that lacks it, a wrong type or value at
 * the value. `prefix` locates the resource in its document (`['items', 2]` inside a List).
 */
export function schemaIssues(
  errors: readonly ErrorObject[],
  kind: string,
  prefix: readonly (string | number)[] = [],
): PathIssue[] {
  const issues: PathIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const issue = describe(error, kind);
    const path = [...prefix, ...issue.path];
    const key = `${issue.rule}\0${path.join('\0')}\0${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ ...issue, path });
  }
  return issues;
}

function describe(error: ErrorObject, kind: string): PathIssue {
  const path = pointerToPath(error.instancePath);
  const field = pathToField(path);
  const where = field ? `${kind} ${field}` : kind;
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(error.params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const guess = closest(name, known);
      const fieldName = pathToField([...path, name]);
      return {
        rule: 'kubernetes/unknown-field',
        severity: 'error',
        message: `${kind} ${fieldName}: unknown field "${name}"${guess ? `; did you mean "${guess}"?` : known.length ? `; known fields here: ${known.join(', ')}` : ''}`,
        path: [...path, name],
        at: 'key',
      };
    }
    case 'required': {
      const missing = String(error.params.missingProperty);
      return {
        rule: 'kubernetes/missing-field',
        severity: 'error',
        message: `${kind} ${pathToField([...path, missing])}: required field "${missing}" is missing`,
        path,
        at: 'key',
      };
    }
    case 'type': {
      const expected = [error.params.type].flat().map(String).join(' or ');
      return {
        rule: 'kubernetes/wrong-type',
        severity: 'error',
        message: `${where}: must be ${expected}, not ${typeName(error.data)}${preview(error.data)}`,
        path,
      };
    }
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return {
        rule: 'kubernetes/invalid-value',
        severity: 'error',
        message: `${where}: ${JSON.stringify(error.data)} is not allowed; allowed: ${allowed}`,
        path,
      };
    }
    default:
      return {
        rule: 'kubernetes/schema',
        severity: 'error',
        message: `${where}: ${error.message ?? 'is invalid'}`,
        path,
      };
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** ` (yes → true)`-like hints for the YAML 1.1 surprises, else the scalar value seen. */
function preview(value: unknown): string {
  if (typeof value === 'boolean')
    return ` (${value}: quote it if you meant the text; yes, no, on, off, y and n are booleans)`;
  if (typeof value === 'number' || typeof value === 'string') {
    const text = JSON.stringify(value);
    return ` (${text.length > 60 ? `${text.slice(0, 57)}...` : text})`;
  }
  return '';
}

/** The known name `name` most likely misspells: same letters ignoring case, or at most two edits away. */
function closest(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const same = known.find((k) => k.toLowerCase() === lower);
  if (same) return same;
  let best: string | undefined;
  let bestDistance = Math.min(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase(), bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning `limit`) once it cannot be below `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin >= limit) return limit;
    previous = current;
  }
  return previous[b.length] ?? limit;
}
