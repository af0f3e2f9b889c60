import {
  BedrockAgentCoreControlClient,
  type Policy,
  type PolicyEngine,
  paginateListPolicies,
  paginateListPolicyEngines,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { collectPages, mapLimit } from '../../shared/paging.ts';
import type { AwsFetchEnv } from '../service.ts';

export interface RawPolicyEngine {
  /** ListPolicyEngines' item: the whole engine (GetPolicyEngine would add nothing). */
  engine: PolicyEngine;
  /**
   * ListPolicies' items, Cedar definitions included (GetPolicy would add nothing). Undefined when the list was
   * denied or failed: a coverage gap, and what the engine permits is unknown — never "no policies".
   */
  policies?: Policy[];
}

export interface RawPolicyEngines {
  /** Whether ListPolicyEngines answered: without it, no engine a gateway names can be judged. */
  listed: boolean;
  engines: RawPolicyEngine[];
}

/**
 * Reads AgentCore Policy: the region's policy engines and each one's policies. The lists carry whole items, so no
 * Get is made per engine or policy. A policy engine encrypted with a customer key also needs kms:Decrypt on that
 * key for ListPolicies to return its definitions; denied, that is the same gap as a denied ListPolicies.
 */
export async function fetchPolicyEngines(env: AwsFetchEnv): Promise<RawPolicyEngines> {
  const client = env.clients.get(BedrockAgentCoreControlClient);
  const pager = { client };
  let listed = false;
  const list = await env.gaps.list('ListPolicyEngines', 'bedrock-agentcore:ListPolicyEngines', async () => {
    const items = await collectPages(paginateListPolicyEngines(pager, {}), (p) => p.policyEngines);
    listed = true;
    return items;
  });
  const engines = await mapLimit(list, env.fanOut, async (engine): Promise<RawPolicyEngine> => {
    const policyEngineId = engine.policyEngineId;
    const arn = engine.policyEngineArn;
    // An item without its identifiers cannot be asked for its policies (nor placed in the graph).
    if (!policyEngineId || !arn) return { engine };
    const policies = await env.gaps.item('ListPolicies', arn, () =>
      collectPages(paginateListPolicies(pager, { policyEngineId }), (p) => p.policies),
    );
    return policies ? { engine, policies } : { engine };
  });
  return { listed, engines };
}
