import { request } from 'node:https';
import { RISK_CONCEPT_IDS, Rng } from '@aispm/core';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { CognitiveServicesManagementClient } from '@azure/arm-cognitiveservices';
import { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import { MonitorClient } from '@azure/arm-monitor';
import { NetworkManagementClient } from '@azure/arm-network';
import { ResourceManagementClient } from '@azure/arm-resources';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { SearchManagementClient } from '@azure/arm-search';
import { StorageManagementClient } from '@azure/arm-storage';
import { ClientSecretCredential } from '@azure/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAzureEstate } from '../src/estate/azure/index.ts';
import { scaleParams } from '../src/options.ts';
import { RateLimiter } from '../src/rate-limit.ts';
import { collect, startAzure } from './azure-server.ts';

type Sim = Awaited<ReturnType<typeof startAzure>>;

function rgOf(id: string): string {
  return /\/resourceGroups\/([^/]+)/i.exec(id)?.[1] as string;
}

function ofType(sim: Sim, type: string) {
  return sim.state.resources.filter((r) => r.type === type);
}

/** A raw HTTPS GET against the simulator, for protocol details the SDKs hide. */
function rawGet(
  sim: Sim,
  path: string,
  token?: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${sim.baseUrl}${path}`,
      { ca: sim.cert, headers: token ? { authorization: `Bearer ${token}` } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('Azure simulator through the official SDKs', () => {
  let sim: Sim;
  let subscriptionId: string;
  beforeAll(async () => {
    sim = await startAzure();
    subscriptionId = sim.state.subscriptions[0]?.subscriptionId as string;
  });
  afterAll(async () => {
    await sim.close();
  });

  it('issues tokens to the registered app only', async () => {
    const token = await sim.credential.getToken(`${sim.baseUrl}/.default`);
    expect(token.token).toMatch(/^sim\./);
    const wrong = new ClientSecretCredential(sim.state.tenantId, sim.state.clientId, 'not-the-secret', {
      authorityHost: sim.baseUrl,
      disableInstanceDiscovery: true,
      tlsOptions: { ca: sim.cert },
    });
    await expect(wrong.getToken(`${sim.baseUrl}/.default`)).rejects.toThrow(/AADSTS7000215/);
  });

  it('lists and gets subscriptions and tenants', async () => {
    const client = new SubscriptionClient(sim.credential, sim.clientOptions);
    const subs = await collect(client.subscriptions.list());
    expect(subs.map((s) => s.subscriptionId)).toEqual(sim.state.subscriptions.map((s) => s.subscriptionId));
    const one = await client.subscriptions.get(subscriptionId);
    expect(one.displayName).toBe(sim.state.subscriptions[0]?.displayName);
    expect(one.tenantId).toBe(sim.state.tenantId);
    const tenants = await collect(client.tenants.list());
    expect(tenants.map((t) => t.tenantId)).toEqual([sim.state.tenantId]);
  });

  it('pages resource groups and generic resources', async () => {
    const client = new ResourceManagementClient(sim.credential, subscriptionId, sim.clientOptions);
    const groups = await collect(client.resourceGroups.list());
    const expected = ofType(sim, 'Microsoft.Resources/resourceGroups').filter((g) =>
      g.id.includes(subscriptionId),
    );
    expect(groups.map((g) => g.name)).toEqual(expected.map((g) => g.name));
    const first = groups[0]?.name as string;
    expect((await client.resourceGroups.get(first)).id).toBe(expected[0]?.id);
    const all = await collect(client.resources.list());
    expect(all.length).toBeGreaterThan(5);
    expect(all.every((r) => r.id?.includes(`/subscriptions/${subscriptionId}/`))).toBe(true);
    const inGroup = await collect(client.resources.listByResourceGroup(groups[1]?.name as string));
    expect(inGroup.length).toBeGreaterThan(0);
    expect(inGroup.every((r) => rgOf(r.id as string) === groups[1]?.name)).toBe(true);
    // Following nextLink verbatim took more than one request.
    expect(
      sim.paths.filter((p) => p.includes('/resources?') && p.includes('skiptoken')).length,
    ).toBeGreaterThan(0);
  });

  it('serves Cognitive Services accounts, deployments, content filters and private endpoint connections', async () => {
    const client = new CognitiveServicesManagementClient(sim.credential, subscriptionId, sim.clientOptions);
    const accounts = await collect(client.accounts.list());
    const expected = ofType(sim, 'Microsoft.CognitiveServices/accounts').filter((a) =>
      a.id.includes(subscriptionId),
    );
    expect(accounts.map((a) => a.id)).toEqual(expected.map((a) => a.id));
    const account = accounts[0];
    if (!account?.name || !account.id) throw new Error('no account');
    const rg = rgOf(account.id);
    expect(['OpenAI', 'AIServices']).toContain(account.kind);
    expect(typeof account.properties?.disableLocalAuth).toBe('boolean');
    expect(['Enabled', 'Disabled']).toContain(account.properties?.publicNetworkAccess);
    expect(account.properties?.encryption?.keySource).toMatch(/^Microsoft\./);
    expect((await collect(client.accounts.listByResourceGroup(rg))).map((a) => a.name)).toContain(
      account.name,
    );
    expect((await client.accounts.get(rg, account.name)).properties?.endpoint).toMatch(/^https:\/\//);

    const deployments = await collect(client.deployments.list(rg, account.name));
    expect(deployments.length).toBe(
      ofType(sim, 'Microsoft.CognitiveServices/accounts/deployments').filter((d) =>
        d.id.startsWith(`${account.id}/`),
      ).length,
    );
    const dep = deployments[0];
    expect(dep?.properties?.model?.name).toMatch(/gpt|o3|embedding/);
    expect(
      (await client.deployments.get(rg, account.name, dep?.name as string)).properties?.model?.version,
    ).toBe(dep?.properties?.model?.version);

    const policies = await collect(client.raiPolicies.list(rg, account.name));
    expect(policies.map((p) => p.name)).toEqual(
      expect.arrayContaining(['Microsoft.Default', 'Microsoft.DefaultV2']),
    );
    const custom = policies.find((p) => p.properties?.type === 'UserManaged');
    const jailbreak = custom?.properties?.contentFilters?.find((f) => f.name === 'Jailbreak');
    expect(typeof jailbreak?.enabled).toBe('boolean');
    const fetched = await client.raiPolicies.get(rg, account.name, custom?.name as string);
    expect(fetched.properties?.contentFilters?.length).toBe(custom?.properties?.contentFilters?.length);

    const withPe = accounts.find((a) => (a.properties?.privateEndpointConnections?.length ?? 0) > 0);
    if (!withPe?.id || !withPe.name) throw new Error('estate should have a private account');
    const pecs = await client.privateEndpointConnections.list(rgOf(withPe.id), withPe.name);
    expect(pecs.value?.[0]?.properties?.privateLinkServiceConnectionState?.status).toBe('Approved');
  });

  it('serves Machine Learning workspaces and compute instances', async () => {
    const subWithMl = sim.state.subscriptions.find((s) =>
      ofType(sim, 'Microsoft.MachineLearningServices/workspaces').some((w) =>
        w.id.includes(String(s.subscriptionId)),
      ),
    );
    const sub = subWithMl?.subscriptionId as string;
    const client = new AzureMachineLearningWorkspaces(sim.credential, sub, sim.clientOptions);
    const workspaces = await collect(client.workspaces.listBySubscription());
    expect(workspaces.length).toBe(
      ofType(sim, 'Microsoft.MachineLearningServices/workspaces').filter((w) => w.id.includes(sub)).length,
    );
    const ws = workspaces[0];
    if (!ws?.id || !ws.name) throw new Error('no workspace');
    expect(['Enabled', 'Disabled']).toContain(ws.publicNetworkAccess);
    expect(ws.encryption?.status).toMatch(/Enabled|Disabled/);
    expect((await client.workspaces.get(rgOf(ws.id), ws.name)).storageAccount).toContain(
      'Microsoft.Storage/storageAccounts',
    );
    expect((await collect(client.workspaces.listByResourceGroup(rgOf(ws.id)))).map((w) => w.name)).toEqual([
      ws.name,
    ]);
    const computes = await collect(client.computeOperations.list(rgOf(ws.id), ws.name));
    expect(computes[0]?.properties?.computeType).toBe('ComputeInstance');
    const ci = await client.computeOperations.get(rgOf(ws.id), ws.name, computes[0]?.name as string);
    const ciProps = ci.properties as { properties?: { enableNodePublicIp?: boolean } };
    expect(typeof ciProps.properties?.enableNodePublicIp).toBe('boolean');
  });

  it('serves Machine Learning serverless endpoints (no SDK operation: generic ARM reads), paged by nextLink', async () => {
    const type = 'Microsoft.MachineLearningServices/workspaces/serverlessEndpoints';
    const ep = ofType(sim, type)[0];
    if (!ep) throw new Error('no serverless endpoint');
    const wsId = ep.id.slice(0, ep.id.lastIndexOf('/serverlessEndpoints/'));
    const sub = /\/subscriptions\/([^/]+)/.exec(ep.id)?.[1] as string;
    const client = new ResourceManagementClient(sim.credential, sub, sim.clientOptions);
    type Page = { value: { id: string; name: string }[]; nextLink?: string };
    const first = (await client.resources.getById(
      `${wsId}/serverlessEndpoints?$top=1`,
      '2024-04-01',
    )) as unknown as Page;
    expect(first.value).toHaveLength(1);
    const next = new URL(first.nextLink as string);
    expect(next.searchParams.get('$skiptoken')).toBe('1');
    next.searchParams.delete('api-version');
    const second = (await client.resources.getById(
      `${next.pathname}${next.search}`,
      '2024-04-01',
    )) as unknown as Page;
    expect(second.nextLink).toBeUndefined();
    const inWorkspace = ofType(sim, type).filter((o) => o.id.startsWith(`${wsId}/`));
    expect([...first.value, ...second.value].map((o) => o.name).sort()).toEqual(
      inWorkspace.map((o) => o.name).sort(),
    );
    const got = (await client.resources.getById(ep.id, '2024-04-01')) as unknown as {
      properties: Record<string, unknown>;
    };
    expect(got.properties).toMatchObject({
      authMode: expect.stringMatching(/^(Key|AAD)$/),
      contentSafety: { contentSafetyStatus: expect.stringMatching(/^(Enabled|Disabled)$/) },
      modelSettings: { modelId: expect.stringContaining('azureml://registries/') },
      inferenceEndpoint: { uri: expect.stringContaining('https://') },
      provisioningState: 'Succeeded',
    });
  });

  it('serves AI Search services', async () => {
    const client = new SearchManagementClient(sim.credential, subscriptionId, sim.clientOptions);
    const services = await collect(client.services.listBySubscription());
    expect(services.length).toBe(
      ofType(sim, 'Microsoft.Search/searchServices').filter((s) => s.id.includes(subscriptionId)).length,
    );
    const svc = services[0];
    if (!svc?.id || !svc.name) throw new Error('no search service');
    expect(['enabled', 'disabled']).toContain(svc.publicNetworkAccess);
    expect(typeof svc.disableLocalAuth).toBe('boolean');
    expect(svc.encryptionWithCmk?.enforcement).toMatch(/Enabled|Unspecified/);
    expect((await client.services.get(rgOf(svc.id), svc.name)).sku?.name).toBe('standard');
    expect(await collect(client.services.listByResourceGroup(rgOf(svc.id)))).toHaveLength(1);
    expect(await collect(client.privateEndpointConnections.listByService(rgOf(svc.id), svc.name))).toEqual(
      [],
    );
  });

  it('serves storage accounts, blob services and containers', async () => {
    const client = new StorageManagementClient(sim.credential, subscriptionId, sim.clientOptions);
    const accounts = await collect(client.storageAccounts.list());
    expect(accounts.length).toBe(
      ofType(sim, 'Microsoft.Storage/storageAccounts').filter((s) => s.id.includes(subscriptionId)).length,
    );
    const acct = accounts[0];
    if (!acct?.id || !acct.name) throw new Error('no storage account');
    expect(typeof acct.allowBlobPublicAccess).toBe('boolean');
    expect(acct.minimumTlsVersion).toMatch(/^TLS1_/);
    expect(acct.creationTime).toBeInstanceOf(Date);
    const props = await client.storageAccounts.getProperties(rgOf(acct.id), acct.name);
    expect(props.encryption?.keySource).toMatch(/Microsoft\.(Storage|Keyvault)/);
    expect(await collect(client.storageAccounts.listByResourceGroup(rgOf(acct.id)))).toHaveLength(1);
    const services = await collect(client.blobServices.list(rgOf(acct.id), acct.name));
    expect(services[0]?.name).toBe('default');
    expect(
      typeof (await client.blobServices.getServiceProperties(rgOf(acct.id), acct.name)).isVersioningEnabled,
    ).toBe('boolean');
    const containers = await collect(client.blobContainers.list(rgOf(acct.id), acct.name));
    expect(containers.map((c) => c.name)).toEqual(['training-data', 'rag-documents']);
    const c = await client.blobContainers.get(rgOf(acct.id), acct.name, 'rag-documents');
    expect(['None', 'Blob', 'Container']).toContain(c.publicAccess);
  });

  it('serves role assignments and role definitions at subscription and resource scope', async () => {
    const client = new AuthorizationManagementClient(sim.credential, subscriptionId, sim.clientOptions);
    const all = await collect(client.roleAssignments.listForSubscription());
    const expected = ofType(sim, 'Microsoft.Authorization/roleAssignments').filter((r) =>
      r.id.includes(subscriptionId),
    );
    expect(all.length).toBe(expected.length);
    expect(all.every((a) => a.principalId && a.roleDefinitionId && a.scope)).toBe(true);
    const account = ofType(sim, 'Microsoft.CognitiveServices/accounts').find((a) =>
      a.id.includes(subscriptionId),
    );
    const atAccount = await collect(client.roleAssignments.listForScope(account?.id as string));
    // Inherited subscription-level assignments plus the ones on the account itself.
    expect(atAccount.some((a) => a.scope === `/subscriptions/${subscriptionId}`)).toBe(true);
    expect(atAccount.some((a) => a.scope === account?.id)).toBe(true);
    expect(atAccount.length).toBeLessThan(all.length);
    const onlyHere = await collect(
      client.roleAssignments.listForScope(account?.id as string, { filter: 'atScope()' }),
    );
    expect(onlyHere.length).toBeLessThanOrEqual(atAccount.length);
    const defs = await collect(client.roleDefinitions.list(`/subscriptions/${subscriptionId}`));
    expect(defs.map((d) => d.roleName)).toEqual(
      expect.arrayContaining(['Owner', 'Cognitive Services OpenAI User']),
    );
    const owner = defs.find((d) => d.roleName === 'Owner');
    const byId = await client.roleDefinitions.getById(owner?.id as string);
    expect(byId.permissions?.[0]?.actions).toEqual(['*']);
    const filtered = await collect(
      client.roleDefinitions.list(account?.id as string, { filter: "roleName eq 'Owner'" }),
    );
    expect(filtered.map((d) => d.name)).toEqual([owner?.name]);
  });

  it('serves private endpoints and virtual networks', async () => {
    const client = new NetworkManagementClient(sim.credential, subscriptionId, sim.clientOptions);
    const pes = await collect(client.privateEndpoints.listBySubscription());
    expect(pes.length).toBe(
      ofType(sim, 'Microsoft.Network/privateEndpoints').filter((p) => p.id.includes(subscriptionId)).length,
    );
    const pe = pes[0];
    if (!pe?.id || !pe.name) throw new Error('no private endpoint');
    expect(pe.privateLinkServiceConnections?.[0]?.privateLinkServiceId).toMatch(/^\/subscriptions\//);
    expect(pe.subnet?.id).toContain('/subnets/');
    expect((await collect(client.privateEndpoints.list(rgOf(pe.id)))).length).toBe(pes.length);
    expect((await client.privateEndpoints.get(rgOf(pe.id), pe.name)).id).toBe(pe.id);
    const vnets = await collect(client.virtualNetworks.listAll());
    expect(vnets[0]?.subnets?.[0]?.name).toBe('snet-private-endpoints');
  });

  it('serves diagnostic settings per resource (none where logging is off)', async () => {
    const client = new MonitorClient(sim.credential, subscriptionId, sim.clientOptions);
    const settings = ofType(sim, 'Microsoft.Insights/diagnosticSettings');
    const withLogs = settings[0]?.id.split('/providers/Microsoft.Insights/')[0] as string;
    const listed = await client.diagnosticSettings.list(withLogs);
    expect(listed.value?.[0]?.logs?.map((l) => l.category)).toContain('RequestResponse');
    expect((await client.diagnosticSettings.get(withLogs, 'to-law')).workspaceId).toContain(
      'OperationalInsights',
    );
    const accounts = ofType(sim, 'Microsoft.CognitiveServices/accounts');
    const silent = accounts.find((a) => !settings.some((s) => s.id.startsWith(`${a.id}/`)));
    expect((await client.diagnosticSettings.list(silent?.id as string)).value).toEqual([]);
  });

  it('answers every manifest asset id with the object itself', async () => {
    const client = new ResourceManagementClient(sim.credential, subscriptionId, sim.clientOptions);
    // Foundry agents and their tools live on the Agent Service data plane, not in ARM (azure-agents.test.ts).
    const armAssets = sim.truth.assets.filter(
      (a) =>
        !a.nativeType.includes('#') &&
        a.id.startsWith('/subscriptions/') &&
        !a.nativeType.startsWith('Microsoft.CognitiveServices/accounts/projects/agents'),
    );
    expect(armAssets.length).toBeGreaterThan(40);
    for (const asset of armAssets) {
      const got = await client.resources.getById(asset.id, '2024-01-01');
      expect(got.id?.toLowerCase()).toBe(asset.id);
    }
  });

  it('answers protocol errors in ARM format', async () => {
    const token = (await sim.credential.getToken(`${sim.baseUrl}/.default`)).token;
    const noVersion = await rawGet(sim, `/subscriptions/${subscriptionId}/resourcegroups`, token);
    expect(noVersion.status).toBe(400);
    expect(noVersion.body).toMatchObject({ error: { code: 'MissingApiVersionParameter' } });
    const noToken = await rawGet(sim, `/subscriptions?api-version=2022-12-01`);
    expect(noToken.status).toBe(401);
    const forged = await rawGet(sim, `/subscriptions?api-version=2022-12-01`, 'sim.forged');
    expect(forged.body).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
    const badType = await rawGet(
      sim,
      `/subscriptions/${subscriptionId}/providers/Microsoft.Nope/things?api-version=1`,
      token,
    );
    expect(badType.body).toMatchObject({ error: { code: 'InvalidResourceType' } });

    const client = new CognitiveServicesManagementClient(sim.credential, subscriptionId, sim.clientOptions);
    const account = ofType(sim, 'Microsoft.CognitiveServices/accounts').find((a) =>
      a.id.includes(subscriptionId),
    );
    await expect(client.accounts.get(rgOf(account?.id as string), 'no-such-account')).rejects.toMatchObject({
      statusCode: 404,
      code: 'ResourceNotFound',
    });
    await expect(client.accounts.get('rg-missing', 'x')).rejects.toMatchObject({
      statusCode: 404,
      code: 'ResourceGroupNotFound',
    });
    const other = new CognitiveServicesManagementClient(
      sim.credential,
      '00000000-0000-4000-8000-000000000000',
      sim.clientOptions,
    );
    await expect(collect(other.accounts.list())).rejects.toMatchObject({
      statusCode: 404,
      code: 'SubscriptionNotFound',
    });
  });
});

describe('Azure simulator faults and limits', () => {
  it('answers 403 AuthorizationFailed for denied operations', async () => {
    const sim = await startAzure({ faults: { denied: ['authorization:ListRoleAssignments'] } });
    try {
      const sub = sim.state.subscriptions[0]?.subscriptionId as string;
      const client = new AuthorizationManagementClient(sim.credential, sub, sim.clientOptions);
      await expect(collect(client.roleAssignments.listForSubscription())).rejects.toMatchObject({
        statusCode: 403,
        code: 'AuthorizationFailed',
        message: expect.stringContaining('Microsoft.Authorization/roleAssignments/read'),
      });
      // Other operations are unaffected.
      expect((await collect(client.roleDefinitions.list(`/subscriptions/${sub}`))).length).toBeGreaterThan(0);
    } finally {
      await sim.close();
    }
  });

  it('denies or reports unregistered the serverless endpoint listing as placed', async () => {
    const sim = await startAzure({ faults: { denied: ['machinelearningservices:ListServerlessEndpoints'] } });
    try {
      const ep = ofType(sim, 'Microsoft.MachineLearningServices/workspaces/serverlessEndpoints')[0];
      if (!ep) throw new Error('no serverless endpoint');
      const sub = /\/subscriptions\/([^/]+)/.exec(ep.id)?.[1] as string;
      const client = new ResourceManagementClient(sim.credential, sub, sim.clientOptions);
      const list = ep.id.slice(0, ep.id.lastIndexOf('/'));
      await expect(client.resources.getById(list, '2024-04-01')).rejects.toMatchObject({
        statusCode: 403,
        code: 'AuthorizationFailed',
        message: expect.stringContaining(
          'Microsoft.MachineLearningServices/workspaces/serverlessEndpoints/read',
        ),
      });
      // The endpoint itself is another operation (GetServerlessEndpoint).
      expect(await client.resources.getById(ep.id, '2024-04-01')).toMatchObject({ name: ep.name });
      sim.faults.place({ notEnabled: ['machinelearningservices:ListServerlessEndpoints'] });
      await expect(client.resources.getById(list, '2024-04-01')).rejects.toMatchObject({
        statusCode: 400,
        code: 'NoRegisteredProviderFound',
      });
    } finally {
      await sim.close();
    }
  });

  it('throttles with 429 + Retry-After, and the SDK pipeline retries through it', async () => {
    // A tiny bucket (1 read, 4/s): pages after the first are throttled and retried after retry-after-ms.
    const limiter = new RateLimiter(true, 1, [['azure:*', { ratePerSec: 4, burst: 1, shared: 'arm-read' }]]);
    const sim = await startAzure({ limiter });
    try {
      const sub = sim.state.subscriptions[0]?.subscriptionId as string;
      const client = new AuthorizationManagementClient(sim.credential, sub, sim.clientOptions);
      const all = await collect(client.roleAssignments.listForSubscription());
      expect(all.length).toBe(
        sim.state.resources.filter(
          (r) => r.type === 'Microsoft.Authorization/roleAssignments' && r.id.includes(sub),
        ).length,
      );
      const stats = limiter.stats().find((s) => s.operation === 'authorization:ListRoleAssignments');
      expect(stats?.throttled).toBeGreaterThan(0);
    } finally {
      await sim.close();
    }
  });

  it('keeps handing out next links for endless-pagination operations', async () => {
    const sim = await startAzure({ faults: { endlessPagination: ['cognitiveservices:ListAccounts'] } });
    try {
      const sub = sim.state.subscriptions[0]?.subscriptionId as string;
      const client = new CognitiveServicesManagementClient(sim.credential, sub, sim.clientOptions);
      let pages = 0;
      for await (const _page of client.accounts.list().byPage()) if (++pages >= 6) break;
      expect(pages).toBe(6);
    } finally {
      await sim.close();
    }
  });

  it('retries injected server errors and still returns the full list', async () => {
    const sim = await startAzure({ faults: { errorRate: 0.3, seed: 5 } });
    try {
      const client = new SubscriptionClient(sim.credential, sim.clientOptions);
      const subs = await collect(client.subscriptions.list());
      expect(subs).toHaveLength(sim.state.subscriptions.length);
    } finally {
      await sim.close();
    }
  });
});

describe('Azure simulator damaged responses', () => {
  it('surfaces a malformed ARM body as a parse error, never as data', async () => {
    const sim = await startAzure({ faults: { malformedRate: 1, seed: 2 } });
    try {
      const client = new SubscriptionClient(sim.credential, sim.clientOptions);
      await expect(collect(client.subscriptions.list())).rejects.toMatchObject({ code: 'PARSE_ERROR' });
    } finally {
      await sim.close();
    }
  });
});

describe('Azure estate', () => {
  it('is deterministic per seed and plants every Azure concept', () => {
    const a = generateAzureEstate(new Rng(3).fork('azure'), scaleParams('small'));
    const b = generateAzureEstate(new Rng(3).fork('azure'), scaleParams('small'));
    const c = generateAzureEstate(new Rng(4).fork('azure'), scaleParams('small'));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a.state)).not.toBe(JSON.stringify(c.state));
    const concepts = new Set(a.truth.risks.map((r) => r.concept));
    for (const concept of [
      'ai-service-public-network',
      'ai-service-local-auth',
      'guardrail-missing',
      'guardrail-weak',
      'vector-store-public-network',
      'vector-store-key-auth',
      'data-store-public',
      'no-cmk-encryption',
      'invocation-logging-disabled',
      'endpoint-external-principal',
      'identity-primitive-role',
    ]) {
      expect(concepts).toContain(concept);
    }
    expect([...concepts].every((c) => RISK_CONCEPT_IDS.includes(c))).toBe(true);
    const ids = new Set(a.truth.assets.map((x) => x.id));
    expect(a.truth.clean.every((id) => ids.has(id))).toBe(true);
    const risky = new Set(a.truth.risks.map((r) => r.assetId));
    expect(a.truth.clean.some((id) => risky.has(id))).toBe(false);
    for (const e of a.truth.edges) {
      if (!e.from.startsWith('aispm:')) expect(ids.has(e.from), e.from).toBe(true);
      expect(ids.has(e.to), e.to).toBe(true);
    }
    expect(a.truth.assets.every((x) => x.id === x.id.toLowerCase())).toBe(true);
  });

  it('scales with subscriptions and workloads', () => {
    const small = generateAzureEstate(new Rng(1), scaleParams('small'));
    const medium = generateAzureEstate(new Rng(1), scaleParams('medium'));
    expect(medium.state.subscriptions.length).toBe(scaleParams('medium').azureSubscriptions);
    expect(medium.truth.assets.length).toBeGreaterThan(small.truth.assets.length * 2);
  });
});
