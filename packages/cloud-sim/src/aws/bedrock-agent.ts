import type { BedrockAgent, BedrockKnowledgeBase } from './model.ts';
import { AwsError, numberParam, type OpContext, paginate } from './protocol.ts';
import { type AwsService, json, RestRouter } from './service.ts';

const router = new RestRouter()
  .add('POST', '/agents', 'ListAgents')
  .add('GET', '/agents/{agentId}', 'GetAgent')
  .add('POST', '/agents/{agentId}/agentversions/{agentVersion}/actiongroups', 'ListAgentActionGroups')
  .add(
    'GET',
    '/agents/{agentId}/agentversions/{agentVersion}/actiongroups/{actionGroupId}',
    'GetAgentActionGroup',
  )
  .add('POST', '/agents/{agentId}/agentversions/{agentVersion}/knowledgebases', 'ListAgentKnowledgeBases')
  .add('POST', '/knowledgebases', 'ListKnowledgeBases')
  .add('GET', '/knowledgebases/{knowledgeBaseId}', 'GetKnowledgeBase')
  .add('POST', '/knowledgebases/{knowledgeBaseId}/datasources', 'ListDataSources')
  .add('GET', '/knowledgebases/{knowledgeBaseId}/datasources/{dataSourceId}', 'GetDataSource');

/** Bedrock Agent shares the `bedrock` signing name; its operations live under these path prefixes. */
export function isBedrockAgentPath(pathname: string): boolean {
  return /^\/(agents|knowledgebases)(\/|$)/.test(pathname);
}

function page<T>(c: OpContext, items: readonly T[]) {
  return paginate(items, c.input.nextToken as string | undefined, numberParam(c.input.maxResults), c.endless);
}

function agentOf(c: OpContext): BedrockAgent {
  const id = c.path.agentId as string;
  const a = c.regional.agents.find((x) => x.agent.agentId === id);
  if (!a) throw new AwsError('ResourceNotFoundException', 404, `Agent ${id} not found`);
  return a;
}

function kbOf(c: OpContext): BedrockKnowledgeBase {
  const id = c.path.knowledgeBaseId as string;
  const kb = c.regional.knowledgeBases.find((x) => x.knowledgeBase.knowledgeBaseId === id);
  if (!kb) throw new AwsError('ResourceNotFoundException', 404, `Knowledge base ${id} not found`);
  return kb;
}

export const bedrockAgent: AwsService = {
  protocol: 'restJson',
  actionPrefix: 'bedrock',
  resolve: (req) => router.match(req.method, req.url.pathname),
  handle(name, c) {
    switch (name) {
      case 'ListAgents': {
        const { page: items, next } = page(c, c.regional.agents);
        return json({
          agentSummaries: items.map(({ agent: a }) => ({
            agentId: a.agentId,
            agentName: a.agentName,
            agentStatus: a.agentStatus,
            description: a.description,
            updatedAt: a.updatedAt,
            latestAgentVersion: a.agentVersion,
            guardrailConfiguration: a.guardrailConfiguration,
          })),
          nextToken: next,
        });
      }
      case 'GetAgent':
        return json({ agent: agentOf(c).agent });
      case 'ListAgentActionGroups': {
        const { page: items, next } = page(c, agentOf(c).actionGroups);
        return json({
          actionGroupSummaries: items.map((g) => ({
            actionGroupId: g.actionGroupId,
            actionGroupName: g.actionGroupName,
            actionGroupState: g.actionGroupState,
            description: g.description,
            updatedAt: g.updatedAt,
          })),
          nextToken: next,
        });
      }
      case 'GetAgentActionGroup': {
        const id = c.path.actionGroupId as string;
        const g = agentOf(c).actionGroups.find((x) => x.actionGroupId === id);
        if (!g) throw new AwsError('ResourceNotFoundException', 404, `Action group ${id} not found`);
        return json({ agentActionGroup: g });
      }
      case 'ListAgentKnowledgeBases': {
        const { page: items, next } = page(c, agentOf(c).knowledgeBases);
        return json({ agentKnowledgeBaseSummaries: items, nextToken: next });
      }
      case 'ListKnowledgeBases': {
        const { page: items, next } = page(c, c.regional.knowledgeBases);
        return json({
          knowledgeBaseSummaries: items.map(({ knowledgeBase: kb }) => ({
            knowledgeBaseId: kb.knowledgeBaseId,
            name: kb.name,
            description: kb.description,
            status: kb.status,
            updatedAt: kb.updatedAt,
          })),
          nextToken: next,
        });
      }
      case 'GetKnowledgeBase':
        return json({ knowledgeBase: kbOf(c).knowledgeBase });
      case 'ListDataSources': {
        const { page: items, next } = page(c, kbOf(c).dataSources);
        return json({
          dataSourceSummaries: items.map((d) => ({
            knowledgeBaseId: d.knowledgeBaseId,
            dataSourceId: d.dataSourceId,
            name: d.name,
            status: d.status,
            description: d.description,
            updatedAt: d.updatedAt,
          })),
          nextToken: next,
        });
      }
      case 'GetDataSource': {
        const id = c.path.dataSourceId as string;
        const d = kbOf(c).dataSources.find((x) => x.dataSourceId === id);
        if (!d) throw new AwsError('ResourceNotFoundException', 404, `Data source ${id} not found`);
        return json({ dataSource: d });
      }
      default:
        throw new AwsError('UnknownOperationException', 404, `Unknown operation ${name}`);
    }
  },
};
