import { type AssetRecord, conditionForcesKey, type EdgeRecord, edge } from '@aispm/core';
import { guardrailRef, parseArn } from '../arn.ts';
import type { RecordedCondition } from './policy-model.ts';

/**
 * IAM's `bedrock:GuardrailIdentifier` (Bedrock user guide, "Enforce the use of specific guardrails in model inference
 * requests"): a condition on it lets InvokeModel / Converse through only when the call names that guardrail. The
 * request's value is the guardrail ARN qualified by the version the call names (`…:guardrail/<id>:1`), unqualified
 * for the DRAFT version; a StringLike `…:guardrail/<id>:*` admits any numbered version. Every version is one
 * guardrail asset (the unqualified ARN), so the condition is resolved to that asset and the version kept beside it.
 */

const BEDROCK_MODEL_TYPES = new Set([
  'AWS::Bedrock::FoundationModel',
  'AWS::Bedrock::CustomModel',
  'AWS::Bedrock::ImportedModel',
  'AWS::Bedrock::ApplicationInferenceProfile',
  'AWS::Bedrock::ProvisionedModelThroughput',
]);

export interface RequiredGuardrail {
  /** The guardrail asset id (ARN without version). */
  guardrail: string;
  /** The version the condition pins: `DRAFT` (an unqualified ARN), a number, or `*` (any numbered version). */
  version: string;
}

/** The guardrails (with versions) one condition value names; none when it names no single guardrail. */
function guardrailsOfValue(value: string): RequiredGuardrail[] {
  const parsed = parseArn(value);
  if (parsed?.service !== 'bedrock' || !parsed.resource.startsWith('guardrail/')) return [];
  const { arn, version } = guardrailRef(parsed.region, parsed.accountId, value);
  // A pattern over the guardrail id itself (`guardrail/*`) admits any guardrail: not one asset.
  if (/[*?]/.test(arn)) return [];
  return [{ guardrail: arn, version: version ?? 'DRAFT' }];
}

/**
 * The guardrails an allow requires when each of its conditional statements forces bedrock:GuardrailIdentifier to
 * name one; undefined when some statement lets a call through without naming a resolvable guardrail.
 */
export function requiredGuardrails(conditions: RecordedCondition[]): RequiredGuardrail[] | undefined {
  if (conditions.length === 0) return undefined;
  const out: RequiredGuardrail[] = [];
  for (const c of conditions) {
    const clauses = c.clauses.filter(
      (k) => k.key.toLowerCase() === 'bedrock:guardrailidentifier' && conditionForcesKey(k.operator),
    );
    const named = clauses.flatMap((k) => k.values.flatMap(guardrailsOfValue));
    if (named.length === 0) return undefined;
    out.push(...named);
  }
  const seen = new Set<string>();
  return out.filter((r) => {
    const key = `${r.guardrail} ${r.version}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Marks each principal's can-invoke grant on a Bedrock model that requires a guardrail (`requiredGuardrails` on the
 * edge), and adds `guarded-by` principal → guardrail (`versions` it may name, `via: 'iam-condition'`) for a principal
 * all of whose model grants require one: its model traffic passes that guardrail whatever the caller does.
 */
export function withGuardrailRequirements(
  edges: EdgeRecord[],
  resources: readonly AssetRecord[],
): EdgeRecord[] {
  const models = new Set(resources.filter((r) => BEDROCK_MODEL_TYPES.has(r.nativeType)).map((r) => r.id));
  const byPrincipal = new Map<string, (RequiredGuardrail[] | undefined)[]>();
  for (const e of edges) {
    if (e.kind !== 'can-invoke' || !models.has(e.to)) continue;
    const props = e.properties;
    const required =
      props.conditional === true ? requiredGuardrails(props.conditions as RecordedCondition[]) : undefined;
    if (required) props.requiredGuardrails = required;
    const list = byPrincipal.get(e.from) ?? [];
    list.push(required);
    byPrincipal.set(e.from, list);
  }
  const guarded: EdgeRecord[] = [];
  for (const [principal, grants] of byPrincipal) {
    if (grants.some((g) => g === undefined)) continue;
    const versions = new Map<string, Set<string>>();
    for (const r of grants.flat() as RequiredGuardrail[]) {
      const set = versions.get(r.guardrail) ?? new Set<string>();
      set.add(r.version);
      versions.set(r.guardrail, set);
    }
    for (const [guardrail, v] of versions)
      guarded.push(
        edge('guarded-by', principal, guardrail, { versions: [...v].sort(), via: 'iam-condition' }),
      );
  }
  return guarded.length ? [...edges, ...guarded] : edges;
}
