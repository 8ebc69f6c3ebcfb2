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
  /** The rule ids' area: `kubernetes/unknown-field`, `compose/unknown-field`. */
  area = 'kubernetes',
): PathIssue[] {
  const issues: PathIssue[] = [];
  const seen = new Set<string>();
  // With allErrors, a value that fits none of a oneOf's forms gets one error per form and one for the oneOf.
  // - Its type fits none (`depends_on: db` where a list or a mapping is allowed): one wrong type naming every
  //   allowed type (the forms' type errors, through a $ref not under the oneOf's path, go with it).
  // - Its type fits a form and something inside is wrong (`condition: service_healty`): the errors inside say it;
  //   the other forms' type errors and the oneOf's go.
  // - Otherwise the oneOf's alone says it (its branches' errors would contradict each other).
  const wrongTypes = new Map<string, ErrorObject>();
  const dropped = new Set<ErrorObject>();
  const inside = new Set<ErrorObject>();
  const alternatives: string[] = [];
  for (const error of errors) {
    if (error.keyword !== 'oneOf' && error.keyword !== 'anyOf') continue;
    const at = error.instancePath;
    const typeErrors = errors.filter((e) => e.keyword === 'type' && e.instancePath === at);
    const deeper = errors.filter((e) => e.instancePath.startsWith(`${at}/`));
    const types = typeErrors.flatMap((e) => [e.params.type].flat().map(String));
    const type = jsonType(error.data);
    const fits = types.includes(type) || (type === 'integer' && types.includes('number'));
    if (deeper.length > 0 && !fits) {
      dropped.add(error);
      for (const e of typeErrors) dropped.add(e);
      for (const e of deeper) inside.add(e);
    } else if (types.length > 0 && !fits) {
      wrongTypes.set(at, { ...error, keyword: 'type', params: { type: [...new Set(types)] } });
      for (const e of [error, ...typeErrors]) dropped.add(e);
    } else alternatives.push(`${error.schemaPath}/`);
  }
  // A misspelt required field (`containerport`) is one defect: the unknown field says it, with the name it meant.
  const meant = new Set(
    errors.flatMap((e) => {
      if (e.keyword !== 'additionalProperties') return [];
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const guess = closest(String(e.params.additionalProperty), known);
      return guess ? [`${e.instancePath}\0${guess}`] : [];
    }),
  );
  for (const error of [...errors.filter((e) => !dropped.has(e)), ...wrongTypes.values()]) {
    if (!inside.has(error) && alternatives.some((path) => error.schemaPath.startsWith(path))) continue;
    if (error.keyword === 'required' && meant.has(`${error.instancePath}\0${String(error.params.missingProperty)}`))
      continue;
    const described = describe(error, kind);
    const issue = { ...described, rule: described.rule.replace(/^kubernetes\//, `${area}/`) };
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
  const where = [kind, field].filter(Boolean).join(' ') || 'the document';
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(error.params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const guess = closest(name, known);
      const fieldName = [kind, pathToField([...path, name])].filter(Boolean).join(' ');
      return {
        rule: 'kubernetes/unknown-field',
        severity: 'error',
        message: `${fieldName}: unknown field "${name}"${guess ? `; did you mean "${guess}"?` : known.length > 0 && known.length <= 12 ? `; known fields here: ${known.join(', ')}` : ''}`,
        path: [...path, name],
        at: 'key',
      };
    }
    case 'required': {
      const missing = String(error.params.missingProperty);
      return {
        rule: 'kubernetes/missing-field',
        severity: 'error',
        message: `${[kind, pathToField([...path, missing])].filter(Boolean).join(' ')}: required field "${missing}" is missing`,
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

/** The JSON Schema type of a value, as `type` errors name them. */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
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

/**
 * Edit distance with adjacent transpositions (optimal string alignment: `prots` is one edit from `ports`), or
 * `limit` as soon as it cannot be below it.
 */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const above = rows[i - 1] as number[];
      let value = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, ((rows[i - 2] as number[])[j - 2] ?? 0) + 1);
      row.push(value);
    }
    if (Math.min(...row) >= limit) return limit;
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] ?? limit;
}
