import { externalPrincipalId } from '@aispm/core';
import type { FoundryAgent } from '../../../azure/model.ts';
import { CREATED, guid, id } from '../common.ts';
import { assignRole } from '../subscription.ts';
import type { AiAccount } from './ai-account.ts';
import { recordFoundryAgent, TOOL_TYPE } from './foundry-agent-truth.ts';
import { promptAgents } from './foundry-prompt-agents.ts';
import type { Workload } from './index.ts';

const CREATED_AT = Math.floor(Date.parse(CREATED) / 1000);

/** Where a project's agents are and the connections their tools name. */
export interface AgentProject {
  projId: string;
  projName: string;
  projAsset: string;
  /** The project's Grounding with Bing Search connection (ARM id). */
  bingConnId: string;
  /** The account's AI Search connection (ARM id) an agent's azure_ai_search tool names as its index connection. */
  searchConnId: string;
  /** The project's system-assigned identity (manifest id): every agent's tools act as it. */
  identityAsset: string;
  /** The storage account (manifest id) the project identity may read: the RAG documents. */
  dataStoreAsset: string;
}

/** The manifest id of an agent, or of one of its built-in tools (`…/agents/{id}/tools/{type}`). */
export function agentAssetId(projId: string, agentId: string, tool?: string): string {
  return id(`${projId}/agents/${agentId}${tool ? `/tools/${tool}` : ''}`);
}

/**
 * A Foundry project's agents as the Agent Service lists them, and their truth: an assistant with code interpreter
 * (no network: the service's sandbox) and file search over its own vector store; a researcher grounding on Bing web
 * search with, where the profile plants it, an anonymous OpenAPI tool to an outside host (the injection →
 * exfiltration pair) or else the team's AI Search index (its clean twin); and a triage agent delegating to the
 * assistant. Every agent uses the account's chat deployment.
 */
export function foundryAgents(wl: Workload, ai: AiAccount, proj: AgentProject): void {
  const { subscriptionId } = wl.sub;
  const { wrng, p, app } = wl;
  const arng = wrng.fork('foundry-agents');
  const chat = ai.chat;
  if (!chat) return;
  const agentId = (name: string) => `asst_${arng.fork(name).hex(24)}`;
  const assistantId = agentId('assistant');
  const researcherId = agentId('researcher');
  const triageId = agentId('triage');
  const base = (n: number, name: string, description: string, instructions: string) => ({
    object: 'assistant' as const,
    created_at: CREATED_AT + n * 3600,
    name,
    description,
    model: chat.name,
    instructions,
    temperature: 1,
    top_p: 1,
    response_format: 'auto',
    metadata: { team: app },
  });
  const assistant: FoundryAgent = {
    id: assistantId,
    ...base(
      0,
      `${app}-assistant`,
      `Answers questions on ${app} documents`,
      'Answer from the attached files.',
    ),
    tools: [{ type: 'code_interpreter' }, { type: 'file_search', file_search: { max_num_results: 8 } }],
    tool_resources: {
      code_interpreter: { file_ids: [] },
      file_search: { vector_store_ids: [`vs_${arng.fork('vector-store').hex(24)}`] },
    },
  };
  const bing = {
    type: 'bing_grounding',
    bing_grounding: {
      search_configurations: [{ connection_id: proj.bingConnId, market: 'en-US', set_lang: 'en', count: 5 }],
    },
  };
  const exfil = p.foundryAgentExfil;
  const outboundHost = `hooks.${app}-crm.example.com`;
  const openapi = crmExportTool(outboundHost);
  const researcher: FoundryAgent = {
    id: researcherId,
    ...base(
      1,
      `${app}-researcher`,
      'Researches the web for the team',
      'Search the web and summarise what you find.',
    ),
    tools: exfil ? [bing, openapi] : [bing, { type: 'azure_ai_search' }],
    tool_resources: exfil
      ? null
      : {
          azure_ai_search: {
            indexes: [
              {
                index_connection_id: proj.searchConnId,
                index_name: 'rag-index',
                query_type: 'vector_semantic_hybrid',
                top_k: 5,
              },
            ],
          },
        },
  };
  const triage: FoundryAgent = {
    id: triageId,
    ...base(2, `${app}-triage`, 'Routes requests', 'Hand document questions to the assistant.'),
    tools: [
      {
        type: 'connected_agent',
        connected_agent: {
          id: assistantId,
          name: `${app}-assistant`,
          description: 'Answers document questions',
        },
      },
    ],
    tool_resources: null,
  };
  const agents = [assistant, researcher, triage];
  wl.sub.t.foundryAgents.push({
    host: `${ai.aiName}.services.ai.azure.com`,
    project: proj.projName,
    subscriptionId,
    agents,
    // The same project's agents of the new Agent Service (`/agents`, versioned).
    versionedAgents: promptAgents(wl, ai, proj),
  });

  agentTruth(wl, ai, proj, { assistant, researcher, triage }, exfil ? outboundHost : undefined);
}

