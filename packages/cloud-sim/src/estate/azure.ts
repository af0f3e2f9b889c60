import { assetId, externalPrincipalId, INTERNET_ID, type Rng } from '@aispm/core';
import type { ArmObject, AzureEstate } from '../azure/model.ts';
import type { ScaleParams } from '../options.ts';
import { type ProviderTruth, TruthBuilder } from './manifest.ts';

export type { AzureEstate } from '../azure/model.ts';

/** Built-in role definition GUIDs (the real ones, so role-name lookups in connectors can be tested). */
export const AZURE_BUILTIN_ROLES = {
  Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  'Cognitive Services OpenAI User': '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd',
  'Cognitive Services OpenAI Contributor': 'a001fd3d-188f-4b5d-821b-7da978bf7442',
  'Search Index Data Reader': '1407120a-92aa-4202-b7e9-c0e197c71c8f',
  'Storage Blob Data Reader': '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  'Storage Blob Data Contributor': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
} as const;
type RoleName = keyof typeof AZURE_BUILTIN_ROLES;

const ROLE_PERMISSIONS: Record<RoleName, { actions: string[]; dataActions: string[] }> = {
  Owner: { actions: ['*'], dataActions: [] },
  Contributor: { actions: ['*'], dataActions: [] },
  Reader: { actions: ['*/read'], dataActions: [] },
  'Cognitive Services OpenAI User': {
    actions: ['Microsoft.CognitiveServices/*/read'],
    dataActions: [
      'Microsoft.CognitiveServices/accounts/OpenAI/*/read',
      'Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action',
    ],
  },
  'Cognitive Services OpenAI Contributor': {
    actions: ['Microsoft.CognitiveServices/*/read', 'Microsoft.CognitiveServices/accounts/deployments/write'],
    dataActions: ['Microsoft.CognitiveServices/accounts/OpenAI/*'],
  },
  'Search Index Data Reader': {
    actions: [],
    dataActions: ['Microsoft.Search/searchServices/indexes/documents/read'],
  },
  'Storage Blob Data Reader': {
    actions: ['Microsoft.Storage/storageAccounts/blobServices/containers/read'],
    dataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'],
  },
  'Storage Blob Data Contributor': {
    actions: ['Microsoft.Storage/storageAccounts/blobServices/containers/*'],
    dataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*'],
  },
};

const LOCATIONS = ['eastus', 'swedencentral', 'westeurope', 'eastus2'] as const;
const APPS = [
  'copilot',
  'contracts',
  'support',
  'search',
  'claims',
  'hr-assist',
  'kyc',
  'forecast',
  'triage',
  'docqa',
];
const CHAT_MODELS = [
  { name: 'gpt-4o', version: '2024-08-06' },
  { name: 'gpt-4o-mini', version: '2024-07-18' },
  { name: 'gpt-4.1', version: '2025-04-14' },
  { name: 'o3-mini', version: '2025-01-31' },
] as const;
const EMBEDDING_MODELS = [
  { name: 'text-embedding-3-large', version: '1' },
  { name: 'text-embedding-3-small', version: '1' },
  { name: 'text-embedding-ada-002', version: '2' },
] as const;
const HARM_CATEGORIES = ['Hate', 'Sexual', 'Violence', 'Selfharm'] as const;
const CREATED = '2025-03-14T09:12:44.1234567Z';

