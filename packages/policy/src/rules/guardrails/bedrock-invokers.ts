import { conditionForcesKey } from '@aispm/core';
import type { IndexedEdge } from '@aispm/paths';
import type { RuleGraph } from '../../graph.ts';

export interface BedrockInvoker {
  edge: IndexedEdge;
  /** No call gets through without naming a guardrail (by the Allow's condition or a Deny beside it). */
  requiresGuardrail: boolean;
}

const BEDROCK_MODEL_TYPES = new Set([
  'AWS::Bedrock::FoundationModel',
  'AWS::Bedrock::CustomModel',
  'AWS::Bedrock::ImportedModel',
  'AWS::Bedrock::ProvisionedModelThroughput',
]);

interface ConditionLike {
  clauses?: { key?: string; operator?: string }[];
}

/**
 * A grant no call gets through without a guardrail: the AWS access analysis marks it `guardrailRequired` (its Allow's
 * every condition forces bedrock:GuardrailIdentifier, or a Deny beside it blocks calls naming none — see the
 * connector's guardrail-condition.ts); a graph without the mark is read from the Allow's recorded conditions.
 */
function requiresGuardrail(edge: IndexedEdge): boolean {
  const props = edge.properties ?? {};
  if (props.guardrailRequired === true) return true;
  if (props.conditional !== true) return false;
  const conditions = (props.conditions as ConditionLike[] | undefined) ?? [];
  return (
    conditions.length > 0 &&
    conditions.every((c) =>
      (c.clauses ?? []).some(
        (k) => k.key?.toLowerCase() === 'bedrock:guardrailidentifier' && conditionForcesKey(k.operator),
      ),
    )
  );
}

const byGraph = new WeakMap<RuleGraph, Map<string, BedrockInvoker[]>>();

/**
 * The can-invoke grants on Bedrock models held by each account's principals, by `account region` of the call (the
 * model's region: foundation models are listed per region under the `aws` account). Indexed once per graph: every
 * account-region configuration asks.
 */
export function bedrockInvokers(g: RuleGraph, accountId: string, region: string): BedrockInvoker[] {
  let index = byGraph.get(g);
  if (!index) {
    index = new Map();
    for (const model of [...g.ofKind('model'), ...g.ofKind('provisioned-throughput')]) {
      if (!BEDROCK_MODEL_TYPES.has(model.nativeType)) continue;
      for (const edge of g.in(model.id, 'can-invoke')) {
        const caller = g.asset(edge.from);
        if (caller?.kind !== 'identity') continue;
        const key = `${caller.accountId} ${model.region}`;
        const list = index.get(key) ?? [];
        list.push({ edge, requiresGuardrail: requiresGuardrail(edge) });
        index.set(key, list);
      }
    }
    byGraph.set(g, index);
  }
  return index.get(`${accountId} ${region}`) ?? [];
}