/** An anonymous OpenAPI tool posting notes to a partner CRM outside the estate (an outbound channel). */
function crmExportTool(outboundHost: string): Record<string, unknown> {
  return {
    type: 'openapi',
    openapi: {
      name: 'crm_export',
      description: 'Posts research notes to the partner CRM',
      spec: {
        openapi: '3.0.1',
        info: { title: 'CRM export', version: '1.0.0' },
        servers: [{ url: `https://${outboundHost}/v1` }],
        paths: {
          '/notes': {
            post: {
              operationId: 'postNote',
              requestBody: {
                content: {
                  'application/json': {
                    schema: { type: 'object', properties: { text: { type: 'string' } } },
                  },
                },
              },
              responses: { '200': { description: 'stored' } },
            },
          },
        },
      },
      auth: { type: 'anonymous' },
    },
  };
}

/** The manifest side: assets, edges and planted risks of a project's agents. */
function agentTruth(
  wl: Workload,
  ai: AiAccount,
  proj: AgentProject,
  { assistant, researcher, triage }: Record<'assistant' | 'researcher' | 'triage', FoundryAgent>,
  outboundHost: string | undefined,
): void {
  const { truth } = wl.sub.t;
  const { subscriptionId, location } = wl.sub;
  const agents = [assistant, researcher, triage];
  const exfil = outboundHost !== undefined;
  const asset = (a: FoundryAgent) => agentAssetId(proj.projId, a.id);
  const tool = (a: FoundryAgent, type: string) => {
    const t = truth.asset(
      agentAssetId(proj.projId, a.id, type),
      'agent-tool',
      TOOL_TYPE,
      subscriptionId,
      location,
      `${a.name}/${type}`,
    );
    truth.edge('contains', proj.projAsset, t);
    truth.edge('uses-tool', asset(a), t);
    return t;
  };
  for (const a of agents) {
    // Tools (OpenAPI with managed identity, AI Search, file search, connected agents) act as the project's identity.
    const recorded = recordFoundryAgent(wl, ai, proj, asset(a), a.name as string);
    const { agentAsset } = recorded;
    let { risky } = recorded;
    if (a === researcher && exfil) {
      risky = true;
      truth.risk(
        agentAsset,
        'agent-injection-exfiltration',
        `agent ${a.name} grounds on Bing web search and can post to ${outboundHost} through its OpenAPI tool`,
      );
    }
    // Sharing the project's identity with the project's other agents is how Foundry works, not a planted risk
    // (aispm-aws-bedrock-agent-role-shared passes it).
    if (!risky) truth.markClean(agentAsset);
  }
  for (const t of [tool(assistant, 'code_interpreter'), tool(assistant, 'file_search')]) truth.markClean(t);
  truth.edge('uses-tool', asset(researcher), id(proj.bingConnId));
  if (exfil) tool(researcher, 'openapi');
  else truth.edge('uses-tool', asset(researcher), id(proj.searchConnId));
  truth.edge('uses-tool', asset(triage), asset(assistant));
  if (wl.p.foreignInvoker) agentPath(wl, ai, proj, agents.map(asset));
}

/**
 * Where the partner tenant may call the account, its agent operators' group also holds Azure AI User on the project:
 * it drives the project's agents, which act as the project's identity, which reads the RAG documents. One path per
 * project, through the agent whose id sorts first (the search visits neighbours in id order); the fix that cuts it
 * is the role assignment on the project.
 */
function agentPath(wl: Workload, ai: AiAccount, proj: AgentProject, agentAssets: string[]): void {
  const [agent] = [...agentAssets].sort();
  if (!agent) return;
  const arng = wl.wrng.fork('foundry-agents');
  const group = guid(arng.fork('foreign-agent-operators'));
  assignRole(
    wl.sub,
    arng.fork('ra-foreign-agent-operators'),
    proj.projId,
    'Azure AI User',
    group,
    'ForeignGroup',
    `partner tenant ${wl.sub.t.foreignTenantId} agent operators`,
  );
  const ext = externalPrincipalId('azure', group);
  wl.sub.t.truth.edge('can-invoke', ext, proj.projAsset);
  // The role assignment on the project is inherited by every agent of it: each is driven from outside.
  for (const a of agentAssets)
    wl.sub.t.truth.risk(
      a,
      'endpoint-external-principal',
      `partner-tenant group ${group} holds Azure AI User on project ${proj.projName}, which its agents inherit`,
    );
  wl.sub.t.truth.path(
    `azure-foreign-agent-data-${ai.aiName}-${proj.projName}`,
    [ext, proj.projAsset, agent, proj.identityAsset, proj.dataStoreAsset],
    proj.projAsset,
    'partner-tenant group drives a Foundry agent, which reads the RAG documents as the project identity',
  );
}
