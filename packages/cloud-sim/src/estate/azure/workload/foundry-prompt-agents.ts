import type { FoundryVersionedAgent } from '../../../azure/model.ts';
import { CREATED, id } from '../common.ts';
import type { AiAccount } from './ai-account.ts';
import { recordFoundryAgent, TOOL_TYPE } from './foundry-agent-truth.ts';
import type { AgentProject } from './foundry-agents.ts';
import type { Workload } from './index.ts';

const MCP_TOOL_TYPE = `${TOOL_TYPE}#mcp`;
/** The new agents were made a day after the classic ones (their listing orders by creation time). */
const CREATED_AT = Math.floor(Date.parse(CREATED) / 1000) + 86_400;

/** The manifest id of a (new) Foundry agent, or of one of its tools (`…/agents/{name}/tools/{type}[/{label}]`). */
export function promptAgentAssetId(projId: string, name: string, tool?: string): string {
  return id(`${projId}/agents/${name}${tool ? `/tools/${tool}` : ''}`);
}

interface McpPlan {
  label: string;
  risks: { concept: 'mcp-server-no-auth' | 'mcp-server-no-approval'; detail: string }[];
}

/**
 * The project's agents of the new Foundry Agent Service (prompt agents, served by `@azure/ai-projects`), and their
 * truth:
 * - a helper with an MCP tool: where the profile plants it (`foundryMcpNoAuth`), to a partner's server with no
 *   project connection and no credential, calls never approved (the risky case); else its clean twin, reaching the
 *   server through the project's OAuth MCP connection with every call approved;
 * - a scout grounding on web search with an MCP tool to an outside CRM: where the profile plants the exfiltration pair
 *   (`foundryAgentExfil`) its calls are never approved (the MCP route of injection → exfiltration); else every call is.
 * The scout's MCP tool carries a credential in the definition (an API-key header, or an OAuth token): the scanner
 * must keep neither.
 */
export function promptAgents(wl: Workload, ai: AiAccount, proj: AgentProject): FoundryVersionedAgent[] {
  const chat = ai.chat;
  if (!chat) return [];
  const { app, p } = wl;
  const arng = wl.wrng.fork('foundry-prompt-agents');
  const version = (n: number, name: string, description: string, tools: Record<string, unknown>[]) => {
    const v = n + 1;
    const latest = {
      object: 'agent.version' as const,
      id: `${name}:${v}`,
      name,
      version: String(v),
      description,
      created_at: CREATED_AT + n * 3600,
      metadata: { team: app },
      status: 'active' as const,
      definition: {
        kind: 'prompt',
        model: chat.name,
        instructions: 'Use your tools to answer; cite what they return.',
        tools,
      },
    };
    return { object: 'agent' as const, id: name, name, versions: { latest } };
  };

  const partnerHost = `mcp.${app}-partner.example.net`;
  const helperRisky = p.foundryMcpNoAuth;
  const helperTool = helperRisky
    ? {
        type: 'mcp',
        server_label: 'partner_orders',
        server_url: `https://${partnerHost}/mcp`,
        require_approval: 'never',
        allowed_tools: ['lookup_order', 'update_order'],
      }
    : {
        type: 'mcp',
        server_label: 'github',
        server_url: 'https://api.githubcopilot.example.com/mcp',
        project_connection_id: `${proj.projId}/connections/github-mcp`,
        require_approval: 'always',
      };
  const helper = version(0, `${app}-mcp-helper`, 'Looks things up through an MCP server', [helperTool]);

  const crmHost = `mcp.${app}-crm.example.com`;
  const exfil = p.foundryAgentExfil;
  const secret = arng.fork('crm-credential').hex(32);
  const scoutMcp = {
    type: 'mcp',
    server_label: 'crm',
    server_url: `https://${crmHost}/mcp`,
    ...(exfil
      ? { headers: { 'x-api-key': `crm_live_${secret}` }, require_approval: 'never' }
      : { authorization: `eyJhbGciOiJub25lIn0.${secret}`, require_approval: 'always' }),
  };
  const scout = version(1, `${app}-web-scout`, 'Researches the web and files notes in the CRM', [
    { type: 'web_search', search_context_size: 'medium' },
    scoutMcp,
  ]);

  promptAgentTruth(wl, ai, proj, [
    {
      agent: helper,
      tools: [],
      mcp: {
        label: helperTool.server_label,
        risks: helperRisky
          ? [
              { concept: 'mcp-server-no-auth', detail: `calls ${partnerHost} with no credential` },
              {
                concept: 'mcp-server-no-approval',
                detail: `calls ${partnerHost} with require_approval never`,
              },
            ]
          : [],
      },
    },
    {
      agent: scout,
      tools: ['web_search'],
      exfil: exfil ? crmHost : undefined,
      mcp: {
        label: 'crm',
        risks: exfil
          ? [{ concept: 'mcp-server-no-approval', detail: `calls ${crmHost} with require_approval never` }]
          : [],
      },
    },
  ]);
  return [helper, scout];
}

interface Planted {
  agent: FoundryVersionedAgent;
  /** Built-in tools (asset per type). */
  tools: string[];
  mcp: McpPlan;
  /** The outside host of the planted injection → exfiltration pair. */
  exfil?: string | undefined;
}

/** The manifest side: assets, edges and planted risks of the project's new agents and their tools. */
function promptAgentTruth(wl: Workload, ai: AiAccount, proj: AgentProject, planted: Planted[]): void {
  const { truth } = wl.sub.t;
  const { subscriptionId, location } = wl.sub;
  for (const { agent, tools, mcp, exfil } of planted) {
    // Like classic agents, a prompt agent's tools act as the project's identity.
    const recorded = recordFoundryAgent(
      wl,
      ai,
      proj,
      promptAgentAssetId(proj.projId, agent.name),
      agent.name,
    );
    const { agentAsset } = recorded;
    let { risky } = recorded;
    if (exfil) {
      risky = true;
      truth.risk(
        agentAsset,
        'agent-injection-exfiltration',
        `agent ${agent.name} grounds on web search and calls the MCP server at ${exfil} without approval`,
      );
    }
    // Where the partner tenant's agent operators hold Azure AI User on the project (foundry-agents.ts `agentPath`),
    // they drive every agent in it: the grant on the host is a grant on the agent.
    if (wl.p.foreignInvoker) {
      risky = true;
      truth.risk(
        agentAsset,
        'endpoint-external-principal',
        `agent ${agent.name} is driven by a partner-tenant group through its Azure AI User role on the project`,
      );
    }
    if (!risky) truth.markClean(agentAsset);
    for (const type of tools) {
      const t = truth.asset(
        promptAgentAssetId(proj.projId, agent.name, type),
        'agent-tool',
        TOOL_TYPE,
        subscriptionId,
        location,
        `${agent.name}/${type}`,
      );
      truth.edge('contains', proj.projAsset, t);
      truth.edge('uses-tool', agentAsset, t);
      truth.markClean(t);
    }
    const server = truth.asset(
      promptAgentAssetId(proj.projId, agent.name, `mcp/${mcp.label}`),
      'mcp-server',
      MCP_TOOL_TYPE,
      subscriptionId,
      location,
      `${agent.name}/mcp/${mcp.label}`,
    );
    truth.edge('contains', proj.projAsset, server);
    truth.edge('uses-tool', agentAsset, server);
    for (const r of mcp.risks)
      truth.risk(server, r.concept, `agent ${agent.name}'s MCP tool ${mcp.label} ${r.detail}`);
    if (mcp.risks.length === 0) truth.markClean(server);
  }
}
