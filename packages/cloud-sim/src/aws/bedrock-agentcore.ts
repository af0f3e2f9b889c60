import type { AgentCoreGateway, AgentCorePolicyEngine, ApiObject, PolicyDocument } from './model.ts';
import { AwsError, numberParam, type OpContext, paginate } from './protocol.ts';
import { type AwsService, json, RestRouter } from './service.ts';

/**
 * Bedrock AgentCore's control plane (`bedrock-agentcore-control`, signing name `bedrock-agentcore`): agent
 * runtimes, gateways and their targets, code interpreters and browsers; memories; and AgentCore Identity (workload
 * identities, credential providers, the token vault); and AgentCore Policy (policy engines and their Cedar
 * policies). Runtimes are reached through their endpoints (DEFAULT and named ones, `…:runtime/<id>/runtime-endpoint/
 * <name>`); runtimes, their endpoints, gateways and memories may each carry a resource-based policy. Runtime, gateway, tool and policy lists page with `maxResults` / `nextToken` in the query string (even
 * the POST lists), memory and identity lists in the JSON body.
 */
const router = new RestRouter()
  .add('POST', '/runtimes/', 'ListAgentRuntimes')
  .add('GET', '/runtimes/{agentRuntimeId}/', 'GetAgentRuntime')
  .add('POST', '/runtimes/{agentRuntimeId}/runtime-endpoints/', 'ListAgentRuntimeEndpoints')
  .add('GET', '/runtimes/{agentRuntimeId}/runtime-endpoints/{endpointName}/', 'GetAgentRuntimeEndpoint')
  .add('GET', '/gateways/', 'ListGateways')
  .add('GET', '/gateways/{gatewayIdentifier}/', 'GetGateway')
  .add('GET', '/gateways/{gatewayIdentifier}/targets/', 'ListGatewayTargets')
  .add('GET', '/gateways/{gatewayIdentifier}/targets/{targetId}/', 'GetGatewayTarget')
  .add('POST', '/code-interpreters', 'ListCodeInterpreters')
  .add('GET', '/code-interpreters/{codeInterpreterId}', 'GetCodeInterpreter')
  .add('POST', '/browsers', 'ListBrowsers')
  .add('GET', '/browsers/{browserId}', 'GetBrowser')
  .add('POST', '/memories/', 'ListMemories')
  .add('GET', '/memories/{memoryId}/details', 'GetMemory')
  .add('POST', '/identities/ListWorkloadIdentities', 'ListWorkloadIdentities')
  .add('POST', '/identities/GetWorkloadIdentity', 'GetWorkloadIdentity')
  .add('POST', '/identities/ListApiKeyCredentialProviders', 'ListApiKeyCredentialProviders')
  .add('POST', '/identities/ListOauth2CredentialProviders', 'ListOauth2CredentialProviders')
  .add('POST', '/identities/get-token-vault', 'GetTokenVault')
  .add('GET', '/resourcepolicy/{resourceArn}', 'GetResourcePolicy')
  .add('GET', '/policy-engines', 'ListPolicyEngines')
  .add('GET', '/policy-engines/{policyEngineId}', 'GetPolicyEngine')
  .add('GET', '/policy-engines/{policyEngineId}/policies', 'ListPolicies')
  .add('GET', '/policy-engines/{policyEngineId}/policies/{policyId}', 'GetPolicy');

function page<T>(c: OpContext, items: readonly T[]) {
  return paginate(items, c.params.get('nextToken'), numberParam(c.params.get('maxResults')), c.endless);
}

/** Memory and identity lists page in the JSON body instead (`maxResults` / `nextToken` members). */
function bodyPage<T>(c: OpContext, items: readonly T[]) {
  return paginate(items, c.input.nextToken as string | undefined, numberParam(c.input.maxResults), c.endless);
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

/**
 * A runtime's, runtime endpoint's, gateway's or memory's resource-based policy. A resource without one answers
 * ResourceNotFoundException, as does an ARN that names no such resource of the region.
 */
function resourcePolicyOf(c: OpContext): PolicyDocument {
  const arn = c.path.resourceArn as string;
  const policy = c.regional.agentCore.resourcePolicies[arn];
  if (!policy) throw new AwsError('ResourceNotFoundException', 404, `No resource policy for ${arn}`);
  return policy;
}

/** The fields of a Get output its List summary carries (the rest is read per item). */
function pick(x: ApiObject, fields: readonly string[]): ApiObject {
  return Object.fromEntries(fields.filter((f) => x[f] !== undefined).map((f) => [f, x[f]]));
}

/** The runtime the path's `agentRuntimeId` names (its id or ARN), or the API's 404. */
function runtimeOf(c: OpContext): ApiObject {
  return find(
    c.regional.agentCore.runtimes,
    same,
    'agentRuntimeId',
    'agentRuntimeArn',
    c.path.agentRuntimeId as string,
    'Runtime',
  );
}

/** The endpoints of the path's runtime (a runtime that does not exist answers 404, not an empty list). */
function endpointsOf(c: OpContext): ApiObject[] {
  const runtimeArn = runtimeOf(c).agentRuntimeArn;
  return c.regional.agentCore.runtimeEndpoints.filter((e) => e.agentRuntimeArn === runtimeArn);
}

/** The list item is the whole endpoint but the failure reason, which only GetAgentRuntimeEndpoint reports. */
const ENDPOINT_SUMMARY = [
  'name',
  'liveVersion',
  'targetVersion',
  'agentRuntimeEndpointArn',
  'agentRuntimeArn',
  'status',
  'id',
  'description',
  'createdAt',
  'lastUpdatedAt',
];

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
const MEMORY_SUMMARY = ['arn', 'id', 'status', 'createdAt', 'updatedAt', 'managedByResourceArn'];
const WORKLOAD_IDENTITY_SUMMARY = ['name', 'workloadIdentityArn'];
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
        return json(runtimeOf(c));
      case 'ListAgentRuntimeEndpoints': {
        const { page: items, next } = page(c, endpointsOf(c));
        return json({ runtimeEndpoints: items.map((e) => pick(e, ENDPOINT_SUMMARY)), nextToken: next });
      }
      case 'GetAgentRuntimeEndpoint':
        return json(
          find(
            endpointsOf(c),
            same,
            'name',
            'agentRuntimeEndpointArn',
            c.path.endpointName as string,
            'Endpoint',
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
      case 'GetResourcePolicy':
        return json({ policy: JSON.stringify(resourcePolicyOf(c)) });
      default:
        return identityOperation(name, c);
    }
  },
};

