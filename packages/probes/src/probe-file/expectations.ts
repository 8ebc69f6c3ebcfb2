/**
 * `expect` blocks: the HTTP one (status, json, headers, body, latency) and the text one of tcp and
 * websocket probes (one assertion or a list).
 */
import type { HttpExpectations, LatencyBudget, TextAssertion } from '../model.js';
import { headerAssertionAt, jsonAssertionAt, textAssertionAt } from './assertions.js';
import { isMapping, type DefinitionContext, type KeyPath } from './definition-context.js';
import { statusRangesAt } from './status-ranges.js';
import { durationAt } from './values.js';

/** An HTTP `expect` block, with the default status (2xx) when it gives none. */
export function httpExpectationsAt(ctx: DefinitionContext, path: KeyPath, raw: unknown): HttpExpectations {
  const expect = isMapping(raw) ? raw : {};
  return {
    status: statusRangesAt(ctx, [...path, 'status'], expect.status),
    json: listAt(expect.json).map((item, index) => jsonAssertionAt(ctx, [...path, 'json', index], item)),
    headers: listAt(expect.headers).map((item, index) => headerAssertionAt(ctx, [...path, 'headers', index], item)),
    body: listAt(expect.body).map((item, index) => textAssertionAt(ctx, [...path, 'body', index], item)),
    latency: latencyAt(ctx, [...path, 'latency'], expect.latency),
  };
}

/** A tcp or websocket `expect`: one text assertion or a list; none means connecting is enough. */
export function textExpectationsAt(ctx: DefinitionContext, path: KeyPath, raw: unknown): TextAssertion[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) return [textAssertionAt(ctx, path, isMapping(raw) ? raw : {})];
  return listAt(raw).map((item, index) => textAssertionAt(ctx, [...path, index], item));
}

function latencyAt(ctx: DefinitionContext, path: KeyPath, raw: unknown): LatencyBudget {
  if (!isMapping(raw)) return {};
  const budget: LatencyBudget = {};
  if (raw.degraded !== undefined) budget.degradedMs = durationAt(ctx, [...path, 'degraded'], raw.degraded);
  if (raw.failed !== undefined) budget.failedMs = durationAt(ctx, [...path, 'failed'], raw.failed);
  if (budget.degradedMs !== undefined && budget.failedMs !== undefined && budget.degradedMs > budget.failedMs) {
    ctx.fail(
      [...path, 'degraded'],
      `degraded (${String(raw.degraded)}) is above failed (${String(raw.failed)}): a response must be degraded before it fails`,
    );
  }
  return budget;
}

/** A list of mappings; the schema has checked its items, so indexes match the file. */
function listAt(raw: unknown): Record<string, unknown>[] {
  return Array.isArray(raw) ? (raw as Record<string, unknown>[]) : [];
}