function guid(rng: Rng): string {
  const h = rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** How a workload is configured: which of its settings are planted weaknesses. */
interface WorkloadProfile {
  aiPublic: boolean;
  aiLocalAuth: boolean;
  aiCmk: boolean;
  aiDiagnostics: boolean;
  unguardedDeployment: boolean;
  weakFilter: boolean;
  foreignInvoker: boolean;
  searchPublic: boolean;
  searchKeys: boolean;
  storagePublicContainer: boolean;
  storageCmk: boolean;
  mlWorkspace: boolean;
  mlPublic: boolean;
  computePublicIp: boolean;
}

/**
 * Profiles rotate so every planted concept appears even in the smallest estate: 0 = fully sound, 1 = wide
 * open, 2 = hygiene gaps, 3 = dice.
 */
function profileFor(index: number, rng: Rng): WorkloadProfile {
  const mode = index % 4;
  const all = (v: boolean): WorkloadProfile => ({
    aiPublic: v,
    aiLocalAuth: v,
    aiCmk: !v,
    aiDiagnostics: !v,
    unguardedDeployment: v,
    weakFilter: false,
    foreignInvoker: false,
    searchPublic: v,
    searchKeys: v,
    storagePublicContainer: v,
    storageCmk: !v,
    mlWorkspace: index % 2 === 0,
    mlPublic: v,
    computePublicIp: v,
  });
  if (mode === 0) return all(false);
  if (mode === 1) return { ...all(true), aiDiagnostics: true };
  if (mode === 2)
    return {
      ...all(false),
      aiCmk: false,
      aiDiagnostics: false,
      weakFilter: true,
      foreignInvoker: true,
      storageCmk: false,
    };
  return {
    aiPublic: rng.chance(0.5),
    aiLocalAuth: rng.chance(0.5),
    aiCmk: rng.chance(0.5),
    aiDiagnostics: rng.chance(0.5),
    unguardedDeployment: rng.chance(0.3),
    weakFilter: rng.chance(0.3),
    foreignInvoker: rng.chance(0.3),
    searchPublic: rng.chance(0.5),
    searchKeys: rng.chance(0.5),
    storagePublicContainer: rng.chance(0.3),
    storageCmk: rng.chance(0.5),
    mlWorkspace: rng.chance(0.5),
    mlPublic: rng.chance(0.5),
    computePublicIp: rng.chance(0.5),
  };
}

/** Generates the Azure tenant: subscriptions under a management group, each with AI workloads. */
export function generateAzureEstate(
  rng: Rng,
  params: ScaleParams,
): { state: AzureEstate; truth: ProviderTruth } {
  const truth = new TruthBuilder('azure');
  const tenantId = guid(rng.fork('tenant'));
  const foreignTenantId = guid(rng.fork('foreign-tenant'));
  const scanner = {
    clientId: guid(rng.fork('scanner-app')),
    clientSecret: `sim~${rng.fork('scanner-secret').hex(34)}`,
  };
  const subscriptions: ArmObject[] = [];
  const resources: ArmObject[] = [];
  const roleIds = new Map<string, string>();
  let workloadIndex = 0;

  const add = (o: ArmObject): ArmObject => {
    resources.push(o);
    return o;
  };
  const id = (nativeId: string) => assetId('azure', nativeId);

  for (let s = 0; s < params.azureSubscriptions; s++) {
    const srng = rng.fork(`subscription-${s}`);
    const subscriptionId = guid(srng);
    const subId = `/subscriptions/${subscriptionId}`;
    const env = s % 3 === 0 ? 'prod' : s % 3 === 1 ? 'dev' : 'research';
    const displayName = `ai-${env}-${String(s + 1).padStart(2, '0')}`;
    subscriptions.push({
      id: subId,
      name: subscriptionId,
      type: 'Microsoft.Resources/subscriptions',
      subscriptionId,
      tenantId,
      displayName,
      state: 'Enabled',
      authorizationSource: 'RoleBased',
      managedByTenants: [],
      subscriptionPolicies: {
        locationPlacementId: 'Public_2014-09-01',
        quotaId: 'EnterpriseAgreement_2014-09-01',
        spendingLimit: 'Off',
      },
      tags: { env, costCenter: `cc-${srng.digits(4)}` },
    });
    const subAsset = truth.asset(
      id(subId),
      'account',
      'Microsoft.Resources/subscriptions',
      subscriptionId,
      'global',
      displayName,
    );

    // Role definitions are visible at every scope of the subscription.
    for (const [roleName, roleGuid] of Object.entries(AZURE_BUILTIN_ROLES) as [RoleName, string][]) {
      const defId = `${subId}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`;
      roleIds.set(`${subscriptionId}/${roleName}`, defId);
      add({
        id: defId,
        name: roleGuid,
        type: 'Microsoft.Authorization/roleDefinitions',
        properties: {
          roleName,
          type: 'BuiltInRole',
          description: `Built-in role ${roleName}`,
          assignableScopes: ['/'],
          permissions: [{ ...ROLE_PERMISSIONS[roleName], notActions: [], notDataActions: [] }],
          createdOn: '2015-02-02T21:55:09.8806423Z',
          updatedOn: '2024-04-24T15:45:04.9519281Z',
        },
      });
    }
    const assignRole = (
      arng: Rng,
      scope: string,
      roleName: RoleName,
      principalId: string,
      principalType: 'ServicePrincipal' | 'User' | 'Group' | 'ForeignGroup',
      description?: string,
    ) => {
      const name = guid(arng);
      const scopePrefix = scope === subId ? subId : scope;
      add({
        id: `${scopePrefix}/providers/Microsoft.Authorization/roleAssignments/${name}`,
        name,
        type: 'Microsoft.Authorization/roleAssignments',
        properties: {
          scope,
          roleDefinitionId: roleIds.get(`${subscriptionId}/${roleName}`),
          principalId,
          principalType,
          description: description ?? null,
          condition: null,
          conditionVersion: null,
          createdOn: CREATED,
          updatedOn: CREATED,
          createdBy: guid(arng),
          updatedBy: guid(arng),
        },
      });
    };

    // The scanner reads everything.
    assignRole(
      srng.fork('scanner-reader'),
      subId,
      'Reader',
      guid(rng.fork('scanner-sp')),
      'ServicePrincipal',
      'aispm scanner',
    );

    // A deployment pipeline principal: Owner on the first subscription (and by dice elsewhere) is a planted risk.
    const deployerObjectId = guid(srng.fork('deployer'));
    const deployerId = `/providers/Microsoft.Graph/servicePrincipals/${deployerObjectId}`;
    const deployerOwner = s === 0 || srng.chance(0.4);
    const deployerAsset = truth.asset(
      id(deployerId),
      'identity',
      'Microsoft.Graph/servicePrincipals',
      subscriptionId,
      'global',
      `sp-deploy-${displayName}`,
    );
    assignRole(
      srng.fork('deployer-role'),
      subId,
      deployerOwner ? 'Owner' : 'Contributor',
      deployerObjectId,
      'ServicePrincipal',
      'CI/CD deployer',
    );
    truth.edge('can-admin', deployerAsset, subAsset);
    if (deployerOwner)
      truth.risk(
        deployerAsset,
        'identity-primitive-role',
        `service principal holds Owner on subscription ${displayName}`,
      );
    else
      truth.risk(
        deployerAsset,
        'identity-primitive-role',
        `service principal holds Contributor on subscription ${displayName}`,
        'medium',
      );

    const location = LOCATIONS[s % LOCATIONS.length] as string;
    const sharedRg = `${subId}/resourceGroups/rg-platform-${env}`;
    add({
      id: sharedRg,
      name: `rg-platform-${env}`,
      type: 'Microsoft.Resources/resourceGroups',
      location,
      properties: { provisioningState: 'Succeeded' },
      tags: { env },
    });
    const vnetName = `vnet-ai-${env}-${s + 1}`;
    const vnetId = `${sharedRg}/providers/Microsoft.Network/virtualNetworks/${vnetName}`;
    const subnetId = `${vnetId}/subnets/snet-private-endpoints`;
    add({
      id: vnetId,
      name: vnetName,
      type: 'Microsoft.Network/virtualNetworks',
      location,
      properties: {
        provisioningState: 'Succeeded',
        addressSpace: { addressPrefixes: [`10.${s + 10}.0.0/16`] },
        subnets: [
          {
            id: subnetId,
            name: 'snet-private-endpoints',
            properties: { addressPrefix: `10.${s + 10}.1.0/24`, provisioningState: 'Succeeded' },
          },
        ],
      },
    });
    const vnetAsset = truth.asset(
      id(vnetId),
      'network',
      'Microsoft.Network/virtualNetworks',
      subscriptionId,
      location,
      vnetName,
    );
    truth.edge('contains', subAsset, vnetAsset);
    const lawId = `${sharedRg}/providers/Microsoft.OperationalInsights/workspaces/law-ai-${env}`;
    add({
      id: lawId,
      name: `law-ai-${env}`,
      type: 'Microsoft.OperationalInsights/workspaces',
      location,
      properties: { provisioningState: 'Succeeded', retentionInDays: 90 },
    });
    const kvName = `kv-ai-${env}-${srng.hex(5)}`;
    const kvId = `${sharedRg}/providers/Microsoft.KeyVault/vaults/${kvName}`;
    add({
      id: kvId,
      name: kvName,
      type: 'Microsoft.KeyVault/vaults',
      location,
      properties: {
        tenantId,
        sku: { family: 'A', name: 'premium' },
        vaultUri: `https://${kvName}.vault.azure.net/`,
        enableRbacAuthorization: true,
        enablePurgeProtection: true,
        enableSoftDelete: true,
      },
    });

    // A shared Azure ML registry per subscription (models promoted between workspaces).
    const registryName = `mlr-${env}-${s + 1}`;
    const registryId = `${sharedRg}/providers/Microsoft.MachineLearningServices/registries/${registryName}`;
    const registryPublic = s % 2 === 1;
    add({
      id: registryId,
      name: registryName,
      type: 'Microsoft.MachineLearningServices/registries',
      location,
      kind: 'Registry',
      sku: { name: 'P3', tier: 'Basic' },
      identity: { type: 'SystemAssigned', principalId: guid(srng.fork('registry-principal')), tenantId },
      properties: {
        publicNetworkAccess: registryPublic ? 'Enabled' : 'Disabled',
        discoveryUrl: `https://${location}.api.azureml.ms/registrymanagement/v1.0/registries/${registryName}/discovery`,
        mlFlowRegistryUri: `azureml://${location}.api.azureml.ms/mlflow/v1.0/subscriptions/${subscriptionId}/resourceGroups/rg-platform-${env}/providers/Microsoft.MachineLearningServices/registries/${registryName}`,
        intellectualPropertyPublisher: '',
        managedResourceGroup: { resourceId: `${subId}/resourceGroups/azureml-rg-${registryName}` },
        regionDetails: [{ location, acrDetails: [], storageAccountDetails: [] }],
        registryPrivateEndpointConnections: [],
      },
    });
    const registryAsset = truth.asset(
      id(registryId),
      'model-registry',
      'Microsoft.MachineLearningServices/registries',
      subscriptionId,
      location,
      registryName,
    );
    truth.edge('contains', subAsset, registryAsset);
    if (!registryPublic) truth.markClean(registryAsset);

    const privateEndpoint = (name: string, targetId: string, groupId: string): string => {
      const peId = `${sharedRg}/providers/Microsoft.Network/privateEndpoints/${name}`;
      add({
        id: peId,
        name,
        type: 'Microsoft.Network/privateEndpoints',
        location,
        properties: {
          provisioningState: 'Succeeded',
          subnet: { id: subnetId },
          privateLinkServiceConnections: [
            {
              id: `${peId}/privateLinkServiceConnections/${name}`,
              name,
              properties: {
                provisioningState: 'Succeeded',
                privateLinkServiceId: targetId,
                groupIds: [groupId],
                privateLinkServiceConnectionState: {
                  status: 'Approved',
                  description: 'Auto-Approved',
                  actionsRequired: 'None',
                },
              },
            },
          ],
          manualPrivateLinkServiceConnections: [],
          networkInterfaces: [
            { id: `${sharedRg}/providers/Microsoft.Network/networkInterfaces/${name}.nic` },
          ],
          customDnsConfigs: [],
        },
      });
      const peAsset = truth.asset(
        id(peId),
        'network',
        'Microsoft.Network/privateEndpoints',
        subscriptionId,
        location,
        name,
      );
      truth.edge('contains', subAsset, peAsset);
      truth.edge('in-network', id(targetId), peAsset);
      return peId;
    };
    const diagnostics = (resourceId: string, categories: string[]) => {
      const dsId = `${resourceId}/providers/Microsoft.Insights/diagnosticSettings/to-law`;
      add({
        id: dsId,
        name: 'to-law',
        type: 'Microsoft.Insights/diagnosticSettings',
        properties: {
          workspaceId: lawId,
          logs: categories.map((category) => ({
            category,
            enabled: true,
            retentionPolicy: { enabled: false, days: 0 },
          })),
          metrics: [{ category: 'AllMetrics', enabled: true, retentionPolicy: { enabled: false, days: 0 } }],
        },
      });
      const dsAsset = truth.asset(
        id(dsId),
        'logging-config',
        'Microsoft.Insights/diagnosticSettings',
        subscriptionId,
        'global',
        'to-law',
      );
      truth.edge('logs-to', id(resourceId), dsAsset);
      truth.markClean(dsAsset);
    };
    const cmkKey = (keyName: string): { keyId: string; keyAsset: string } => {
      const keyId = `${kvId}/keys/${keyName}`;
      if (!resources.some((r) => r.id === keyId)) {
        add({
          id: keyId,
          name: keyName,
          type: 'Microsoft.KeyVault/vaults/keys',
          properties: {
            kty: 'RSA-HSM',
            keySize: 3072,
            keyUri: `https://${kvName}.vault.azure.net/keys/${keyName}`,
            attributes: { enabled: true, exportable: false },
            rotationPolicy: {
              lifetimeActions: [{ trigger: { timeAfterCreate: 'P90D' }, action: { type: 'rotate' } }],
            },
          },
        });
      }
      const keyAsset = truth.asset(
        id(keyId),
        'key',
        'Microsoft.KeyVault/vaults/keys',
        subscriptionId,
        location,
        keyName,
      );
      truth.edge('contains', subAsset, keyAsset);
      truth.markClean(keyAsset);
      return { keyId, keyAsset };
    };

    for (let w = 0; w < params.workloadsPerAccount; w++) {
      const wrng = srng.fork(`workload-${w}`);
      const p = profileFor(workloadIndex++, wrng.fork('profile'));
      const app = `${APPS[(s * 3 + w) % APPS.length]}${w >= APPS.length ? w : ''}`;
      const suffix = wrng.hex(4);
      const rgName = `rg-${app}-${env}`;
      const rgId = `${subId}/resourceGroups/${rgName}`;
      const tags = { app, env, owner: `team-${app}@contoso.example` };
      add({
        id: rgId,
        name: rgName,
        type: 'Microsoft.Resources/resourceGroups',
        location,
        properties: { provisioningState: 'Succeeded' },
        tags,
      });

      // --- managed identity the workload runs as
      const miName = `id-${app}-${env}`;
      const miId = `${rgId}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${miName}`;
      const miPrincipal = guid(wrng.fork('mi-principal'));
      const miClient = guid(wrng.fork('mi-client'));
      add({
        id: miId,
        name: miName,
        type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
        location,
        tags,
        properties: { tenantId, principalId: miPrincipal, clientId: miClient },
      });
      const miAsset = truth.asset(
        id(miId),
        'identity',
        'Microsoft.ManagedIdentity/userAssignedIdentities',
        subscriptionId,
        location,
        miName,
      );
      truth.edge('contains', subAsset, miAsset);
      truth.markClean(miAsset);
      const userAssigned = {
        type: 'UserAssigned',
        userAssignedIdentities: { [miId]: { principalId: miPrincipal, clientId: miClient } },
      };

      // --- storage for training / RAG documents
      const stName = `st${app.replace(/-/g, '')}${env}${suffix}`.slice(0, 24);
      const stId = `${rgId}/providers/Microsoft.Storage/storageAccounts/${stName}`;
      const stKey = p.storageCmk ? cmkKey(`cmk-${stName}`) : undefined;
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
      else truth.risk(stAsset, 'no-cmk-encryption', `storage account ${stName} uses Microsoft-managed keys`);
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
        privateEndpoint(`pe-${stName}-blob`, stId, 'blob');
      }

      // --- AI Search as the vector store
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
      } else privateEndpoint(`pe-${srchName}`, srchId, 'searchService');
      if (p.searchKeys)
        truth.risk(srchAsset, 'vector-store-key-auth', `search service ${srchName} accepts only API keys`);
      if (!p.searchPublic && !p.searchKeys && srchCmk) truth.markClean(srchAsset);

      // --- Azure OpenAI / AI Services account
      const aiKind = w % 2 === 0 ? 'OpenAI' : 'AIServices';
      const aiName = `${aiKind === 'OpenAI' ? 'oai' : 'ais'}-${app}-${env}-${suffix}`;
      const aiId = `${rgId}/providers/Microsoft.CognitiveServices/accounts/${aiName}`;
      const aiKey = p.aiCmk ? cmkKey(`cmk-${aiName}`) : undefined;
      const aiPe = p.aiPublic
        ? undefined
        : `${sharedRg}/providers/Microsoft.Network/privateEndpoints/pe-${aiName}`;
      const account = add({
        id: aiId,
        name: aiName,
        type: 'Microsoft.CognitiveServices/accounts',
        location,
        kind: aiKind,
        sku: { name: 'S0' },
        tags,
        etag: `"${guid(wrng.fork('etag'))}"`,
        identity: userAssigned,
        properties: {
          provisioningState: 'Succeeded',
          endpoint:
            aiKind === 'OpenAI'
              ? `https://${aiName}.openai.azure.com/`
              : `https://${aiName}.cognitiveservices.azure.com/`,
          customSubDomainName: aiName,
          dateCreated: CREATED,
          publicNetworkAccess: p.aiPublic ? 'Enabled' : 'Disabled',
          disableLocalAuth: !p.aiLocalAuth,
          restrictOutboundNetworkAccess: !p.aiPublic,
          networkAcls: { defaultAction: p.aiPublic ? 'Allow' : 'Deny', ipRules: [], virtualNetworkRules: [] },
          encryption: aiKey
            ? {
                keySource: 'Microsoft.KeyVault',
                keyVaultProperties: {
                  keyName: aiKey.keyId.split('/').pop(),
                  keyVersion: wrng.hex(32),
                  keyVaultUri: `https://${kvName}.vault.azure.net/`,
                  identityClientId: miClient,
                },
              }
            : { keySource: 'Microsoft.CognitiveServices' },
          privateEndpointConnections: aiPe
            ? [
                {
                  id: `${aiId}/privateEndpointConnections/pe-${aiName}`,
                  name: `pe-${aiName}`,
                  type: 'Microsoft.CognitiveServices/accounts/privateEndpointConnections',
                  properties: {
                    provisioningState: 'Succeeded',
                    privateEndpoint: { id: aiPe },
                    groupIds: ['account'],
                    privateLinkServiceConnectionState: {
                      status: 'Approved',
                      description: 'Auto-Approved',
                      actionsRequired: 'None',
                    },
                  },
                },
              ]
            : [],
        },
      });
      if (aiPe) {
        const conn = (account.properties as { privateEndpointConnections: ArmObject[] })
          .privateEndpointConnections[0];
        if (conn) add(conn);
        privateEndpoint(`pe-${aiName}`, aiId, 'account');
      }
      const aiAsset = truth.asset(
        id(aiId),
        'ai-service',
        'Microsoft.CognitiveServices/accounts',
        subscriptionId,
        location,
        aiName,
      );
      truth.edge('contains', subAsset, aiAsset);
      truth.edge('runs-as', aiAsset, miAsset);
      truth.edge('stores-vectors-in', aiAsset, srchAsset);
      if (aiKey) truth.edge('encrypted-by', aiAsset, aiKey.keyAsset);
      else
        truth.risk(aiAsset, 'no-cmk-encryption', `${aiKind} account ${aiName} uses Microsoft-managed keys`);
      if (p.aiPublic) {
        truth.risk(
          aiAsset,
          'ai-service-public-network',
          `${aiKind} account ${aiName} allows public network access`,
        );
        truth.edge('exposed-to-internet', INTERNET_ID, aiAsset);
      }
      if (p.aiLocalAuth)
        truth.risk(
          aiAsset,
          'ai-service-local-auth',
          `${aiKind} account ${aiName} accepts API keys (disableLocalAuth=false)`,
        );
      if (p.aiDiagnostics) diagnostics(aiId, ['Audit', 'RequestResponse', 'Trace']);
      else
        truth.risk(
          aiAsset,
          'invocation-logging-disabled',
          `${aiKind} account ${aiName} has no diagnostic settings`,
        );

      // content filters: the two system policies plus a custom one
      const policies: {
        name: string;
        type: 'SystemManaged' | 'UserManaged';
        jailbreak: boolean;
        threshold: string;
      }[] = [
        { name: 'Microsoft.Default', type: 'SystemManaged', jailbreak: false, threshold: 'Medium' },
        { name: 'Microsoft.DefaultV2', type: 'SystemManaged', jailbreak: true, threshold: 'Medium' },
        {
          name: `cf-${app}`,
          type: 'UserManaged',
          jailbreak: !p.weakFilter,
          threshold: p.weakFilter ? 'High' : 'Low',
        },
      ];
      const policyAssets = new Map<string, string>();
      for (const pol of policies) {
        const polId = `${aiId}/raiPolicies/${pol.name}`;
        const filters: Record<string, unknown>[] = HARM_CATEGORIES.flatMap((category) =>
          (['Prompt', 'Completion'] as const).map((source) => ({
            name: category,
            severityThreshold: pol.threshold,
            blocking: true,
            enabled: true,
            source,
          })),
        );
        filters.push({
          name: 'Jailbreak',
          blocking: pol.jailbreak,
          enabled: pol.jailbreak,
          source: 'Prompt',
        });
        filters.push({
          name: 'Indirect Attack',
          blocking: pol.jailbreak,
          enabled: pol.jailbreak,
          source: 'Prompt',
        });
        filters.push({
          name: 'Protected Material Text',
          blocking: true,
          enabled: true,
          source: 'Completion',
        });
        add({
          id: polId,
          name: pol.name,
          type: 'Microsoft.CognitiveServices/accounts/raiPolicies',
          properties: {
            type: pol.type,
            mode: pol.type === 'SystemManaged' ? 'Blocking' : 'Asynchronous_filter',
            basePolicyName: 'Microsoft.DefaultV2',
            contentFilters: filters,
          },
        });
        const polAsset = truth.asset(
          id(polId),
          'guardrail',
          'Microsoft.CognitiveServices/accounts/raiPolicies',
          subscriptionId,
          location,
          pol.name,
        );
        truth.edge('contains', aiAsset, polAsset);
        policyAssets.set(pol.name, polAsset);
        if (!pol.jailbreak && pol.type === 'UserManaged') {
          truth.risk(
            polAsset,
            'guardrail-weak',
            `content filter ${pol.name} on ${aiName} has jailbreak / prompt-shield filtering off and only blocks High severity`,
          );
        } else if (pol.jailbreak) truth.markClean(polAsset);
      }
      const chat = CHAT_MODELS[(s + w) % CHAT_MODELS.length] as (typeof CHAT_MODELS)[number];
      const embed = EMBEDDING_MODELS[(s + w) % EMBEDDING_MODELS.length] as (typeof EMBEDDING_MODELS)[number];
      const deployments = [
        {
          name: `${chat.name}-chat`,
          model: chat,
          rai: p.unguardedDeployment ? undefined : p.weakFilter ? `cf-${app}` : 'Microsoft.DefaultV2',
          capacity: 50,
        },
        { name: `${embed.name}`, model: embed, rai: 'Microsoft.DefaultV2', capacity: 120 },
      ];
      for (const d of deployments) {
        const depId = `${aiId}/deployments/${d.name}`;
        add({
          id: depId,
          name: d.name,
          type: 'Microsoft.CognitiveServices/accounts/deployments',
          sku: { name: 'GlobalStandard', capacity: d.capacity },
          systemData: { createdAt: CREATED, createdBy: `team-${app}@contoso.example`, createdByType: 'User' },
          properties: {
            provisioningState: 'Succeeded',
            model: { format: 'OpenAI', name: d.model.name, version: d.model.version },
            versionUpgradeOption: 'OnceNewDefaultVersionAvailable',
            currentCapacity: d.capacity,
            ...(d.rai ? { raiPolicyName: d.rai } : {}),
          },
        });
        const depAsset = truth.asset(
          id(depId),
          'model',
          'Microsoft.CognitiveServices/accounts/deployments',
          subscriptionId,
          location,
          d.name,
        );
        truth.edge('contains', aiAsset, depAsset);
        const guard = d.rai ? policyAssets.get(d.rai) : undefined;
        if (guard) truth.edge('guarded-by', depAsset, guard);
        else {
          truth.risk(
            depAsset,
            'guardrail-missing',
            `deployment ${d.name} on ${aiName} has no content filter (raiPolicyName unset)`,
          );
          if (p.aiPublic) {
            truth.path(
              `azure-unguarded-${aiName}-${d.name}`,
              [INTERNET_ID, aiAsset, depAsset],
              aiAsset,
              'public AI account serving an unfiltered deployment',
            );
          }
        }
        if (guard && d.rai === 'Microsoft.DefaultV2' && !p.aiPublic && !p.aiLocalAuth && aiKey)
          truth.markClean(depAsset);
      }
      if (!p.aiPublic && !p.aiLocalAuth && aiKey && p.aiDiagnostics) truth.markClean(aiAsset);

      // --- who may invoke: the workload identity, and sometimes a partner tenant's group
      assignRole(
        wrng.fork('ra-mi-openai'),
        aiId,
        'Cognitive Services OpenAI User',
        miPrincipal,
        'ServicePrincipal',
      );
      truth.edge('can-invoke', miAsset, aiAsset);
      assignRole(
        wrng.fork('ra-mi-search'),
        srchId,
        'Search Index Data Reader',
        miPrincipal,
        'ServicePrincipal',
      );
      truth.edge('can-read', miAsset, srchAsset);
      assignRole(wrng.fork('ra-mi-blob'), stId, 'Storage Blob Data Reader', miPrincipal, 'ServicePrincipal');
      truth.edge('can-read', miAsset, stAsset);
      if (p.foreignInvoker) {
        const foreignGroup = guid(wrng.fork('foreign-group'));
        assignRole(
          wrng.fork('ra-foreign'),
          aiId,
          'Cognitive Services OpenAI User',
          foreignGroup,
          'ForeignGroup',
          `partner tenant ${foreignTenantId} support engineers`,
        );
        const ext = externalPrincipalId('azure', foreignGroup);
        truth.edge('can-invoke', ext, aiAsset);
        truth.risk(
          aiAsset,
          'endpoint-external-principal',
          `${aiName} grants Cognitive Services OpenAI User to foreign-tenant group ${foreignGroup}`,
        );
        truth.path(
          `azure-foreign-invoke-${aiName}`,
          [ext, aiAsset],
          aiAsset,
          'partner-tenant group can call the deployments',
        );
      }

      // --- Azure ML workspace with a compute instance
      if (p.mlWorkspace) {
        const mlwName = `mlw-${app}-${env}`;
        const mlwId = `${rgId}/providers/Microsoft.MachineLearningServices/workspaces/${mlwName}`;
        const mlKey = p.storageCmk ? cmkKey(`cmk-${mlwName}`) : undefined;
        add({
          id: mlwId,
          name: mlwName,
          type: 'Microsoft.MachineLearningServices/workspaces',
          location,
          kind: 'Default',
          tags,
          sku: { name: 'Basic', tier: 'Basic' },
          identity: userAssigned,
          properties: {
            friendlyName: `${app} ML (${env})`,
            provisioningState: 'Succeeded',
            workspaceId: guid(wrng.fork('mlw-id')),
            storageAccount: stId,
            keyVault: kvId,
            discoveryUrl: `https://${location}.api.azureml.ms/discovery`,
            publicNetworkAccess: p.mlPublic ? 'Enabled' : 'Disabled',
            hbiWorkspace: !p.mlPublic,
            primaryUserAssignedIdentity: miId,
            encryption: mlKey
              ? {
                  status: 'Enabled',
                  keyVaultProperties: {
                    keyVaultArmId: kvId,
                    keyIdentifier: `https://${kvName}.vault.azure.net/keys/cmk-${mlwName}`,
                  },
                }
              : { status: 'Disabled', keyVaultProperties: { keyVaultArmId: '', keyIdentifier: '' } },
            privateEndpointConnections: [],
          },
        });
        const mlwAsset = truth.asset(
          id(mlwId),
          'ml-workspace',
          'Microsoft.MachineLearningServices/workspaces',
          subscriptionId,
          location,
          mlwName,
        );
        truth.edge('contains', subAsset, mlwAsset);
        truth.edge('runs-as', mlwAsset, miAsset);
        truth.edge('reads-from', mlwAsset, containers['training-data'] as string);
        if (mlKey) truth.edge('encrypted-by', mlwAsset, mlKey.keyAsset);
        else
          truth.risk(
            mlwAsset,
            'no-cmk-encryption',
            `ML workspace ${mlwName} is not encrypted with a customer-managed key`,
          );
        if (!p.mlPublic && mlKey) truth.markClean(mlwAsset);
        const ciName = `ci-${app}-${wrng.hex(4)}`;
        const ciId = `${mlwId}/computes/${ciName}`;
        add({
          id: ciId,
          name: ciName,
          type: 'Microsoft.MachineLearningServices/workspaces/computes',
          location,
          identity: userAssigned,
          properties: {
            computeType: 'ComputeInstance',
            computeLocation: location,
            provisioningState: 'Succeeded',
            disableLocalAuth: true,
            isAttachedCompute: false,
            properties: {
              vmSize: 'Standard_DS3_v2',
              enableNodePublicIp: p.computePublicIp,
              ...(p.computePublicIp ? {} : { subnet: { id: subnetId } }),
              applicationSharingPolicy: 'Personal',
              sshSettings: {
                sshPublicAccess: p.computePublicIp ? 'Enabled' : 'Disabled',
                adminUserName: 'azureuser',
              },
              computeInstanceAuthorizationType: 'personal',
              state: 'Running',
            },
          },
        });
        const ciAsset = truth.asset(
          id(ciId),
          'notebook',
          'Microsoft.MachineLearningServices/workspaces/computes#ComputeInstance',
          subscriptionId,
          location,
          ciName,
        );
        truth.edge('contains', mlwAsset, ciAsset);
        truth.edge('runs-as', ciAsset, miAsset);
        if (p.computePublicIp) {
          truth.risk(
            ciAsset,
            'notebook-direct-internet',
            `compute instance ${ciName} has a public IP and SSH open`,
          );
          truth.edge('exposed-to-internet', INTERNET_ID, ciAsset);
        } else {
          truth.edge('in-network', ciAsset, vnetAsset);
          truth.markClean(ciAsset);
        }
      }
    }
  }

  const state: AzureEstate = {
    tenantId,
    clientId: scanner.clientId,
    clientSecret: scanner.clientSecret,
    apps: [{ ...scanner, displayName: 'aispm-scanner' }],
    managementGroups: [
      {
        id: `/providers/Microsoft.Management/managementGroups/${tenantId}`,
        displayName: 'Tenant Root Group',
      },
      { id: '/providers/Microsoft.Management/managementGroups/mg-ai-platform', displayName: 'AI Platform' },
    ],
    subscriptions,
    resources,
  };
  return {
    state,
    truth: truth.build(['contains', 'guarded-by', 'encrypted-by', 'runs-as', 'logs-to', 'in-network']),
  };
}
