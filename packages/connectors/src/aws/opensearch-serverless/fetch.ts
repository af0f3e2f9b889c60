import {
  type AccessPolicyDetail,
  BatchGetCollectionCommand,
  type CollectionDetail,
  GetAccessPolicyCommand,
  GetSecurityPolicyCommand,
  OpenSearchServerlessClient,
  paginateListAccessPolicies,
  paginateListCollections,
  paginateListSecurityPolicies,
  type SecurityPolicyDetail,
} from '@aws-sdk/client-opensearchserverless';
import { collectPages, mapLimit } from '../../shared/paging.ts';
import type { AwsFetchEnv } from '../service.ts';

export interface RawOpenSearchServerless {
  collections: CollectionDetail[];
  networkPolicies: SecurityPolicyDetail[];
  encryptionPolicies: SecurityPolicyDetail[];
  dataAccessPolicies: AccessPolicyDetail[];
}

/** BatchGetCollection takes at most 100 ids per call. */
const BATCH = 100;

export async function fetchOpenSearchServerless(env: AwsFetchEnv): Promise<RawOpenSearchServerless> {
  const client = env.clients.get(OpenSearchServerlessClient);
  const pager = { client };
  const summaries = await env.gaps.list('ListCollections', 'aoss:ListCollections', () =>
    collectPages(paginateListCollections(pager, {}), (p) => p.collectionSummaries),
  );
  const ids = summaries.map((s) => s.id).filter((id): id is string => Boolean(id));
  const arns = summaries.map((s) => s.arn).filter((a): a is string => Boolean(a));
  const collections: CollectionDetail[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const out = await env.gaps.item(
      'BatchGetCollection',
      summaries.filter((s) => s.id && batch.includes(s.id)).map((s) => s.arn ?? ''),
      () => client.send(new BatchGetCollectionCommand({ ids: batch })),
    );
    // Denied: the collections are kept from their list entries.
    collections.push(
      ...(out
        ? (out.collectionDetails ?? [])
        : summaries.filter((s) => s.id && batch.includes(s.id)).map((s) => ({ ...s }) as CollectionDetail)),
    );
  }
  const securityPolicies = async (type: 'network' | 'encryption') => {
    const list = await env.gaps.list('ListSecurityPolicies', 'aoss:ListSecurityPolicies', () =>
      collectPages(paginateListSecurityPolicies(pager, { type }), (p) => p.securityPolicySummaries),
    );
    const details = await mapLimit(
      list,
      env.fanOut,
      async (s) =>
        (
          await env.gaps.item('GetSecurityPolicy', arns, () =>
            client.send(new GetSecurityPolicyCommand({ name: s.name, type })),
          )
        )?.securityPolicyDetail,
    );
    return details.filter((d): d is SecurityPolicyDetail => Boolean(d));
  };
  const networkPolicies = await securityPolicies('network');
  const encryptionPolicies = await securityPolicies('encryption');
  const accessList = await env.gaps.list('ListAccessPolicies', 'aoss:ListAccessPolicies', () =>
    collectPages(paginateListAccessPolicies(pager, { type: 'data' }), (p) => p.accessPolicySummaries),
  );
  const dataAccessPolicies = (
    await mapLimit(
      accessList,
      env.fanOut,
      async (s) =>
        (
          await env.gaps.item('GetAccessPolicy', arns, () =>
            client.send(new GetAccessPolicyCommand({ name: s.name, type: 'data' })),
          )
        )?.accessPolicyDetail,
    )
  ).filter((d): d is AccessPolicyDetail => Boolean(d));
  return { collections, networkPolicies, encryptionPolicies, dataAccessPolicies };
}
