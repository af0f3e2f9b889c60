import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkArm, loadMappers } from './azure-model-check.ts';
import { startAzure } from './azure-server.ts';

/**
 * Which SDK model each simulated ARM type is checked against. Types with `null` have no model in an installed
 * `@azure/arm-*` package (their SDK is not a dependency: key vault, managed identity, log analytics; the
 * installed Azure ML SDK predates registries); they are listed so a new type cannot slip in unchecked.
 */
const MODELS: Record<string, [pkg: string, model: string] | null> = {
  'Microsoft.Resources/subscriptions': ['@azure/arm-resources-subscriptions', 'Subscription'],
  'Microsoft.Resources/resourceGroups': ['@azure/arm-resources', 'ResourceGroup'],
  'Microsoft.Authorization/roleDefinitions': ['@azure/arm-authorization', 'RoleDefinition'],
  'Microsoft.Authorization/roleAssignments': ['@azure/arm-authorization', 'RoleAssignment'],
  'Microsoft.Network/virtualNetworks': ['@azure/arm-network', 'VirtualNetwork'],
  'Microsoft.Network/privateEndpoints': ['@azure/arm-network', 'PrivateEndpoint'],
  'Microsoft.Insights/diagnosticSettings': ['@azure/arm-monitor', 'DiagnosticSettingsResource'],
  'Microsoft.Storage/storageAccounts': ['@azure/arm-storage', 'StorageAccount'],
  'Microsoft.Storage/storageAccounts/blobServices': ['@azure/arm-storage', 'BlobServiceProperties'],
  'Microsoft.Storage/storageAccounts/blobServices/containers': ['@azure/arm-storage', 'BlobContainer'],
  'Microsoft.Search/searchServices': ['@azure/arm-search', 'SearchService'],
  'Microsoft.CognitiveServices/accounts': ['@azure/arm-cognitiveservices', 'Account'],
  'Microsoft.CognitiveServices/accounts/deployments': ['@azure/arm-cognitiveservices', 'Deployment'],
  'Microsoft.CognitiveServices/accounts/raiPolicies': ['@azure/arm-cognitiveservices', 'RaiPolicy'],
  'Microsoft.CognitiveServices/accounts/privateEndpointConnections': [
    '@azure/arm-cognitiveservices',
    'PrivateEndpointConnection',
  ],
  'Microsoft.CognitiveServices/accounts/projects': ['@azure/arm-cognitiveservices', 'Project'],
  'Microsoft.CognitiveServices/accounts/connections': [
    '@azure/arm-cognitiveservices',
    'ConnectionPropertiesV2BasicResource',
  ],
  'Microsoft.CognitiveServices/accounts/projects/connections': [
    '@azure/arm-cognitiveservices',
    'ConnectionPropertiesV2BasicResource',
  ],
  'Microsoft.CognitiveServices/accounts/capabilityHosts': ['@azure/arm-cognitiveservices', 'CapabilityHost'],
  'Microsoft.CognitiveServices/accounts/projects/capabilityHosts': [
    '@azure/arm-cognitiveservices',
    'ProjectCapabilityHost',
  ],
  'Microsoft.CognitiveServices/accounts/defenderForAISettings': [
    '@azure/arm-cognitiveservices',
    'DefenderForAISetting',
  ],
  'Microsoft.MachineLearningServices/workspaces': ['@azure/arm-machinelearning', 'Workspace'],
  'Microsoft.MachineLearningServices/workspaces/computes': ['@azure/arm-machinelearning', 'ComputeResource'],
  'Microsoft.MachineLearningServices/workspaces/onlineEndpoints': [
    '@azure/arm-machinelearning',
    'OnlineEndpoint',
  ],
  'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments': [
    '@azure/arm-machinelearning',
    'OnlineDeployment',
  ],
  'Microsoft.MachineLearningServices/workspaces/datastores': ['@azure/arm-machinelearning', 'Datastore'],
  'Microsoft.MachineLearningServices/registries': null,
  'Microsoft.MachineLearningServices/workspaces/serverlessEndpoints': null,
  'Microsoft.OperationalInsights/workspaces': null,
  'Microsoft.KeyVault/vaults': null,
  'Microsoft.KeyVault/vaults/keys': null,
  'Microsoft.ManagedIdentity/userAssignedIdentities': null,
};

