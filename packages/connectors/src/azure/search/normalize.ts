import { edge, type GraphBatch, INTERNET_ID } from '@aispm/core';
import type { SearchService } from '@azure/arm-search';
import { armAssetId, azureAsset, azureInternetAsset, enabled, subscriptionAssetId } from '../arm.ts';
import type { AzureNormalizeScope } from '../service.ts';

/** AI Search services as vector stores. CMK is per index; the service only says whether it is enforced. */
export function normalizeSearch(raw: SearchService[], scope: AzureNormalizeScope): GraphBatch {
  const batch: GraphBatch = { assets: [], edges: [] };
  const sub = subscriptionAssetId(scope.subscriptionId);
  let exposed = false;
  for (const s of raw) {
    if (!s.id) continue;
    const id = armAssetId(s.id);
    const publicNetworkAccess = enabled(s.publicNetworkAccess);
    const disableLocalAuth = s.disableLocalAuth ?? false;
    const apiKeyOnly = Boolean(s.authOptions?.apiKeyOnly);
    batch.assets.push(
      azureAsset({
        id,
        kind: 'vector-store',
        accountId: scope.subscriptionId,
        region: s.location ?? 'global',
        name: s.name ?? id,
        nativeType: 'Microsoft.Search/searchServices',
        properties: {
          sku: s.sku?.name,
          publicNetworkAccess,
          networkRuleSet: s.networkRuleSet,
          disableLocalAuth,
          localAuthEnabled: !disableLocalAuth,
          apiKeyOnly,
          authOptions: s.authOptions,
          encryption: { cmk: s.encryptionWithCmk?.enforcement === 'Enabled' },
          encryptionWithCmk: s.encryptionWithCmk,
          identityType: s.identity?.type,
          privateEndpoints: (s.privateEndpointConnections ?? [])
            .map((c) => c.properties?.privateEndpoint?.id)
            .filter((x): x is string => typeof x === 'string')
            .map(armAssetId),
        },
        tags: s.tags,
      }),
    );
    batch.edges.push(edge('contains', sub, id));
    if (publicNetworkAccess) {
      exposed = true;
      batch.edges.push(edge('exposed-to-internet', INTERNET_ID, id, { via: 'publicNetworkAccess' }));
    }
  }
  if (exposed) batch.assets.push(azureInternetAsset());
  return batch;
}
