import { readFileSync } from 'node:fs';
import { type CloudSim, startCloudSim } from '@aispm/cloud-sim';
import { type AssetRecord, type GraphBatch, isUnknownFact, kindOf } from '@aispm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servicePrincipalAssetId } from '../src/azure/authorization/normalize.ts';
import type { RawCognitiveServices } from '../src/azure/cognitive-services/fetch.ts';
import {
  connectionCredentialType,
  isMcpConnection,
  threatProtectionOf,
} from '../src/azure/cognitive-services/foundry-normalize.ts';
import { normalizeCognitiveServices } from '../src/azure/cognitive-services/normalize.ts';
import { createAzureConnector } from '../src/azure/index.ts';
import { type DriverResult, runConnector } from './helpers/driver.ts';

/** Recorded from cloud-sim through the SDK (seed 7): a Foundry account with a project, shared and MCP connections. */
function recorded(): RawCognitiveServices {
  return JSON.parse(
    readFileSync(new URL('./fixtures/azure/foundry.json', import.meta.url), 'utf8'),
  ) as RawCognitiveServices;
}
const SUB = 'b12d3111-4a9d-459d-a093-d22964eeee05';
const scope = { subscriptionId: SUB };
const ACCOUNT = `/subscriptions/${SUB}/resourcegroups/rg-contracts-prod/providers/microsoft.cognitiveservices/accounts/ais-contracts-prod-03de`;
const PROJECT = `${ACCOUNT}/projects/proj-contracts`;
const has = (b: GraphBatch, kind: string, from: string, to: string) =>
  b.edges.some((e) => e.kind === kind && e.from === from && e.to === to);
function asset(b: { assets: AssetRecord[] }, id: string): AssetRecord {
  const a = b.assets.find((x) => x.id === id);
  if (!a) throw new Error(`no asset ${id}`);
  return a;
}
const factsOf = (a: AssetRecord) => a.properties.facts as Record<string, unknown>;

