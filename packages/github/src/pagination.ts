/**
 * Helpers over `client.paginate.iterator(...)` for lists where reading every page would waste calls: stop at
 * the first match, or after enough items.
 */

/** One page as Octokit's page iterator yields it. */
export interface Page<T> {
  data: T[];
}

/** The first item, across pages, for which `predicate` holds; stops fetching pages once found. */
export async function findInPages<T>(
  pages: AsyncIterable<Page<T>>,
  predicate: (item: T) => boolean | Promise<boolean>,
): Promise<T | undefined> {
  for await (const page of pages) {
    for (const item of page.data) {
      if (await predicate(item)) return item;
    }
  }
  return undefined;
}

/** Up to `limit` items, across pages, fetching no more pages than needed. */
export async function takeFromPages<T>(pages: AsyncIterable<Page<T>>, limit: number): Promise<T[]> {
  const items: T[] = [];
  if (limit <= 0) return items;
  for await (const page of pages) {
    for (const item of page.data) {
      items.push(item);
      if (items.length >= limit) return items;
    }
  }
  return items;
}
