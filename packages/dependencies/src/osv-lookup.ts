/**
 * Looks packages up in OSV: distinct package versions in batches of at most 1000 (following each result's
 * `next_page_token`), then each advisory's record once per run. Throttling and server errors are retried with
 * exponential backoff (or the server's `retry-after`); what still fails is reported, so the caller can mark
 * the result incomplete instead of passing silently.
 */
import type { Clock } from '@shipgate/core';
import { packageKey } from './package-ref.js';
import { MAX_BATCH, type OsvAnswer, type OsvApi, type OsvQuery, type OsvRecord } from './osv-api.js';

/** How failed calls are retried. */
export interface OsvRetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Wait before the first retry in ms; doubles on each retry. */
  baseDelayMs: number;
  /** Ceiling for one wait, in ms (a longer `retry-after` gives up instead). */
  maxDelayMs: number;
}

/** 4 attempts, 1 s doubling up to 30 s. */
export const DEFAULT_OSV_RETRY: Readonly<OsvRetryPolicy> = Object.freeze({
  maxAttempts: 4,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
});

/** What the lookup found. */
export interface OsvLookup {
  /** Advisory ids per package (by {@link packageKey}); a package OSV could not answer for is absent. */
  idsByPackage: Map<string, string[]>;
  /** The records fetched, by id (each fetched once). */
  records: Map<string, OsvRecord>;
  /** One sentence per thing that could not be looked up. Non-empty means the result is incomplete. */
  incomplete: string[];
  /** HTTP requests made, retries included. */
  requests: number;
}

/** Looks up `packages` (duplicates are asked once). `concurrency` bounds the parallel detail requests. */
export async function lookUpVulnerabilities(
  packages: readonly { ecosystem: string; name: string; version: string }[],
  api: OsvApi,
  options: { clock: Clock; retry?: OsvRetryPolicy; concurrency?: number },
): Promise<OsvLookup> {
  const retry = options.retry ?? DEFAULT_OSV_RETRY;
  const result: OsvLookup = { idsByPackage: new Map(), records: new Map(), incomplete: [], requests: 0 };
  const call = async <T>(what: string, send: () => Promise<OsvAnswer<T>>): Promise<T | undefined> => {
    for (let attempt = 1; ; attempt++) {
      result.requests++;
      const answer = await send();
      if (answer.ok) return answer.value;
      const { failure } = answer;
      const wait =
        failure.retryAfterSeconds !== undefined
          ? failure.retryAfterSeconds * 1000
          : Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
      if (!failure.retryable || attempt >= retry.maxAttempts || wait > retry.maxDelayMs) {
        const tries = attempt === 1 ? '' : ` (after ${attempt} attempts)`;
        result.incomplete.push(`OSV could not ${what}${tries}: ${failure.message}`);
        return undefined;
      }
      await options.clock.sleep(wait);
    }
  };

  const distinct = [...new Map(packages.map((p) => [packageKey(p), p])).values()];
  let pending: { key: string; query: OsvQuery }[] = distinct.map((p) => ({
    key: packageKey(p),
    query: { package: { ecosystem: p.ecosystem, name: p.name }, version: p.version },
  }));
  const failed = new Set<string>();
  while (pending.length > 0) {
    const next: typeof pending = [];
    for (let start = 0; start < pending.length; start += MAX_BATCH) {
      const chunk = pending.slice(start, start + MAX_BATCH);
      const what = `look up ${chunk.length} package versions (${describe(chunk[0]?.query)}${chunk.length > 1 ? ', …' : ''})`;
      const answers = await call(what, () => api.queryBatch(chunk.map((c) => c.query)));
      if (answers === undefined || answers.length !== chunk.length) {
        if (answers !== undefined)
          result.incomplete.push(`OSV answered ${answers.length} results to a batch of ${chunk.length} queries`);
        for (const c of chunk) failed.add(c.key);
        continue;
      }
      answers.forEach((answer, i) => {
        const { key, query } = chunk[i] as (typeof chunk)[number];
        const ids = result.idsByPackage.get(key) ?? [];
        for (const vuln of answer.vulns ?? []) if (!ids.includes(vuln.id)) ids.push(vuln.id);
        result.idsByPackage.set(key, ids);
        if (answer.next_page_token) next.push({ key, query: { ...query, page_token: answer.next_page_token } });
      });
    }
    pending = next;
  }
  for (const key of failed) result.idsByPackage.delete(key);

  const ids = [...new Set([...result.idsByPackage.values()].flat())];
  const concurrency = Math.max(1, options.concurrency ?? 8);
  let cursor = 0;
  const worker = async () => {
    while (cursor < ids.length) {
      const id = ids[cursor++] as string;
      const record = await call(`fetch advisory ${id}`, () => api.getVulnerability(id));
      if (record) result.records.set(id, record);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
  return result;
}

function describe(query: OsvQuery | undefined): string {
  return query ? `${query.package.name} ${query.version}` : '';
}
