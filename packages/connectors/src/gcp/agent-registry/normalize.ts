import { type AssetRecord, assetId, type EdgeRecord, edge, type FactsOf, type GraphBatch } from '@aispm/core';
import { gcpAsset, projectAssetId, serviceAccountIdOfEmail, str } from '../asset.ts';
import { get } from '../json.ts';
import type { GcpNormalizeScope } from '../service.ts';
import {
  AGENT_REGISTRY,
  attribute,
  engineAssetIdOf,
  type GcpJson,
  type RawAgentRegistry,
  RUNTIME_IDENTITY,
  RUNTIME_REFERENCE,
} from './fetch.ts';

export const AGENT_TYPE = `${AGENT_REGISTRY}/Agent`;
export const MCP_SERVER_TYPE = `${AGENT_REGISTRY}/McpServer`;
export const MCP_TOOL_TYPE = `${AGENT_REGISTRY}/McpServer/Tool`;

type ToolFacts = FactsOf<'agent-tool'>;
type Credential = FactsOf<'mcp-server'>['credentialType'];

const list = (v: unknown): GcpJson[] =>
  Array.isArray(v) ? v.filter((x): x is GcpJson => !!x && typeof x === 'object') : [];

/** The first http(s) URL host of an entry's interfaces. */
function hostOf(interfaces: unknown): string | undefined {
  for (const i of list(interfaces)) {
    try {
      const url = new URL(String(i.url));
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.hostname.toLowerCase();
    } catch {
      // a malformed URL names no host
    }
  }
  return undefined;
}

/**
 * A runtime identity `principal://iam.googleapis.com/projects/-/serviceAccounts/{email}` → the service account
 * asset. Agent identities (`principal://agents.global.org-….system.id.goog/…`) are no asset aispm imports.
 */
function identityAssetId(principal: string | undefined, numberToId: Record<string, string>) {
  const m = principal
    ? /^principal:\/\/iam\.googleapis\.com\/projects\/[^/]+\/serviceAccounts\/(.+)$/.exec(principal)
    : null;
  return serviceAccountIdOfEmail(m?.[1], numberToId);
}

/**
 * What one MCP tool lets the agent do, from its MCP annotations with the protocol's defaults (read-only false,
 * open-world true): hints are the server's claims, so a missing one is read the unsafe way. A read-only open-world
 * tool (fetch, browse, search the web) puts content anyone can publish into the agent's context; a writing
 * open-world tool (send an email, post to a URL) sends agent-chosen data through the server to the outside.
 */
export function toolFacts(tool: GcpJson, serverHost: string | undefined): ToolFacts {
  const hints = (tool.annotations ?? {}) as GcpJson;
  const readOnly = hints.readOnlyHint === true;
  const openWorld = hints.openWorldHint !== false;
  return {
    toolType: 'mcp',
    readsWebContent: readOnly && openWorld,
    ...(!readOnly && openWorld && serverHost ? { outboundHost: serverHost } : {}),
  };
}

/**
 * How agents call an MCP server: Google's own MCP servers (`*.googleapis.com`) take the caller's IAM identity; a
 * server some binding reaches without an auth provider is called with no credential; one every binding reaches
 * through an auth provider, with managed OAuth. Unbound (or bindings unread): unknown.
 */
function credentialOf(host: string | undefined, bindings: GcpJson[], bindingsRead: boolean): Credential {
  if (host?.endsWith('.googleapis.com')) return 'iam';
  if (!bindingsRead || bindings.length === 0) return undefined;
  return bindings.every((b) => str(get(b, 'authProviderBinding.authProvider'))) ? 'oauth' : 'none';
}

interface Context {
  scope: GcpNormalizeScope;
  project: string;
  batch: GraphBatch;
}

function serverAssets(
  c: Context,
  s: GcpJson,
  name: string,
  bindings: GcpJson[],
  bindingsRead: boolean,
): string {
  const { scope, project, batch } = c;
  const id = assetId('gcp', name, AGENT_REGISTRY);
  const host = hostOf(s.interfaces);
  const credentialType = credentialOf(host, bindings, bindingsRead);
  const tools = list(s.tools).filter((t) => str(t.name));
  const display = str(s.displayName) ?? name.split('/').pop() ?? name;
  batch.assets.push(
    gcpAsset({
      id,
      kind: 'mcp-server',
      accountId: scope.projectId,
      region: scope.location,
      name: display,
      nativeType: MCP_SERVER_TYPE,
      properties: {
        resourceName: name,
        mcpServerId: str(s.mcpServerId),
        description: str(s.description),
        interfaces: list(s.interfaces).map((i) => ({ protocolBinding: i.protocolBinding, url: i.url })),
        host,
        toolNames: tools.map((t) => t.name),
        runtimeReference: attribute(s, RUNTIME_REFERENCE, 'uri'),
        runtimeIdentity: attribute(s, RUNTIME_IDENTITY, 'principal'),
        authProviders: bindings.map((b) => str(get(b, 'authProviderBinding.authProvider'))).filter(Boolean),
        createTime: s.createTime,
        updateTime: s.updateTime,
      },
      facts: credentialType ? { credentialType } : {},
    }),
  );
  batch.edges.push(edge('contains', project, id));
  const runsAs = identityAssetId(attribute(s, RUNTIME_IDENTITY, 'principal'), scope.projects.numberToId);
  if (runsAs) batch.edges.push(edge('runs-as', id, runsAs, { via: 'RuntimeIdentity' }));
  const seen = new Set<string>();
  for (const t of tools) {
    const toolName = String(t.name);
    if (seen.has(toolName)) continue;
    seen.add(toolName);
    const toolId = `${id}/tools/${toolName}`;
    batch.assets.push(
      gcpAsset({
        id: toolId,
        kind: 'agent-tool',
        accountId: scope.projectId,
        region: scope.location,
        name: `${display}/${toolName}`,
        nativeType: MCP_TOOL_TYPE,
        properties: { mcpServer: name, description: str(t.description), annotations: t.annotations },
        facts: toolFacts(t, host),
      }),
    );
    batch.edges.push(edge('contains', project, toolId), edge('uses-tool', id, toolId));
  }
  return id;
}