describe('Azure AI Foundry normaliser (recorded payloads)', () => {
  const b = normalizeCognitiveServices(recorded(), scope);

  it('emits the project and both levels of connections under their kinds, with lower-case ARM ids', () => {
    for (const a of b.assets) {
      expect(a.id).toBe(a.id.toLowerCase());
      expect(kindOf('azure', a.nativeType)).toBe(a.kind);
    }
    expect(asset(b, PROJECT)).toMatchObject({
      kind: 'ml-workspace',
      nativeType: 'Microsoft.CognitiveServices/accounts/projects',
      name: 'proj-contracts',
    });
    const byType = (t: string) => b.assets.filter((a) => a.nativeType === t).map((a) => a.name);
    expect(byType('Microsoft.CognitiveServices/accounts/connections').sort()).toEqual([
      'partner-llm-key',
      'srch-contracts-prod-03de-conn',
      'stcontractsprod03de-conn',
    ]);
    expect(byType('Microsoft.CognitiveServices/accounts/projects/connections#mcp').sort()).toEqual([
      'contracts-tools-mcp',
      'github-mcp',
    ]);
  });

  it('reads credential type and sharing from authType and isSharedToAll (account level only)', () => {
    expect(factsOf(asset(b, `${ACCOUNT}/connections/partner-llm-key`))).toMatchObject({
      credentialType: 'api-key',
      sharedToAll: true,
    });
    expect(factsOf(asset(b, `${ACCOUNT}/connections/srch-contracts-prod-03de-conn`))).toMatchObject({
      credentialType: 'iam',
      sharedToAll: true,
    });
    expect(factsOf(asset(b, `${PROJECT}/connections/contracts-tools-mcp`))).toMatchObject({
      credentialType: 'none',
      sharedToAll: false,
    });
    expect(factsOf(asset(b, `${PROJECT}/connections/github-mcp`)).credentialType).toBe('oauth');
  });

  it('draws contains, runs-as to the project identity, and reads-from to the storage / search it targets', () => {
    const principal = recorded().accounts[0]?.foundry?.projects[0]?.project.identity?.principalId as string;
    expect(has(b, 'contains', ACCOUNT, PROJECT)).toBe(true);
    expect(has(b, 'contains', ACCOUNT, `${ACCOUNT}/connections/partner-llm-key`)).toBe(true);
    expect(has(b, 'contains', PROJECT, `${PROJECT}/connections/github-mcp`)).toBe(true);
    expect(has(b, 'runs-as', PROJECT, servicePrincipalAssetId(principal))).toBe(true);
    const rg = `/subscriptions/${SUB}/resourcegroups/rg-contracts-prod/providers`;
    expect(
      has(
        b,
        'reads-from',
        `${ACCOUNT}/connections/stcontractsprod03de-conn`,
        `${rg}/microsoft.storage/storageaccounts/stcontractsprod03de`,
      ),
    ).toBe(true);
    expect(
      has(
        b,
        'reads-from',
        `${ACCOUNT}/connections/srch-contracts-prod-03de-conn`,
        `${rg}/microsoft.search/searchservices/srch-contracts-prod-03de`,
      ),
    ).toBe(true);
    // A key-authenticated partner API outside Azure is read from nowhere the graph knows.
    expect(b.edges.filter((e) => e.kind === 'reads-from' && e.from.endsWith('/partner-llm-key'))).toEqual([]);
  });

  it('says where agent state is kept: Microsoft-managed without capability-host connections, else the customer', () => {
    expect(asset(b, PROJECT).properties.agentStorage).toMatchObject({ managedBy: 'microsoft' });
    const raw = recorded();
    const project = raw.accounts[0]?.foundry?.projects[0];
    if (!project?.capabilityHosts?.[0]) throw new Error('recorded project has no capability host');
    project.capabilityHosts[0].properties = {
      storageConnections: ['stcontractsprod03de-conn'],
      vectorStoreConnections: ['srch-contracts-prod-03de-conn'],
    };
    expect(asset(normalizeCognitiveServices(raw, scope), PROJECT).properties.agentStorage).toEqual({
      managedBy: 'customer',
      threadStorageConnections: [],
      storageConnections: ['stcontractsprod03de-conn'],
      vectorStoreConnections: ['srch-contracts-prod-03de-conn'],
    });
  });

  it('reads Defender for AI into threatProtection, and leaves it absent (not false) when nothing was read', () => {
    expect(factsOf(asset(b, ACCOUNT)).threatProtection).toBe(false);
    const enabled = recorded();
    const account = enabled.accounts[0];
    if (!account) throw new Error('no recorded account');
    account.defenderForAISettings = [{ name: 'Default', state: 'Enabled' }];
    expect(factsOf(asset(normalizeCognitiveServices(enabled, scope), ACCOUNT)).threatProtection).toBe(true);
    account.defenderForAISettings = undefined;
    expect(factsOf(asset(normalizeCognitiveServices(enabled, scope), ACCOUNT))).not.toHaveProperty(
      'threatProtection',
    );
    expect(threatProtectionOf([])).toBeUndefined();
  });

  it('maps every auth type the SDK knows, and only RemoteTool / MCP categories to MCP servers', () => {
    expect(
      ['ApiKey', 'CustomKeys', 'AccountKey', 'AccessKey', 'SAS', 'PAT', 'UsernamePassword'].map(
        connectionCredentialType,
      ),
    ).toEqual(Array(7).fill('api-key'));
    expect(
      ['OAuth2', 'ServicePrincipal', 'AAD', 'ManagedIdentity', 'None', 'Kerberos', undefined].map(
        connectionCredentialType,
      ),
    ).toEqual(['oauth', 'oauth', 'iam', 'iam', 'none', undefined, undefined]);
    expect(
      ['RemoteTool', 'remotetool', 'MCP', 'CognitiveSearch', 'ApiKey', undefined].map(isMcpConnection),
    ).toEqual([true, true, true, false, false, false]);
  });

  it('emits nothing for a classic account (no project management)', () => {
    const raw = recorded();
    const account = raw.accounts[0];
    if (!account) throw new Error('no recorded account');
    account.foundry = undefined;
    const classic = normalizeCognitiveServices(raw, scope);
    // The account (public, so the internet beside it) and nothing of Foundry.
    expect(classic.assets.map((a) => a.nativeType)).toEqual([
      'Microsoft.CognitiveServices/accounts',
      'aispm::Internet',
    ]);
  });
});

