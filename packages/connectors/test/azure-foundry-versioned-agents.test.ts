import { type CloudSim, startCloudSim } from '@aispm/cloud-sim';
import { type AssetRecord, isUnknownFact, kindOf } from '@aispm/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { RawProjectVersionedAgents } from '../src/azure/foundry-versioned-agents/fetch.ts';
import {
  connectionAssetId,
  mcpRequiresApproval,
  mcpServer,
  normalizeVersionedAgents,
} from '../src/azure/foundry-versioned-agents/normalize.ts';
import { createAzureConnector } from '../src/azure/index.ts';
import { runConnector } from './helpers/driver.ts';

const SUB = 's1';
const PROJECT =
  '/subscriptions/s1/resourcegroups/rg/providers/microsoft.cognitiveservices/accounts/ais/projects/proj';
const facts = (a: AssetRecord | undefined) => (a?.properties.facts ?? {}) as Record<string, unknown>;
const versioned = (a: AssetRecord) => a.kind === 'agent' && a.properties.agentApi === 'versioned';

function project(agents: unknown[]): RawProjectVersionedAgents {
  return {
    projectId: PROJECT,
    accountId: PROJECT.slice(0, PROJECT.indexOf('/projects/')),
    region: 'eastus',
    endpoint: 'https://ais.services.ai.azure.com/api/projects/proj',
    deployments: [{ name: 'gpt-4o', raiPolicyName: 'Microsoft.DefaultV2' }],
    connections: { [`${PROJECT}/connections/tools-mcp`]: { credentialType: 'oauth' } },
    agents: agents as RawProjectVersionedAgents['agents'],
  };
}
const agent = (name: string, definition: unknown) => ({
  object: 'agent',
  id: name,
  name,
  versions: { latest: { id: `${name}:1`, name, version: '1', created_at: new Date(0), definition } },
});