/** A registry agent: joined onto its reasoning engine when the scan holds it, else an agent of its own. */
function agentAsset(c: Context, a: GcpJson, name: string, knownEngines: Set<string>): string {
  const { scope, project, batch } = c;
  const engine = engineAssetIdOf(a, scope.projects);
  const principal = attribute(a, RUNTIME_IDENTITY, 'principal');
  const runsAs = identityAssetId(principal, scope.projects.numberToId);
  // The same agent as Vertex AI's reasoning engine: one node, reached by the registry's edges (no duplicate).
  const id = engine && knownEngines.has(engine) ? engine : assetId('gcp', name, AGENT_REGISTRY);
  if (id !== engine) {
    batch.assets.push(
      gcpAsset({
        id,
        kind: 'agent',
        accountId: scope.projectId,
        region: scope.location,
        name: str(a.displayName) ?? name.split('/').pop() ?? name,
        nativeType: AGENT_TYPE,
        properties: {
          resourceName: name,
          agentId: str(a.agentId),
          description: str(a.description),
          version: str(a.version),
          protocols: list(a.protocols).map((p) => ({ type: p.type, interfaces: p.interfaces })),
          skills: list(a.skills).map((s) => s.id ?? s.name),
          framework: attribute(a, `${AGENT_REGISTRY}/system/Framework`, 'framework'),
          runtimeReference: attribute(a, RUNTIME_REFERENCE, 'uri'),
          runtimeIdentity: principal,
        },
      }),
    );
    batch.edges.push(edge('contains', project, id));
  }
  if (runsAs) batch.edges.push(edge('runs-as', id, runsAs, { via: 'RuntimeIdentity' }));
  return id;
}

/**
 * Agent Registry → the graph: MCP servers (`mcp-server`, credential from their bindings) and each of their tools
 * (`agent-tool`, with the facts the injection rules read), agents (joined onto their Agent Engine reasoning engine
 * through RuntimeReference), bindings as `uses-tool` from the agent to the MCP server (or agent) they target, and
 * RuntimeIdentity as `runs-as`. Bindings to registry endpoints are kept on nothing: endpoints are not read.
 */
export function normalizeAgentRegistry(raw: RawAgentRegistry, scope: GcpNormalizeScope): GraphBatch {
  const batch: GraphBatch = { assets: [], edges: [] };
  const c: Context = { scope, project: projectAssetId(scope.projects.projectNumber), batch };
  const knownEngines = new Set(raw.knownEngines);
  // A list entry that is not an object (a bad payload) is skipped, not a crash.
  const bindings = list(raw.bindings);
  const byTarget = new Map<string, GcpJson[]>();
  for (const b of bindings) {
    const target = str(get(b, 'target.identifier'));
    if (target) byTarget.set(target, [...(byTarget.get(target) ?? []), b]);
  }
  // Registry identifiers (`urn:mcp:…`, `urn:agent:…`) → asset ids, for the bindings.
  const byUrn = new Map<string, string>();
  for (const s of list(raw.mcpServers)) {
    const name = str(s.name);
    if (!name) continue;
    const urn = str(s.mcpServerId);
    const id = serverAssets(c, s, name, urn ? (byTarget.get(urn) ?? []) : [], raw.bindingsRead);
    if (urn) byUrn.set(urn, id);
  }
  for (const a of list(raw.agents)) {
    const name = str(a.name);
    if (!name) continue;
    const id = agentAsset(c, a, name, knownEngines);
    const urn = str(a.agentId);
    if (urn) byUrn.set(urn, id);
  }
  // Targets in the project's global location: the global task imports the server under this same id.
  for (const s of list(raw.globalServers)) {
    const name = str(s.name);
    const urn = str(s.mcpServerId);
    if (name && urn && !byUrn.has(urn)) byUrn.set(urn, assetId('gcp', name, AGENT_REGISTRY));
  }
  for (const b of bindings) {
    const from = byUrn.get(str(get(b, 'source.identifier')) ?? '');
    const to = byUrn.get(str(get(b, 'target.identifier')) ?? '');
    if (!from || !to || from === to) continue;
    batch.edges.push(
      edge('uses-tool', from, to, {
        binding: str(b.name),
        authProvider: str(get(b, 'authProviderBinding.authProvider')),
      }),
    );
  }
  return dedupe(batch);
}

/** One edge per kind, source and target (an agent bound twice to one server, a runs-as the engine also has). */
function dedupe(batch: GraphBatch): GraphBatch {
  const seen = new Set<string>();
  const edges: EdgeRecord[] = batch.edges.filter((e) => {
    const k = `${e.kind}|${e.from}|${e.to}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const ids = new Set<string>();
  const assets: AssetRecord[] = batch.assets.filter((a) => !ids.has(a.id) && ids.add(a.id));
  return { assets, edges };
}
