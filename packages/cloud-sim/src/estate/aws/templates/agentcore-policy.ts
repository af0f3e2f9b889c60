import type { Rng } from '@aispm/core';
import type { AgentCorePolicyEngine, ApiObject } from '../../../aws/model.ts';
import { chars, iso, LOWER_ALNUM } from '../common.ts';
import type { WorkloadBuilder } from '../workload.ts';

/** What a gateway's policy engine is built from (see gatewayWithTargets in agentcore.ts). */
export interface PolicyEngineInput {
  engineArn: string;
  gatewayArn: string;
  /** Whether callers present JWTs (principals are then `AgentCore::OAuthUser`). */
  jwt: boolean;
  /** Epoch seconds. */
  created: number;
}

/** The one Cedar form that permits every tool call of every caller on every gateway the engine guards. */
export const PERMIT_ALL_CEDAR = 'permit (principal, action, resource); // TODO: scope per tool before launch';

/**
 * Tool-scoped Cedar policies as the AgentCore Policy guide writes them: one action per tool
 * (`AgentCore::Action::"<target>___<tool>"`), the gateway as the resource (`AgentCore::Gateway::"<arn>"`), a
 * condition on the caller's token claims (`principal.getTag`) or the call's input (`context.input`), and an
 * unconditional forbid for a tool no agent may call.
 */
function scopedPolicies(gatewayArn: string, jwt: boolean): { name: string; statement: string }[] {
  const principal = jwt ? 'principal is AgentCore::OAuthUser' : 'principal';
  const resource = `resource == AgentCore::Gateway::"${gatewayArn}"`;
  return [
    {
      name: 'tickets_open',
      statement: [
        'permit (',
        `  ${principal},`,
        '  action == AgentCore::Action::"tickets___open_ticket",',
        `  ${resource}`,
        ') when {',
        '  principal.hasTag("scope") && principal.getTag("scope") like "*tickets:write*"',
        '};',
      ].join('\n'),
    },
    {
      name: 'docs_search',
      statement: [
        '// Read-only document search, for callers holding the docs scope',
        'permit (',
        `  ${principal},`,
        '  action == AgentCore::Action::"docs-mcp___search_documents",',
        `  ${resource}`,
        ') when { principal.hasTag("scope") && principal.getTag("scope") like "*docs:read*" };',
      ].join('\n'),
    },
    {
      name: 'crm_no_delete',
      statement: `forbid (principal, action == AgentCore::Action::"crm___delete_contact", ${resource});`,
    },
  ];
}

/** A policy as GetPolicy reports it (ACTIVE, enforcing, Cedar). */
export function policy(
  engine: ApiObject,
  rng: Rng,
  name: string,
  statement: string,
  created: number,
): ApiObject {
  const policyId = `${name}-${chars(rng, LOWER_ALNUM, 10)}`;
  return {
    policyId,
    name,
    policyEngineId: engine.policyEngineId,
    createdAt: iso(created),
    updatedAt: iso(created + 600),
    policyArn: `${engine.policyEngineArn}/policy/${policyId}`,
    status: 'ACTIVE',
    enforcementMode: 'ACTIVE',
    definition: { cedar: { statement } },
    description: `Tool access: ${name}`,
    statusReasons: [],
  };
}

/**
 * The AgentCore Policy engine a gateway names in its `policyEngineConfiguration`, holding tool-scoped Cedar
 * policies (or, with `permitAll`, only the unconditional permit). Recorded as a guardrail asset the gateway is
 * `guarded-by`. Draws from its own RNG, so nothing else of the workload moves.
 */
export function gatewayPolicyEngine(
  w: WorkloadBuilder,
  rng: Rng,
  input: PolicyEngineInput,
  permitAll: boolean,
): AgentCorePolicyEngine {
  const policyEngineId = input.engineArn.split('policy-engine/')[1] as string;
  const name = policyEngineId.replace(/-[a-z0-9]{10}$/, '');
  const engine: ApiObject = {
    policyEngineId,
    name,
    createdAt: iso(input.created),
    updatedAt: iso(input.created + 3600),
    policyEngineArn: input.engineArn,
    status: 'ACTIVE',
    description: `Tool-call authorization for ${name}`,
    statusReasons: [],
  };
  const statements = permitAll
    ? [{ name: 'allow_all', statement: PERMIT_ALL_CEDAR }]
    : scopedPolicies(input.gatewayArn, input.jwt);
  const entry: AgentCorePolicyEngine = {
    engine,
    policies: statements.map((s) => policy(engine, rng, s.name, s.statement, input.created + 1800)),
  };
  w.state.agentCore.policyEngines.push(entry);
  w.truth.asset(input.engineArn, 'guardrail', 'AWS::BedrockAgentCore::PolicyEngine', w.acct, w.r, name);
  w.truth.edge('guarded-by', input.gatewayArn, input.engineArn);
  w.clean(input.engineArn);
  return entry;
}

/** Records the permit-all risk on a gateway whose engine holds the unconditional permit in ENFORCE mode. */
export function plantPermitAll(w: WorkloadBuilder, gatewayArn: string): void {
  w.truth.risk(
    gatewayArn,
    'agent-gateway-policy-permit-all',
    `Its ENFORCE-mode policy engine holds only "${PERMIT_ALL_CEDAR.split(';')[0]};": every caller may call every tool`,
  );
}
