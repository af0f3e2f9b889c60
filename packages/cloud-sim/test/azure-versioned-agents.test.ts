import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { AIProjectClient, type MCPTool, type PromptAgentDefinition } from '@azure/ai-projects';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_PAGE_SIZE } from '../src/azure/agents.ts';
import type { FoundryProjectAgents } from '../src/azure/model.ts';
import { startAzure } from './azure-server.ts';

/**
 * The wire names each `@azure/ai-projects` deserializer reads (`item["…"]`), taken from the SDK's own compiled
 * models: the simulator may serve no field the SDK does not model.
 */
function sdkFields(): (deserializer: string) => Set<string> {
  const entry = createRequire(import.meta.url).resolve('@azure/ai-projects');
  const source = readFileSync(join(entry, '..', '..', 'esm', 'models', 'models.js'), 'utf8');
  return (name) => {
    const at = source.indexOf(`export function ${name}(item)`);
    if (at < 0) throw new Error(`no ${name} in the SDK`);
    const body = source.slice(at, source.indexOf('\nexport function', at + 1));
    return new Set([...body.matchAll(/item\["([a-z_]+)"\]/g)].map((m) => m[1] as string));
  };
}

function rawGet(url: string, ca: string, token: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, headers: { authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** Tool type → its deserializer (the `toolUnionDeserializer` switch). */
const TOOL_DESERIALIZERS: Record<string, string> = {
  mcp: 'mcpToolDeserializer',
  web_search: 'webSearchToolDeserializer',
};
/** Definition kind → its deserializer (the `agentDefinitionUnionDeserializer` switch). */
const DEFINITIONS: Record<string, string> = { prompt: 'promptAgentDefinitionDeserializer' };
/** Nested objects: field of the parent → the deserializer of its value (arrays: of each item). */
const NESTED: Record<string, Record<string, string>> = {
  agentDeserializer: { versions: '_agentVersionsDeserializer' },
  _agentVersionsDeserializer: { latest: 'agentVersionDeserializer' },
  // `require_approval` as an object is `MCPToolRequireApproval`; a string passes through.
  mcpToolDeserializer: { require_approval: 'mcpToolRequireApprovalDeserializer' },
};

describe('Foundry (new) Agent Service data plane through @azure/ai-projects', () => {
  let sim: Awaited<ReturnType<typeof startAzure>>;
  let store: FoundryProjectAgents;
  const client = (s: FoundryProjectAgents) =>
    new AIProjectClient(`${sim.baseUrl}/${s.host}/api/projects/${s.project}`, sim.credential, {
      tlsOptions: { ca: sim.cert },
      retryOptions: { maxRetries: 0 },
    });

  beforeAll(async () => {
    sim = await startAzure({ seed: 7 });
    store = sim.state.foundryAgents?.[0] as FoundryProjectAgents;
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('lists a project’s agents through the SDK pager (has_more and last_id → after), each with its latest version', async () => {
    const want = store.versionedAgents ?? [];
    expect(want.length).toBeGreaterThanOrEqual(AGENT_PAGE_SIZE);
    const project = client(store);
    const pages: string[][] = [];
    for await (const page of project.agents.list({ limit: 1, order: 'asc' }).byPage())
      pages.push(page.map((a) => a.name));
    expect(pages.length).toBe(want.length);
    expect(pages.flat()).toEqual(want.map((a) => a.name));
    const scout = want.find((a) => a.name.endsWith('-web-scout'));
    const got = await project.agents.get(scout?.name as string);
    expect(got.versions.latest.created_at).toBeInstanceOf(Date);
    const definition = got.versions.latest.definition as PromptAgentDefinition;
    expect(definition.kind).toBe('prompt');
    const mcp = definition.tools?.find((t) => t.type === 'mcp') as MCPTool;
    expect(mcp).toMatchObject({ server_label: 'crm', server_url: expect.stringMatching(/^https:\/\//) });
    const version = await project.agents.getVersion(got.name, got.versions.latest.version);
    expect(version.id).toBe(`${got.name}:${got.versions.latest.version}`);
    const versions: string[] = [];
    for await (const v of project.agents.listVersions(got.name)) versions.push(v.version);
    expect(versions).toEqual([got.versions.latest.version]);
  });

  it('serves each agent, version, definition and tool with only the fields the SDK deserializers read', () => {
    const fields = sdkFields();
    const problems: string[] = [];
    const check = (value: unknown, deserializer: string, path: string) => {
      if (Array.isArray(value)) {
        for (const [i, v] of value.entries()) check(v, deserializer, `${path}[${i}]`);
        return;
      }
      if (!value || typeof value !== 'object') return;
      const known = fields(deserializer);
      for (const [k, v] of Object.entries(value)) {
        if (!known.has(k)) problems.push(`${path}.${k} (${deserializer})`);
        const nested = NESTED[deserializer]?.[k];
        if (nested) check(v, nested, `${path}.${k}`);
      }
    };
    const types = new Set<string>();
    const stores = sim.state.foundryAgents ?? [];
    expect(stores.some((s) => (s.versionedAgents ?? []).length > 0)).toBe(true);
    for (const s of stores)
      for (const agent of s.versionedAgents ?? []) {
        check(agent, 'agentDeserializer', agent.name);
        const definition = agent.versions.latest.definition;
        const d = DEFINITIONS[String(definition.kind)];
        if (!d) problems.push(`${agent.name}: definition kind ${String(definition.kind)} has no SDK model`);
        else check(definition, d, `${agent.name}.definition`);
        for (const tool of (definition.tools ?? []) as Record<string, unknown>[]) {
          const type = String(tool.type);
          types.add(type);
          const t = TOOL_DESERIALIZERS[type];
          if (!t) problems.push(`${agent.name}: tool type ${type} has no SDK model`);
          else check(tool, t, `${agent.name}.tools.${type}`);
        }
      }
    expect(problems).toEqual([]);
    expect([...types].sort()).toEqual(Object.keys(TOOL_DESERIALIZERS).sort());
  });

  it('refuses a token for another audience and a missing api-version; denied and notEnabled answer like the classic listing', async () => {
    const arm = (await sim.credential.getToken(`${sim.baseUrl}/.default`))?.token as string;
    const base = `${sim.baseUrl}/${store.host}/api/projects/${store.project}/agents`;
    expect(await rawGet(`${base}?api-version=v1`, sim.cert, arm)).toMatchObject({
      status: 401,
      body: { error: { code: 'InvalidAuthenticationToken' } },
    });
    const right = (await sim.credential.getToken('https://ai.azure.com/.default'))?.token as string;
    expect((await rawGet(`${base}?api-version=v1`, sim.cert, right)).status).toBe(200);
    expect((await rawGet(base, sim.cert, right)).status).toBe(400);
    const listed = () =>
      client(store)
        .agents.list()
        .byPage()
        .next()
        .then(
          () => undefined,
          (e: unknown) => e as { statusCode?: number },
        );
    sim.faults.place({ denied: [`cognitiveservices:ListVersionedAgents@${store.subscriptionId}`] });
    try {
      expect(await listed()).toMatchObject({ statusCode: 401 });
      const denied = await rawGet(`${base}?api-version=v1`, sim.cert, right);
      expect(denied).toMatchObject({ status: 401, body: { error: { code: 'PermissionDenied' } } });
      expect(JSON.stringify(denied.body)).toContain(
        'Microsoft.CognitiveServices/accounts/AIServices/agents/read',
      );
      sim.faults.place({ notEnabled: [`cognitiveservices:ListVersionedAgents@${store.subscriptionId}`] });
      expect(await listed()).toMatchObject({ statusCode: 400 });
      // The classic listing is another operation: still answered.
      expect(
        (await rawGet(`${base.replace(/\/agents$/, '/assistants')}?api-version=v1`, sim.cert, right)).status,
      ).toBe(200);
    } finally {
      sim.faults.place({});
    }
  });
});
