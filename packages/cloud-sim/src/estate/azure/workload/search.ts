import { INTERNET_ID } from '@aispm/core';
import { guid, id } from '../common.ts';
import { privateEndpoint } from '../subscription.ts';
import type { Workload } from './index.ts';

export interface Search {
  srchId: string;
  srchAsset: string;
}

/** AI Search as the vector store over the RAG documents container. */
export function search(wl: Workload, containers: Record<string, string>): Search {
  const { truth, add, tenantId } = wl.sub.t;
  const { subscriptionId, env, subAsset, location } = wl.sub;
  const { wrng, p, app, suffix, rgId, tags } = wl;
  const srchName = `srch-${app}-${env}-${suffix}`;
  const srchId = `${rgId}/providers/Microsoft.Search/searchServices/${srchName}`;
  // Search CMK is configured per index; the service only reports whether it is enforced.
  const srchCmk = p.aiCmk;
  add({
    id: srchId,
    name: srchName,
    type: 'Microsoft.Search/searchServices',
    location,
    tags,
    sku: { name: 'standard' },
    identity: { type: 'SystemAssigned', principalId: guid(wrng.fork('srch-principal')), tenantId },
    properties: {
      replicaCount: 1,
      partitionCount: 1,
      hostingMode: 'default',
      status: 'running',
      statusDetails: '',
      provisioningState: 'succeeded',
      publicNetworkAccess: p.searchPublic ? 'enabled' : 'disabled',
      networkRuleSet: { ipRules: [], bypass: 'None' },
      disableLocalAuth: !p.searchKeys,
      ...(p.searchKeys ? { authOptions: { apiKeyOnly: {} } } : {}),
      encryptionWithCmk: {
        enforcement: srchCmk ? 'Enabled' : 'Unspecified',
        encryptionComplianceStatus: srchCmk ? 'Compliant' : 'NonCompliant',
      },
      semanticSearch: 'standard',
      privateEndpointConnections: [],
      sharedPrivateLinkResources: [],
    },
  });
  const srchAsset = truth.asset(
    id(srchId),
    'vector-store',
    'Microsoft.Search/searchServices',
    subscriptionId,
    location,
    srchName,
  );
  truth.edge('contains', subAsset, srchAsset);
  truth.edge('reads-from', srchAsset, containers['rag-documents'] as string);
  if (!srchCmk)
    truth.risk(
      srchAsset,
      'no-cmk-encryption',
      `search service ${srchName} has no customer-managed key enforcement`,
      'low',
    );
  if (p.searchPublic) {
    truth.risk(
      srchAsset,
      'vector-store-public-network',
      `search service ${srchName} accepts traffic from all networks`,
    );
    truth.edge('exposed-to-internet', INTERNET_ID, srchAsset);
  } else privateEndpoint(wl.sub, `pe-${srchName}`, srchId, 'searchService');
  if (p.searchKeys)
    truth.risk(srchAsset, 'vector-store-key-auth', `search service ${srchName} accepts only API keys`);
  if (!p.searchPublic && !p.searchKeys && srchCmk) truth.markClean(srchAsset);
  return { srchId, srchAsset };
}
