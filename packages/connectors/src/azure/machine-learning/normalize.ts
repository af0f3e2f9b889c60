import { edge, type GraphBatch, INTERNET_ID } from '@aispm/core';
import {
  armAssetId,
  azureAsset,
  azureInternetAsset,
  enabled,
  keyNameOfUri,
  subscriptionAssetId,
  userAssignedIdentityIds,
  vaultNameOfUri,
} from '../arm.ts';
import { vaultIndex } from '../key-vault/fetch.ts';
import type { AzureNormalizeScope } from '../service.ts';
import type { RawMachineLearning } from './fetch.ts';
import { normalizeWorkspaceServing, storageIndex } from './serving-normalize.ts';

/** `…/virtualNetworks/{v}/subnets/{s}` → the vnet's asset id. */
export function vnetOfSubnet(subnetId: string | undefined): string | undefined {
  const m = subnetId
    ? /^(.*\/providers\/microsoft\.network\/virtualnetworks\/[^/]+)\/subnets\/[^/]+$/i.exec(subnetId)
    : null;
  return m?.[1] ? armAssetId(m[1]) : undefined;
}

interface ComputeInstanceProperties {
  vmSize?: string;
  enableNodePublicIp?: boolean;
  subnet?: { id?: string };
  sshSettings?: { sshPublicAccess?: string };
  applicationSharingPolicy?: string;
  computeInstanceAuthorizationType?: string;
  setupScripts?: unknown;
  state?: string;
}

export function normalizeMachineLearning(raw: RawMachineLearning, scope: AzureNormalizeScope): GraphBatch {
  const batch: GraphBatch = { assets: [], edges: [] };
  const sub = subscriptionAssetId(scope.subscriptionId);
  const vaults = vaultIndex(raw.vaults);
  // Datastores name their storage account: the subscription's accounts and the workspaces' own resolve it.
  const storage = storageIndex([
    ...(raw.storageAccounts ?? []),
    ...raw.workspaces.flatMap(({ workspace }) =>
      workspace.storageAccount ? [workspace.storageAccount] : [],
    ),
  ]);
  let exposed = false;
  for (const { workspace: w, computes, serving } of raw.workspaces) {
    const id = armAssetId(w.id as string);
    const kv = w.encryption?.keyVaultProperties;
    const cmk = w.encryption?.status === 'Enabled' && Boolean(kv?.keyIdentifier);
    const keyName = keyNameOfUri(kv?.keyIdentifier);
    const vaultId = kv?.keyVaultArmId || vaults.get(vaultNameOfUri(kv?.keyIdentifier) ?? '');
    const keyId = cmk && vaultId && keyName ? armAssetId(`${vaultId}/keys/${keyName}`) : undefined;
    const publicNetworkAccess = enabled(w.publicNetworkAccess);
    batch.assets.push(
      azureAsset({
        id,
        kind: 'ml-workspace',
        accountId: scope.subscriptionId,
        region: w.location ?? 'global',
        name: w.name ?? id,
        nativeType: 'Microsoft.MachineLearningServices/workspaces',
        properties: {
          friendlyName: w.friendlyName,
          publicNetworkAccess,
          hbiWorkspace: w.hbiWorkspace,
          storageAccount: w.storageAccount ? armAssetId(w.storageAccount) : undefined,
          keyVault: w.keyVault ? armAssetId(w.keyVault) : undefined,
          primaryUserAssignedIdentity: w.primaryUserAssignedIdentity,
          encryption: { cmk, keyId, status: w.encryption?.status },
          identityType: w.identity?.type,
        },
        tags: w.tags,
      }),
    );
    batch.edges.push(edge('contains', sub, id));
    for (const mi of userAssignedIdentityIds(w.identity)) batch.edges.push(edge('runs-as', id, mi));
    if (keyId) batch.edges.push(edge('encrypted-by', id, keyId));
    if (publicNetworkAccess) {
      exposed = true;
      batch.edges.push(edge('exposed-to-internet', INTERNET_ID, id, { via: 'publicNetworkAccess' }));
    }
    for (const c of computes) {
      if (!c.id || c.properties?.computeType !== 'ComputeInstance') continue;
      const cid = armAssetId(c.id);
      const inner = ((c.properties as { properties?: ComputeInstanceProperties }).properties ??
        {}) as ComputeInstanceProperties;
      const publicIp = inner.enableNodePublicIp ?? true;
      const vnet = vnetOfSubnet(inner.subnet?.id);
      batch.assets.push(
        azureAsset({
          id: cid,
          kind: 'notebook',
          accountId: scope.subscriptionId,
          region: c.location ?? w.location ?? 'global',
          name: c.name ?? cid,
          nativeType: 'Microsoft.MachineLearningServices/workspaces/computes#ComputeInstance',
          properties: {
            workspaceId: id,
            vmSize: inner.vmSize,
            enableNodePublicIp: publicIp,
            directInternetAccess: publicIp,
            publicNetworkAccess: publicIp,
            privateNetwork: Boolean(vnet),
            subnetId: inner.subnet?.id,
            sshPublicAccess: inner.sshSettings?.sshPublicAccess,
            applicationSharingPolicy: inner.applicationSharingPolicy,
            authorizationType: inner.computeInstanceAuthorizationType,
            disableLocalAuth: c.properties?.disableLocalAuth,
            state: inner.state,
            encryption: { cmk, keyId },
          },
        }),
      );
      batch.edges.push(edge('contains', id, cid));
      for (const mi of userAssignedIdentityIds(c.identity)) batch.edges.push(edge('runs-as', cid, mi));
      if (vnet) batch.edges.push(edge('in-network', cid, vnet, { subnetId: inner.subnet?.id }));
      if (publicIp) {
        exposed = true;
        batch.edges.push(edge('exposed-to-internet', INTERNET_ID, cid, { via: 'enableNodePublicIp' }));
      }
    }
    const ws = {
      assetId: id,
      region: w.location ?? 'global',
      encryption: { cmk, keyId },
      publicNetworkAccess,
    };
    if (normalizeWorkspaceServing(serving, ws, storage, scope, batch)) exposed = true;
  }
  for (const r of raw.registries) {
    if (!r.id) continue;
    const id = armAssetId(r.id);
    const p = (r.properties ?? {}) as { publicNetworkAccess?: string; regionDetails?: unknown };
    batch.assets.push(
      azureAsset({
        id,
        kind: 'model-registry',
        accountId: scope.subscriptionId,
        region: r.location ?? 'global',
        name: r.name ?? id,
        nativeType: 'Microsoft.MachineLearningServices/registries',
        properties: {
          publicNetworkAccess: enabled(p.publicNetworkAccess),
          regionDetails: p.regionDetails,
          identityType: r.identity?.type,
        },
        tags: r.tags,
      }),
    );
    batch.edges.push(edge('contains', sub, id));
  }
  if (exposed) batch.assets.push(azureInternetAsset());
  return batch;
}
