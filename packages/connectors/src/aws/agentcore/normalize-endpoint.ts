import { type AssetRecord, type EdgeRecord, edge } from '@aispm/core';
import { awsAsset } from '../asset.ts';
import type { NormalizeScope } from '../service.ts';
import type { RawAgentRuntime } from './fetch.ts';
import { resourcePolicyOf } from './resource-policy.ts';

type Out = { assets: AssetRecord[]; edges: EdgeRecord[] };

/** The native type of an AgentCore runtime endpoint (the access analysis weighs its InvokeAgentRuntime). */
export const RUNTIME_ENDPOINT_TYPE = 'AWS::BedrockAgentCore::RuntimeEndpoint';

/**
 * A runtime's endpoints as inference endpoints: each is the network address callers invoke the runtime through
 * (InvokeAgentRuntime's `qualifier`), serving one version of it (`serves` → the runtime), with a resource-based
 * policy of its own. The runtime's inbound authorizer is copied onto it: a JWT-authorized runtime trusts its token
 * issuer on every endpoint, so the endpoint's policy principals are not who may call it (see agentCorePolicy).
 */
export function normalizeRuntimeEndpoints(raw: RawAgentRuntime, scope: NormalizeScope, out: Out): void {
  const r = raw.runtime;
  const runtimeArn = r.agentRuntimeArn;
  if (!runtimeArn) return;
  const jwt = r.authorizerConfiguration?.customJWTAuthorizer;
  for (const { endpoint: e, resourcePolicy } of raw.endpoints ?? []) {
    const arn = e.agentRuntimeEndpointArn;
    if (!arn) continue;
    const policy = resourcePolicyOf(resourcePolicy);
    out.assets.push(
      awsAsset({
        id: arn,
        kind: 'inference-endpoint',
        accountId: scope.accountId,
        region: scope.region,
        name: `${r.agentRuntimeName ?? r.agentRuntimeId ?? runtimeArn.split('/').pop()}/${e.name ?? e.id ?? arn}`,
        nativeType: RUNTIME_ENDPOINT_TYPE,
        properties: {
          endpointId: e.id,
          endpointName: e.name,
          agentRuntimeArn: e.agentRuntimeArn ?? runtimeArn,
          status: e.status,
          // The version serving requests now, and the one an update in progress moves it to.
          liveVersion: e.liveVersion,
          targetVersion: e.targetVersion,
          description: e.description,
          serverProtocol: r.protocolConfiguration?.serverProtocol,
          // Only GetAgentRuntime says how callers authenticate: unset when the runtime was kept from its list entry.
          inboundAuthorizer: raw.partial ? undefined : jwt ? 'CUSTOM_JWT' : 'AWS_IAM',
          createdAt: e.createdAt,
          lastUpdatedAt: e.lastUpdatedAt,
          ...policy.properties,
        },
        facts: policy.facts,
      }),
    );
    out.edges.push(edge('serves', arn, e.agentRuntimeArn ?? runtimeArn));
  }
}