/** Memory and AgentCore Identity: memories, workload identities, credential providers, the token vault. */
function identityOperation(name: string, c: OpContext): string {
  const ac = c.regional.agentCore;
  switch (name) {
    case 'ListMemories': {
      const { page: items, next } = bodyPage(c, ac.memories);
      return json({ memories: items.map((m) => pick(m, MEMORY_SUMMARY)), nextToken: next });
    }
    case 'GetMemory':
      return json({ memory: find(ac.memories, same, 'id', 'arn', c.path.memoryId as string, 'Memory') });
    case 'ListWorkloadIdentities': {
      const { page: items, next } = bodyPage(c, ac.workloadIdentities);
      return json({
        workloadIdentities: items.map((w) => pick(w, WORKLOAD_IDENTITY_SUMMARY)),
        nextToken: next,
      });
    }
    case 'GetWorkloadIdentity':
      return json(
        find(ac.workloadIdentities, same, 'name', 'name', String(c.input.name), 'Workload identity'),
      );
    case 'ListApiKeyCredentialProviders': {
      const { page: items, next } = bodyPage(c, ac.apiKeyCredentialProviders);
      return json({ credentialProviders: items, nextToken: next });
    }
    case 'ListOauth2CredentialProviders': {
      const { page: items, next } = bodyPage(c, ac.oauth2CredentialProviders);
      return json({ credentialProviders: items, nextToken: next });
    }
    case 'GetTokenVault': {
      const id = (c.input.tokenVaultId as string | undefined) ?? 'default';
      if (!ac.tokenVault || ac.tokenVault.tokenVaultId !== id)
        throw new AwsError('ResourceNotFoundException', 404, `Token vault ${id} not found`);
      return json(ac.tokenVault);
    }
    default:
      return policyOperation(name, c);
  }
}

/**
 * AgentCore Policy lists page 10 items by default and take `maxResults` 1–100 (the API reference's range; outside
 * it the service answers ValidationException).
 */
function policyPage<T>(c: OpContext, items: readonly T[]) {
  const requested = numberParam(c.params.get('maxResults'));
  if (requested !== undefined && (!Number.isInteger(requested) || requested < 1 || requested > 100))
    throw new AwsError('ValidationException', 400, 'maxResults must be between 1 and 100');
  return paginate(items, c.params.get('nextToken'), requested ?? 10, c.endless, 100);
}

function policyEngineOf(c: OpContext): AgentCorePolicyEngine {
  const id = c.path.policyEngineId as string;
  const found = c.regional.agentCore.policyEngines.find((e) => e.engine.policyEngineId === id);
  if (!found) throw new AwsError('ResourceNotFoundException', 404, `Policy engine ${id} not found`);
  return found;
}

/**
 * AgentCore Policy: policy engines and the Cedar policies each holds. The list outputs carry whole items (the
 * same members as the Gets, definitions included), so a reader needs no Get per item. `targetResourceScope` is
 * accepted and not applied: every policy of the engine is listed.
 */
function policyOperation(name: string, c: OpContext): string {
  switch (name) {
    case 'ListPolicyEngines': {
      const { page: items, next } = policyPage(c, c.regional.agentCore.policyEngines);
      return json({ policyEngines: items.map((e) => e.engine), nextToken: next });
    }
    case 'GetPolicyEngine':
      return json(policyEngineOf(c).engine);
    case 'ListPolicies': {
      const { page: items, next } = policyPage(c, policyEngineOf(c).policies);
      return json({ policies: items, nextToken: next });
    }
    case 'GetPolicy':
      return json(
        find(policyEngineOf(c).policies, same, 'policyId', 'policyArn', c.path.policyId as string, 'Policy'),
      );
    default:
      throw new AwsError('UnknownOperationException', 404, `Unknown operation ${name}`);
  }
}
