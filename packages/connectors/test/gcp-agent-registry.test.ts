import { type CloudSim, startCloudSim } from '@aispm/cloud-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawAgentRegistry } from '../src/gcp/agent-registry/fetch.ts';
import { normalizeAgentRegistry, toolFacts } from '../src/gcp/agent-registry/normalize.ts';
import { createGcpConnector } from '../src/gcp/index.ts';
import type { GcpNormalizeScope } from '../src/gcp/service.ts';
import { runConnector } from './helpers/driver.ts';

const REGISTRY = '//agentregistry.googleapis.com/';
const isRegistry = (id: string) => id.startsWith(REGISTRY);
const key = (e: { kind: string; from: string; to: string }) => `${e.kind} ${e.from} -> ${e.to}`;

const SCOPE: GcpNormalizeScope = {
  projectId: 'app-prod',
  location: 'us-central1',
  projects: { projectNumber: '123456789012', numberToId: { '123456789012': 'app-prod' } },
};
const PARENT = 'projects/123456789012/locations/us-central1';
const ENGINE = `//aiplatform.googleapis.com/${PARENT}/reasoningEngines/77`;

describe('Agent Registry normalisation', () => {
  const raw = (over: Partial<RawAgentRegistry> = {}): RawAgentRegistry => ({
    agents: [
      {
        name: `${PARENT}/agents/a1`,
        agentId: 'urn:agent:a1',
        displayName: 'helper',
        attributes: {
          'agentregistry.googleapis.com/system/RuntimeReference': {
            uri: `//aiplatform.googleapis.com/projects/app-prod/locations/us-central1/reasoningEngines/77`,
          },
          'agentregistry.googleapis.com/system/RuntimeIdentity': {
            principal:
              'principal://iam.googleapis.com/projects/-/serviceAccounts/helper@app-prod.iam.gserviceaccount.com',
          },
        },
      },
    ],
    mcpServers: [
      {
        name: `${PARENT}/mcpServers/s1`,
        mcpServerId: 'urn:mcp:s1',
        interfaces: [{ url: 'https://mcp.tools.example.com/mcp' }],
        tools: [
          { name: 'fetch', annotations: { readOnlyHint: true, openWorldHint: true } },
          { name: 'post', annotations: { readOnlyHint: false } },
          { name: 'memo', annotations: { readOnlyHint: false, openWorldHint: false } },
        ],
      },
    ],
    bindings: [
      {
        name: `${PARENT}/bindings/b1`,
        source: { identifier: 'urn:agent:a1' },
        target: { identifier: 'urn:mcp:s1' },
      },
    ],
    bindingsRead: true,
    knownEngines: [ENGINE],
    globalServers: [],
    ...over,
  });

  it("binds an agent to a server of the project's global location under the id the global task gives it", () => {
    const global = 'projects/123456789012/locations/global/mcpServers/bigquery';
    const batch = normalizeAgentRegistry(
      raw({
        bindings: [
          {
            name: `${PARENT}/bindings/b2`,
            source: { identifier: 'urn:agent:a1' },
            target: { identifier: 'urn:mcp:bq' },
          },
        ],
        globalServers: [{ name: global, mcpServerId: 'urn:mcp:bq' }],
      }),
      SCOPE,
    );
    expect(batch.edges.filter((e) => e.kind === 'uses-tool' && e.from === ENGINE).map((e) => e.to)).toEqual([
      `${REGISTRY}${global}`,
    ]);
    // Imported by the global task, not here.
    expect(batch.assets.some((a) => a.id === `${REGISTRY}${global}`)).toBe(false);
  });

  it('joins an agent onto the reasoning engine it runs on (its project id mapped to the number), without a duplicate', () => {
    const batch = normalizeAgentRegistry(raw(), SCOPE);
    expect(batch.assets.filter((a) => a.kind === 'agent')).toEqual([]);
    const edges = batch.edges.map(key);
    expect(edges).toContain(`uses-tool ${ENGINE} -> ${REGISTRY}${PARENT}/mcpServers/s1`);
    expect(edges).toContain(
      `runs-as ${ENGINE} -> //iam.googleapis.com/projects/app-prod/serviceAccounts/helper@app-prod.iam.gserviceaccount.com`,
    );
  });

  it('keeps an agent whose engine the scan does not hold as an agent of its own', () => {
    const batch = normalizeAgentRegistry(raw({ knownEngines: [] }), SCOPE);
    const agent = batch.assets.find((a) => a.kind === 'agent');
    expect(agent?.id).toBe(`${REGISTRY}${PARENT}/agents/a1`);
    expect(batch.edges.map(key)).toContain(`uses-tool ${agent?.id} -> ${REGISTRY}${PARENT}/mcpServers/s1`);
  });

  it('reads the MCP annotations with the protocol defaults, and a binding without auth provider as no credential', () => {
    const batch = normalizeAgentRegistry(raw(), SCOPE);
    const facts = (name: string) => {
      const f = batch.assets.find((a) => a.id.endsWith(`/tools/${name}`))?.properties.facts ?? {};
      const { secretFindings: _, ...rest } = f as Record<string, unknown>;
      return rest;
    };
    expect(facts('fetch')).toEqual({ toolType: 'mcp', readsWebContent: true });
    // No openWorldHint: open world by default, so a writing tool is a way out.
    expect(facts('post')).toEqual({
      toolType: 'mcp',
      readsWebContent: false,
      outboundHost: 'mcp.tools.example.com',
    });
    expect(facts('memo')).toEqual({ toolType: 'mcp', readsWebContent: false });
    const server = batch.assets.find((a) => a.kind === 'mcp-server');
    expect((server?.properties.facts as { credentialType?: string } | undefined)?.credentialType).toBe(
      'none',
    );
    const unread = normalizeAgentRegistry(raw({ bindings: [], bindingsRead: false }), SCOPE);
    const unreadFacts = unread.assets.find((a) => a.kind === 'mcp-server')?.properties.facts;
    expect((unreadFacts as { credentialType?: string } | undefined)?.credentialType).toBeUndefined();
  });

  it('survives malformed entries', () => {
    const junk = [
      null,
      7,
      'x',
      { name: 3 },
      { name: `${PARENT}/mcpServers/s2`, tools: 'no', interfaces: [{ url: '::' }] },
    ];
    const batch = normalizeAgentRegistry(
      {
        agents: junk as never,
        mcpServers: junk as never,
        bindings: junk as never,
        bindingsRead: true,
        knownEngines: [],
        globalServers: junk as never,
      },
      SCOPE,
    );
    expect(batch.assets.map((a) => a.id)).toEqual([`${REGISTRY}${PARENT}/mcpServers/s2`]);
    expect(toolFacts({ annotations: 'bad' as never }, undefined)).toEqual({
      toolType: 'mcp',
      readsWebContent: false,
    });
  });
});

