/**
 * GitHub's REST description from `@octokit/openapi`, read once per process. We read the JSON file rather than
 * import the package: its entry point loads all ten descriptions (several hundred megabytes).
 *
 * The description is OpenAPI 3.0, so it is turned into JSON Schema that ajv understands:
 * `nullable: true` becomes a `null` type (or `anyOf` with null), and `oneOf` with a `discriminator` becomes
 * `anyOf` (the discriminator makes the branches exclusive; without it `private-user` also matches `public-user`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../paths.js';

/** The description this emulator is checked against. */
export const SPEC_FILE = join(repoRoot, 'node_modules', '@octokit', 'openapi', 'generated', 'api.github.com.json');

/** The `$id` under which the converted components are registered with ajv. */
export const SPEC_ID = 'https://shipgate.test/github/api.github.com.json';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Operation {
  operationId?: string;
  externalDocs?: { url?: string };
  responses?: Record<string, JsonObject>;
}

/** The loaded description: converted components plus the raw paths, converted lazily per response. */
export interface LoadedSpec {
  /** `{ $id, components }`: what ajv registers, so `#/components/...` references resolve. */
  readonly document: JsonObject;
  readonly paths: Record<string, Record<string, Operation>>;
  /** How long reading, parsing and converting took, in milliseconds. */
  readonly loadMs: number;
}

/** What the description says about one response of one operation. */
export type ResponseSpec =
  | { kind: 'schema'; operationId: string; schema: JsonObject }
  | { kind: 'no-content'; operationId: string }
  | { kind: 'undeclared'; operationId: string }
  | { kind: 'unknown-operation' };

let cached: LoadedSpec | undefined;

/** Reads and converts the description on first use; later calls return the same object. */
export function loadSpec(): LoadedSpec {
  if (cached) return cached;
  const started = performance.now();
  const raw = JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Json; responses: Json };
  };
  // Only the parts responses refer to; examples and parameters are large and never validated against.
  const components = toJsonSchema({ schemas: raw.components.schemas, responses: raw.components.responses }, false);
  cached = { document: { $id: SPEC_ID, components }, paths: raw.paths, loadMs: performance.now() - started };
  return cached;
}

/** The operation id and GitHub docs link for a method on a path template, when the description has it. */
export function describeOperation(
  template: string,
  method: string,
): { operationId: string; docsUrl: string | undefined } | undefined {
  const operation = loadSpec().paths[template]?.[method.toLowerCase()];
  if (!operation) return undefined;
  return { operationId: operation.operationId ?? `${method} ${template}`, docsUrl: operation.externalDocs?.url };
}

/** Finds the JSON Schema for a response status of an operation, resolving `#/components/responses/...`. */
export function responseSpec(template: string, method: string, status: number): ResponseSpec {
  const spec = loadSpec();
  const operation = spec.paths[template]?.[method.toLowerCase()];
  if (!operation) return { kind: 'unknown-operation' };
  const operationId = operation.operationId ?? `${method} ${template}`;
  let response = operation.responses?.[String(status)] ?? operation.responses?.default;
  if (!response) return { kind: 'undeclared', operationId };
  if (typeof response.$ref === 'string') response = resolvePointer(spec.document, response.$ref) as JsonObject;
  const content = response.content as Record<string, JsonObject> | undefined;
  const media = content?.['application/json'] ?? Object.values(content ?? {})[0];
  const schema = media?.schema as JsonObject | undefined;
  if (!schema) return { kind: 'no-content', operationId };
  return { kind: 'schema', operationId, schema: toJsonSchema(schema, true) as JsonObject };
}

function resolvePointer(document: JsonObject, ref: string): Json {
  let node: Json = document;
  for (const part of ref.replace(/^#\//, '').split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node !== null && typeof node === 'object' && !Array.isArray(node) ? (node[key] ?? null) : null;
  }
  return node;
}

/**
 * Converts an OpenAPI 3.0 schema to JSON Schema for ajv. With `absoluteRefs`, local `#/...` references are
 * rewritten to point into the registered document, so a schema taken out of `paths` compiles on its own.
 */
export function toJsonSchema(node: Json, absoluteRefs: boolean): Json {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item, absoluteRefs));
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const key of Object.keys(node)) out[key] = toJsonSchema(node[key] ?? null, absoluteRefs);
  if (absoluteRefs && typeof out.$ref === 'string' && out.$ref.startsWith('#/')) out.$ref = `${SPEC_ID}${out.$ref}`;
  if (Array.isArray(out.oneOf) && out.discriminator !== undefined) {
    out.anyOf = out.oneOf;
    delete out.oneOf;
  }
  if (out.nullable === false) delete out.nullable;
  if (out.nullable !== true) return out;
  delete out.nullable;
  if (typeof out.type !== 'string') return { anyOf: [{ type: 'null' }, out] };
  out.type = [out.type, 'null'];
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  return out;
}
