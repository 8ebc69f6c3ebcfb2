/**
 * The JSONPath subset that API checks use: `$`, `.name`, `['name']` / `["name"]`, `[0]`, `[-1]`, `[*]`, `.*`
 * and recursive descent (`..name`, `..*`, `..[0]`). Filters, slices and unions are refused with a message
 * that says so, rather than silently matching nothing.
 */
import { ShipgateError } from '@shipgate/core';

/** What one step of a path selects from each node it is given. */
export type JsonPathSelector = { kind: 'name'; name: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };

/** One step: a selector, applied to the node itself (`.x`) or to the node and all its descendants (`..x`). */
export interface JsonPathSegment {
  selector: JsonPathSelector;
  recursive: boolean;
}

/** A parsed path. `source` is the text as written, for messages. */
export interface JsonPath {
  source: string;
  segments: JsonPathSegment[];
}

/** A path that cannot be parsed. `position` is 1-based, as editors count columns. */
export class JsonPathError extends ShipgateError {
  readonly path: string;
  readonly position: number;
  readonly reason: string;

  constructor(path: string, reason: string, position: number) {
    super(`'${path}' is not a valid JSON path: ${reason} at position ${position}`);
    this.path = path;
    this.reason = reason;
    this.position = position;
  }
}

/** Characters that end a name written after a dot. */
const NAME_END = /[.[\]\s'"]/;

/** Parses a JSON path, or throws a `JsonPathError` naming what is wrong and where (1-based). */
export function parseJsonPath(path: string): JsonPath {
  if (!path.startsWith('$')) throw new JsonPathError(path, "a path starts with '$'", 1);
  const segments: JsonPathSegment[] = [];
  let i = 1;
  while (i < path.length) {
    const char = path[i];
    if (char === '.') {
      const recursive = path[i + 1] === '.';
      const start = i + (recursive ? 2 : 1);
      if (recursive && path[start] === '[') {
        const parsed = parseBracket(path, start);
        segments.push({ selector: parsed.selector, recursive });
        i = parsed.end;
        continue;
      }
      if (path[start] === '*') {
        segments.push({ selector: { kind: 'wildcard' }, recursive });
        i = start + 1;
        continue;
      }
      let end = start;
      while (end < path.length && !NAME_END.test(path[end] ?? '')) end += 1;
      if (end === start) throw new JsonPathError(path, `expected a name after '${recursive ? '..' : '.'}'`, i + 1);
      segments.push({ selector: { kind: 'name', name: path.slice(start, end) }, recursive });
      i = end;
    } else if (char === '[') {
      const parsed = parseBracket(path, i);
      segments.push({ selector: parsed.selector, recursive: false });
      i = parsed.end;
    } else {
      throw new JsonPathError(path, `unexpected '${char ?? ''}': expected '.' or '['`, i + 1);
    }
  }
  return { source: path, segments };
}

/** Parses `[...]` starting at the `[` at `open`; returns the selector and the index after `]`. */
function parseBracket(path: string, open: number): { selector: JsonPathSelector; end: number } {
  const close = (selector: JsonPathSelector, at: number): { selector: JsonPathSelector; end: number } => {
    const rest = path.slice(at).match(/^\s*/)?.[0].length ?? 0;
    const next = path[at + rest];
    if (next === ']') return { selector, end: at + rest + 1 };
    if (next === undefined) throw new JsonPathError(path, 'unclosed bracket', open + 1);
    if (next === ',')
      throw new JsonPathError(path, 'unions are not supported: write one path per assertion', at + rest + 1);
    if (next === ':')
      throw new JsonPathError(path, 'slices are not supported: use an index such as [0] or [-1]', at + rest + 1);
    throw new JsonPathError(path, `unexpected '${next}': expected ']'`, at + rest + 1);
  };
  let i = open + 1;
  while (path[i] === ' ') i += 1;
  const char = path[i];
  if (char === undefined) throw new JsonPathError(path, 'unclosed bracket', open + 1);
  if (char === '*') return close({ kind: 'wildcard' }, i + 1);
  if (char === "'" || char === '"') {
    const { value, end } = readQuoted(path, i);
    return close({ kind: 'name', name: value }, end);
  }
  const digits = path.slice(i).match(/^-?\d+/)?.[0];
  if (digits !== undefined) return close({ kind: 'index', index: Number(digits) }, i + digits.length);
  if (char === '?')
    throw new JsonPathError(path, 'filter expressions are not supported: assert on a path to the value itself', i + 1);
  if (char === ']') throw new JsonPathError(path, "empty brackets: expected an index, '*' or a quoted name", i + 1);
  if (char === ':') throw new JsonPathError(path, 'slices are not supported: use an index such as [0] or [-1]', i + 1);
  throw new JsonPathError(path, `unexpected '${char}': expected an index, '*' or a quoted name inside brackets`, i + 1);
}

/** Reads a quoted name starting at the quote at `start`; `\` escapes the next character. */
function readQuoted(path: string, start: number): { value: string; end: number } {
  const quote = path[start];
  let value = '';
  let i = start + 1;
  while (i < path.length) {
    const char = path[i];
    if (char === '\\' && i + 1 < path.length) {
      value += path[i + 1];
      i += 2;
    } else if (char === quote) {
      return { value, end: i + 1 };
    } else {
      value += char;
      i += 1;
    }
  }
  throw new JsonPathError(path, 'unterminated string', start + 1);
}

/** Every value the path selects in `data`, in document order (none when nothing matches). */
export function evaluateJsonPath(path: JsonPath, data: unknown): unknown[] {
  let nodes: unknown[] = [data];
  for (const segment of path.segments) {
    const scope = segment.recursive ? nodes.flatMap(selfAndDescendants) : nodes;
    nodes = scope.flatMap((node) => select(segment.selector, node));
  }
  return nodes;
}

function select(selector: JsonPathSelector, node: unknown): unknown[] {
  switch (selector.kind) {
    case 'name':
      return isObject(node) && Object.hasOwn(node, selector.name) ? [node[selector.name]] : [];
    case 'index': {
      if (!Array.isArray(node)) return [];
      const index = selector.index < 0 ? node.length + selector.index : selector.index;
      return index >= 0 && index < node.length ? [node[index]] : [];
    }
    case 'wildcard':
      return children(node);
    default:
      throw new Error(`Unknown JSON path selector ${JSON.stringify(selector)}: expected name, index or wildcard`);
  }
}

function selfAndDescendants(node: unknown): unknown[] {
  return [node, ...children(node).flatMap(selfAndDescendants)];
}

function children(node: unknown): unknown[] {
  if (Array.isArray(node)) return node;
  return isObject(node) ? Object.values(node) : [];
}

function isObject(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}
