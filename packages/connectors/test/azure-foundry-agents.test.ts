import { readFileSync } from 'node:fs';
import { type CloudSim, startCloudSim } from '@aispm/cloud-sim';
import { type AssetRecord, type GraphBatch, isUnknownFact, kindOf } from '@aispm/core';
import { afterEach, describe, expect, it } from 'vitest';
import { AGENTS_PACING_OPERATION } from '../src/azure/clients.ts';
import type { RawFoundryAgents } from '../src/azure/foundry-agents/fetch.ts';
import { normalizeFoundryAgents, openApiHost } from '../src/azure/foundry-agents/normalize.ts';
import { createAzureConnector, resolveAzureOptions } from '../src/azure/index.ts';
import type { CallPacer } from '../src/shared/pacing.ts';
import { runConnector } from './helpers/driver.ts';

/**
 * Recorded from cloud-sim through `@azure/ai-agents` (seed 7, small): two Foundry projects, each with an assistant
 * (code interpreter + file search), a researcher grounding on Bing (with an anonymous OpenAPI tool in `contracts`,
 * with the team's AI Search index in `claims`) and a triage agent delegating to the assistant.
 */
function recorded(): RawFoundryAgents {
  return JSON.parse(
    readFileSync(new URL('./fixtures/azure/foundry-agents.json', import.meta.url), 'utf8'),
  ) as RawFoundryAgents;
}
const SUB = 'b12d3111-4a9d-459d-a093-d22964eeee05';
const ACCOUNT = `/subscriptions/${SUB}/resourcegroups/rg-contracts-prod/providers/microsoft.cognitiveservices/accounts/ais-contracts-prod-03de`;
const PROJECT = `${ACCOUNT}/projects/proj-contracts`;
const CLAIMS =
  '/subscriptions/4943c69f-d031-42c0-a51f-680655a14736/resourcegroups/rg-claims-dev/providers/microsoft.cognitiveservices/accounts/ais-claims-dev-94e3';
const facts = (a: AssetRecord | undefined) => (a?.properties.facts ?? {}) as Record<string, unknown>;
const byName = (b: GraphBatch, name: string) => b.assets.find((a) => a.name === name);
/** A classic agent (an assistant), not one of the new Agent Service's (`agentApi: 'versioned'`). */
const classic = (a: AssetRecord) =>
  a.kind === 'agent' && a.provider === 'azure' && a.properties.agentApi !== 'versioned';
const out = (b: GraphBatch, from: string | undefined, kind: string) =>
  b.edges.filter((e) => e.from === from && e.kind === kind).map((e) => e.to);

