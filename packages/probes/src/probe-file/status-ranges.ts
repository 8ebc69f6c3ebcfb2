/**
 * Expected HTTP statuses as users write them: a code (`200`), a class (`2xx`), a range (`"200-299"`), or a
 * list of these. Each becomes an inclusive `StatusRange`.
 */
import type { StatusRange } from '../model.js';
import type { DefinitionContext, KeyPath } from './definition-context.js';

/** What `expect.status` is when absent. */
export const DEFAULT_STATUS: readonly StatusRange[] = [{ from: 200, to: 299 }];

const FORMS = 'write a code (200), a class (2xx), a range ("200-299") or a list of these';

/** Reads `expect.status`: one form or a list of them. */
export function statusRangesAt(ctx: DefinitionContext, path: KeyPath, value: unknown): StatusRange[] {
  if (value === undefined) return [...DEFAULT_STATUS];
  if (!Array.isArray(value)) return [statusRangeAt(ctx, path, value)];
  if (value.length === 0) ctx.fail(path, `lists no status: ${FORMS}`);
  return value.map((item, index) => statusRangeAt(ctx, [...path, index], item));
}

function statusRangeAt(ctx: DefinitionContext, path: KeyPath, value: unknown): StatusRange {
  const text = typeof value === 'number' ? String(value) : ctx.text(path, value).trim();
  if (/^\d+$/.test(text)) {
    const code = Number(text);
    checkCode(ctx, path, code);
    return { from: code, to: code };
  }
  const statusClass = /^(\d)xx$/i.exec(text)?.[1];
  if (statusClass !== undefined) {
    const from = Number(statusClass) * 100;
    if (from < 100 || from > 500)
      ctx.fail(path, `status class '${text}' does not exist: the classes are 1xx, 2xx, 3xx, 4xx and 5xx`);
    return { from, to: from + 99 };
  }
  const range = /^(\d+)\s*-\s*(\d+)$/.exec(text);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    checkCode(ctx, path, from);
    checkCode(ctx, path, to);
    if (from > to) ctx.fail(path, `status range '${text}' is backwards: write the lower status first (${to}-${from})`);
    return { from, to };
  }
  ctx.fail(path, `'${text}' is not a status: ${FORMS}`);
}

function checkCode(ctx: DefinitionContext, path: KeyPath, code: number): void {
  if (code < 100 || code > 599) ctx.fail(path, `status ${code} is outside 100-599`);
}
