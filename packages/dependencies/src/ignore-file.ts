/**
 * The ignore file: advisories a team has accepted, each with a reason and, usually, an expiry date after which
 * it stops applying (and is reported, so the decision is made again):
 *
 * ```yaml
 * ignore:
 *   - id: GHSA-jf85-cpcp-j695        # or an alias such as CVE-2019-10744
 *     reason: only the unaffected API is used
 *     expires: 2026-12-31            # optional, YYYY-MM-DD, applies through that day (UTC)
 *     package: lodash                # optional: only for this package
 * ```
 */
import { ConfigError } from '@shipgate/core';
import { ANY_MAPPING, parseConfig } from '@shipgate/core/config';

/** One accepted advisory. */
export interface IgnoreRule {
  id: string;
  reason: string;
  /** The last day it applies, `YYYY-MM-DD`. */
  expires?: string;
  /** Only for this package name. */
  package?: string;
  /** Where it was written, for messages: `file:line`. */
  origin: string;
}

const KEYS = ['id', 'reason', 'expires', 'package'];

/** Parses an ignore file; every problem is a `ConfigError` naming the file, the key and its line. */
export function parseIgnoreFile(text: string, file: string): IgnoreRule[] {
  const config = parseConfig(text, file, ANY_MAPPING);
  const at = (path: (string | number)[]): { line?: number; column?: number } => config.positionOf(path) ?? {};
  const extra = Object.keys(config.data).find((key) => key !== 'ignore');
  if (extra !== undefined)
    throw new ConfigError(file, extra, 'is not a known key: the file holds one list, ignore', at([extra]));
  const list = config.data.ignore ?? [];
  if (!Array.isArray(list))
    throw new ConfigError(file, 'ignore', 'must be a list of {id, reason, expires}', at(['ignore']));
  return list.map((entry: unknown, i): IgnoreRule => {
    const path = (key?: string) => (key === undefined ? `ignore[${i}]` : `ignore[${i}].${key}`);
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      throw new ConfigError(file, path(), 'must be a mapping with id, reason and expires', at(['ignore', i]));
    const fields = entry as Record<string, unknown>;
    const unknown = Object.keys(fields).find((key) => !KEYS.includes(key));
    if (unknown !== undefined)
      throw new ConfigError(
        file,
        path(unknown),
        `is not a known key: allowed are ${KEYS.join(', ')}`,
        at(['ignore', i, unknown]),
      );
    for (const key of ['id', 'reason'] as const) {
      const value = fields[key];
      if (typeof value !== 'string' || value.trim() === '')
        throw new ConfigError(
          file,
          path(key),
          `is required: a non-empty string${key === 'reason' ? ' saying why the advisory does not apply' : ' (GHSA-…, CVE-…)'}`,
          at(['ignore', i, key]).line ? at(['ignore', i, key]) : at(['ignore', i]),
        );
    }
    const expires = fields.expires;
    if (expires !== undefined && (typeof expires !== 'string' || !isDate(expires)))
      throw new ConfigError(
        file,
        path('expires'),
        `must be a date as YYYY-MM-DD, got ${JSON.stringify(expires)}`,
        at(['ignore', i, 'expires']),
      );
    if (fields.package !== undefined && typeof fields.package !== 'string')
      throw new ConfigError(file, path('package'), 'must be a package name', at(['ignore', i, 'package']));
    return {
      id: (fields.id as string).trim(),
      reason: (fields.reason as string).trim(),
      ...(expires !== undefined ? { expires } : {}),
      ...(typeof fields.package === 'string' ? { package: fields.package } : {}),
      origin: `${file}:${at(['ignore', i]).line ?? 1}`,
    };
  });
}

function isDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Whether `rule` has expired on `today` (`YYYY-MM-DD`, UTC): it applies through its expiry day. */
export function isExpired(rule: IgnoreRule, today: string): boolean {
  return rule.expires !== undefined && rule.expires < today;
}

/** The UTC calendar day of an epoch time, `YYYY-MM-DD`. */
export function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
