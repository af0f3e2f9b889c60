import type { AgentCoreGateway, ApiObject } from './model.ts';
import { AwsError, numberParam, type OpContext, paginate } from './protocol.ts';
import { type AwsService, json, RestRouter } from './service.ts';

/**
 * Bedrock AgentCore's control plane (`bedrock-agentcore-control`, signing name `bedrock-agentcore`): agent
 * runtimes, gateways and their targets, code interpreters and browsers. Lists page with `maxResults` /
 * `nextToken` in the query string (even the POST lists), and Get answers with the resource at the top level.
 */
const router = new RestRouter()
  .add('POST', '/runtimes/', 'ListAgentRuntimes')
  .add('GET', '/runtimes/{agentRuntimeId}/', 'GetAgentRuntime')
  .add('GET', '/gateways/', 'ListGateways')
  .add('GET', '/gateways/{gatewayIdentifier}/', 'GetGateway')
  .add('GET', '/gateways/{gatewayIdentifier}/targets/', 'ListGatewayTargets')
  .add('GET', '/gateways/{gatewayIdentifier}/targets/{targetId}/', 'GetGatewayTarget')
  .add('POST', '/code-interpreters', 'ListCodeInterpreters')
  .add('GET', '/code-interpreters/{codeInterpreterId}', 'GetCodeInterpreter')
  .add('POST', '/browsers', 'ListBrowsers')
  .add('GET', '/browsers/{browserId}', 'GetBrowser');

function page<T>(c: OpContext, items: readonly T[]) {
  return paginate(items, c.params.get('nextToken'), numberParam(c.params.get('maxResults')), c.endless);
}

/** The item whose id field (or ARN field) is the path's identifier, or the API's 404. */
function find<T>(
  items: readonly T[],
  of: (x: T) => ApiObject,
  idField: string,
  arnField: string,
  id: string,
  what: string,
): T {
  const found = items.find((x) => of(x)[idField] === id || of(x)[arnField] === id);
  if (!found) throw new AwsError('ResourceNotFoundException', 404, `${what} ${id} not found`);
  return found;
}

const same = (x: ApiObject) => x;

function gatewayOf(c: OpContext): AgentCoreGateway {
  return find(
    c.regional.agentCore.gateways,
    (g) => g.gateway,
    'gatewayId',
    'gatewayArn',
    c.path.gatewayIdentifier as string,
    'Gateway',
  );
}

/** The fields of a Get output its List summary carries (the rest is read per item). */
function pick(x: ApiObject, fields: readonly string[]): ApiObject {
  return Object.fromEntries(fields.filter((f) => x[f] !== undefined).map((f) => [f, x[f]]));
}

const RUNTIME_SUMMARY = [
  'agentRuntimeArn',
  'agentRuntimeId',
  'agentRuntimeVersion',
  'agentRuntimeName',
  'description',
  'lastUpdatedAt',
  'status',
];
const GATEWAY_SUMMARY = [
  'gatewayId',
  'name',
  'status',
  'createdAt',
  'updatedAt',
  'authorizerType',
  'description',
  'protocolType',
];
const TARGET_SUMMARY = ['targetId', 'name', 'status', 'createdAt', 'updatedAt', 'description'];
const CODE_INTERPRETER_SUMMARY = [
  'codeInterpreterId',
  'codeInterpreterArn',
  'status',
  'createdAt',
  'name',
  'description',
  'lastUpdatedAt',
];
const BROWSER_SUMMARY = [
  'browserId',
  'browserArn',
  'status',
  'createdAt',
  'name',
  'description',
  'lastUpdatedAt',
];

export const bedrockAgentCore: AwsService = {
  protocol: 'restJson',
  actionPrefix: 'bedrock-agentcore',
  resolve: (req) => router.match(req.method, req.url.pathname),
  handle(name, c) {
    const ac = c.regional.agentCore;
    switch (name) {
      case 'ListAgentRuntimes': {
        const { page: items, next } = page(c, ac.runtimes);
        return json({ agentRuntimes: items.map((r) => pick(r, RUNTIME_SUMMARY)), nextToken: next });
      }
      case 'GetAgentRuntime':
        return json(
          find(
            ac.runtimes,
            same,
            'agentRuntimeId',
            'agentRuntimeArn',
            c.path.agentRuntimeId as string,
            'Runtime',
          ),
        );
      case 'ListGateways': {
        const { page: items, next } = page(c, ac.gateways);
        return json({ items: items.map((g) => pick(g.gateway, GATEWAY_SUMMARY)), nextToken: next });
      }
      case 'GetGateway':
        return json(gatewayOf(c).gateway);
      case 'ListGatewayTargets': {
        const { page: items, next } = page(c, gatewayOf(c).targets);
        return json({ items: items.map((t) => pick(t, TARGET_SUMMARY)), nextToken: next });
      }
      case 'GetGatewayTarget':
        return json(
          find(gatewayOf(c).targets, same, 'targetId', 'targetId', c.path.targetId as string, 'Target'),
        );
      case 'ListCodeInterpreters': {
        const { page: items, next } = page(c, ac.codeInterpreters);
        return json({
          codeInterpreterSummaries: items.map((x) => pick(x, CODE_INTERPRETER_SUMMARY)),
          nextToken: next,
        });
      }
      case 'GetCodeInterpreter':
        return json(
          find(
            ac.codeInterpreters,
            same,
            'codeInterpreterId',
            'codeInterpreterArn',
            c.path.codeInterpreterId as string,
            'Code interpreter',
          ),
        );
      case 'ListBrowsers': {
        const { page: items, next } = page(c, ac.browsers);
        return json({ browserSummaries: items.map((x) => pick(x, BROWSER_SUMMARY)), nextToken: next });
      }
      case 'GetBrowser':
        return json(
          find(ac.browsers, same, 'browserId', 'browserArn', c.path.browserId as string, 'Browser'),
        );
      default:
        throw new AwsError('UnknownOperationException', 404, `Unknown operation ${name}`);
    }
  },
};
