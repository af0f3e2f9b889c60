import { INTERNET_ID } from '@aispm/core';
import { CREATED, id } from '../common.ts';
import { cmkKey, privateEndpoint } from '../subscription.ts';
import type { Workload } from './index.ts';

export interface Storage {
  stId: string;
  stAsset: string;
  /** Container asset ids by container name. */
  containers: Record<string, string>;
}

/** Storage for training / RAG documents: the account, its blob service and two containers. */
/** The storage account's own settings the manifest expects rules to flag (the estate writes them alongside). */
function plantAccountRisks(
  truth: Workload['sub']['t']['truth'],
  stAsset: string,
  stName: string,
  settings: { cmk: boolean; weakAccess: boolean },
): void {
  if (!settings.cmk) {
    truth.risk(stAsset, 'no-cmk-encryption', `storage account ${stName} uses Microsoft-managed keys`);
    truth.risk(
      stAsset,
      'data-store-no-infrastructure-encryption',
      `storage account ${stName} does not require infrastructure encryption`,
    );
  }
  if (settings.weakAccess) {
    truth.risk(stAsset, 'data-store-weak-tls', `storage account ${stName} accepts TLS 1.0`);
    truth.risk(stAsset, 'data-store-shared-key-access', `storage account ${stName} allows shared key access`);
  }
}

export function storage(wl: Workload): Storage {
  const { truth, add } = wl.sub.t;
  const { subscriptionId, env, subAsset, location, kvName } = wl.sub;
  const { wrng, p, app, suffix, rgId, tags, miId, miAsset, userAssigned } = wl;
  const stName = `st${app.replace(/-/g, '')}${env}${suffix}`.slice(0, 24);
  const stId = `${rgId}/providers/Microsoft.Storage/storageAccounts/${stName}`;
  const stKey = p.storageCmk ? cmkKey(wl.sub, `cmk-${stName}`) : undefined;
  add({
    id: stId,
    name: stName,
    type: 'Microsoft.Storage/storageAccounts',
    location,
    kind: 'StorageV2',
    sku: { name: 'Standard_ZRS', tier: 'Standard' },
    tags,
    identity: userAssigned,
    properties: {
      provisioningState: 'Succeeded',
      creationTime: CREATED,
      primaryEndpoints: {
        blob: `https://${stName}.blob.core.windows.net/`,
        dfs: `https://${stName}.dfs.core.windows.net/`,
      },
      primaryLocation: location,
      statusOfPrimary: 'available',
      accessTier: 'Hot',
      supportsHttpsTrafficOnly: true,
      minimumTlsVersion: p.storagePublicContainer ? 'TLS1_0' : 'TLS1_2',
      allowBlobPublicAccess: p.storagePublicContainer,
      allowSharedKeyAccess: p.storagePublicContainer,
      publicNetworkAccess: p.storagePublicContainer ? 'Enabled' : 'Disabled',
      networkAcls: {
        bypass: 'AzureServices',
        defaultAction: p.storagePublicContainer ? 'Allow' : 'Deny',
        ipRules: [],
        virtualNetworkRules: [],
      },
      encryption: stKey
        ? {
            keySource: 'Microsoft.Keyvault',
            keyvaultproperties: {
              keyname: stKey.keyId.split('/').pop(),
              keyvaulturi: `https://${kvName}.vault.azure.net/`,
            },
            identity: { userAssignedIdentity: miId },
            requireInfrastructureEncryption: true,
            services: {
              blob: { enabled: true, keyType: 'Account' },
              file: { enabled: true, keyType: 'Account' },
            },
          }
        : {
            keySource: 'Microsoft.Storage',
            requireInfrastructureEncryption: false,
            services: {
              blob: { enabled: true, keyType: 'Account' },
              file: { enabled: true, keyType: 'Account' },
            },
          },
    },
  });
  add({
    id: `${stId}/blobServices/default`,
    name: 'default',
    type: 'Microsoft.Storage/storageAccounts/blobServices',
    sku: { name: 'Standard_ZRS', tier: 'Standard' },
    properties: {
      isVersioningEnabled: !p.storagePublicContainer,
      changeFeed: { enabled: !p.storagePublicContainer },
      deleteRetentionPolicy: { enabled: true, days: 14 },
      containerDeleteRetentionPolicy: { enabled: true, days: 7 },
    },
  });
  const stAsset = truth.asset(
    id(stId),
    'data-store',
    'Microsoft.Storage/storageAccounts',
    subscriptionId,
    location,
    stName,
  );
  truth.edge('contains', subAsset, stAsset);
  truth.edge('runs-as', stAsset, miAsset);
  if (stKey) truth.edge('encrypted-by', stAsset, stKey.keyAsset);
  plantAccountRisks(truth, stAsset, stName, {
    cmk: Boolean(stKey),
    weakAccess: Boolean(p.storagePublicContainer),
  });
  const containers: Record<string, string> = {};
  for (const [c, containerName] of ['training-data', 'rag-documents'].entries()) {
    const cId = `${stId}/blobServices/default/containers/${containerName}`;
    const isPublic = p.storagePublicContainer && c === 1;
    add({
      id: cId,
      name: containerName,
      type: 'Microsoft.Storage/storageAccounts/blobServices/containers',
      etag: `"0x8DC${wrng.hex(12).toUpperCase()}"`,
      properties: {
        publicAccess: isPublic ? 'Container' : 'None',
        leaseStatus: 'Unlocked',
        leaseState: 'Available',
        lastModifiedTime: CREATED,
        hasImmutabilityPolicy: false,
        hasLegalHold: false,
        defaultEncryptionScope: '$account-encryption-key',
        denyEncryptionScopeOverride: false,
      },
    });
    const cAsset = truth.asset(
      id(cId),
      'data-store',
      'Microsoft.Storage/storageAccounts/blobServices/containers',
      subscriptionId,
      location,
      containerName,
    );
    truth.edge('contains', stAsset, cAsset);
    containers[containerName] = cAsset;
    if (isPublic) {
      truth.risk(
        cAsset,
        'data-store-public',
        `container ${stName}/${containerName} allows anonymous read (publicAccess=Container)`,
      );
      truth.edge('exposed-to-internet', INTERNET_ID, cAsset);
      truth.path(
        `azure-public-rag-${stName}`,
        [INTERNET_ID, cAsset],
        cAsset,
        'anonymous internet read of RAG documents',
      );
    } else if (!p.storagePublicContainer && stKey) truth.markClean(cAsset);
  }
  if (p.storagePublicContainer) {
    truth.risk(
      stAsset,
      'data-store-public',
      `storage account ${stName} allows blob public access from all networks`,
    );
  } else if (stKey) {
    truth.markClean(stAsset);
    privateEndpoint(wl.sub, `pe-${stName}-blob`, stId, 'blob');
  }
  return { stId, stAsset, containers };
}
