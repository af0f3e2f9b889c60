import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { AgentsClient } from '@azure/ai-agents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_PAGE_SIZE } from '../src/azure/agents.ts';
import type { FoundryProjectAgents } from '../src/azure/model.ts';
import { startAzure } from './azure-server.ts';

/**
 * The wire names each `@azure/ai-agents` deserializer reads (`item["…"]`), taken from the SDK's own compiled
 * models: the simulator may serve no field the SDK does not model.
 */
function sdkFields(): (deserializer: string) => Set<string> {
  const entry = createRequire(import.meta.url).resolve('@azure/ai-agents');
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

const TOOL_DESERIALIZERS: Record<string, string> = {
  code_interpreter: 'codeInterpreterToolDefinitionDeserializer',
  file_search: 'fileSearchToolDefinitionDeserializer',
  bing_grounding: 'bingGroundingToolDefinitionDeserializer',
  azure_ai_search: 'azureAISearchToolDefinitionDeserializer',
  openapi: 'openApiToolDefinitionDeserializer',
  connected_agent: 'connectedAgentToolDefinitionDeserializer',
};
/** Nested objects: field of the parent → the deserializer of its value (arrays: of each item). */
const NESTED: Record<string, Record<string, string>> = {
  agentDeserializer: { tool_resources: 'toolResourcesDeserializer' },
  fileSearchToolDefinitionDeserializer: { file_search: 'fileSearchToolDefinitionDetailsDeserializer' },
  bingGroundingToolDefinitionDeserializer: {
    bing_grounding: 'bingGroundingSearchToolParametersDeserializer',
  },
  bingGroundingSearchToolParametersDeserializer: {
    search_configurations: 'bingGroundingSearchConfigurationDeserializer',
  },
  openApiToolDefinitionDeserializer: { openapi: 'openApiFunctionDefinitionDeserializer' },
  openApiFunctionDefinitionDeserializer: { auth: 'openApiAnonymousAuthDetailsDeserializer' },
  connectedAgentToolDefinitionDeserializer: { connected_agent: 'connectedAgentDetailsDeserializer' },
  toolResourcesDeserializer: {
    code_interpreter: 'codeInterpreterToolResourceDeserializer',
    file_search: 'fileSearchToolResourceDeserializer',
    azure_ai_search: 'azureAISearchToolResourceDeserializer',
  },
  azureAISearchToolResourceDeserializer: { indexes: 'aiSearchIndexResourceDeserializer' },
};

describe('Foundry Agent Service data plane through @azure/ai-agents', () => {
  let sim: Awaited<ReturnType<typeof startAzure>>;
  let store: FoundryProjectAgents;
  const client = (s: FoundryProjectAgents) =>
    new AgentsClient(`${sim.baseUrl}/${s.host}/api/projects/${s.project}`, sim.credential, {
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

  it('lists a project’s agents page by page (limit, order, after; has_more and last_id)', async () => {
    expect(store.agents.length).toBeGreaterThan(AGENT_PAGE_SIZE);
    const agents = client(store);
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      let body: { has_more?: boolean; last_id?: string } = {};
      const page = await agents
        .listAgents({
          limit: 100,
          order: 'asc',
          ...(after ? { after } : {}),
          onResponse: (r) => {
            body = r.parsedBody as typeof body;
          },
        })
        .byPage()
        .next();
      pages++;
      const items = page.done ? [] : page.value;
      expect(items.length).toBeLessThanOrEqual(AGENT_PAGE_SIZE);
      seen.push(...items.map((a) => a.id));
      expect(body.last_id).toBe(items[items.length - 1]?.id);
      if (!body.has_more) break;
      after = body.last_id;
    }
    expect(pages).toBeGreaterThan(1);
    expect(seen).toEqual([...store.agents].sort((a, b) => a.created_at - b.created_at).map((a) => a.id));
    const researcher = store.agents.find((a) => a.name?.endsWith('-researcher'));
    const got = await agents.getAgent(researcher?.id as string);
    expect(got.tools[0]).toMatchObject({
      type: 'bing_grounding',
      bingGrounding: {
        searchConfigurations: [{ connectionId: expect.stringContaining('/connections/bing-grounding') }],
      },
    });
    expect(got.createdAt).toBeInstanceOf(Date);
  });

  it('serves each agent, tool and tool resource with only the fields the SDK deserializers read', () => {
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
    const stores = sim.state.foundryAgents ?? [];
    const types = new Set<string>();
    for (const s of stores)
      for (const agent of s.agents) {
        check(agent, 'agentDeserializer', agent.id);
        for (const tool of agent.tools) {
          const type = String(tool.type);
          types.add(type);
          const d = TOOL_DESERIALIZERS[type];
          if (!d) problems.push(`${agent.id}: tool type ${type} has no SDK model`);
          else check(tool, d, `${agent.id}.tools.${type}`);
        }
      }
    expect(problems).toEqual([]);
    expect([...types].sort()).toEqual(Object.keys(TOOL_DESERIALIZERS).sort());
  });

  it('refuses a token for another audience, answers denied with PermissionDenied naming the data action', async () => {
    const arm = (await sim.credential.getToken(`${sim.baseUrl}/.default`))?.token as string;
    const path = `/${store.host}/api/projects/${store.project}/assistants?api-version=v1`;
    const wrongAudience = await rawGet(`${sim.baseUrl}${path}`, sim.cert, arm);
    expect(wrongAudience).toMatchObject({
      status: 401,
      body: { error: { code: 'InvalidAuthenticationToken' } },
    });
    const right = (await sim.credential.getToken('https://ai.azure.com/.default'))?.token as string;
    expect((await rawGet(`${sim.baseUrl}${path}`, sim.cert, right)).status).toBe(200);
    sim.faults.place({ denied: [`cognitiveservices:ListAgents@${store.subscriptionId}`] });
    try {
      const error = await client(store)
        .listAgents()
        .byPage()
        .next()
        .then(
          () => undefined,
          (e: unknown) => e as { statusCode?: number; code?: string; message?: string },
        );
      expect(error).toMatchObject({ statusCode: 401, code: 'PermissionDenied' });
      // The pager's error keeps the code; the body names the data action the principal lacks.
      const denied = await rawGet(`${sim.baseUrl}${path}`, sim.cert, right);
      expect(denied.status).toBe(401);
      expect(JSON.stringify(denied.body)).toContain(
        'Microsoft.CognitiveServices/accounts/AIServices/agents/read',
      );
    } finally {
      sim.faults.place({});
    }
  });
});
