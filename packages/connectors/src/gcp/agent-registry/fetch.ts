import { assetId } from '@aispm/core';
import { AIPLATFORM, str } from '../asset.ts';
import { get } from '../json.ts';
import { restList } from '../rest.ts';
import type { GcpFetchEnv, ProjectDirectory } from '../service.ts';

export type GcpJson = Record<string, unknown>;

export const AGENT_REGISTRY = 'agentregistry.googleapis.com';
export const RUNTIME_REFERENCE = `${AGENT_REGISTRY}/system/RuntimeReference`;
export const RUNTIME_IDENTITY = `${AGENT_REGISTRY}/system/RuntimeIdentity`;

export interface RawAgentRegistry {
  agents: GcpJson[];
  mcpServers: GcpJson[];
  bindings: GcpJson[];
  /** The bindings list was read: without it, no server can be said to be called without a credential. */
  bindingsRead: boolean;
  /** Asset ids of the reasoning engines registry agents run on that the scan already holds (phase 1). */
  knownEngines: string[];
  /**
   * The project's global-location MCP servers (Google's own are registered there), read by a regional task only to
   * resolve bindings that target them; the global task imports them.
   */
  globalServers: GcpJson[];
}

/**
 * The asset id of the Vertex AI reasoning engine a registry entry's RuntimeReference names
 * (`//aiplatform.googleapis.com/projects/{number or id}/locations/{l}/reasoningEngines/{id}`), keyed by project
 * number as Vertex names are; undefined for any other runtime.
 */
export function engineAssetIdOf(o: unknown, projects: ProjectDirectory): string | undefined {
  const uri = attribute(o, RUNTIME_REFERENCE, 'uri');
  const m = uri
    ? /^\/\/aiplatform\.googleapis\.com\/projects\/([^/]+)\/locations\/([^/]+)\/reasoningEngines\/([^/]+)$/.exec(
        uri,
      )
    : null;
  if (!m) return undefined;
  const [, project, location, engine] = m as unknown as [string, string, string, string];
  const number = /^\d+$/.test(project)
    ? project
    : Object.entries(projects.numberToId).find(([, id]) => id === project)?.[0];
  return number
    ? assetId('gcp', `projects/${number}/locations/${location}/reasoningEngines/${engine}`, AIPLATFORM)
    : undefined;
}

/** `attributes[key][field]` as a string (attribute keys hold dots and slashes: not a dotted path). */
export function attribute(o: unknown, key: string, field: string): string | undefined {
  const attrs = get(o, 'attributes');
  if (!attrs || typeof attrs !== 'object' || Array.isArray(attrs)) return undefined;
  const value = (attrs as GcpJson)[key];
  return value && typeof value === 'object' ? str((value as GcpJson)[field]) : undefined;
}

/**
 * Agent Registry v1 through its documented REST (`GET /v1/{parent}/agents|mcpServers|bindings`, `nextPageToken`
 * paging). Each list is its own coverage gap when denied or the API is off: a gap is never read as "no agents".
 * Runs in phase 2 so the reasoning engines Vertex AI listed in phase 1 are in the graph to join agents onto.
 */
export async function fetchAgentRegistry(env: GcpFetchEnv): Promise<RawAgentRegistry> {
  const base = registryBase(env, env.location);
  let bindingsRead = false;
  const [agents, mcpServers, bindings] = await Promise.all([
    env.gaps.list('projects.locations.agents.list', 'agentregistry.agents.list', () =>
      restList<GcpJson>(env, `${base}/agents`, 'agents'),
    ),
    env.gaps.list('projects.locations.mcpServers.list', 'agentregistry.mcpServers.list', () =>
      restList<GcpJson>(env, `${base}/mcpServers`, 'mcpServers'),
    ),
    env.gaps.list('projects.locations.bindings.list', 'agentregistry.bindings.list', async () => {
      const out = await restList<GcpJson>(env, `${base}/bindings`, 'bindings');
      bindingsRead = true;
      return out;
    }),
  ]);
  const globalServers = await globalBindingTargets(env, agents, mcpServers, bindings);
  const wanted = new Set(
    agents
      .map((a) => (a && typeof a === 'object' ? engineAssetIdOf(a, env.projects) : undefined))
      .filter((x): x is string => x !== undefined),
  );
  const knownEngines: string[] = [];
  if (wanted.size > 0) {
    // Only the projects the references name (an engine may live in another project than its registry entry).
    const projects = new Set(
      [...wanted].map(
        (id) => env.projects.numberToId[/\/projects\/(\d+)\//.exec(id)?.[1] ?? ''] ?? env.projectId,
      ),
    );
    for (const accountId of projects) {
      const held = await env.graph.assets({ accountId, kinds: ['agent'], provider: 'gcp' });
      for (const a of held) if (wanted.has(a.id)) knownEngines.push(a.id);
    }
  }
  return { agents, mcpServers, bindings, bindingsRead, knownEngines, globalServers };
}

/** `…/v1/projects/{project}/locations/{location}` of Agent Registry. */
function registryBase(env: GcpFetchEnv, location: string): string {
  return `${env.factory.restBase(AGENT_REGISTRY)}/v1/projects/${encodeURIComponent(env.projectId)}/locations/${encodeURIComponent(location)}`;
}

/**
 * A regional location's bindings may target an MCP server registered in the project's `global` location (Google's
 * own servers are put there): when some target is neither a server nor an agent of this location, the global
 * servers are listed (one call) so the binding can name the server the global task imports.
 */
async function globalBindingTargets(
  env: GcpFetchEnv,
  agents: unknown[],
  servers: unknown[],
  bindings: unknown[],
): Promise<GcpJson[]> {
  if (env.location === 'global') return [];
  const local = new Set([
    ...servers.map((s) => str(get(s, 'mcpServerId'))),
    ...agents.map((a) => str(get(a, 'agentId'))),
  ]);
  const unresolved = bindings.some((b) => {
    const target = str(get(b, 'target.identifier'));
    return target?.startsWith('urn:mcp:') && !local.has(target);
  });
  if (!unresolved) return [];
  return env.gaps.list('projects.locations.mcpServers.list', 'agentregistry.mcpServers.list', () =>
    restList<GcpJson>(env, `${registryBase(env, 'global')}/mcpServers`, 'mcpServers'),
  );
}