describe('Foundry (new) agents normaliser', () => {
  it('reads approval, the outside host and the credential of an MCP tool, keeping no token or header value', () => {
    const b = normalizeVersionedAgents(
      {
        projects: [
          project([
            agent('helper', {
              kind: 'prompt',
              model: 'gpt-4o',
              tools: [
                {
                  type: 'mcp',
                  server_label: 'partner',
                  server_url: 'https://user:pw@MCP.partner.example.net/mcp?key=s3cr3t-query',
                  require_approval: 'never',
                  headers: { 'X-Api-Key': 'hdr-s3cr3t' },
                  authorization: 'tok-s3cr3t',
                },
                {
                  type: 'mcp',
                  server_label: 'tools',
                  server_url: 'https://t.example/mcp',
                  project_connection_id: 'tools-mcp',
                },
                { type: 'web_search' },
              ],
            }),
          ]),
        ],
      },
      { subscriptionId: SUB },
    );
    const helper = b.assets.find((a) => a.name === 'helper');
    expect(helper?.properties).toMatchObject({ agentApi: 'versioned', version: '1', model: 'gpt-4o' });
    expect(facts(helper).guardrailId).toBe('Microsoft.DefaultV2');
    const partner = b.assets.find((a) => a.id === `${helper?.id}/tools/mcp/partner`);
    expect(partner?.kind).toBe('mcp-server');
    expect(kindOf('azure', partner?.nativeType as string)).toBe('mcp-server');
    expect(facts(partner)).toMatchObject({
      requiresApproval: false,
      outboundHost: 'mcp.partner.example.net',
      credentialType: 'oauth',
    });
    expect(partner?.properties).toMatchObject({
      serverUrl: 'https://mcp.partner.example.net/mcp',
      headerNames: ['X-Api-Key'],
      sendsAuthorization: true,
    });
    // The other names its project connection (by name): the connection's auth, every call approved by default.
    const tools = b.assets.find((a) => a.id === `${helper?.id}/tools/mcp/tools`);
    expect(facts(tools)).toMatchObject({ credentialType: 'oauth', requiresApproval: true });
    expect(tools?.properties.connectionId).toBe(`${PROJECT}/connections/tools-mcp`);
    expect(facts(b.assets.find((a) => a.id === `${helper?.id}/tools/web_search`))).toMatchObject({
      toolType: 'web-search',
      readsWebContent: true,
    });
    const json = JSON.stringify(b);
    for (const secret of ['hdr-s3cr3t', 'tok-s3cr3t', 's3cr3t-query', 'user:pw'])
      expect(json).not.toContain(secret);
    for (const to of [partner?.id, tools?.id])
      expect(b.edges).toContainEqual(expect.objectContaining({ kind: 'uses-tool', from: helper?.id, to }));
  });

  it('judges require_approval: absent or always → approved, never or an exemption → not, otherwise unknown', () => {
    expect(mcpRequiresApproval(undefined)).toBe(true);
    expect(mcpRequiresApproval('always')).toBe(true);
    expect(mcpRequiresApproval('never')).toBe(false);
    expect(mcpRequiresApproval({ never: { read_only: true } })).toBe(false);
    expect(isUnknownFact(mcpRequiresApproval({ always: { tool_names: ['x'] } }))).toBe(true);
    expect(isUnknownFact(mcpRequiresApproval(42))).toBe(true);
    expect(mcpServer('ftp://x')).toBeUndefined();
    expect(mcpServer('not a url')).toBeUndefined();
    expect(connectionAssetId(PROJECT, '/subscriptions/S1/x')).toBe('/subscriptions/s1/x');
  });

  it('survives bad payloads: no versions, no definition, tools not a list, a tool with no type', () => {
    const b = normalizeVersionedAgents(
      {
        projects: [
          project([
            { name: 'bare' },
            { name: 'odd', versions: { latest: { definition: { kind: 'hosted', tools: 'nope' } } } },
            agent('typeless', { kind: 'prompt', model: 'other', tools: [null, 7, {}] }),
            { id: 'nameless' },
            null,
          ]),
        ],
      },
      { subscriptionId: SUB },
    );
    expect(b.assets.filter((a) => a.kind === 'agent').map((a) => a.name)).toEqual([
      'bare',
      'odd',
      'typeless',
    ]);
    expect(isUnknownFact(facts(b.assets.find((a) => a.name === 'odd')).guardrailId)).toBe(true);
    expect(isUnknownFact(facts(b.assets.find((a) => a.name === 'typeless')).guardrailId)).toBe(true);
  });
});

