import {
  type AgentRuntimeEndpoint,
  BedrockAgentCoreControlClient,
  GetAgentRuntimeCommand,
  type GetAgentRuntimeResponse,
  GetBrowserCommand,
  type GetBrowserResponse,
  GetCodeInterpreterCommand,
  type GetCodeInterpreterResponse,
  GetGatewayCommand,
  type GetGatewayResponse,
  GetGatewayTargetCommand,
  type GetGatewayTargetResponse,
  paginateListAgentRuntimeEndpoints,
  paginateListAgentRuntimes,
  paginateListBrowsers,
  paginateListCodeInterpreters,
  paginateListGateways,
  paginateListGatewayTargets,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { collectPages, mapLimit } from '../../shared/paging.ts';
import type { AwsFetchEnv } from '../service.ts';
import { fetchAgentCoreIdentity, type RawAgentCoreIdentity } from './fetch-identity.ts';
import { fetchPolicyEngines, type RawPolicyEngines } from './fetch-policy.ts';
import { agentCorePolicyReader, type RawResourcePolicy } from './resource-policy.ts';

export { type RawResourcePolicy, readResourcePolicy } from './resource-policy.ts';

/** A gateway target as read, or only its list entry when GetGatewayTarget was denied. */
export interface RawGatewayTarget {
  target: GetGatewayTargetResponse;
  /** GetGatewayTarget failed: only the list entry's fields are real. */
  partial?: boolean;
}

export interface RawGateway {
  gateway: GetGatewayResponse;
  partial?: boolean;
  targets: RawGatewayTarget[];
  resourcePolicy?: RawResourcePolicy;
}

/** A runtime endpoint as ListAgentRuntimeEndpoints lists it (the whole endpoint), with its resource policy. */
export interface RawRuntimeEndpoint {
  endpoint: AgentRuntimeEndpoint;
  resourcePolicy?: RawResourcePolicy;
}

export interface RawAgentRuntime {
  runtime: GetAgentRuntimeResponse;
  partial?: boolean;
  resourcePolicy?: RawResourcePolicy;
  /** Its endpoints; none when ListAgentRuntimeEndpoints was denied (the list's gap says they are unknown). */
  endpoints?: RawRuntimeEndpoint[];
}

export interface RawAgentCore {
  runtimes: RawAgentRuntime[];
  gateways: RawGateway[];
  codeInterpreters: { codeInterpreter: GetCodeInterpreterResponse; partial?: boolean }[];
  browsers: { browser: GetBrowserResponse; partial?: boolean }[];
  /** Memories, workload identities and the token vault's credential providers (fetch-identity.ts). */
  identity?: RawAgentCoreIdentity;
  /** AgentCore Policy engines and their Cedar policies (fetch-policy.ts). */
  policyEngines?: RawPolicyEngines;
}

/** The id the graph gives a gateway target (targets have no ARN of their own). */
export function gatewayTargetId(gatewayArn: string, targetId: string): string {
  return `${gatewayArn}/target/${targetId}`;
}

export function agentCoreArn(region: string, accountId: string, type: string, id: string): string {
  return `arn:aws:bedrock-agentcore:${region}:${accountId}:${type}/${id}`;
}

/**
 * A runtime's endpoints (DEFAULT and the named ones callers pin a version with) and each one's resource-based
 * policy. The list item is the whole endpoint but its failure reason, so no GetAgentRuntimeEndpoint is needed.
 */
async function fetchRuntimeEndpoints(
  env: AwsFetchEnv,
  client: BedrockAgentCoreControlClient,
  agentRuntimeId: string,
  readPolicy: (arn: string) => Promise<RawResourcePolicy | undefined>,
): Promise<RawRuntimeEndpoint[]> {
  // Denied, the list's gap (scope `list`) records that the runtime's endpoints are unknown, not none.
  const listed = await env.gaps.list(
    'ListAgentRuntimeEndpoints',
    'bedrock-agentcore:ListAgentRuntimeEndpoints',
    () =>
      collectPages(
        paginateListAgentRuntimeEndpoints({ client }, { agentRuntimeId }),
        (p) => p.runtimeEndpoints,
      ),
  );
  return mapLimit(
    listed.filter((e) => typeof e.agentRuntimeEndpointArn === 'string'),
    env.fanOut,
    async (endpoint) => ({
      endpoint,
      resourcePolicy: await readPolicy(endpoint.agentRuntimeEndpointArn as string),
    }),
  );
}

/**
 * Reads Bedrock AgentCore's control plane: runtimes, gateways with their targets, custom code interpreters and
 * browsers, then memory and identity (fetch-identity.ts) and the policy engines gateways use (fetch-policy.ts). Every Get may be denied on its own; the item is then kept from its list entry (`partial`) and the
 * facts only the Get reports become unknown.
 */
export async function fetchAgentCore(env: AwsFetchEnv): Promise<RawAgentCore> {
  const client = env.clients.get(BedrockAgentCoreControlClient);
  const pager = { client };
  const arn = (type: string, id: string) => agentCoreArn(env.region, env.accountId, type, id);

  const runtimeList = await env.gaps.list('ListAgentRuntimes', 'bedrock-agentcore:ListAgentRuntimes', () =>
    collectPages(paginateListAgentRuntimes(pager, {}), (p) => p.agentRuntimes),
  );
  // Who outside the account may invoke a runtime, endpoint or gateway: its resource-based policy (none is not a gap).
  const readPolicy = agentCorePolicyReader(env, client);
  const runtimes = await mapLimit(runtimeList, env.fanOut, async (s): Promise<RawAgentRuntime> => {
    const id = s.agentRuntimeId as string;
    const runtimeArn = s.agentRuntimeArn ?? arn('runtime', id);
    const got = await env.gaps.item('GetAgentRuntime', runtimeArn, () =>
      client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id })),
    );
    const resourcePolicy = await readPolicy(runtimeArn);
    const endpoints = await fetchRuntimeEndpoints(env, client, id, readPolicy);
    return got
      ? { runtime: got, resourcePolicy, endpoints }
      : { runtime: { ...s } as GetAgentRuntimeResponse, partial: true, resourcePolicy, endpoints };
  });

  const gatewayList = await env.gaps.list('ListGateways', 'bedrock-agentcore:ListGateways', () =>
    collectPages(paginateListGateways(pager, {}), (p) => p.items),
  );
  const gateways = await mapLimit(gatewayList, env.fanOut, async (s): Promise<RawGateway> => {
    const gatewayIdentifier = s.gatewayId as string;
    const gatewayArn = arn('gateway', gatewayIdentifier);
    const got = await env.gaps.item('GetGateway', gatewayArn, () =>
      client.send(new GetGatewayCommand({ gatewayIdentifier })),
    );
    const targetList = await env.gaps.list('ListGatewayTargets', 'bedrock-agentcore:ListGatewayTargets', () =>
      collectPages(paginateListGatewayTargets(pager, { gatewayIdentifier }), (p) => p.items),
    );
    const targets = await mapLimit(targetList, env.fanOut, async (t): Promise<RawGatewayTarget> => {
      const targetId = t.targetId as string;
      const read = await env.gaps.item('GetGatewayTarget', gatewayTargetId(gatewayArn, targetId), () =>
        client.send(new GetGatewayTargetCommand({ gatewayIdentifier, targetId })),
      );
      return read
        ? { target: read }
        : { target: { ...t, gatewayArn } as GetGatewayTargetResponse, partial: true };
    });
    const resourcePolicy = await readPolicy(gatewayArn);
    return got
      ? { gateway: got, targets, resourcePolicy }
      : { gateway: { ...s, gatewayArn } as GetGatewayResponse, partial: true, targets, resourcePolicy };
  });

  const ciList = await env.gaps.list('ListCodeInterpreters', 'bedrock-agentcore:ListCodeInterpreters', () =>
    collectPages(paginateListCodeInterpreters(pager, { type: 'CUSTOM' }), (p) => p.codeInterpreterSummaries),
  );
  const codeInterpreters = await mapLimit(ciList, env.fanOut, async (s) => {
    const codeInterpreterId = s.codeInterpreterId as string;
    const got = await env.gaps.item(
      'GetCodeInterpreter',
      s.codeInterpreterArn ?? arn('code-interpreter-custom', codeInterpreterId),
      () => client.send(new GetCodeInterpreterCommand({ codeInterpreterId })),
    );
    return got
      ? { codeInterpreter: got }
      : { codeInterpreter: { ...s } as GetCodeInterpreterResponse, partial: true };
  });

  const browserList = await env.gaps.list('ListBrowsers', 'bedrock-agentcore:ListBrowsers', () =>
    collectPages(paginateListBrowsers(pager, { type: 'CUSTOM' }), (p) => p.browserSummaries),
  );
  const browsers = await mapLimit(browserList, env.fanOut, async (s) => {
    const browserId = s.browserId as string;
    const got = await env.gaps.item('GetBrowser', s.browserArn ?? arn('browser-custom', browserId), () =>
      client.send(new GetBrowserCommand({ browserId })),
    );
    return got ? { browser: got } : { browser: { ...s } as GetBrowserResponse, partial: true };
  });

  const identity = await fetchAgentCoreIdentity(env);
  const policyEngines = await fetchPolicyEngines(env);
  return { runtimes, gateways, codeInterpreters, browsers, identity, policyEngines };
}
