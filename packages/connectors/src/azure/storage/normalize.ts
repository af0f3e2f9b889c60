import { edge, type GraphBatch, INTERNET_ID } from '@aispm/core';
import {
  armAssetId,
  azureAsset,
  azureInternetAsset,
  enabled,
  keyAssetId,
  subscriptionAssetId,
  userAssignedIdentityIds,
} from '../arm.ts';
import { vaultIndex } from '../key-vault/fetch.ts';
import type { AzureNormalizeScope } from '../service.ts';
import type { RawStorage } from './fetch.ts';

export function normalizeStorage(raw: RawStorage, scope: AzureNormalizeScope): GraphBatch {
  const batch: GraphBatch = { assets: [], edges: [] };
  const sub = subscriptionAssetId(scope.subscriptionId);
  const vaults = vaultIndex(raw.vaults);
  let exposed = false;
  for (const { account, blobServices, containers } of raw.accounts) {
    const id = armAssetId(account.id as string);
    const enc = account.encryption;
    const cmk = enc?.keySource?.toLowerCase() === 'microsoft.keyvault';
    const keyId = cmk
      ? keyAssetId(vaults, enc?.keyVaultProperties?.keyVaultUri, enc?.keyVaultProperties?.keyName)
      : undefined;
    const blob = blobServices[0];
    const allowBlobPublicAccess = account.allowBlobPublicAccess ?? false;
    batch.assets.push(
      azureAsset({
        id,
        kind: 'data-store',
        accountId: scope.subscriptionId,
        region: account.location ?? 'global',
        name: account.name ?? id,
        nativeType: 'Microsoft.Storage/storageAccounts',
        properties: {
          storageKind: account.kind,
          sku: account.sku?.name,
          publicNetworkAccess:
            enabled(account.publicNetworkAccess) && account.networkRuleSet?.defaultAction !== 'Deny',
          networkAcls: account.networkRuleSet,
          allowBlobPublicAccess,
          allowSharedKeyAccess: account.allowSharedKeyAccess,
          localAuthEnabled: account.allowSharedKeyAccess ?? true,
          minimumTlsVersion: account.minimumTlsVersion,
          supportsHttpsTrafficOnly: account.enableHttpsTrafficOnly,
          encryption: {
            cmk,
            keyId,
            keySource: enc?.keySource,
            requireInfrastructureEncryption: enc?.requireInfrastructureEncryption,
          },
          versioningEnabled: blob?.isVersioningEnabled ?? false,
          changeFeedEnabled: blob?.changeFeed?.enabled ?? false,
          deleteRetentionPolicy: blob?.deleteRetentionPolicy,
        },
        tags: account.tags,
      }),
    );
    batch.edges.push(edge('contains', sub, id));
    for (const mi of userAssignedIdentityIds(account.identity)) batch.edges.push(edge('runs-as', id, mi));
    if (keyId) batch.edges.push(edge('encrypted-by', id, keyId));
    for (const c of containers) {
      if (!c.id) continue;
      const cid = armAssetId(c.id);
      const publicAccess = c.publicAccess ?? 'None';
      const isPublic = publicAccess !== 'None' && allowBlobPublicAccess;
      batch.assets.push(
        azureAsset({
          id: cid,
          kind: 'data-store',
          accountId: scope.subscriptionId,
          region: account.location ?? 'global',
          name: c.name ?? cid,
          nativeType: 'Microsoft.Storage/storageAccounts/blobServices/containers',
          properties: {
            storageAccountId: id,
            publicAccess,
            publicNetworkAccess: isPublic,
            anonymousAccess: isPublic,
            hasImmutabilityPolicy: c.hasImmutabilityPolicy,
            hasLegalHold: c.hasLegalHold,
            defaultEncryptionScope: c.defaultEncryptionScope,
            encryption: { cmk, keyId },
            versioningEnabled: blob?.isVersioningEnabled ?? false,
          },
        }),
      );
      batch.edges.push(edge('contains', id, cid));
      if (isPublic) {
        exposed = true;
        batch.edges.push(
          edge('exposed-to-internet', INTERNET_ID, cid, { via: 'publicAccess', publicAccess }),
        );
      }
    }
  }
  if (exposed) batch.assets.push(azureInternetAsset());
  return batch;
}