describe('Foundry agents normaliser (recorded payloads)', () => {
  const b = normalizeFoundryAgents(recorded(), { subscriptionId: SUB });

  it('emits every listed agent as an agent under its project, with lower-cased ids and table kinds', () => {
    const agents = b.assets.filter((a) => a.kind === 'agent');
    expect(agents.map((a) => a.name).sort()).toEqual([
      'claims-assistant',
      'claims-researcher',
      'claims-triage',
      'contracts-assistant',
      'contracts-researcher',
      'contracts-triage',
    ]);
    for (const a of b.assets) {
      expect(a.id).toBe(a.id.toLowerCase());
      expect(kindOf('azure', a.nativeType)).toBe(a.kind);
    }
    const researcher = byName(b, 'contracts-researcher');
    expect(researcher?.id.startsWith(`${PROJECT}/agents/asst_`)).toBe(true);
    expect(b.edges).toContainEqual(
      expect.objectContaining({ kind: 'contains', from: PROJECT, to: researcher?.id }),
    );
  });

  it('joins the Bing grounding tool to its project connection and keeps the OpenAPI tool with its outside host', () => {
    const researcher = byName(b, 'contracts-researcher');
    const tools = out(b, researcher?.id, 'uses-tool');
    expect(tools).toContain(`${PROJECT}/connections/bing-grounding`);
    const openapi = b.assets.find((a) => a.id === `${researcher?.id}/tools/openapi`);
    expect(tools).toContain(openapi?.id);
    expect(facts(openapi)).toMatchObject({
      toolType: 'api',
      outboundHost: 'hooks.contracts-crm.example.com',
      credentialType: 'none',
    });
    // The clean twin searches the account's AI Search connection instead: no outbound tool.
    const twin = byName(b, 'claims-researcher');
    expect(out(b, twin?.id, 'uses-tool').sort()).toEqual(
      [
        `${CLAIMS}/connections/srch-claims-dev-94e3-conn`,
        `${CLAIMS}/projects/proj-claims/connections/bing-grounding`,
      ].sort(),
    );
  });

  it('gives built-in tools what they do, and draws uses-model to the deployment and uses-tool to connected agents', () => {
    const assistant = byName(b, 'contracts-assistant');
    expect(facts(b.assets.find((a) => a.id === `${assistant?.id}/tools/code_interpreter`))).toMatchObject({
      toolType: 'code-interpreter',
      networkMode: 'sandbox',
    });
    expect(facts(b.assets.find((a) => a.id === `${assistant?.id}/tools/file_search`))).toMatchObject({
      toolType: 'search',
    });
    const model = assistant?.properties.model as string;
    expect(out(b, assistant?.id, 'uses-model')).toEqual([`${ACCOUNT}/deployments/${model.toLowerCase()}`]);
    expect(out(b, byName(b, 'contracts-triage')?.id, 'uses-tool')).toEqual([assistant?.id]);
  });

  it("reads the agent's guardrail from its deployment's content filter and its encryption from the account", () => {
    const raw = recorded();
    const contracts = raw.projects.find((p) => p.projectId === PROJECT);
    const assistant = byName(b, 'contracts-assistant');
    const deployment = contracts?.deployments.find(
      (d) => d.name === String(assistant?.properties.model).toLowerCase(),
    );
    expect(facts(assistant).guardrailId).toBe(deployment?.raiPolicyName);
    expect(facts(assistant).encryption).toEqual(contracts?.accountEncryption);
    expect(facts(assistant).secretFindings).toEqual([]);
    // A model the account's listing does not name: the guardrail is unknown, not missing.
    const orphan = structuredClone(raw);
    const p0 = orphan.projects[0];
    if (p0) p0.deployments = [];
    const unknown = normalizeFoundryAgents(orphan, { subscriptionId: SUB }).assets.find(
      (a) => a.kind === 'agent',
    );
    expect(isUnknownFact(facts(unknown).guardrailId)).toBe(true);
    expect(out(normalizeFoundryAgents(orphan, { subscriptionId: SUB }), unknown?.id, 'uses-model')).toEqual(
      [],
    );
  });

  it("runs each agent as its project's system-assigned identity, and as none when the project has none", () => {
    const raw = recorded();
    const sp = '/providers/microsoft.graph/serviceprincipals/0a1b2c3d-0000-4000-8000-000000000001';
    for (const p of raw.projects) p.identityId = p.projectId === PROJECT ? sp : undefined;
    const withIdentity = normalizeFoundryAgents(raw, { subscriptionId: SUB });
    const agents = withIdentity.assets.filter((a) => a.kind === 'agent');
    for (const a of agents)
      expect(out(withIdentity, a.id, 'runs-as')).toEqual(a.id.startsWith(`${PROJECT}/`) ? [sp] : []);
    expect(agents.filter((a) => a.id.startsWith(`${PROJECT}/`)).length).toBe(3);
    // Built-in tools are the agent's: they hold no identity of their own.
    expect(withIdentity.edges.filter((e) => e.kind === 'runs-as').length).toBe(3);
  });

  it('reads the host of an OpenAPI spec from its first absolute server URL', () => {
    expect(openApiHost({ servers: [{ url: '/relative' }, { url: 'https://API.example.com/v1' }] })).toBe(
      'api.example.com',
    );
    expect(openApiHost({ servers: [{ url: '/only-relative' }] })).toBeUndefined();
    expect(openApiHost(undefined)).toBeUndefined();
  });
});