describe('Azure simulator responses against the models shipped in the @azure/arm-* packages', () => {
  let sim: Awaited<ReturnType<typeof startAzure>>;
  let token = '';
  const get = (path: string): Promise<{ status: number; body: unknown }> =>
    new Promise((resolve, reject) => {
      const url = new URL(path, sim.baseUrl);
      url.searchParams.set('api-version', '2024-01-01');
      const req = request(url, { ca: sim.cert, headers: { authorization: `Bearer ${token}` } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
        );
      });
      req.on('error', reject);
      req.end();
    });

  beforeAll(async () => {
    sim = await startAzure({ seed: 11, scale: 'small' });
    const t = await sim.credential.getToken(sim.clientOptions.credentialScopes);
    token = t?.token ?? '';
  });
  afterAll(async () => {
    await sim.close();
  });

  it('catches a misspelled or invented field, flattened ones included', async () => {
    const mappers = await loadMappers('@azure/arm-cognitiveservices');
    expect(
      checkArm(
        { id: 'x', properties: { publicNetworkAccess: 'Enabled' }, sku: { name: 'S0' } },
        'Account',
        mappers,
      ),
    ).toEqual([]);
    expect(
      checkArm({ id: 'x', properties: { publicNetworkAcess: 'Enabled' }, skuu: {} }, 'Account', mappers),
    ).toEqual([
      'properties.publicNetworkAcess: not in model AccountProperties',
      'skuu: not in model Account',
    ]);
    // Foundry connections are polymorphic by `authType`: the concrete model is the one checked.
    const connection = (properties: Record<string, unknown>) =>
      checkArm({ id: 'x', properties }, 'ConnectionPropertiesV2BasicResource', mappers);
    expect(connection({ authType: 'None', category: 'RemoteTool', isSharedToAll: false })).toEqual([]);
    expect(connection({ authType: 'None', category: 'RemoteTool', isSharedToAl: false })).toEqual([
      'properties.isSharedToAl: not in model NoneAuthTypeConnectionProperties',
    ]);
    expect(checkArm({ properties: { stat: 'Enabled' } }, 'DefenderForAISetting', mappers)).toEqual([
      'properties.stat: not in model DefenderForAISetting',
    ]);
    const storage = await loadMappers('@azure/arm-storage');
    expect(checkArm({ properties: { allowBlobPublicAccess: true } }, 'StorageAccount', storage)).toEqual([]);
    expect(checkArm({ properties: { allowBlobPublicAcess: true } }, 'StorageAccount', storage)).toEqual([
      'properties.allowBlobPublicAcess: not in model StorageAccount',
    ]);
    // An older package (ES-module build), and a polymorphic model resolved by its discriminator.
    const ml = await loadMappers('@azure/arm-machinelearning');
    expect(checkArm({ kind: 'Default' }, 'Workspace', ml)).toEqual(['kind: not in model Workspace']);
    expect(
      checkArm(
        { properties: { computeType: 'ComputeInstance', properties: { vmSize: 'x' } } },
        'ComputeResource',
        ml,
      ),
    ).toEqual([]);
    expect(
      checkArm(
        { properties: { computeType: 'ComputeInstance', properties: { vmSise: 'x' } } },
        'ComputeResource',
        ml,
      ),
    ).toEqual(['properties.properties.vmSise: not in model ComputeInstanceProperties']);
  });

  it('serves every ARM object with only the fields its SDK model defines', async () => {
    const objects = [...sim.state.subscriptions, ...sim.state.resources];
    const types = new Set(objects.map((o) => o.type));
    expect([...types].filter((t) => !(t in MODELS))).toEqual([]);
    const problems: string[] = [];
    const checked = new Set<string>();
    for (const o of objects) {
      const model = MODELS[o.type];
      if (!model) continue;
      const { status, body } = await get(o.id);
      expect(status, o.id).toBe(200);
      const mappers = await loadMappers(model[0]);
      problems.push(...checkArm(body, model[1], mappers).map((p) => `${o.type} ${p}`));
      checked.add(o.type);
    }
    // Lists the simulator builds rather than serves from the estate: subscriptions, tenants, resource groups
    // and the generic resource list (objects without `properties`), with their paging envelopes.
    const resources = await loadMappers('@azure/arm-resources');
    const subscriptions = await loadMappers('@azure/arm-resources-subscriptions');
    const lists: [string, string, typeof resources][] = [
      ['/subscriptions', 'SubscriptionListResult', subscriptions],
      ['/tenants', 'TenantListResult', subscriptions],
    ];
    for (const sub of sim.state.subscriptions)
      lists.push(
        [`${sub.id}/resourcegroups`, 'ResourceGroupListResult', resources],
        [`${sub.id}/resources`, 'ResourceListResult', resources],
      );
    // The Azure AI Foundry lists (projects, connections, capability hosts, Defender for AI) with their envelopes.
    const cognitive = await loadMappers('@azure/arm-cognitiveservices');
    const ofType = (type: string) => sim.state.resources.filter((o) => o.type === type);
    for (const account of ofType('Microsoft.CognitiveServices/accounts')) {
      lists.push([`${account.id}/defenderForAISettings`, 'DefenderForAISettingResult', cognitive]);
      if (!(account.properties as { allowProjectManagement?: boolean }).allowProjectManagement) continue;
      lists.push(
        [`${account.id}/projects`, 'ProjectListResult', cognitive],
        [`${account.id}/connections`, 'ConnectionPropertiesV2BasicResourceArmPaginatedResult', cognitive],
        [`${account.id}/capabilityHosts`, 'CapabilityHostResourceArmPaginatedResult', cognitive],
      );
    }
    for (const project of ofType('Microsoft.CognitiveServices/accounts/projects'))
      lists.push(
        [`${project.id}/connections`, 'ConnectionPropertiesV2BasicResourceArmPaginatedResult', cognitive],
        [`${project.id}/capabilityHosts`, 'ProjectCapabilityHostResourceArmPaginatedResult', cognitive],
      );
    expect(lists.filter(([path]) => path.endsWith('/projects')).length).toBeGreaterThan(0);
    // Azure ML online endpoints, their deployments and datastores, with their paging envelopes.
    const ml = await loadMappers('@azure/arm-machinelearning');
    for (const ws of ofType('Microsoft.MachineLearningServices/workspaces'))
      lists.push(
        [`${ws.id}/onlineEndpoints`, 'OnlineEndpointTrackedResourceArmPaginatedResult', ml],
        [`${ws.id}/datastores`, 'DatastoreResourceArmPaginatedResult', ml],
      );
    for (const ep of ofType('Microsoft.MachineLearningServices/workspaces/onlineEndpoints'))
      lists.push([`${ep.id}/deployments`, 'OnlineDeploymentTrackedResourceArmPaginatedResult', ml]);
    for (const [path, model, mappers] of lists) {
      const { status, body } = await get(path);
      expect(status, path).toBe(200);
      problems.push(...checkArm(body, model, mappers).map((p) => `${path} ${p}`));
    }
    expect([...new Set(problems)]).toEqual([]);
    // Every type with a model was served at least once.
    expect([...types].filter((t) => MODELS[t] && !checked.has(t))).toEqual([]);
  });
});