describe('Agent Registry against cloud-sim (small estate)', () => {
  let sim: CloudSim;
  const connector = () => {
    const gcp = sim.gcp;
    if (!gcp) throw new Error('cloud-sim started without GCP');
    const oauth = (
      sim.estate.gcp as { oauthClient: { clientId: string; clientSecret: string; refreshToken: string } }
    ).oauthClient;
    return createGcpConnector({
      apiEndpoint: gcp.apiEndpoint,
      credentials: {
        type: 'authorized_user',
        client_id: oauth.clientId,
        client_secret: oauth.clientSecret,
        refresh_token: oauth.refreshToken,
      },
      locations: [
        ...new Set(
          sim.manifest.assets
            .filter((a) => a.id.startsWith('//aiplatform.googleapis.com/'))
            .map((a) => a.region),
        ),
      ],
    });
  };
  beforeAll(async () => {
    sim = await startCloudSim({ seed: 7, scale: 'small', port: 0, rateLimits: false, providers: ['gcp'] });
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('imports the planted MCP servers and tools, and binds them to the reasoning engines (no registry agent node)', async () => {
    const result = await runConnector(connector());
    expect(result.errors).toEqual([]);
    const want = sim.manifest.assets.filter((a) => isRegistry(a.id)).map((a) => `${a.kind} ${a.id}`);
    const got = [...result.graph.assetsById.values()]
      .filter((a) => isRegistry(a.id))
      .map((a) => `${a.kind} ${a.id}`);
    expect(want.length).toBeGreaterThan(0);
    expect(got.sort()).toEqual(want.sort());
    const uses = (e: { kind: string; from: string; to: string }) =>
      e.kind === 'uses-tool' && isRegistry(e.to);
    expect([...result.graph.edgesByKey.values()].filter(uses).map(key).sort()).toEqual(
      sim.manifest.edges.filter(uses).map(key).sort(),
    );
    const exfil = sim.manifest.risks.filter(
      (r) => r.concept === 'agent-injection-exfiltration' && r.provider === 'gcp',
    );
    expect(exfil.length).toBeGreaterThan(0);
    for (const r of exfil)
      expect(r.assetId).toMatch(/^\/\/aiplatform\.googleapis\.com\/.*\/reasoningEngines\//);
  });

  it('keeps a denied or disabled Agent Registry to coverage gaps, never to "no agents"', async () => {
    sim.faults.place({ denied: ['agentregistry:ListAgents'], notEnabled: ['agentregistry:ListBindings'] });
    try {
      const result = await runConnector(connector());
      expect(result.errors).toEqual([]);
      const gaps = result.gaps.filter((g) => g.service === 'agent-registry');
      const codes = new Set(gaps.map((g) => `${g.operation} ${g.errorCode} ${g.permission}`));
      expect([...codes].sort()).toEqual([
        'projects.locations.agents.list PERMISSION_DENIED agentregistry.agents.list',
        'projects.locations.bindings.list SERVICE_DISABLED agentregistry.bindings.list',
      ]);
      expect(gaps.every((g) => g.scope === 'list')).toBe(true);
      // Servers are still listed; with bindings unread none is said to be called without a credential.
      const servers = [...result.graph.assetsById.values()].filter(
        (a) => a.kind === 'mcp-server' && isRegistry(a.id),
      );
      const credential = (s: (typeof servers)[number]) =>
        (s.properties.facts as { credentialType?: string }).credentialType;
      // Google's own servers take the caller's IAM whatever the bindings say; the others are unknown.
      const google = servers.filter((s) => String(s.properties.host).endsWith('.googleapis.com'));
      const others = servers.filter((s) => !google.includes(s));
      expect(google.length).toBeGreaterThan(0);
      expect(others.length).toBeGreaterThan(0);
      for (const s of google) expect(credential(s)).toBe('iam');
      for (const s of others) expect(credential(s)).toBeUndefined();
      expect(
        [...result.graph.edgesByKey.values()].filter(
          (e) => e.kind === 'uses-tool' && e.to.includes('/mcpServers/') && !isRegistry(e.from),
        ),
      ).toEqual([]);
    } finally {
      sim.faults.place({});
    }
  });
});
