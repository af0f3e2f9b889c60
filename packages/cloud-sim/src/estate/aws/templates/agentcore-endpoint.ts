import { externalPrincipalId, type Rng } from '@aispm/core';
import { doc, iso } from '../common.ts';
import type { WorkloadBuilder } from '../workload.ts';

/** What the runtime endpoint and resource-policy builders read of the AgentCore template's context. */
export interface AgentCoreScope {
  w: WorkloadBuilder;
  rng: Rng;
  /** Epoch seconds; the API reports date-time strings. */
  created: number;
}

/**
 * A runtime endpoint (`<runtime ARN>/runtime-endpoint/<name>`): the addressable entry callers invoke the runtime
 * through (InvokeAgentRuntime's `qualifier`), serving one of its versions. Returns its ARN.
 */
export function runtimeEndpoint(
  c: AgentCoreScope,
  rt: { arn: string; id: string; name: string },
  name: string,
  id: string,
): string {
  const { w } = c;
  const arn = `${rt.arn}/runtime-endpoint/${name}`;
  w.state.agentCore.runtimeEndpoints.push({
    name,
    id,
    agentRuntimeEndpointArn: arn,
    agentRuntimeArn: rt.arn,
    liveVersion: '1',
    status: 'READY',
    description: name === 'DEFAULT' ? 'Default endpoint (latest version)' : `${name} endpoint`,
    createdAt: iso(c.created),
    lastUpdatedAt: iso(c.created + 3600),
  });
  const label = `${rt.name}/${name}`;
  w.truth.asset(arn, 'inference-endpoint', 'AWS::BedrockAgentCore::RuntimeEndpoint', w.acct, w.r, label);
  w.truth.edge('serves', arn, rt.arn);
  w.clean(arn);
  return arn;
}

/**
 * The agent runtime's resource-based policy: an exposed workload lets a partner account outside the
 * organisation invoke it (planted), a hardened one only its own account (the clean twin); sloppy ones have none.
 * Drawn from its own fork, so the resources after it keep their ids.
 */
export function runtimePolicy(c: AgentCoreScope, runtimeArn: string): string | undefined {
  const { w } = c;
  if (w.level === 'sloppy') return undefined;
  const foreign =
    w.level === 'exposed' ? c.rng.fork('resource-policy').pick(w.b.ctx.foreignAccounts) : undefined;
  w.state.agentCore.resourcePolicies[runtimeArn] = doc({
    Sid: foreign ? 'PartnerInvoke' : 'OwnAccountInvoke',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${foreign ?? w.acct}:root` },
    Action: 'bedrock-agentcore:InvokeAgentRuntime',
    Resource: runtimeArn,
  });
  if (!foreign) return undefined;
  const ext = externalPrincipalId('aws', foreign);
  w.truth.asset(ext, 'external-principal', 'aispm::ExternalPrincipal', 'global', 'global', foreign);
  w.truth.edge('can-invoke', ext, runtimeArn);
  w.truth.risk(
    runtimeArn,
    'endpoint-external-principal',
    `Resource policy lets account ${foreign} invoke the agent runtime`,
  );
  return foreign;
}

/**
 * The `prod` endpoint's own resource-based policy: on an exposed workload it lets the same partner account the
 * runtime's policy names invoke through it (planted; the runtime's policy allows it too, so the call goes through
 * whether AWS weighs the endpoint's policy alone or both), on a hardened one only its own account (the clean
 * twin); sloppy endpoints have none.
 */
export function endpointPolicy(c: AgentCoreScope, endpointArn: string, foreign: string | undefined): void {
  const { w } = c;
  if (w.level === 'sloppy') return;
  w.state.agentCore.resourcePolicies[endpointArn] = doc({
    Sid: foreign ? 'PartnerInvokeProd' : 'OwnAccountInvokeProd',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${foreign ?? w.acct}:root` },
    Action: 'bedrock-agentcore:InvokeAgentRuntime',
    Resource: endpointArn,
  });
  if (!foreign) return;
  w.truth.edge('can-invoke', externalPrincipalId('aws', foreign), endpointArn);
  w.truth.risk(
    endpointArn,
    'endpoint-external-principal',
    `Resource policy lets account ${foreign} invoke the agent through its prod endpoint`,
  );
}
