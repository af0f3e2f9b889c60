import type { Rng } from '@aispm/core';
import type { AccountBuilder } from '../account.ts';
import { WorkloadBuilder } from '../workload.ts';
import { agentRag } from './agent-rag.ts';
import { PERMIT_ALL_CEDAR, plantPermitAll, policy } from './agentcore-policy.ts';

/**
 * AgentCore Policy planted on otherwise hardened AgentCore workloads (JWT-authorized gateways behind AWS WAF,
 * runtimes in a VPC), so the policy engine is the only thing wrong with each:
 * - `permitall`: the gateway enforces (ENFORCE) an engine whose only policy is `permit (principal, action,
 *   resource);` — every authenticated caller may call every tool;
 * - `scoped`: its clean twin, the same gateway enforcing tool-scoped policies;
 * - `logonly`: the same scoped engine attached in LOG_ONLY mode, so its decisions are traced, never applied.
 * Placed last in the account (the workloads also draw from the account's own stream, for bucket and role ids), so
 * nothing generated before it moves.
 */
export function plantAgentCorePolicyEngines(b: AccountBuilder, rng: Rng, team: string): void {
  const region = 'us-east-1';
  for (const label of ['permitall', 'scoped', 'logonly'] as const) {
    const w = new WorkloadBuilder(b, rng.fork(label), region, 'hardened', `${team}${label}`);
    const before = w.state.agentCore.gateways.length;
    // A whole hardened agent workload (its documents bucket is read through a knowledge base, so the scan reaches
    // it), whose AgentCore gateway is then given the engine under test.
    agentRag(w);
    const gateway = w.state.agentCore.gateways[before]?.gateway;
    const config = gateway?.policyEngineConfiguration as { arn: string; mode: string } | undefined;
    const engine = w.state.agentCore.policyEngines.find((e) => e.engine.policyEngineArn === config?.arn);
    if (!gateway || !config || !engine)
      throw new Error('cloud-sim: a hardened gateway must enforce a policy engine');
    const gatewayArn = gateway.gatewayArn as string;
    if (label === 'permitall') {
      engine.policies = [policy(engine.engine, w.rng, 'allow_all', PERMIT_ALL_CEDAR, w.time(5, 60))];
      plantPermitAll(w, gatewayArn);
    } else if (label === 'logonly') {
      config.mode = 'LOG_ONLY';
      w.truth.risk(
        gatewayArn,
        'agent-gateway-policy-not-enforced',
        'policyEngineConfiguration.mode is LOG_ONLY',
      );
    }
  }
}
