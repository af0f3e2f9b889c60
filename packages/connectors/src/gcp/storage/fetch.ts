import { collectTokenPages, mapLimit } from '../../shared/paging.ts';
import type { GcpFetchEnv } from '../service.ts';

export type GcpJson = Record<string, unknown>;

export interface RawStorage {
  buckets: { bucket: GcpJson; iam: GcpJson }[];
}

export async function fetchStorage(env: GcpFetchEnv): Promise<RawStorage> {
  const custom = env.factory.options.endpoint;
  const { Storage } = await import('@google-cloud/storage');
  const storage = new Storage({
    projectId: env.projectId,
    authClient: (await env.factory.auth()) as never,
    // Our retry strategy wraps each call (and counts throttles); the library's own would multiply attempts.
    retryOptions: { autoRetry: false },
    ...(custom ? { apiEndpoint: custom.url, useAuthWithCustomEndpoint: true } : {}),
  });
  const listed = await env.gaps.list('buckets.list', 'storage.buckets.list', () =>
    collectTokenPages(async (pageToken) => {
      const [, next, response] = await env.call(() =>
        storage.getBuckets({ project: env.projectId, autoPaginate: false, pageToken }),
      );
      const r = response as { items?: GcpJson[] } | undefined;
      return { items: r?.items ?? [], next: (next as { pageToken?: string } | null)?.pageToken };
    }),
  );
  const buckets = await mapLimit(listed, env.fanOut, async (bucket) => {
    const got = await env.gaps.item(
      'buckets.getIamPolicy',
      `//storage.googleapis.com/${String(bucket.name)}`,
      () => env.call(() => storage.bucket(String(bucket.name)).iam.getPolicy({ requestedPolicyVersion: 3 })),
    );
    // Denied: the bucket is kept; who its IAM bindings admit is unknown.
    return { bucket, iam: (got?.[0] ?? {}) as unknown as GcpJson };
  });
  return { buckets };
}
