import type { Rng } from '@aispm/core';
import type { ArmObject, FoundryProjectAgents } from '../../azure/model.ts';
import type { TruthBuilder } from '../manifest.ts';
import {
  AZURE_BUILTIN_ROLES,
  CREATED,
  guid,
  id,
  LOCATIONS,
  ROLE_PERMISSIONS,
  type RoleName,
} from './common.ts';

/** What every subscription of the tenant shares while it is generated. */
export interface Tenant {
  rng: Rng;
  truth: TruthBuilder;
  tenantId: string;
  foreignTenantId: string;
  /** Every ARM object except the subscriptions, in the order the API lists them. */
  resources: ArmObject[];
  /** Role definition id by `${subscriptionId}/${roleName}`. */
  roleIds: Map<string, string>;
  add(o: ArmObject): ArmObject;
  /** The Foundry projects' agents (Agent Service data plane), in generation order. */
  foundryAgents: FoundryProjectAgents[];
}

/** A subscription's identity and its shared resource group, known before anything is placed in it. */
export interface SubscriptionBase {
  t: Tenant;
  s: number;
  srng: Rng;
  subscriptionId: string;
  subId: string;
  env: string;
  displayName: string;
  subAsset: string;
  location: string;
  sharedRg: string;
}

/** A subscription with its shared platform resources (network, log workspace, key vault). */
export interface Subscription extends SubscriptionBase {
  vnetAsset: string;
  subnetId: string;
  lawId: string;
  kvName: string;
  kvId: string;
}

/** The subscription object, its role definitions, its principals and its shared platform resources. */
export function buildSubscription(t: Tenant, subscriptions: ArmObject[], s: number): Subscription {
  const srng = t.rng.fork(`subscription-${s}`);
  const base = subscriptionRecord(t, subscriptions, s, srng);
  roleDefinitions(base);
  principals(base);
  const sub: Subscription = { ...base, ...sharedResources(base) };
  sharedRegistry(sub);
  return sub;
}

function subscriptionRecord(t: Tenant, subscriptions: ArmObject[], s: number, srng: Rng): SubscriptionBase {
  const { truth, tenantId } = t;
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
  const location = LOCATIONS[s % LOCATIONS.length] as string;
  const sharedRg = `${subId}/resourceGroups/rg-platform-${env}`;
  return { t, s, srng, subscriptionId, subId, env, displayName, subAsset, location, sharedRg };
}

/** Role definitions are visible at every scope of the subscription. */
function roleDefinitions(sub: SubscriptionBase): void {
  const { add, roleIds } = sub.t;
  const { subscriptionId, subId } = sub;
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
}

/** A role assignment at a scope of the subscription. */
export function assignRole(
  sub: SubscriptionBase,
  arng: Rng,
  scope: string,
  roleName: RoleName,
  principalId: string,
  principalType: 'ServicePrincipal' | 'User' | 'Group' | 'ForeignGroup',
  description?: string,
): void {
  const { add, roleIds } = sub.t;
  const { subscriptionId, subId } = sub;
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
}

/** The scanner's Reader assignment and a deployment pipeline principal. */
function principals(sub: SubscriptionBase): void {
  const { truth, rng } = sub.t;
  const { s, srng, subscriptionId, subId, displayName, subAsset } = sub;
  // The scanner reads everything.
  assignRole(
    sub,
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
    sub,
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
}

/** The shared platform resource group: network, log analytics workspace and key vault. */
function sharedResources(sub: SubscriptionBase): Omit<Subscription, keyof SubscriptionBase> {
  const { truth, add, tenantId } = sub.t;
  const { s, srng, subscriptionId, env, subAsset, location, sharedRg } = sub;
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
  return { vnetAsset, subnetId, lawId, kvName, kvId };
}

/** A shared Azure ML registry per subscription (models promoted between workspaces). */
function sharedRegistry(sub: Subscription): void {
  const { truth, add, tenantId } = sub.t;
  const { s, srng, subscriptionId, subId, env, subAsset, location, sharedRg } = sub;
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
  if (registryPublic)
    truth.risk(
      registryAsset,
      'model-registry-public-network',
      `ML registry ${registryName} allows public network access`,
    );
  else truth.markClean(registryAsset);
}

/** A private endpoint in the shared subnet for a resource; returns its id. */
export function privateEndpoint(sub: Subscription, name: string, targetId: string, groupId: string): string {
  const { truth, add } = sub.t;
  const { subscriptionId, subAsset, location, sharedRg, subnetId } = sub;
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
      networkInterfaces: [{ id: `${sharedRg}/providers/Microsoft.Network/networkInterfaces/${name}.nic` }],
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
}

/** Diagnostic settings sending a resource's logs to the shared workspace. */
export function diagnostics(sub: Subscription, resourceId: string, categories: string[]): void {
  const { truth, add } = sub.t;
  const { subscriptionId, lawId } = sub;
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
}

/** A customer-managed key in the shared vault, created on first use. */
export function cmkKey(sub: Subscription, keyName: string): { keyId: string; keyAsset: string } {
  const { truth, add, resources } = sub.t;
  const { subscriptionId, subAsset, location, kvName, kvId } = sub;
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
}
