import { type AssetRecord, edge, type FactsOf, type GraphBatch, unknownFact } from '@aispm/core';
import type { Agent, ToolDefinitionUnion } from '@azure/ai-agents';
import { redactSecrets } from '../../shared/secrets.ts';
import { armAssetId, azureAsset } from '../arm.ts';
import type { AzureNormalizeScope } from '../service.ts';
import { AGENT_TOOL_TYPE, AGENT_TYPE, type RawFoundryAgents, type RawProjectAgents } from './fetch.ts';

type ToolFacts = FactsOf<'agent-tool'>;
type Edges = GraphBatch['edges'];

/** The asset id of a Foundry agent: its project's ARM id + `/agents/{id}` (lower-cased like every Azure id). */
export function agentAssetId(projectId: string, agentId: string): string {
  return `${projectId}/agents/${agentId}`.toLowerCase();
}

/** The host an OpenAPI tool sends its requests to (its spec's first absolute server URL). */
export function openApiHost(spec: unknown): string | undefined {
  const servers = (spec as { servers?: { url?: unknown }[] } | undefined)?.servers;
  for (const s of Array.isArray(servers) ? servers : []) {
    if (typeof s?.url !== 'string') continue;
    try {
      const url = new URL(s.url);
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.hostname.toLowerCase();
    } catch {
      // a relative server URL names no host
    }
  }
  return undefined;
}

/** OpenAPI tool auth → the neutral credential type (a connection's auth is the connection's: unknown here). */
const OPENAPI_AUTH: Record<string, ToolFacts['credentialType']> = {
  anonymous: 'none',
  managed_identity: 'iam',
};

interface ToolOut {
  /** uses-tool targets: connection assets the tool names, or the agent's built-in tool asset. */
  targets: string[];
  builtIn?: { type: string; name: string; facts: ToolFacts; properties: Record<string, unknown> };
}

/** What one of an agent's tools is, and the assets it reaches. */
export function describeTool(agent: Agent, tool: ToolDefinitionUnion, projectId: string): ToolOut {
  const conn = (ids: (string | undefined)[]) => ids.filter((x): x is string => !!x).map(armAssetId);
  switch (tool.type) {
    case 'code_interpreter':
      // The service's sandbox has no network: generated code cannot reach the internet.
      return {
        targets: [],
        builtIn: builtIn(
          'code_interpreter',
          { toolType: 'code-interpreter', networkMode: 'sandbox' },
          {
            fileIds: agent.toolResources?.codeInterpreter?.fileIds ?? [],
          },
        ),
      };
    case 'file_search':
      return {
        targets: [],
        builtIn: builtIn(
          'file_search',
          { toolType: 'search' },
          {
            vectorStoreIds: agent.toolResources?.fileSearch?.vectorStoreIds ?? [],
          },
        ),
      };
    case 'bing_grounding': {
      const t = tool as Extract<ToolDefinitionUnion, { type: 'bing_grounding' }>;
      const targets = conn(t.bingGrounding.searchConfigurations.map((c) => c.connectionId));
      return targets.length > 0
        ? { targets }
        : {
            targets,
            builtIn: builtIn('bing_grounding', { toolType: 'web-search', readsWebContent: true }, {}),
          };
    }
    case 'azure_ai_search': {
      const targets = conn(
        (agent.toolResources?.azureAISearch?.indexList ?? []).map((i) => i.indexConnectionId),
      );
      return targets.length > 0
        ? { targets }
        : { targets, builtIn: builtIn('azure_ai_search', { toolType: 'search' }, {}) };
    }
    case 'openapi': {
      const { openapi } = tool as Extract<ToolDefinitionUnion, { type: 'openapi' }>;
      const host = openApiHost(openapi.spec);
      const credentialType = OPENAPI_AUTH[openapi.auth?.type ?? ''];
      const connectionId = (openapi.auth as { securityScheme?: { connectionId?: string } } | undefined)
        ?.securityScheme?.connectionId;
      return {
        targets: [],
        builtIn: builtIn(
          'openapi',
          {
            toolType: 'api',
            ...(host ? { outboundHost: host } : {}),
            ...(credentialType ? { credentialType } : {}),
          },
          {
            name: openapi.name,
            description: openapi.description,
            authType: openapi.auth?.type,
            connectionId,
            host,
          },
          openapi.name,
        ),
      };
    }
    case 'connected_agent': {
      const { connectedAgent } = tool as Extract<ToolDefinitionUnion, { type: 'connected_agent' }>;
      return { targets: connectedAgent?.id ? [agentAssetId(projectId, connectedAgent.id)] : [] };
    }
    case 'function':
    case 'azure_function': {
      const name =
        (tool as { function?: { name?: string } }).function?.name ??
        (tool as { azureFunction?: { function?: { name?: string } } }).azureFunction?.function?.name;
      return {
        targets: [],
        builtIn: builtIn(tool.type, { toolType: 'function' }, { functionName: name }, name),
      };
    }
    default:
      // A tool type the SDK does not model (its body is dropped): kept by type alone.
      return { targets: [], builtIn: builtIn(tool.type, {}, {}) };
  }
}

