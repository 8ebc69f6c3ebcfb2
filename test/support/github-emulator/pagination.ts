/**
 * GitHub's page-based pagination: `per_page` (default 30, at most 100) and `page` (from 1), with a `Link`
 * header whose URLs are the request's own URL with `page` replaced.
 */
import type { RequestContext, RouteResponse } from './router.js';

/** Page size and number from the query, clamped as GitHub clamps them. */
export function pageParams(query: URLSearchParams): { perPage: number; page: number } {
  const perPageRaw = Number.parseInt(query.get('per_page') ?? '', 10);
  const pageRaw = Number.parseInt(query.get('page') ?? '', 10);
  const perPage = Number.isFinite(perPageRaw) && perPageRaw > 0 ? Math.min(perPageRaw, 100) : 30;
  const page = Number.isFinite(pageRaw) && pageRaw > 0 ? pageRaw : 1;
  return { perPage, page };
}

/** The `Link` header for a page of `total` items, or `undefined` when everything fits on one page. */
export function linkHeader(url: URL, page: number, perPage: number, total: number): string | undefined {
  const last = Math.max(1, Math.ceil(total / perPage));
  if (last === 1 && page === 1) return undefined;
  const at = (n: number): string => {
    const target = new URL(url);
    target.searchParams.set('page', String(n));
    return target.toString();
  };
  const links: string[] = [];
  if (page > 1) links.push(`<${at(Math.min(page - 1, last))}>; rel="prev"`);
  if (page < last) links.push(`<${at(page + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`);
  if (page > 1) links.push(`<${at(1)}>; rel="first"`);
  return links.join(', ');
}

/** A 200 response holding one page of `items`, rendered with `render`, plus its `Link` header. */
export function pageOf<T>(ctx: RequestContext, items: readonly T[], render: (item: T) => unknown): RouteResponse {
  const { perPage, page } = pageParams(ctx.query);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = linkHeader(ctx.url, page, perPage, items.length);
  return { status: 200, body: slice.map(render), headers: link ? { link } : {} };
}
