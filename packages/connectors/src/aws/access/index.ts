import type { ServiceModule, TaskContext } from '../../types.ts';
import { type AccessInput, analyzeAccessYielding } from './analyze.ts';

const RESOURCE_KINDS = [
  'model',
  'provisioned-throughput',
  'agent',
  'mcp-server',
  'agent-gateway',
  'inference-endpoint',
  'data-store',
  // Guardrails: those with a resource policy (GetResourcePolicy) are weighed for who may apply, read or change them.
  'guardrail',
  // AgentCore memories with a resource policy: weighed for who outside may read or write them.
  'knowledge-base',
];

/** Reads what phases 1–2 stored for the organisation; the analysis itself is pure (see analyze.ts). */
export async function loadAccessInput(ctx: Pick<TaskContext, 'graph' | 'target'>): Promise<AccessInput> {
  const accountId = ctx.target.accountId;
  const identities = await ctx.graph.assets({ provider: 'aws', kinds: ['account', 'identity'] });
  const own = await ctx.graph.assets({ provider: 'aws', accountId, kinds: RESOURCE_KINDS });
  const awsOwned = await ctx.graph.assets({ provider: 'aws', accountId: 'aws', kinds: ['model'] });
  const roles = identities.filter((a) => a.accountId === accountId && a.nativeType === 'AWS::IAM::Role');
  return { accountId, identities, resources: [...own, ...awsOwned, ...roles] };
}

export function accessModule(): ServiceModule {
  return {
    provider: 'aws',
    service: 'access',
    phase: 3,
    global: true,
    async run(ctx) {
      return analyzeAccessYielding(await loadAccessInput(ctx));
    },
  };
}
