import {
  type Agent,
  type AgentActionGroup,
  type AgentKnowledgeBaseSummary,
  BedrockAgentClient,
  type DataSource,
  GetAgentActionGroupCommand,
  GetAgentCommand,
  GetDataSourceCommand,
  GetKnowledgeBaseCommand,
  type KnowledgeBase,
  paginateListAgentActionGroups,
  paginateListAgentKnowledgeBases,
  paginateListAgents,
  paginateListDataSources,
  paginateListKnowledgeBases,
} from '@aws-sdk/client-bedrock-agent';
import { collectPages, mapLimit } from '../../shared/paging.ts';
import type { AwsFetchEnv } from '../service.ts';

/** The working draft is what an agent's aliases are prepared from and what the console edits. */
export const AGENT_VERSION = 'DRAFT';

export interface RawAgent {
  agent: Agent;
  actionGroups: AgentActionGroup[];
  knowledgeBases: AgentKnowledgeBaseSummary[];
}

export interface RawKnowledgeBase {
  knowledgeBase: KnowledgeBase;
  dataSources: DataSource[];
}

export interface RawBedrockAgent {
  agents: RawAgent[];
  knowledgeBases: RawKnowledgeBase[];
}

export async function fetchBedrockAgent(env: AwsFetchEnv): Promise<RawBedrockAgent> {
  const client = env.clients.get(BedrockAgentClient);
  const pager = { client };
  const agentSummaries = await env.gaps.list('ListAgents', 'bedrock:ListAgents', () =>
    collectPages(paginateListAgents(pager, {}), (p) => p.agentSummaries),
  );
  const agents = (
    await mapLimit(agentSummaries, env.fanOut, async (s): Promise<RawAgent | undefined> => {
      const agentId = s.agentId as string;
      const agentArn = `arn:aws:bedrock:${env.region}:${env.accountId}:agent/${agentId}`;
      const got = await env.gaps.item('GetAgent', agentArn, () =>
        client.send(new GetAgentCommand({ agentId })),
      );
      // Denied: the agent is kept from its list entry; its configuration facts are unknown.
      const agent =
        got === undefined
          ? ({
              agentId,
              agentArn,
              agentName: s.agentName,
              agentStatus: s.agentStatus,
              updatedAt: s.updatedAt,
            } as Agent)
          : got.agent;
      if (!agent) return undefined;
      const groupSummaries = await env.gaps.list(
        'ListAgentActionGroups',
        'bedrock:ListAgentActionGroups',
        () =>
          collectPages(
            paginateListAgentActionGroups(pager, { agentId, agentVersion: AGENT_VERSION }),
            (p) => p.actionGroupSummaries,
          ),
      );
      const actionGroups = await mapLimit(groupSummaries, env.fanOut, async (g) => {
        const id = `${agentArn}/action-group/${g.actionGroupId}`;
        const out = await env.gaps.item('GetAgentActionGroup', id, () =>
          client.send(
            new GetAgentActionGroupCommand({
              agentId,
              agentVersion: AGENT_VERSION,
              actionGroupId: g.actionGroupId,
            }),
          ),
        );
        return out === undefined
          ? ({
              agentId,
              agentVersion: AGENT_VERSION,
              actionGroupId: g.actionGroupId,
              actionGroupName: g.actionGroupName,
              actionGroupState: g.actionGroupState,
            } as AgentActionGroup)
          : out.agentActionGroup;
      });
      const knowledgeBases = await env.gaps.list(
        'ListAgentKnowledgeBases',
        'bedrock:ListAgentKnowledgeBases',
        () =>
          collectPages(
            paginateListAgentKnowledgeBases(pager, { agentId, agentVersion: AGENT_VERSION }),
            (p) => p.agentKnowledgeBaseSummaries,
          ),
      );
      return {
        agent,
        actionGroups: actionGroups.filter((g): g is AgentActionGroup => Boolean(g)),
        knowledgeBases,
      };
    })
  ).filter((a): a is RawAgent => Boolean(a));

  const kbSummaries = await env.gaps.list('ListKnowledgeBases', 'bedrock:ListKnowledgeBases', () =>
    collectPages(paginateListKnowledgeBases(pager, {}), (p) => p.knowledgeBaseSummaries),
  );
  const knowledgeBases = (
    await mapLimit(kbSummaries, env.fanOut, async (s): Promise<RawKnowledgeBase | undefined> => {
      const knowledgeBaseId = s.knowledgeBaseId as string;
      const kbArn = `arn:aws:bedrock:${env.region}:${env.accountId}:knowledge-base/${knowledgeBaseId}`;
      const got = await env.gaps.item('GetKnowledgeBase', kbArn, () =>
        client.send(new GetKnowledgeBaseCommand({ knowledgeBaseId })),
      );
      const knowledgeBase =
        got === undefined
          ? ({
              knowledgeBaseId,
              knowledgeBaseArn: kbArn,
              name: s.name,
              status: s.status,
              updatedAt: s.updatedAt,
            } as KnowledgeBase)
          : got.knowledgeBase;
      if (!knowledgeBase) return undefined;
      const dsSummaries = await env.gaps.list('ListDataSources', 'bedrock:ListDataSources', () =>
        collectPages(paginateListDataSources(pager, { knowledgeBaseId }), (p) => p.dataSourceSummaries),
      );
      const dataSources = await mapLimit(dsSummaries, env.fanOut, async (d) => {
        const out = await env.gaps.item('GetDataSource', kbArn, () =>
          client.send(new GetDataSourceCommand({ knowledgeBaseId, dataSourceId: d.dataSourceId })),
        );
        return out?.dataSource;
      });
      return {
        knowledgeBase,
        dataSources: dataSources.filter((d): d is DataSource => Boolean(d)),
      };
    })
  ).filter((k): k is RawKnowledgeBase => Boolean(k));
  return { agents, knowledgeBases };
}