describe('Foundry (new) agents against cloud-sim', () => {
  let sim: CloudSim | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  async function scan(
    faults: { denied?: string[]; notEnabled?: string[] } = {},
    edit: (
      resources: { id: string; type?: string; properties?: Record<string, unknown> }[],
    ) => void = () => {},
  ) {
    sim = await startCloudSim({
      seed: 7,
      scale: 'small',
      port: 0,
      rateLimits: false,
      providers: ['azure'],
      faults,
    });
    edit(sim.estate.azure?.resources ?? []);
    const az = sim.azure;
    if (!az) throw new Error('cloud-sim started without Azure');
    const connector = createAzureConnector({
      clientCredentials: { tenantId: az.tenantId, clientId: az.clientId, clientSecret: az.clientSecret },
      authorityHost: az.authorityHost,
      armEndpoint: az.armEndpoint,
      tlsCa: az.caCertPem,
    });
    return runConnector(connector, {});
  }

  it('lists every planted agent with its MCP servers, as the manifest has them, and keeps no credential', async () => {
    const result = await scan();
    expect(result.errors).toEqual([]);
    const manifest = sim?.manifest;
    const mcpType = 'Microsoft.CognitiveServices/accounts/projects/agents/tools#mcp';
    const want = (manifest?.assets ?? []).filter((a) => a.nativeType === mcpType).map((a) => a.id);
    const assets = [...result.graph.assetsById.values()];
    expect(want.length).toBeGreaterThan(0);
    expect(
      assets
        .filter((a) => a.nativeType === mcpType)
        .map((a) => a.id)
        .sort(),
    ).toEqual(want.sort());
    const stores = sim?.estate.azure?.foundryAgents ?? [];
    const names = stores.flatMap((s) => (s.versionedAgents ?? []).map((a) => a.name));
    expect(
      assets
        .filter(versioned)
        .map((a) => a.name)
        .sort(),
    ).toEqual(names.sort());
    // Each manifest edge of the new agents (contains, uses-tool, uses-model, runs-as) is in the graph.
    const agents = new Set(assets.filter(versioned).map((a) => a.id));
    const key = (e: { kind: string; from: string; to: string }) => `${e.kind} ${e.from} > ${e.to}`;
    const got = new Set(result.graph.edgeList.map(key));
    const planted = (manifest?.edges ?? []).filter((e) => agents.has(e.from) || agents.has(e.to));
    expect(planted.length).toBeGreaterThan(0);
    expect(planted.map(key).filter((k) => !got.has(k))).toEqual([]);
    // The risky helper: no credential, never approved; its twin: the OAuth connection, always approved.
    const helpers = assets.filter((a) => a.nativeType === mcpType && a.name.includes('-mcp-helper/'));
    expect(helpers.map((a) => [facts(a).credentialType, facts(a).requiresApproval]).sort()).toEqual(
      [
        ['none', false],
        ['oauth', true],
      ].sort(),
    );
    // The scouts' definitions carry an API-key header or an OAuth token: neither value reaches the graph.
    const secrets = stores.flatMap((s) =>
      (s.versionedAgents ?? []).flatMap((a) =>
        ((a.versions.latest.definition.tools ?? []) as Record<string, unknown>[]).flatMap((t) => [
          ...Object.values((t.headers ?? {}) as Record<string, string>),
          ...(typeof t.authorization === 'string' ? [t.authorization] : []),
        ]),
      ),
    );
    expect(secrets.length).toBeGreaterThan(1);
    const graph = JSON.stringify({ assets, edges: result.graph.edgeList });
    for (const secret of secrets) expect(graph).not.toContain(secret);
    expect(graph).toContain('"headerNames":["x-api-key"]');
  });

  it('turns a denied listing into a coverage gap naming the data action, keeping the classic agents', async () => {
    const result = await scan({ denied: ['cognitiveservices:ListVersionedAgents'] });
    expect(result.errors).toEqual([]);
    const gaps = result.gaps.filter((g) => g.operation === 'Agents_ListVersioned');
    expect(gaps.length).toBeGreaterThan(0);
    expect(gaps[0]).toMatchObject({
      service: 'foundry-versioned-agents',
      permission: 'Microsoft.CognitiveServices/accounts/AIServices/agents/read',
    });
    expect(gaps[0]?.message).toContain('lacks the required data action');
    const assets = [...result.graph.assetsById.values()];
    expect(assets.filter(versioned)).toEqual([]);
    expect(assets.filter((a) => a.kind === 'agent' && a.provider === 'azure').length).toBeGreaterThan(0);
  });

  it('reports a service that is not enabled as a gap, and never calls a project endpoint outside Azure AI', async () => {
    const first = await scan({ notEnabled: ['cognitiveservices:ListVersionedAgents'] });
    expect(first.errors).toEqual([]);
    expect(
      first.gaps.filter((g) => g.operation === 'Agents_ListVersioned').map((g) => g.errorCode),
    ).toContain('NoRegisteredProviderFound');
    await sim?.close();
    let hijacked = '';
    const result = await scan({}, (resources) => {
      const p = resources.find((r) => r.type === 'Microsoft.CognitiveServices/accounts/projects');
      if (!p?.properties) throw new Error('the estate has no Foundry project');
      hijacked = p.id.toLowerCase();
      p.properties.endpoints = { 'AI Foundry API': 'https://collector.example.net/api/projects/p' };
    });
    expect(result.gaps.filter((g) => g.operation === 'Agents_ListVersioned')).toEqual([
      expect.objectContaining({ errorCode: 'UntrustedEndpoint' }),
    ]);
    const agents = [...result.graph.assetsById.values()].filter(versioned);
    expect(agents.length).toBeGreaterThan(0);
    expect(agents.some((a) => a.id.startsWith(`${hijacked}/`))).toBe(false);
  });
});
