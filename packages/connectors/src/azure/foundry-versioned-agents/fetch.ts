import type { Agent, AIProjectClient } from '@azure/ai-projects';
import { MAX_PAGES, mapLimit, PaginationError } from '../../shared/paging.ts';
import { AGENTS_PACING_OPERATION } from '../clients.ts';
import {
  AGENT_TOOL_TYPE,
  AGENT_TYPE,
  assertAgentServiceHost,
  type ProjectContext,
  storedProjects,
} from '../foundry-agents/fetch.ts';
import type { AzureFetchEnv } from '../service.ts';
import { azureItemRead } from '../service.ts';

/** An agent's own MCP tool: the remote MCP server its definition names (kind mcp-server). */
export const AGENT_MCP_TOOL_TYPE = `${AGENT_TOOL_TYPE}#mcp`;
const CONNECTION_TYPE = 'Microsoft.CognitiveServices/accounts/projects/connections';

/**
 * The (new) agent listing is the same data action as the classic one (`agents/read` on the account), read through
 * another API: a principal missing it loses both, and the gap says the agents are unknown (never "no agents").
 */
export const VERSIONED_AGENT_ITEM_READS = [
  {
    ...azureItemRead(
      'Agents_ListVersioned',
      AGENT_TYPE,
      [],
      ['uses-tool', 'uses-model', 'contains', 'runs-as'],
      [AGENT_TYPE, AGENT_TOOL_TYPE, AGENT_MCP_TOOL_TYPE],
    ),
    permission: 'Microsoft.CognitiveServices/accounts/AIServices/agents/read',
  },
];

/** A project connection as phase 1 stored it: how calls through it authenticate. */
export interface StoredConnection {
  credentialType?: string;
}

/** One Foundry project, and the agents of the new Agent Service its endpoint lists. */
export interface RawProjectVersionedAgents extends ProjectContext {
  /** The project's connections by lower-cased asset id (an MCP tool's credential is its connection's). */
  connections: Record<string, StoredConnection>;
  /** Each agent with its latest version's definition; undefined when the listing was a gap. */
  agents: Agent[] | undefined;
}

export interface RawFoundryVersionedAgents {
  projects: RawProjectVersionedAgents[];
}

type Body = { has_more?: unknown; last_id?: unknown; error?: { message?: unknown } };

/** The body a page came with: `parsedBody` where the pipeline parsed it, else its text. */
function bodyOf(raw: unknown): Body {
  const r = raw as { parsedBody?: unknown; bodyAsText?: string | null } | undefined;
  if (r?.parsedBody && typeof r.parsedBody === 'object') return r.parsedBody as Body;
  try {
    const parsed = JSON.parse(r?.bodyAsText ?? '') as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Body) : {};
  } catch {
    return {};
  }
}

/**
 * Every agent of a project with its latest version (`GET {project}/agents?api-version=v1`). The SDK's pager follows
 * `has_more` / `last_id` itself (as `after` on the first request's URL); a cursor the service repeats would loop it,
 * so each page's cursor is watched, and the pages are bounded.
 */
export async function listAllVersionedAgents(
  client: AIProjectClient,
  abortSignal: AbortSignal,
): Promise<Agent[]> {
  const out: Agent[] = [];
  let body: Body = {};
  const cursors = new Set<string>();
  const pager = client.agents.list({
    limit: 100,
    order: 'asc',
    abortSignal,
    onResponse: (raw) => {
      body = bodyOf(raw);
    },
  });
  let pages = 0;
  try {
    for await (const page of pager.byPage()) {
      out.push(...page);
      if (body.has_more !== true) return out;
      const cursor = typeof body.last_id === 'string' ? body.last_id : '';
      if (!cursor || cursors.has(cursor))
        throw new PaginationError(`agent listing repeated its cursor (${cursor || 'none'})`);
      cursors.add(cursor);
      if (++pages >= MAX_PAGES)
        throw new PaginationError(`agent listing did not end after ${MAX_PAGES} pages`);
    }
  } catch (error) {
    throw withServiceMessage(error, body);
  }
  return out;
}

/**
 * A refused page reaches the caller as "Pagination failed with unexpected statusCode 401"; the service's own message
 * (which data action is missing) is in the body `onResponse` saw.
 */
function withServiceMessage(error: unknown, body: Body): unknown {
  const message = body.error?.message;
  if (error instanceof Error && !(error instanceof PaginationError) && typeof message === 'string')
    error.message = message;
  return error;
}

/** The stored connections of each project: their credential type, by lower-cased id. */
function connectionsOf(
  stored: Awaited<ReturnType<typeof storedProjects>>['stored'],
  projectId: string,
): Record<string, StoredConnection> {
  const out: Record<string, StoredConnection> = {};
  for (const a of stored) {
    if (!a.nativeType.startsWith(CONNECTION_TYPE) || !a.id.startsWith(`${projectId}/connections/`)) continue;
    const facts = a.properties.facts as { credentialType?: unknown } | undefined;
    out[a.id] = typeof facts?.credentialType === 'string' ? { credentialType: facts.credentialType } : {};
  }
  return out;
}

/**
 * Phase 2: the Foundry projects phase 1 stored, each project's agents of the new Agent Service through
 * `@azure/ai-projects` on its own endpoint (only where the endpoint is an Azure AI host), and what the normaliser
 * joins them to.
 */
export async function fetchVersionedAgents(env: AzureFetchEnv): Promise<RawFoundryVersionedAgents> {
  const { stored, projects } = await storedProjects(env, ['agent-tool', 'mcp-server']);
  if (projects.length === 0) return { projects: [] };
  const { AIProjectClient } = await import('@azure/ai-projects');
  const listed = await mapLimit(projects, env.fanOut, async (project): Promise<RawProjectVersionedAgents> => {
    const client = env.clients.dataPlane(
      (options) =>
        new AIProjectClient(
          env.clients.foundryProjectEndpoint(project.endpoint),
          env.clients.credential,
          options,
        ),
      AGENTS_PACING_OPERATION,
      'options',
    );
    const agents = await env.gaps.item('Agents_ListVersioned', project.projectId, async () => {
      assertAgentServiceHost(project.endpoint);
      return listAllVersionedAgents(client, env.signal);
    });
    return { ...project, connections: connectionsOf(stored, project.projectId), agents };
  });
  return { projects: listed };
}