function builtIn(type: string, facts: ToolFacts, properties: Record<string, unknown>, name?: string) {
  return { type, name: name ?? type, facts, properties };
}

function agentAsset(raw: RawProjectAgents, agent: Agent, scope: AzureNormalizeScope): AssetRecord {
  const instructions = agent.instructions ? redactSecrets(agent.instructions) : undefined;
  const deployment = raw.deployments.find((d) => d.name === agent.model?.toLowerCase());
  return azureAsset({
    id: agentAssetId(raw.projectId, agent.id),
    kind: 'agent',
    accountId: scope.subscriptionId,
    region: raw.region,
    name: agent.name ?? agent.id,
    nativeType: AGENT_TYPE,
    properties: {
      agentId: agent.id,
      description: agent.description,
      model: agent.model,
      instructions: instructions?.text,
      toolTypes: agent.tools.map((t) => t.type),
      temperature: agent.temperature,
      topP: agent.topP,
      metadata: agent.metadata,
      createdAt: agent.createdAt instanceof Date ? agent.createdAt.toISOString() : undefined,
      projectId: raw.projectId,
      endpoint: raw.endpoint,
      contentFilter: deployment?.raiPolicyName,
    },
    facts: {
      // Threads, files and vector stores are the account's data, under the account's key.
      ...(raw.accountEncryption ? { encryption: raw.accountEncryption } : {}),
      // The model's content filter screens the agent's prompts and completions.
      guardrailId: deployment
        ? deployment.raiPolicyName
        : unknownFact(
            `deployment '${agent.model}' of the agent is not among the account's listed deployments`,
          ),
      secretFindings: (instructions?.detectors ?? []).map((detector) => ({
        field: 'instructions',
        detector,
      })),
    },
  });
}

/** A project's agents, their built-in tools, and the edges to connections, deployments and connected agents. */
function normalizeProject(raw: RawProjectAgents, scope: AzureNormalizeScope, batch: GraphBatch): void {
  const edges: Edges = batch.edges;
  for (const agent of raw.agents ?? []) {
    if (!agent.id) continue;
    const asset = agentAsset(raw, agent, scope);
    batch.assets.push(asset);
    edges.push(edge('contains', raw.projectId, asset.id));
    // The Agent Service runs the agent's tools (OpenAPI with managed identity, AI Search, file search over the
    // project's stores, connected agents) as the project's system-assigned identity: its role assignments are the
    // agent's reach.
    if (raw.identityId) edges.push(edge('runs-as', asset.id, raw.identityId, { via: 'project identity' }));
    if (raw.deployments.some((d) => d.name === agent.model?.toLowerCase()))
      edges.push(edge('uses-model', asset.id, `${raw.accountId}/deployments/${agent.model.toLowerCase()}`));
    const described = (agent.tools ?? []).map((t) => ({
      tool: t,
      out: describeTool(agent, t, raw.projectId),
    }));
    const count = new Map<string, number>();
    for (const { out } of described)
      if (out.builtIn) count.set(out.builtIn.type, (count.get(out.builtIn.type) ?? 0) + 1);
    for (const { out } of described) {
      for (const target of out.targets) edges.push(edge('uses-tool', asset.id, target));
      const b = out.builtIn;
      if (!b) continue;
      const suffix = (count.get(b.type) ?? 0) > 1 ? `${b.type}/${b.name}` : b.type;
      const toolId = `${asset.id}/tools/${suffix}`.toLowerCase();
      batch.assets.push(
        azureAsset({
          id: toolId,
          kind: 'agent-tool',
          accountId: scope.subscriptionId,
          region: raw.region,
          name: `${asset.name}/${suffix}`,
          nativeType: AGENT_TOOL_TYPE,
          properties: { toolType: b.type, agentId: asset.id, ...b.properties },
          facts: b.facts,
        }),
      );
      edges.push(edge('contains', raw.projectId, toolId));
      edges.push(edge('uses-tool', asset.id, toolId));
    }
  }
}

/** Pure: the recorded listings of every project → agents, built-in tools and their edges. */
export function normalizeFoundryAgents(raw: RawFoundryAgents, scope: AzureNormalizeScope): GraphBatch {
  const batch: GraphBatch = { assets: [], edges: [] };
  for (const project of raw.projects) normalizeProject(project, scope, batch);
  return batch;
}