describe('Foundry agents against cloud-sim', () => {
  let sim: CloudSim | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  async function scan(
    faults: { denied?: string[]; notEnabled?: string[] } = {},
    /** Edits the simulated estate before the scan. */
    edit: (
      resources: { id: string; type?: string; properties?: Record<string, unknown> }[],
    ) => void = () => {},
    pacer?: CallPacer,
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
    if (pacer) sim.limiter.reset();
    const az = sim.azure;
    if (!az) throw new Error('cloud-sim started without Azure');
    const connector = createAzureConnector({
      clientCredentials: { tenantId: az.tenantId, clientId: az.clientId, clientSecret: az.clientSecret },
      authorityHost: az.authorityHost,
      armEndpoint: az.armEndpoint,
      tlsCa: az.caCertPem,
    });
    return runConnector(connector, pacer ? { pacer } : {});
  }

  it("runs every agent as its project's system-assigned identity, whose role assignments are in the graph", async () => {
    const result = await scan();
    expect(result.errors).toEqual([]);
    const manifest = sim?.manifest;
    const agents = new Set(
      manifest?.assets
        .filter((a) => a.nativeType === 'Microsoft.CognitiveServices/accounts/projects/agents')
        .map((a) => a.id),
    );
    const key = (e: { from: string; to: string }) => `${e.from} > ${e.to}`;
    const want = (manifest?.edges ?? []).filter((e) => e.kind === 'runs-as' && agents.has(e.from)).map(key);
    const got = result.graph.edgeList.filter((e) => e.kind === 'runs-as' && agents.has(e.from)).map(key);
    expect(want.length).toBe(agents.size);
    expect(got.sort()).toEqual(want.sort());
    // The identity is the project's own, and the role assignments scanned give it its reach (the RAG documents).
    for (const e of result.graph.edgeList.filter((x) => x.kind === 'runs-as' && agents.has(x.from))) {
      const project = e.from.slice(0, e.from.indexOf('/agents/'));
      expect(result.graph.edgeList).toContainEqual(
        expect.objectContaining({ kind: 'runs-as', from: project, to: e.to }),
      );
      expect(result.graph.assetsById.get(e.to)?.kind).toBe('identity');
      const reads = result.graph.edgeList.filter((x) => x.kind === 'can-read' && x.from === e.to);
      expect(reads.map((x) => result.graph.assetsById.get(x.to)?.kind)).toContain('data-store');
    }
  });

  it("paces the Agent Service's listings on a bucket of their own, every attempt, apart from Resource Manager's reads", async () => {
    const acquired: string[] = [];
    const pacer: CallPacer = {
      acquire: async (cloud, _account, operation) => {
        acquired.push(`${cloud}:${operation}`);
      },
      throttled: () => {},
    };
    const result = await scan({}, () => {}, pacer);
    expect(result.errors).toEqual([]);
    // Both Agent Service listings (classic assistants and new agents) share the bucket.
    const calls = (op: string) => sim?.stats().operations.find((o) => o.operation === op)?.calls ?? 0;
    const listed = calls('cognitiveservices:ListAgents');
    const versioned = calls('cognitiveservices:ListVersionedAgents');
    expect(listed).toBeGreaterThan(0);
    expect(versioned).toBeGreaterThan(0);
    expect(acquired.filter((o) => o === `azure:${AGENTS_PACING_OPERATION}`).length).toBe(listed + versioned);
    // Resource Manager's reads keep their own operation (its subscription-wide bucket).
    expect(acquired.filter((o) => o === 'azure:read').length).toBeGreaterThan(0);
    expect(new Set(acquired)).toEqual(new Set(['azure:read', `azure:${AGENTS_PACING_OPERATION}`]));
  });

  it('lists every planted agent through the project endpoints', async () => {
    const result = await scan();
    expect(result.errors).toEqual([]);
    const want = sim?.manifest.assets.filter(
      (a) => a.nativeType === 'Microsoft.CognitiveServices/accounts/projects/agents',
    );
    const got = [...result.graph.assetsById.values()].filter(
      (a) => a.kind === 'agent' && a.provider === 'azure',
    );
    expect(want?.length).toBeGreaterThan(0);
    expect(got.map((a) => a.id).sort()).toEqual(want?.map((a) => a.id).sort());
  });

  it('turns a denied agent listing into a coverage gap naming the data action, never an error or "no agents"', async () => {
    const result = await scan({ denied: ['cognitiveservices:ListAgents'] });
    expect(result.errors).toEqual([]);
    const gaps = result.gaps.filter((g) => g.operation === 'Agents_List');
    expect(gaps.length).toBeGreaterThan(0);
    expect(gaps[0]).toMatchObject({
      service: 'foundry-agents',
      permission: 'Microsoft.CognitiveServices/accounts/AIServices/agents/read',
    });
    // The service's own words, not the pager's "unexpected statusCode".
    expect(gaps[0]?.message).toContain('lacks the required data action');
    expect([...result.graph.assetsById.values()].filter(classic)).toEqual([]);
  });

  it('reports an Agent Service that is not enabled as a gap too, keeping the agents of the other subscription', async () => {
    const first = await scan();
    const sub = sim?.estate.azure?.foundryAgents?.[0]?.subscriptionId as string;
    const elsewhere = [...first.graph.assetsById.values()].filter((a) => classic(a) && a.accountId !== sub);
    await sim?.close();
    const result = await scan({ notEnabled: [`cognitiveservices:ListAgents@${sub}`] });
    expect(result.errors).toEqual([]);
    expect(result.gaps.filter((g) => g.operation === 'Agents_List')).toEqual([
      expect.objectContaining({ accountId: sub, errorCode: 'NoRegisteredProviderFound' }),
    ]);
    const agents = [...result.graph.assetsById.values()].filter(classic);
    expect(elsewhere.length).toBeGreaterThan(0);
    expect(agents.map((a) => a.id).sort()).toEqual(elsewhere.map((a) => a.id).sort());
  });

  it("never sends the scanner's token to a host a project names outside Azure AI: a gap, the other projects listed", async () => {
    let hijacked = '';
    const result = await scan({}, (resources) => {
      const project = resources.find((r) => r.type === 'Microsoft.CognitiveServices/accounts/projects');
      if (!project?.properties) throw new Error('the estate has no Foundry project');
      hijacked = project.id.toLowerCase();
      project.properties.endpoints = { 'AI Foundry API': 'https://collector.example.net/api/projects/p' };
    });
    expect(result.errors).toEqual([]);
    expect(result.gaps.filter((g) => g.operation === 'Agents_List')).toEqual([
      expect.objectContaining({ errorCode: 'UntrustedEndpoint' }),
    ]);
    const agents = [...result.graph.assetsById.values()].filter(
      (a) => a.kind === 'agent' && a.provider === 'azure',
    );
    expect(agents.length).toBeGreaterThan(0);
    expect(agents.some((a) => a.id.startsWith(`${hijacked}/`))).toBe(false);
  });

  it('reaches the data plane through a loopback ARM endpoint only, never the public project host', () => {
    const local = resolveAzureOptions({
      armEndpoint: 'https://127.0.0.1:4567',
      credential: { getToken: async () => null },
    });
    expect(local.foundryEndpoint).toBe('https://127.0.0.1:4567');
    const cloud = resolveAzureOptions({ credential: { getToken: async () => null } });
    expect(cloud.foundryEndpoint).toBeUndefined();
  });
});
