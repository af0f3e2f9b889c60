import { type AssetRecord, edge, type FactsOf, type GraphBatch, unknownFact } from '@aispm/core';
import type { Agent, AgentVersion, MCPTool } from '@azure/ai-projects';
import { redactSecrets } from '../../shared/secrets.ts';
import { armAssetId, azureAsset } from '../arm.ts';
import { AGENT_TOOL_TYPE, AGENT_TYPE } from '../foundry-agents/fetch.ts';
import { agentAssetId, openApiHost } from '../foundry-agents/normalize.ts';
import type { AzureNormalizeScope } from '../service.ts';
import {
  AGENT_MCP_TOOL_TYPE,
  type RawFoundryVersionedAgents,
  type RawProjectVersionedAgents,
} from './fetch.ts';

type ToolFacts = FactsOf<'agent-tool'>;
type McpFacts = FactsOf<'mcp-server'>;
type CredentialType = NonNullable<Exclude<McpFacts['credentialType'], { $unknown: string }>>;
/** A tool as the wire has it (the SDK's union, read field by field: a payload may lack any of them). */
type Tool = Record<string, unknown> & { type?: unknown };

/** What one tool of an agent is: connection assets it names, a built-in tool asset, or an MCP server asset. */
interface ToolOut {
  targets: string[];
  builtIn?: { type: string; facts: ToolFacts; properties: Record<string, unknown>; name?: string };
  mcp?: { label: string; facts: McpFacts; properties: Record<string, unknown> };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** A connection a tool names: its ARM id, or (as the portal writes it) its name under the project. */
export function connectionAssetId(projectId: string, connection: string): string {
  return connection.startsWith('/')
    ? armAssetId(connection)
    : `${projectId}/connections/${connection}`.toLowerCase();
}

/**
 * Whether every call to the MCP server waits for approval. Absent means `always` (the service asks before calling
 * unless told not to); `never`, or a filter exempting tools (`{ never: … }`), lets calls run unapproved; a filter
 * naming only tools that need approval leaves the others' handling to the service: unknown.
 */
export function mcpRequiresApproval(value: unknown): McpFacts['requiresApproval'] {
  if (value === undefined || value === null || value === 'always') return true;
  if (value === 'never') return false;
  const filter = obj(value);
  if (filter.never) return false;
  if (filter.always)
    return unknownFact('approval is required for some tools only; the others are not listed');
  return unknownFact(`unrecognised require_approval ${JSON.stringify(value).slice(0, 60)}`);
}

/** The host and a secret-free address (no user info, query or fragment) of an MCP server URL. */
export function mcpServer(url: unknown): { host: string; address: string } | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    return { host: u.hostname.toLowerCase(), address: `${u.protocol}//${u.host}${u.pathname}` };
  } catch {
    return undefined;
  }
}

/** Header names that carry a credential (the value is never read into the graph). */
const CREDENTIAL_HEADER = /auth|api[-_]?key|token|secret|signature|cookie/i;

/**
 * An MCP tool → its server asset's facts and properties. How calls authenticate: the project connection's auth when
 * the tool names one, else an OAuth token in `authorization` or a credential header the definition carries, else
 * nothing. Token and header values stay out: header names at most.
 */
export function describeMcp(
  tool: Tool,
  raw: Pick<RawProjectVersionedAgents, 'projectId' | 'connections'>,
): NonNullable<ToolOut['mcp']> {
  const t = tool as Partial<MCPTool> & Tool;
  const server = mcpServer(t.server_url);
  const headerNames = Object.keys(obj(t.headers)).sort();
  const connection = str(t.project_connection_id);
  const connectionId = connection ? connectionAssetId(raw.projectId, connection) : undefined;
  let credentialType: McpFacts['credentialType'];
  if (connectionId) {
    const stored = raw.connections[connectionId]?.credentialType;
    credentialType = stored
      ? (stored as CredentialType)
      : unknownFact(`project connection ${connection} is not among the project's listed connections`);
  } else if (str(t.authorization)) credentialType = 'oauth';
  else if (headerNames.some((h) => CREDENTIAL_HEADER.test(h))) credentialType = 'api-key';
  else credentialType = 'none';
  const description = str(t.server_description) ? redactSecrets(t.server_description as string) : undefined;
  return {
    label: str(t.server_label) ?? server?.host ?? str(t.connector_id) ?? 'mcp',
    facts: {
      credentialType,
      requiresApproval: mcpRequiresApproval(t.require_approval),
      ...(server ? { outboundHost: server.host } : {}),
      secretFindings: (description?.detectors ?? []).map((detector) => ({
        field: 'server_description',
        detector,
      })),
    },
    properties: {
      serverLabel: str(t.server_label),
      serverUrl: server?.address,
      connectorId: str(t.connector_id),
      projectConnectionId: connection,
      connectionId,
      serverDescription: description?.text,
      requireApproval: t.require_approval ?? null,
      allowedTools: t.allowed_tools,
      headerNames,
      // Whether the definition carries an OAuth token (never the token).
      sendsAuthorization: !!str(t.authorization),
      deferLoading: t.defer_loading,
    },
  };
}

