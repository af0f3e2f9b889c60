import type { AssetRecord } from '@aispm/core';
import type { Agent, AgentsClient } from '@azure/ai-agents';
import { MAX_PAGES, mapLimit, PaginationError } from '../../shared/paging.ts';
import { servicePrincipalAssetId } from '../authorization/normalize.ts';
import { AGENTS_PACING_OPERATION } from '../clients.ts';
import type { AzureFetchEnv } from '../service.ts';
import { azureItemRead } from '../service.ts';

export const PROJECT_TYPE = 'Microsoft.CognitiveServices/accounts/projects';
export const AGENT_TYPE = 'Microsoft.CognitiveServices/accounts/projects/agents';
export const AGENT_TOOL_TYPE = `${AGENT_TYPE}/tools`;
const DEPLOYMENT_TYPE = 'Microsoft.CognitiveServices/accounts/deployments';
/** The endpoint key a Foundry project lists its Agent Service endpoint under. */
const FOUNDRY_API = 'AI Foundry API';

/**
 * The agent listing is a data-plane read: Entra RBAC's data action, not an ARM action. Denied, the project keeps
 * no agents and the gap says that they are unknown (never "no agents").
 */
export const AGENT_ITEM_READS = [
  {
    ...azureItemRead(
      'Agents_List',
      AGENT_TYPE,
      [],
      ['uses-tool', 'uses-model', 'contains', 'runs-as'],
      // The same data action reads the new agents (foundry-versioned-agents): denied, their MCP tools go too.
      [AGENT_TYPE, AGENT_TOOL_TYPE, `${AGENT_TOOL_TYPE}#mcp`],
    ),
    permission: 'Microsoft.CognitiveServices/accounts/AIServices/agents/read',
  },
];

/** One Foundry project as the phase-1 scan stored it, and the agents its Agent Service endpoint lists. */
export interface RawProjectAgents {
  /** Lower-cased ARM id of the project (its asset id). */
  projectId: string;
  /** Lower-cased ARM id of the Foundry account. */
  accountId: string;
  /**
   * The asset id of the project's system-assigned identity (its service principal, by the object id the project
   * names): the identity the Agent Service runs every agent's tools as. Undefined when the project has none.
   */
  identityId?: string | undefined;
  region: string;
  endpoint: string;
  /** The account's deployments (names lower-cased): an agent's `model` names one of them. */
  deployments: { name: string; raiPolicyName?: string }[];
  /** The account's encryption fact (agent threads, files and vector stores are the account's data). */
  accountEncryption?: { cmk: boolean; keyId?: string } | undefined;
  /** Undefined when the listing was a gap. */
  agents: Agent[] | undefined;
}

export interface RawFoundryAgents {
  projects: RawProjectAgents[];
}

/**
 * The hosts a Foundry project endpoint may name (Azure public, US Government and China clouds). The endpoint is read
 * from the project's ARM properties and is sent the scanner's Entra token, so a project naming any other host is
 * not called: whoever could write that property would otherwise receive the token.
 */
const AGENT_SERVICE_HOST = /\.services\.ai\.azure\.(?:com|us|cn)$/i;

/** Throws a coverage-gap error when the endpoint's host is not the Agent Service's. */
export function assertAgentServiceHost(endpoint: string): void {
  const host = new URL(endpoint).hostname;
  if (AGENT_SERVICE_HOST.test(host)) return;
  throw Object.assign(
    new Error(`the project's Agent Service endpoint names ${host}, not an Azure AI host: not called`),
    {
      code: 'UntrustedEndpoint',
    },
  );
}

function projectEndpoint(project: AssetRecord): string | undefined {
  const endpoints = project.properties.endpoints as Record<string, unknown> | undefined;
  const endpoint = endpoints?.[FOUNDRY_API];
  return typeof endpoint === 'string' && /^https:\/\//.test(endpoint)
    ? endpoint.replace(/\/+$/, '')
    : undefined;
}

function encryptionOf(account: AssetRecord | undefined): RawProjectAgents['accountEncryption'] {
  type Enc = { cmk?: unknown; keyId?: unknown } | undefined;
  const facts = account?.properties.facts as { encryption?: Enc } | undefined;
  const enc = facts?.encryption ?? (account?.properties.encryption as Enc);
  if (!enc || typeof enc.cmk !== 'boolean') return undefined;
  return { cmk: enc.cmk, ...(typeof enc.keyId === 'string' ? { keyId: enc.keyId } : {}) };
}

/**
 * Every agent of a project, page by page. `listAgents` deserialises `data` only (its pager looks for a nextLink
 * the service never sends), so the cursor comes from the raw body: `has_more` and `last_id` give the next `after`.
 */
