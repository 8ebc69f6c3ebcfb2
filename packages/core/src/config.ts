import type { ErrorObject } from 'ajv';
import { LineCounter, isMap, isPair, isScalar, parseDocument, type Node, type Pair } from 'yaml';
import { ConfigError } from './errors.js';

/** A parsed, schema-valid config file, with the position of every value for error messages. */
export interface LoadedConfig {
  file: string;
  data: Record<string, unknown>;
  /** Line and column (1-based) of the value at a key path, when the file has it. */
  positionOf(path: readonly (string | number)[]): { line: number; column: number } | undefined;
}

/**
 * A JSON Schema validator compiled at build time (ajv standalone, by scripts/gen-validators.js, with the
 * options in `validator-options.json`): `allErrors`, and `verbose` so that each error carries its
 * `parentSchema`, which names the keys allowed where an unknown one was found.
 */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** Accepts any mapping: for reading a file's values and positions before its own checks. */
export const ANY_MAPPING: SchemaValidator = () => true;

type Position = { line: number; column: number };

/** Where each key of a config that `parseConfig` read is, for `checkConfig`'s "unknown key" errors. */
const keyPositions = new WeakMap<LoadedConfig, (path: readonly (string | number)[]) => Position | undefined>();

/**
 * Parses YAML text and validates it with a precompiled JSON Schema validator. Syntax errors, unknown keys
 * and wrong types are `ConfigError`s naming the key path and its line and column.
 */
export function parseConfig(text: string, file: string, validate: SchemaValidator): LoadedConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = lineCounter.linePos(syntax.pos[0]);
    throw new ConfigError(file, '', `is not valid YAML: ${syntax.message.split('\n')[0]}`, {
      line: pos.line,
      column: pos.col,
    });
  }
  const data = (doc.toJS() ?? {}) as unknown;
  const positionOf = (path: readonly (string | number)[], key = false): Position | undefined => {
    const node = findNode(doc.contents as Node | null, path, key);
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError(file, '', 'must be a mapping of sections (environments, probes, canary-deploy, ...)', {
      line: 1,
      column: 1,
    });
  }
  const config: LoadedConfig = { file, data: data as Record<string, unknown>, positionOf: (path) => positionOf(path) };
  keyPositions.set(config, (path) => positionOf(path, true));
  checkConfig(config, validate);
  return config;
}

/**
 * Validates a config that `parseConfig` returned against another schema, with the same `ConfigError` that
 * `parseConfig` would throw, without parsing the YAML again.
 */
export function checkConfig(config: LoadedConfig, validate: SchemaValidator): void {
  if (validate(config.data)) return;
  const error = mostUseful(validate.errors ?? []);
  const path = pointerToPath(error.instancePath);
  const extra = error.keyword === 'additionalProperties' ? String(error.params.additionalProperty) : undefined;
  const fullPath = extra === undefined ? path : [...path, extra];
  const position =
    (extra === undefined ? config.positionOf(fullPath) : keyPositions.get(config)?.(fullPath)) ??
    config.positionOf(path);
  throw new ConfigError(config.file, fullPath.join('.'), describe(error, extra, error.parentSchema), position ?? {});
}

/** Prefers an unknown key or a type error at the deepest path; `anyOf` noise comes last. */
function mostUseful(errors: ErrorObject[]): ErrorObject {
  const score = (e: ErrorObject): number =>
    e.instancePath.split('/').length * 10 + (e.keyword === 'anyOf' || e.keyword === 'oneOf' ? 0 : 5);
  return [...errors].sort((a, b) => score(b) - score(a))[0] as ErrorObject;
}

function describe(error: ErrorObject, extra: string | undefined, schemaNode: unknown): string {
  const node = (schemaNode ?? {}) as { properties?: Record<string, unknown> };
  switch (error.keyword) {
    case 'additionalProperties': {
      const known = Object.keys(node.properties ?? {});
      return `is not a known key${known.length ? `: allowed here are ${known.join(', ')}` : ''}`;
    }
    case 'type':
      return `must be ${error.params.type === 'object' ? 'a mapping' : error.params.type === 'array' ? 'a list' : withArticle(String(error.params.type))}`;
    case 'enum':
      return `must be one of: ${(error.params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'required':
      return `is missing the required key '${String(error.params.missingProperty)}'`;
    default:
      return error.message ?? 'is invalid';
  }
}

function pointerToPath(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function findNode(root: Node | null, path: readonly (string | number)[], wantKey: boolean): Node | undefined {
  let node: Node | null | undefined = root;
  let pair: Pair | undefined;
  for (const key of path) {
    if (!node || !('items' in node)) return undefined;
    const items = (node as { items: unknown[] }).items;
    if (isMap(node)) {
      pair = items.find(
        (item): item is Pair => isPair(item) && isScalar(item.key) && String(item.key.value) === String(key),
      );
      node = pair?.value as Node | null | undefined;
    } else {
      pair = undefined;
      node = items[Number(key)] as Node | undefined;
    }
    if (node === undefined) return undefined;
  }
  if (wantKey && pair && isScalar(pair.key)) return pair.key as Node;
  return node ?? (pair?.key as Node | undefined);
}

function withArticle(word: string): string {
  return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}