/** What one of a (new) agent's tools is, and the assets it reaches. */
export function describeVersionedTool(tool: Tool, raw: RawProjectVersionedAgents): ToolOut {
  const type = str(tool.type) ?? 'unknown';
  const conns = (ids: unknown[]) =>
    ids
      .map(str)
      .filter((x): x is string => !!x)
      .map((c) => connectionAssetId(raw.projectId, c));
  const builtIn = (facts: ToolFacts, properties: Record<string, unknown> = {}, name?: string): ToolOut => ({
    targets: [],
    builtIn: { type, facts, properties, ...(name ? { name } : {}) },
  });
  switch (type) {
    case 'mcp':
      return { targets: [], mcp: describeMcp(tool, raw) };
    case 'code_interpreter':
      // The service's sandbox has no network: generated code cannot reach the internet.
      return builtIn({ toolType: 'code-interpreter', networkMode: 'sandbox' });
    case 'file_search':
      return builtIn({ toolType: 'search' }, { vectorStoreIds: arr(tool.vector_store_ids) });
    case 'web_search':
    case 'web_search_preview':
      return builtIn({ toolType: 'web-search', readsWebContent: true });
    case 'bing_grounding': {
      const configs = arr(obj(tool.bing_grounding).search_configurations);
      const targets = conns(configs.map((c) => obj(c).project_connection_id));
      return targets.length > 0 ? { targets } : builtIn({ toolType: 'web-search', readsWebContent: true });
    }
    case 'azure_ai_search': {
      const indexes = arr(obj(tool.azure_ai_search).indexes);
      const targets = conns(indexes.map((i) => obj(i).project_connection_id));
      return targets.length > 0 ? { targets } : builtIn({ toolType: 'search' });
    }
    case 'openapi': {
      const openapi = obj(tool.openapi);
      const auth = obj(openapi.auth);
      const host = openApiHost(openapi.spec);
      const credentialType =
        auth.type === 'anonymous' ? 'none' : auth.type === 'managed_identity' ? 'iam' : undefined;
      const name = str(openapi.name);
      return builtIn(
        {
          toolType: 'api',
          ...(host ? { outboundHost: host } : {}),
          ...(credentialType ? { credentialType } : {}),
        },
        {
          name,
          description: str(openapi.description),
          authType: str(auth.type),
          connectionId: str(obj(auth.security_scheme).project_connection_id),
          host,
        },
        name,
      );
    }
    case 'function':
    case 'azure_function': {
      const name = str(tool.name) ?? str(obj(obj(tool.azure_function).function).name);
      return builtIn({ toolType: 'function' }, { functionName: name }, name);
    }
    default:
      // A tool type this reading does not model: kept by type alone.
      return builtIn({});
  }
}

function createdAt(v: AgentVersion | undefined): string | undefined {
  const at = v?.created_at as unknown;
  if (at instanceof Date && !Number.isNaN(at.getTime())) return at.toISOString();
  return typeof at === 'string' ? at : undefined;
}

function agentAsset(raw: RawProjectVersionedAgents, agent: Agent, scope: AzureNormalizeScope): AssetRecord {
  const latest = agent.versions?.latest as AgentVersion | undefined;
  const def = obj(latest?.definition);
  const model = str(def.model);
  const instructions = str(def.instructions) ? redactSecrets(def.instructions as string) : undefined;
  const deployment = model ? raw.deployments.find((d) => d.name === model.toLowerCase()) : undefined;
  // A prompt agent may name its own content filter (`rai_config`), over its deployment's.
  const raiPolicy = str(obj(def.rai_config).rai_policy_name);
  const guardrailId = raiPolicy
    ? raiPolicy
    : deployment
      ? deployment.raiPolicyName
      : unknownFact(
          model
            ? `deployment '${model}' of the agent is not among the account's listed deployments`
            : `a ${str(def.kind) ?? 'kind-less'} agent names no model deployment`,
        );
  return azureAsset({
    id: agentAssetId(raw.projectId, agent.name),
    kind: 'agent',
    accountId: scope.subscriptionId,
    region: raw.region,
    name: agent.name,
    nativeType: AGENT_TYPE,
    properties: {
      // The new Agent Service (named, versioned agents), not a classic assistant.
      agentApi: 'versioned',
      agentId: agent.id,
      version: latest?.version,
      versionId: latest?.id,
      status: latest?.status,
      definitionKind: str(def.kind),
      description: latest?.description,
      model,
      instructions: instructions?.text,
      toolTypes: arr(def.tools).map((t) => obj(t).type),
      temperature: def.temperature,
      topP: def.top_p,
      metadata: latest?.metadata,
      createdAt: createdAt(latest),
      instanceIdentityPrincipalId: agent.instance_identity?.principal_id,
      projectId: raw.projectId,
      endpoint: raw.endpoint,
      contentFilter: raiPolicy ?? deployment?.raiPolicyName,
    },
    facts: {
      ...(raw.accountEncryption ? { encryption: raw.accountEncryption } : {}),
      guardrailId,
      secretFindings: (instructions?.detectors ?? []).map((detector) => ({
        field: 'instructions',
        detector,
      })),
    },
  });
}

