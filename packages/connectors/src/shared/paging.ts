/** Collects every item from an SDK v3 paginator (`paginateX(...)`), page by page. */
export async function collectPages<P, T>(
  pages: AsyncIterable<P>,
  items: (page: P) => readonly T[] | undefined,
): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(items(page) ?? []));
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
      if (seen.has(token)) throw new Error(`paging token repeated: ${token}`);
      seen.add(token);
    }
  } while (token !== undefined);
  return out;
}

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