async function scan(denied: string[]): Promise<{ sim: CloudSim; result: DriverResult }> {
  const sim = await startCloudSim({
    seed: 7,
    scale: 'small',
    port: 0,
    rateLimits: false,
    providers: ['azure'],
    faults: { denied },
  });
  if (!sim.azure) throw new Error('cloud-sim started without Azure');
  const { tenantId, clientId, clientSecret, authorityHost, armEndpoint, caCertPem } = sim.azure;
  const connector = createAzureConnector({
    clientCredentials: { tenantId, clientId, clientSecret },
    authorityHost,
    armEndpoint,
    tlsCa: caCertPem,
  });
  return { sim, result: await runConnector(connector) };
}

describe('Azure AI Foundry fetch against cloud-sim (small estate)', () => {
  const sims: CloudSim[] = [];
  let full: DriverResult;
  let denied: DriverResult;
  let manifestAccounts: string[];

  beforeAll(async () => {
    const open = await scan([]);
    sims.push(open.sim);
    full = open.result;
    manifestAccounts = open.sim.manifest.assets
      .filter((a) => a.nativeType === 'Microsoft.CognitiveServices/accounts')
      .map((a) => a.id);
    // Connections (both levels) and Defender for AI denied: a reader role without those actions.
    const closed = await scan([
      'cognitiveservices:ListConnections',
      'cognitiveservices:ListDefenderForAISettings',
    ]);
    sims.push(closed.sim);
    denied = closed.result;
  }, 120_000);
  afterAll(async () => {
    for (const sim of sims) await sim.close();
  });

  const ofType = (r: DriverResult, prefix: string) =>
    [...r.graph.assetsById.values()].filter((a) => a.nativeType.startsWith(prefix));

  it('lists projects, connections and Defender for AI settings through the SDK with paging', () => {
    expect(full.errors).toEqual([]);
    expect(full.gaps).toEqual([]);
    expect(ofType(full, 'Microsoft.CognitiveServices/accounts/projects').length).toBeGreaterThan(0);
    // Three account connections per Foundry account: more than one page (the simulator pages by 3) in total.
    expect(ofType(full, 'Microsoft.CognitiveServices/accounts/connections').length).toBeGreaterThan(3);
    const accounts = ofType(full, 'Microsoft.CognitiveServices/accounts').filter(
      (a) => a.nativeType === 'Microsoft.CognitiveServices/accounts',
    );
    expect(accounts.map((a) => typeof factsOf(a).threatProtection)).toEqual(accounts.map(() => 'boolean'));
  });

  it('keeps every account and project when connections and Defender for AI are denied, and reports the gaps', () => {
    expect(denied.errors).toEqual([]);
    const gapOps = [...new Set(denied.gaps.map((g) => g.operation))].sort();
    expect(gapOps).toEqual([
      'AccountConnections_List',
      'DefenderForAISettings_List',
      'ProjectConnections_List',
    ]);
    for (const g of denied.gaps) expect(g).toMatchObject({ scope: 'item', errorCode: 'AuthorizationFailed' });
    expect(ofType(denied, 'Microsoft.CognitiveServices/accounts/connections')).toEqual([]);
    expect(ofType(denied, 'Microsoft.CognitiveServices/accounts/projects/connections')).toEqual([]);
    const projects = (r: DriverResult) =>
      [...r.graph.assetsById.values()]
        .filter((a) => a.nativeType === 'Microsoft.CognitiveServices/accounts/projects')
        .map((a) => a.id)
        .sort();
    expect(projects(full).length).toBeGreaterThan(0);
    expect(projects(denied)).toEqual(projects(full));
    const accounts = [...denied.graph.assetsById.values()].filter(
      (a) => a.nativeType === 'Microsoft.CognitiveServices/accounts',
    );
    expect(accounts.map((a) => a.id).sort()).toEqual([...manifestAccounts].sort());
    // Unread is unknown, never "off".
    for (const a of accounts) expect(isUnknownFact(factsOf(a).threatProtection)).toBe(true);
  });
});