/** Tool asset ids under an agent: by type, with the tool's name (or MCP label) where the type repeats. */
function toolSuffixes(outs: ToolOut[]): (string | undefined)[] {
  const keyOf = (o: ToolOut) => (o.mcp ? `mcp/${o.mcp.label}` : o.builtIn?.type);
  const count = new Map<string, number>();
  for (const o of outs) {
    const k = keyOf(o);
    if (k) count.set(k, (count.get(k) ?? 0) + 1);
  }
  const seen = new Map<string, number>();
  return outs.map((o) => {
    const k = keyOf(o);
    if (!k) return undefined;
    const base = o.builtIn && (count.get(k) ?? 0) > 1 && o.builtIn.name ? `${k}/${o.builtIn.name}` : k;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n > 1 ? `${base}-${n}` : base;
  });
}

/** A project's (new) agents, their tools and MCP servers, and the edges to connections and deployments. */
function normalizeProject(
  raw: RawProjectVersionedAgents,
  scope: AzureNormalizeScope,
  batch: GraphBatch,
): void {
  for (const agent of raw.agents ?? []) {
    if (typeof agent?.name !== 'string' || !agent.name) continue;
    const asset = agentAsset(raw, agent, scope);
    batch.assets.push(asset);
    batch.edges.push(edge('contains', raw.projectId, asset.id));
    // As for classic agents, the service runs the agent's tools as the project's system-assigned identity.
    if (raw.identityId)
      batch.edges.push(edge('runs-as', asset.id, raw.identityId, { via: 'project identity' }));
    const model = asset.properties.model;
    if (typeof model === 'string' && raw.deployments.some((d) => d.name === model.toLowerCase()))
      batch.edges.push(edge('uses-model', asset.id, `${raw.accountId}/deployments/${model.toLowerCase()}`));
    const tools = arr(obj(agent.versions?.latest?.definition).tools).map((t) => obj(t) as Tool);
    const outs = tools.map((t) => describeVersionedTool(t, raw));
    const suffixes = toolSuffixes(outs);
    for (const [i, out] of outs.entries()) {
      for (const target of out.targets) batch.edges.push(edge('uses-tool', asset.id, target));
      const suffix = suffixes[i];
      if (!suffix) continue;
      const toolId = `${asset.id}/tools/${suffix}`.toLowerCase();
      const common = {
        id: toolId,
        accountId: scope.subscriptionId,
        region: raw.region,
        name: `${asset.name}/${suffix}`,
      };
      if (out.mcp)
        batch.assets.push(
          azureAsset({
            ...common,
            kind: 'mcp-server',
            nativeType: AGENT_MCP_TOOL_TYPE,
            properties: { toolType: 'mcp', agentId: asset.id, ...out.mcp.properties },
            facts: out.mcp.facts,
          }),
        );
      else if (out.builtIn)
        batch.assets.push(
          azureAsset({
            ...common,
            kind: 'agent-tool',
            nativeType: AGENT_TOOL_TYPE,
            properties: { toolType: out.builtIn.type, agentId: asset.id, ...out.builtIn.properties },
            facts: out.builtIn.facts,
          }),
        );
      batch.edges.push(edge('contains', raw.projectId, toolId));
      batch.edges.push(edge('uses-tool', asset.id, toolId));
    }
  }
}

/** Pure: the recorded listings of every project → (new) agents, their tools and MCP servers, and their edges. */
export function normalizeVersionedAgents(
  raw: RawFoundryVersionedAgents,
  scope: AzureNormalizeScope,
): GraphBatch {
  const batch: GraphBatch = { assets: [], edges: [] };
  for (const project of raw.projects) normalizeProject(project, scope, batch);
  return batch;
}
