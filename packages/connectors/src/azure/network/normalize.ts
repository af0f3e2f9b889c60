import { edge, type GraphBatch } from '@aispm/core';
import { armAssetId, azureAsset, subscriptionAssetId } from '../arm.ts';
import { vnetOfSubnet } from '../machine-learning/normalize.ts';
import type { AzureNormalizeScope } from '../service.ts';
import type { RawNetwork } from './fetch.ts';

/** Private endpoints and vnets; each private-link target gets an `in-network` edge to its endpoint. */
export function normalizeNetwork(raw: RawNetwork, scope: AzureNormalizeScope): GraphBatch {
  const batch: GraphBatch = { assets: [], edges: [] };
  const sub = subscriptionAssetId(scope.subscriptionId);
  for (const vnet of raw.virtualNetworks) {
    if (!vnet.id) continue;
    const id = armAssetId(vnet.id);
    batch.assets.push(
      azureAsset({
        id,
        kind: 'network',
        accountId: scope.subscriptionId,
        region: vnet.location ?? 'global',
        name: vnet.name ?? id,
        nativeType: 'Microsoft.Network/virtualNetworks',
        properties: {
          addressPrefixes: vnet.addressSpace?.addressPrefixes ?? [],
          subnets: (vnet.subnets ?? []).map((s) => ({
            id: s.id,
            name: s.name,
            addressPrefix: s.addressPrefix,
          })),
        },
        tags: vnet.tags,
      }),
    );
    batch.edges.push(edge('contains', sub, id));
  }
  for (const pe of raw.privateEndpoints) {
    if (!pe.id) continue;
    const id = armAssetId(pe.id);
    const connections = [
      ...(pe.privateLinkServiceConnections ?? []),
      ...(pe.manualPrivateLinkServiceConnections ?? []),
    ];
    const targets = connections
      .map((c) => ({
        target: c.privateLinkServiceId,
        groupIds: c.groupIds ?? [],
        status: c.privateLinkServiceConnectionState?.status,
      }))
      .filter((t): t is { target: string; groupIds: string[]; status: string | undefined } =>
        Boolean(t.target),
      );
    batch.assets.push(
      azureAsset({
        id,
        kind: 'network',
        accountId: scope.subscriptionId,
        region: pe.location ?? 'global',
        name: pe.name ?? id,
        nativeType: 'Microsoft.Network/privateEndpoints',
        properties: {
          subnetId: pe.subnet?.id,
          virtualNetworkId: vnetOfSubnet(pe.subnet?.id),
          targets: targets.map((t) => ({ ...t, target: armAssetId(t.target) })),
        },
        tags: pe.tags,
      }),
    );
    batch.edges.push(edge('contains', sub, id));
    for (const t of targets)
      batch.edges.push(
        edge('in-network', armAssetId(t.target), id, { groupIds: t.groupIds, status: t.status }),
      );
  }
  return batch;
}
