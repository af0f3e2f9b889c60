import { readFileSync } from 'node:fs';
import { ASSET_KINDS, externalPrincipalId, type GraphBatch, INTERNET_ID, kindOf } from '@aispm/core';
import { describe, expect, it } from 'vitest';
import type { RawAuthorization } from '../src/azure/authorization/fetch.ts';
import {
  normalizeAuthorization,
  roleAccess,
  scopeTargets,
  servicePrincipalAssetId,
} from '../src/azure/authorization/normalize.ts';
import { resolveAzureOptions } from '../src/azure/clients.ts';
import type { RawCognitiveServices } from '../src/azure/cognitive-services/fetch.ts';
import { normalizeCognitiveServices, promptAttackFilter } from '../src/azure/cognitive-services/normalize.ts';
import type { RawKeyVault } from '../src/azure/key-vault/fetch.ts';
import { normalizeKeyVault } from '../src/azure/key-vault/normalize.ts';
import type { RawMachineLearning } from '../src/azure/machine-learning/fetch.ts';
import { normalizeMachineLearning, vnetOfSubnet } from '../src/azure/machine-learning/normalize.ts';
import { datastoreShape } from '../src/azure/machine-learning/serving-fetch.ts';
import { datastoreCredentialType, endpointKeyAuth } from '../src/azure/machine-learning/serving-normalize.ts';
import type { RawNetwork } from '../src/azure/network/fetch.ts';
import { normalizeNetwork } from '../src/azure/network/normalize.ts';
import { normalizeSearch } from '../src/azure/search/normalize.ts';
import type { RawStorage } from '../src/azure/storage/fetch.ts';
import { normalizeStorage } from '../src/azure/storage/normalize.ts';

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/azure/${name}.json`, import.meta.url), 'utf8')) as T;
}
const SUB = 'b12d3111-4a9d-459d-a093-d22964eeee05';
const scope = { subscriptionId: SUB };
const sub = `/subscriptions/${SUB}`;
const has = (b: GraphBatch, kind: string, from: string, to: string) =>
  b.edges.some((e) => e.kind === kind && e.from === from && e.to === to);
const asset = (b: GraphBatch, id: string) => {
  const a = b.assets.find((x) => x.id === id);
  if (!a) throw new Error(`no asset ${id}`);
  return a;
};

/** Every asset a normaliser emits has a kind from the resource-type table and a lower-case ARM id. */
function expectWellFormed(b: GraphBatch) {
  for (const a of b.assets) {
    expect(Object.keys(ASSET_KINDS)).toContain(a.kind);
    if (a.id.startsWith('/')) {
      expect(a.id).toBe(a.id.toLowerCase());
      expect(kindOf('azure', a.nativeType)).toBe(a.kind);
    }
  }
}

describe('Azure Cognitive Services normaliser', () => {
  const raw = fixture<RawCognitiveServices>('cognitive-services');
  const b = normalizeCognitiveServices(raw, scope);
  const rg = `${sub}/resourcegroups`;
  const privateAccount = `${rg}/rg-copilot-prod/providers/microsoft.cognitiveservices/accounts/oai-copilot-prod-a37c`;
  const publicAccount = `${rg}/rg-contracts-prod/providers/microsoft.cognitiveservices/accounts/ais-contracts-prod-03de`;

  it('emits accounts, deployments and content filters under lower-case ARM ids', () => {
    expectWellFormed(b);
    expect(asset(b, privateAccount).kind).toBe('ai-service');
    expect(b.assets.filter((a) => a.kind === 'model')).toHaveLength(4);
    expect(b.assets.filter((a) => a.kind === 'guardrail')).toHaveLength(6);
    expect(has(b, 'contains', sub, privateAccount)).toBe(true);
    expect(has(b, 'contains', privateAccount, `${privateAccount}/deployments/gpt-4o-chat`)).toBe(true);
  });

  it('states network, key-auth and CMK facts and resolves the key from the vault URI', () => {
    const priv = asset(b, privateAccount).properties;
    expect(priv).toMatchObject({
      publicNetworkAccess: false,
      localAuthEnabled: false,
      encryption: { cmk: true },
    });
    const keyId = `${rg}/rg-platform-prod/providers/microsoft.keyvault/vaults/kv-ai-prod-31808/keys/cmk-oai-copilot-prod-a37c`;
    expect((priv.encryption as { keyId: string }).keyId).toBe(keyId);
    expect(has(b, 'encrypted-by', privateAccount, keyId)).toBe(true);
    expect(asset(b, publicAccount).properties).toMatchObject({
      publicNetworkAccess: true,
      localAuthEnabled: true,
      encryption: { cmk: false },
    });
    expect(b.edges.some((e) => e.kind === 'encrypted-by' && e.from === publicAccount)).toBe(false);
  });

  it('exposes only public accounts to the internet', () => {
    expect(has(b, 'exposed-to-internet', INTERNET_ID, publicAccount)).toBe(true);
    expect(has(b, 'exposed-to-internet', INTERNET_ID, privateAccount)).toBe(false);
    expect(b.assets.filter((a) => a.id === INTERNET_ID)).toHaveLength(1);
  });

  it('guards deployments by their content filter, and leaves unset ones unguarded', () => {
    expect(
      has(
        b,
        'guarded-by',
        `${publicAccount}/deployments/text-embedding-3-small`,
        `${publicAccount}/raipolicies/microsoft.defaultv2`,
      ),
    ).toBe(true);
    expect(
      b.edges.some(
        (e) => e.kind === 'guarded-by' && e.from === `${publicAccount}/deployments/gpt-4o-mini-chat`,
      ),
    ).toBe(false);
    expect(asset(b, `${publicAccount}/deployments/gpt-4o-mini-chat`).properties.guardrailConfigured).toBe(
      false,
    );
  });

  it('rates the jailbreak shield of each content filter', () => {
    expect(asset(b, `${privateAccount}/raipolicies/microsoft.default`).properties.promptAttackFilter).toBe(
      'none',
    );
    expect(asset(b, `${privateAccount}/raipolicies/microsoft.defaultv2`).properties.promptAttackFilter).toBe(
      'high',
    );
    expect(promptAttackFilter([{ name: 'Jailbreak', enabled: true, blocking: false }])).toBe('low');
    expect(promptAttackFilter([])).toBe('none');
  });

  it('links diagnostic settings and states whether logging is on', () => {
    const ds = b.assets.filter((a) => a.kind === 'logging-config');
    expect(ds).toHaveLength(2);
    for (const d of ds) {
      expect(d).toMatchObject({ region: 'global', properties: { loggingEnabled: true } });
      expect(b.edges.some((e) => e.kind === 'logs-to' && e.to === d.id)).toBe(true);
    }
    const silent = structuredClone(raw);
    for (const a of silent.accounts) a.diagnosticSettings = [];
    const nb = normalizeCognitiveServices(silent, scope);
    expect(nb.assets.filter((a) => a.kind === 'logging-config')).toEqual([]);
    expect(asset(nb, privateAccount).properties.loggingEnabled).toBe(false);
  });

  it('keeps a CMK fact but draws no edge when the key vault is unknown', () => {
    const noVault = { ...structuredClone(raw), vaults: [] };
    const nb = normalizeCognitiveServices(noVault, scope);
    expect(asset(nb, privateAccount).properties.encryption).toEqual({
      cmk: true,
      keySource: 'Microsoft.KeyVault',
    });
    expect(nb.edges.some((e) => e.kind === 'encrypted-by')).toBe(false);
  });
});

describe('Azure Storage normaliser', () => {
  const raw = fixture<RawStorage>('storage');
  const b = normalizeStorage(raw, scope);
  const st = `${sub}/resourcegroups/rg-contracts-prod/providers/microsoft.storage/storageaccounts/stcontractsprod03de`;

  it('emits accounts and containers, exposing only containers public access is allowed for', () => {
    expectWellFormed(b);
    expect(
      b.assets.filter((a) => a.nativeType === 'Microsoft.Storage/storageAccounts/blobServices/containers'),
    ).toHaveLength(4);
    const publicContainer = `${st}/blobservices/default/containers/rag-documents`;
    expect(has(b, 'contains', st, publicContainer)).toBe(true);
    expect(has(b, 'exposed-to-internet', INTERNET_ID, publicContainer)).toBe(true);
    expect(asset(b, st).properties).toMatchObject({
      allowBlobPublicAccess: true,
      versioningEnabled: false,
      encryption: { cmk: false },
    });

    const locked = structuredClone(raw);
    for (const a of locked.accounts) a.account.allowBlobPublicAccess = false;
    expect(normalizeStorage(locked, scope).edges.some((e) => e.kind === 'exposed-to-internet')).toBe(false);
  });

  it('follows CMK encryption to the Key Vault key and the account identity', () => {
    const cmk = `${sub}/resourcegroups/rg-copilot-prod/providers/microsoft.storage/storageaccounts/stcopilotproda37c`;
    expect(b.edges.find((e) => e.kind === 'encrypted-by' && e.from === cmk)?.to).toMatch(
      /\/vaults\/kv-ai-prod-31808\/keys\/cmk-stcopilotproda37c$/,
    );
    expect(
      b.edges.some(
        (e) => e.kind === 'runs-as' && e.from === cmk && e.to.includes('/userassignedidentities/'),
      ),
    ).toBe(true);
  });
});

describe('Azure authorization normaliser', () => {
  const raw = fixture<RawAuthorization>('authorization');

  it('derives access from role permissions, not names', () => {
    const def = (name: string) => {
      const d = raw.roleDefinitions.find((r) => r.roleName === name);
      if (!d) throw new Error(name);
      return d;
    };
    expect(roleAccess(def('Owner'))).toEqual(['can-admin']);
    expect(roleAccess(def('Reader'))).toEqual([]);
    expect(roleAccess(def('Cognitive Services OpenAI User'))).toEqual(['can-invoke']);
    expect(roleAccess(def('Storage Blob Data Reader'))).toEqual(['can-read']);
    expect(roleAccess(def('Storage Blob Data Contributor')).sort()).toEqual(['can-read', 'can-write']);
    expect(
      roleAccess({ permissions: [{ actions: ['Microsoft.Authorization/roleAssignments/write'] }] }),
    ).toEqual(['can-admin']);
  });

  it('maps principals to managed identities, service principals with access, and foreign groups', () => {
    const withForeign = structuredClone(raw);
    const openAiUser = raw.roleDefinitions.find((r) => r.roleName === 'Cognitive Services OpenAI User');
    const account = `${sub}/resourceGroups/rg-copilot-prod/providers/Microsoft.CognitiveServices/accounts/oai-copilot-prod-a37c`;
    withForeign.roleAssignments.push({
      id: `${account}/providers/Microsoft.Authorization/roleAssignments/x`,
      scope: account,
      roleDefinitionId: openAiUser?.id,
      principalId: '11111111-2222-3333-4444-555555555555',
      principalType: 'ForeignGroup',
    });
    const b = normalizeAuthorization(withForeign, scope);
    expectWellFormed(b);
    const mis = b.assets.filter((a) => a.nativeType === 'Microsoft.ManagedIdentity/userAssignedIdentities');
    expect(mis).toHaveLength(2);
    for (const mi of mis) expect(b.edges.some((e) => e.kind === 'can-invoke' && e.from === mi.id)).toBe(true);
    // The deployer holds Owner on the subscription; the scanner's Reader grants nothing and is not an asset.
    const sps = b.assets.filter((a) => a.nativeType === 'Microsoft.Graph/servicePrincipals');
    expect(sps).toHaveLength(1);
    expect(sps[0]?.properties.primitiveRoles).toEqual(['Owner']);
    expect(has(b, 'can-admin', sps[0]?.id as string, sub)).toBe(true);
    const ext = externalPrincipalId('azure', '11111111-2222-3333-4444-555555555555');
    expect(asset(b, ext).kind).toBe('external-principal');
    expect(has(b, 'can-invoke', ext, account.toLowerCase())).toBe(true);
    expect(servicePrincipalAssetId('ABC')).toBe('/providers/microsoft.graph/serviceprincipals/abc');
  });
});

describe('Azure role assignment scopes', () => {
  const resources = [
    {
      id: `${sub}/resourceGroups/rg-a/providers/Microsoft.CognitiveServices/accounts/oai`,
      type: 'Microsoft.CognitiveServices/accounts',
    },
    {
      id: `${sub}/resourceGroups/rg-a/providers/Microsoft.Network/virtualNetworks/v`,
      type: 'Microsoft.Network/virtualNetworks',
    },
    {
      id: `${sub}/resourceGroups/rg-ab/providers/Microsoft.Search/searchServices/s`,
      type: 'Microsoft.Search/searchServices',
    },
  ];

  it('resolves subscription, resource and resource-group scopes', () => {
    expect(scopeTargets(sub.toUpperCase(), SUB, resources)).toEqual([sub]);
    expect(scopeTargets(`${sub}/resourceGroups/rg-a`, SUB, resources)).toEqual([
      `${sub}/resourcegroups/rg-a/providers/microsoft.cognitiveservices/accounts/oai`,
    ]);
    expect(
      scopeTargets(`${sub}/resourceGroups/rg-ab/providers/Microsoft.Search/searchServices/s`, SUB, []),
    ).toEqual([`${sub}/resourcegroups/rg-ab/providers/microsoft.search/searchservices/s`]);
    expect(scopeTargets('/providers/Microsoft.Management/managementGroups/mg', SUB, resources)).toEqual([]);
    expect(scopeTargets('/subscriptions/other', SUB, resources)).toEqual([]);
  });

  it('grants a resource-group role on every asset resource in the group', () => {
    const raw = fixture<RawAuthorization>('authorization');
    const owner = raw.roleDefinitions.find((r) => r.roleName === 'Owner');
    const withRg: RawAuthorization = {
      ...structuredClone(raw),
      resources,
      roleAssignments: [
        {
          id: `${sub}/resourceGroups/rg-a/providers/Microsoft.Authorization/roleAssignments/y`,
          scope: `${sub}/resourceGroups/rg-a`,
          roleDefinitionId: owner?.id,
          principalId: '99999999-8888-7777-6666-555555555555',
          principalType: 'ServicePrincipal',
        },
      ],
    };
    const b = normalizeAuthorization(withRg, scope);
    const sp = servicePrincipalAssetId('99999999-8888-7777-6666-555555555555');
    expect(b.edges.filter((e) => e.from === sp).map((e) => `${e.kind} ${e.to}`)).toEqual([
      `can-admin ${sub}/resourcegroups/rg-a/providers/microsoft.cognitiveservices/accounts/oai`,
    ]);
    expect(asset(b, sp).properties.primitiveRoles).toEqual(['Owner']);
  });
});

describe('Azure network, ML, search and Key Vault normalisers', () => {
  it('points each private-link target at its private endpoint', () => {
    const b = normalizeNetwork(fixture<RawNetwork>('network'), scope);
    expectWellFormed(b);
    const pes = b.assets.filter((a) => a.nativeType === 'Microsoft.Network/privateEndpoints');
    expect(pes.length).toBeGreaterThan(0);
    for (const pe of pes)
      expect(b.edges.filter((e) => e.kind === 'in-network' && e.to === pe.id)).toHaveLength(1);
    expect(b.assets.filter((a) => a.nativeType === 'Microsoft.Network/virtualNetworks')).toHaveLength(1);
  });

  it('puts compute instances in the vnet of their subnet, or on the internet with a public IP', () => {
    const raw = fixture<RawMachineLearning>('machine-learning');
    const b = normalizeMachineLearning(raw, scope);
    expectWellFormed(b);
    const ci = b.assets.find((a) => a.kind === 'notebook');
    expect(ci?.properties).toMatchObject({ directInternetAccess: false, privateNetwork: true });
    expect(
      b.edges.some(
        (e) =>
          e.kind === 'in-network' && e.from === ci?.id && e.to.endsWith('/virtualnetworks/vnet-ai-prod-1'),
      ),
    ).toBe(true);
    expect(b.assets.some((a) => a.kind === 'model-registry')).toBe(true);

    const open = structuredClone(raw);
    const compute = open.workspaces[0]?.computes[0]?.properties as unknown as {
      properties: Record<string, unknown>;
    };
    compute.properties.enableNodePublicIp = true;
    delete compute.properties.subnet;
    const ob = normalizeMachineLearning(open, scope);
    expect(ob.edges.some((e) => e.kind === 'exposed-to-internet' && e.to === ci?.id)).toBe(true);
    expect(ob.edges.some((e) => e.kind === 'in-network')).toBe(false);
    expect(
      vnetOfSubnet(
        '/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/V/subnets/x',
      ),
    ).toBe('/subscriptions/s/resourcegroups/r/providers/microsoft.network/virtualnetworks/v');
  });

  it('normalises online endpoints and datastores without ever keeping a datastore secret', () => {
    const raw = fixture<RawMachineLearning>('machine-learning');
    const ws = raw.workspaces[0];
    if (!ws?.workspace.id) throw new Error('fixture has no workspace');
    const wsId = ws.workspace.id;
    const accountId = `${sub}/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/stmldata01`;
    const datastore = (
      name: string,
      credentials: Record<string, unknown>,
      extra: Record<string, unknown> = {},
    ) =>
      datastoreShape({
        id: `${wsId}/datastores/${name}`,
        name,
        properties: {
          datastoreType: 'AzureBlob',
          accountName: 'StMlData01',
          containerName: 'Training-Data',
          credentials,
          ...extra,
        },
      } as never);
    const key = datastore('keyed', {
      credentialsType: 'AccountKey',
      secrets: { secretsType: 'AccountKey', key: 'planted-account-key==' },
    });
    const sas = datastore('sas', {
      credentialsType: 'Sas',
      secrets: { secretsType: 'Sas', sasToken: 'sig=planted' },
    });
    const identity = datastore('identity', { credentialsType: 'None' });
    expect(JSON.stringify([key, sas])).not.toMatch(/planted|secrets/);
    const endpoint = (name: string, authMode: string, publicNetworkAccess?: string) => ({
      endpoint: {
        id: `${wsId}/onlineEndpoints/${name}`,
        name,
        location: 'eastus',
        properties: { authMode, ...(publicNetworkAccess ? { publicNetworkAccess } : {}) },
      },
      deployments: [
        {
          name: 'blue',
          sku: { capacity: 2 },
          properties: { endpointComputeType: 'Managed', model: 'azureml:m:1' },
        },
      ],
    });
    const withServing = structuredClone(raw);
    withServing.storageAccounts = [accountId];
    (withServing.workspaces[0] as (typeof raw.workspaces)[number]).serving = {
      onlineEndpoints: [endpoint('keyed', 'Key'), endpoint('entra', 'AADToken', 'Disabled')] as never,
      datastores: [key, sas, identity],
    };
    const b = normalizeMachineLearning(withServing, scope);
    expectWellFormed(b);
    expect(JSON.stringify(b)).not.toMatch(/planted|"secrets"/);
    const ep = (name: string) => asset(b, `${wsId}/onlineEndpoints/${name}`.toLowerCase());
    expect(ep('keyed').properties.facts).toMatchObject({
      localAuthEnabled: true,
      variantInstanceCounts: [2],
    });
    expect(ep('entra').properties.facts).toMatchObject({
      localAuthEnabled: false,
      publicNetworkAccess: false,
    });
    // No publicNetworkAccess in the answer: ARM's default (Enabled).
    expect(has(b, 'exposed-to-internet', INTERNET_ID, ep('keyed').id)).toBe(true);
    expect(has(b, 'exposed-to-internet', INTERNET_ID, ep('entra').id)).toBe(false);
    const ds = (name: string) => asset(b, `${wsId}/datastores/${name}`.toLowerCase());
    expect(ds('keyed').properties.facts).toMatchObject({ credentialType: 'api-key' });
    expect(ds('sas').properties.facts).toMatchObject({ credentialType: 'api-key' });
    expect(ds('identity').properties.facts).toMatchObject({ credentialType: 'iam' });
    const container = `${accountId}/blobServices/default/containers/training-data`.toLowerCase();
    expect(has(b, 'reads-from', ds('identity').id, container)).toBe(true);
    expect(has(b, 'contains', wsId.toLowerCase(), ds('identity').id)).toBe(true);
    expect(datastoreCredentialType('ServicePrincipal')).toBe('oauth');
    expect(datastoreCredentialType('Mystery')).toBeUndefined();
    expect(endpointKeyAuth('AMLToken')).toBe(false);
    expect(endpointKeyAuth(undefined)).toBeUndefined();
  });

  it('states search key-auth and CMK enforcement facts', () => {
    const b = normalizeSearch(fixture('search'), scope);
    expectWellFormed(b);
    const byName = new Map(
      b.assets.filter((a) => a.kind === 'vector-store').map((a) => [a.name, a.properties]),
    );
    expect(byName.get('srch-copilot-prod-a37c')).toMatchObject({
      publicNetworkAccess: false,
      localAuthEnabled: false,
      encryption: { cmk: true },
    });
    expect(byName.get('srch-contracts-prod-03de')).toMatchObject({
      publicNetworkAccess: true,
      apiKeyOnly: true,
      localAuthEnabled: true,
    });
  });

  it('emits Key Vault keys with rotation facts', () => {
    const b = normalizeKeyVault(fixture<RawKeyVault[]>('key-vault'), scope);
    expectWellFormed(b);
    expect(b.assets.length).toBeGreaterThan(0);
    for (const k of b.assets)
      expect(k.properties).toMatchObject({ rotationEnabled: true, keyManager: 'CUSTOMER' });
  });
});

describe('Azure connector options', () => {
  const credential = { getToken: async () => null };
  it('rejects malformed settings with a clear error', () => {
    expect(() => resolveAzureOptions({ credential, armEndpoint: 'management.azure.com' }, {})).toThrow(
      /armEndpoint/,
    );
    expect(() => resolveAzureOptions({ credential, subscriptions: ['prod'] }, {})).toThrow(/subscription id/);
    expect(() => resolveAzureOptions({ credential, authorityHost: 'http://login' }, {})).toThrow(
      /authorityHost/,
    );
    expect(() => resolveAzureOptions({ credential, maxRetries: -1 }, {})).toThrow(/maxRetries/);
    expect(() =>
      resolveAzureOptions(
        { clientCredentials: { tenantId: 'contoso', clientId: 'a', clientSecret: 'b' } },
        {},
      ),
    ).toThrow(/tenant GUID/);
  });
  it('takes the ARM endpoint from the environment', () => {
    expect(
      resolveAzureOptions({ credential }, { AISPM_AZURE_ARM_ENDPOINT: 'https://127.0.0.1:9/' }).armEndpoint,
    ).toBe('https://127.0.0.1:9');
    expect(resolveAzureOptions({ credential }, {}).armEndpoint).toBe('https://management.azure.com');
  });
});
