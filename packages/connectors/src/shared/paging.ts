/** Pagination that never ends (a repeated token, or more pages than any real listing has). */
export class PaginationError extends Error {
  override name = 'PaginationError';
}

/** Output token fields of the SDK v3 list operations aispm calls. */
const TOKEN_FIELDS = [
  'nextToken',
  'NextToken',
  'Marker',
  'NextMarker',
  'NextContinuationToken',
  'ContinuationToken',
] as const;
export const MAX_PAGES = 10_000;

/**
 * Collects every item from an SDK v3 paginator (`paginateX(...)`), page by page. A token seen twice fails the
 * listing instead of silently truncating or looping: a task that fails removes nothing, a truncated one would.
 */
export async function collectPages<P, T>(
  pages: AsyncIterable<P>,
  items: (page: P) => readonly T[] | undefined,
): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let count = 0;
  for await (const page of pages) {
    out.push(...(items(page) ?? []));
    if (++count > MAX_PAGES) throw new PaginationError(`listing did not end after ${MAX_PAGES} pages`);
    for (const field of TOKEN_FIELDS) {
      const token = (page as Record<string, unknown>)[field];
      if (typeof token !== 'string' || token === '') continue;
      if (seen.has(token)) throw new PaginationError(`paging token repeated: ${token.slice(0, 40)}`);
      seen.add(token);
    }
  }
  return out;
}

/**
 * Pages through an operation that has no SDK paginator: `fetchPage(token)` returns the items and the next token.
 * Stops on a repeated token so a misbehaving server cannot loop forever.
 */
export async function collectTokenPages<T>(
  fetchPage: (
    token: string | undefined,
  ) => Promise<{ items: readonly T[] | undefined; next: string | undefined }>,
): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    out.push(...(page.items ?? []));
    token = page.next || undefined;
    if (token !== undefined) {
      if (seen.has(token)) throw new PaginationError(`paging token repeated: ${token.slice(0, 40)}`);
      seen.add(token);
    }
  } while (token !== undefined);
  return out;
}

/** How many listed items a task reads at a time (Describe / Get after a List). */
export const FAN_OUT = 4;
/**
 * The same for a service that later services wait on (`ServiceModule.after`): its calls share a budget first come,
 * first served with the rest of its phase, so more of them in flight finish it sooner and start its dependents.
 */
export const WAITED_ON_FAN_OUT = 8;

/** Maps with at most `limit` calls in flight (per-item Describe/Get calls after a List). Keeps input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(Math.max(1, limit), items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  });
  await Promise.all(workers);
  return results;
}
