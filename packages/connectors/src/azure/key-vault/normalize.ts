import { edge, type GraphBatch } from '@aispm/core';
import { armAssetId, azureAsset, subscriptionAssetId } from '../arm.ts';
import type { AzureNormalizeScope } from '../service.ts';
import type { RawKeyVault } from './fetch.ts';

/** Keys of every vault (vaults themselves are not assets): customer-managed by definition. */
export function normalizeKeyVault(raw: RawKeyVault[], scope: AzureNormalizeScope): GraphBatch {
  const batch: GraphBatch = { assets: [], edges: [] };
  const sub = subscriptionAssetId(scope.subscriptionId);
  for (const { vault, keys } of raw) {
    for (const key of keys) {
      if (typeof key.id !== 'string') continue;
      const props = (key.properties ?? {}) as {
        kty?: string;
        keySize?: number;
        keyUri?: string;
        attributes?: { enabled?: boolean; exportable?: boolean; expires?: number };
        rotationPolicy?: { lifetimeActions?: { action?: { type?: string } }[] };
      };
      const rotationEnabled = (props.rotationPolicy?.lifetimeActions ?? []).some(
        (a) => a.action?.type?.toLowerCase() === 'rotate',
      );
      const id = armAssetId(key.id);
      batch.assets.push(
        azureAsset({
          id,
          kind: 'key',
          accountId: scope.subscriptionId,
          region: vault.location ?? 'global',
          name: String(key.name ?? id.split('/').pop()),
          nativeType: 'Microsoft.KeyVault/vaults/keys',
          properties: {
            vaultId: vault.id,
            vaultName: vault.name,
            keyType: props.kty,
            keySize: props.keySize,
            keyUri: props.keyUri,
            enabled: props.attributes?.enabled,
            exportable: props.attributes?.exportable,
            rotationPolicy: props.rotationPolicy,
            rotationEnabled,
            keyManager: 'CUSTOMER',
          },
          tags: key.tags as Record<string, string> | undefined,
        }),
      );
      batch.edges.push(edge('contains', sub, id));
    }
  }
  return batch;
}