export async function listAllAgents(client: AgentsClient, abortSignal: AbortSignal): Promise<Agent[]> {
  const out: Agent[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    let body: { has_more?: unknown; last_id?: unknown; error?: { message?: unknown } } = {};
    const pager = client.listAgents({
      limit: 100,
      order: 'asc',
      ...(after ? { after } : {}),
      abortSignal,
      onResponse: (raw) => {
        body = (raw.parsedBody ?? {}) as typeof body;
      },
    });
    const page = await pager
      .byPage()
      .next()
      .catch((error: unknown) => {
        throw withServiceMessage(error, body);
      });
    out.push(...(page.done ? [] : page.value));
    if (body.has_more !== true) return out;
    const next = typeof body.last_id === 'string' ? body.last_id : undefined;
    if (!next || next === after)
      throw new PaginationError(`agent listing repeated its cursor (${String(next)})`);
    after = next;
  }
  throw new PaginationError(`agent listing did not end after ${MAX_PAGES} pages`);
}

/**
 * The pager reports a refused page as "unexpected statusCode" (the body it parsed is dropped); the service's own
 * message (which data action is missing) is in that body, which `onResponse` saw.
 */
function withServiceMessage(error: unknown, body: { error?: { message?: unknown } }): unknown {
  const message = body.error?.message;
  if (error instanceof Error && typeof message === 'string') error.message = message;
  return error;
}

/** A stored Foundry project's endpoint and what an agent is joined to (without the agents themselves). */
export type ProjectContext = Omit<RawProjectAgents, 'agents'>;

/**
 * The services whose stored assets `storedProjects` reads (projects, deployments, accounts, connections): an agent
 * listing names them as its `after`, so it starts once they have settled rather than after the whole of phase 1.
 */
export const STORED_PROJECTS_FROM: readonly string[] = ['cognitive-services'];

/**
 * Phase 1's Foundry projects with an Agent Service endpoint, each with its account's deployments and encryption and
 * its identity: what both agent listings (classic and new) join their agents to.
 */
export async function storedProjects(env: AzureFetchEnv, kinds: string[] = []) {
  const stored = await env.graph.assets({
    accountId: env.subscriptionId,
    kinds: ['ml-workspace', 'model', 'ai-service', ...kinds],
    provider: 'azure',
  });
  const byId = new Map(stored.map((a) => [a.id, a]));
  const projects: ProjectContext[] = [];
  for (const project of stored.filter((a) => a.nativeType === PROJECT_TYPE)) {
    const endpoint = projectEndpoint(project);
    const accountId = String(project.properties.foundryAccountId ?? '').toLowerCase();
    if (!endpoint || !accountId) continue;
    const deployments = stored
      .filter((a) => a.nativeType === DEPLOYMENT_TYPE && a.id.startsWith(`${accountId}/deployments/`))
      .map((a) => ({
        name: a.id.slice(`${accountId}/deployments/`.length),
        ...(typeof a.properties.raiPolicyName === 'string'
          ? { raiPolicyName: a.properties.raiPolicyName }
          : {}),
      }));
    const principalId = project.properties.principalId;
    projects.push({
      projectId: project.id,
      accountId,
      identityId: typeof principalId === 'string' ? servicePrincipalAssetId(principalId) : undefined,
      region: project.region,
      endpoint,
      deployments,
      accountEncryption: encryptionOf(byId.get(accountId)),
    });
  }
  return { stored, projects };
}

/**
 * Phase 2: the Foundry projects phase 1 stored, each project's agents through `@azure/ai-agents` on its own
 * endpoint, and what the normaliser joins them to (the account's deployments and encryption).
 */
export async function fetchFoundryAgents(env: AzureFetchEnv): Promise<RawFoundryAgents> {
  const { projects } = await storedProjects(env);
  if (projects.length === 0) return { projects: [] };
  const { AgentsClient } = await import('@azure/ai-agents');
  const listed = await mapLimit(projects, env.fanOut, async (project): Promise<RawProjectAgents> => {
    const client = env.clients.dataPlane(
      (options) =>
        new AgentsClient(
          env.clients.foundryProjectEndpoint(project.endpoint),
          env.clients.credential,
          options,
        ),
      AGENTS_PACING_OPERATION,
    );
    const agents = await env.gaps.item('Agents_List', project.projectId, async () => {
      assertAgentServiceHost(project.endpoint);
      return listAllAgents(client, env.signal);
    });
    return { ...project, agents };
  });
  return { projects: listed };
}
