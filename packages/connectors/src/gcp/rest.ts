import { collectTokenPages } from '../shared/paging.ts';
import type { GcpFetchEnv } from './service.ts';

/** GET a Google REST API through the connector's auth client (one retried call). */
export async function restGet<T>(env: GcpFetchEnv, url: string): Promise<T> {
  const auth = await env.factory.auth();
  const res = await env.call((signal) => auth.request<T>({ url, method: 'GET', signal } as never));
  return res.data;
}

/** Every item of a Google REST list (`items` field + `nextPageToken`). */
export async function restList<T>(env: GcpFetchEnv, url: string, field: string): Promise<T[]> {
  return collectTokenPages(async (pageToken) => {
    const u = new URL(url);
    if (pageToken) u.searchParams.set('pageToken', pageToken);
    const page = await restGet<Record<string, unknown>>(env, u.toString());
    return {
      items: (page[field] as T[] | undefined) ?? [],
      next: typeof page.nextPageToken === 'string' ? page.nextPageToken : undefined,
    };
  });
}
