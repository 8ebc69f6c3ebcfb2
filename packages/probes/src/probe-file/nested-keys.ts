/**
 * Keys of the mappings inside probes (expect blocks, assertions, captures) and of `defaults`, checked
 * before the schema so that an unknown key is reported with the keys allowed in that very mapping. (The
 * kit's schema errors take that list from the schema's root, which is wrong for a mapping reached through
 * a `$ref`.) Bare numbers written as durations are refused here too, with the fix.
 */
import { isMapping, type DefinitionContext, type KeyPath } from './definition-context.js';
import { schemaKeys } from './probe-schema.js';

type Definition =
  'defaults' | 'http-expect' | 'latency' | 'json-assertion' | 'header-assertion' | 'text-assertion' | 'capture';

const WHAT: Readonly<Record<Definition, string>> = {
  defaults: 'defaults',
  'http-expect': 'an HTTP expect block',
  latency: 'a latency budget',
  'json-assertion': 'a JSON assertion',
  'header-assertion': 'a header assertion',
  'text-assertion': 'a text assertion',
  capture: 'a capture',
};

/** Checks `defaults`: its keys, and its timeout's shape. */
export function checkDefaultsKeys(ctx: DefinitionContext, raw: unknown): void {
  checkMapping(ctx, raw, ['defaults'], 'defaults');
  if (isMapping(raw)) checkDurationShape(ctx, raw.timeout, ['defaults', 'timeout']);
}

/** Checks an HTTP `expect` block, its latency budget and its assertions. */
export function checkHttpExpectKeys(ctx: DefinitionContext, raw: unknown, path: KeyPath): void {
  checkMapping(ctx, raw, path, 'http-expect');
  if (!isMapping(raw)) return;
  checkMapping(ctx, raw.latency, [...path, 'latency'], 'latency');
  if (isMapping(raw.latency)) {
    for (const key of ['degraded', 'failed']) checkDurationShape(ctx, raw.latency[key], [...path, 'latency', key]);
  }
  const lists = { json: 'json-assertion', headers: 'header-assertion', body: 'text-assertion' } as const;
  for (const [key, definition] of Object.entries(lists)) {
    eachItem(raw[key], (item, index) => checkMapping(ctx, item, [...path, key, index], definition));
  }
}

/** Checks a tcp or websocket `expect`: one text assertion or a list. */
export function checkTextExpectKeys(ctx: DefinitionContext, raw: unknown, path: KeyPath): void {
  if (Array.isArray(raw)) eachItem(raw, (item, index) => checkMapping(ctx, item, [...path, index], 'text-assertion'));
  else checkMapping(ctx, raw, path, 'text-assertion');
}

/** Checks each capture of a flow step's `capture` mapping. */
export function checkCaptureKeys(ctx: DefinitionContext, raw: unknown, path: KeyPath): void {
  if (!isMapping(raw)) return;
  for (const [name, capture] of Object.entries(raw)) checkMapping(ctx, capture, [...path, name], 'capture');
}

/** A duration needs a unit: `10` could mean seconds or milliseconds. */
export function checkDurationShape(ctx: DefinitionContext, value: unknown, path: KeyPath): void {
  if (typeof value === 'number')
    ctx.fail(path, `${value} is not a duration: give it a unit, such as '${value}s' or '${value}ms'`);
}

function checkMapping(ctx: DefinitionContext, raw: unknown, path: KeyPath, definition: Definition): void {
  if (!isMapping(raw)) return;
  const allowed = schemaKeys(definition);
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key))
      ctx.fail([...path, key], `unknown key '${key}': the keys of ${WHAT[definition]} are ${allowed.join(', ')}`);
  }
}

function eachItem(list: unknown, check: (item: unknown, index: number) => void): void {
  if (Array.isArray(list)) list.forEach((item: unknown, index) => check(item, index));
}
