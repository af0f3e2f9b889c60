import { type AssetRecord, conditionForcesKey, denyOnKey, type EdgeRecord, edge } from '@aispm/core';
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

const GUARDRAIL_KEY = 'bedrock:guardrailidentifier';

/**
 * What the Deny statements that may apply to a grant (`deniedIf`) require of its calls: undefined when none of them
 * blocks a call without a guardrail; else `guardrails` — those a call may name and get past every such Deny, as far
 * as they name any (`named: false` for a Deny that admits any guardrail, e.g. `Null: true` alone). A Deny with a
 * clause on another key is left aside: whether it applies is not known.
 */
export function denyRequiredGuardrails(
  deniedIf: RecordedCondition[] | undefined,
): { guardrails: RequiredGuardrail[]; named: boolean } | undefined {
  let required = false;
  let allowed: Map<string, RequiredGuardrail> | undefined;
  for (const d of deniedIf ?? []) {
    // A Deny on only some of the grant's actions leaves the others unguarded.
    if (d.reason !== 'condition' || d.clauses.length === 0 || d.actions) continue;
    if (d.clauses.some((k) => k.key.toLowerCase() !== GUARDRAIL_KEY)) continue;
    const deny = denyOnKey(d.clauses);
    if (!deny?.deniesAbsent) continue;
    required = true;
    // The values it names are the only ones that can get past it; a Deny naming none lets any guardrail through.
    const values = [...new Set(d.clauses.flatMap((k) => k.values))].filter((v) => !/^(true|false)$/i.test(v));
    if (values.length === 0) continue;
    const passing = new Map<string, RequiredGuardrail>();
    for (const v of values.filter(deny.passes))
      for (const r of guardrailsOfValue(v)) passing.set(`${r.guardrail} ${r.version}`, r);
    allowed = allowed ? new Map([...allowed].filter(([k]) => passing.has(k))) : passing;
  }
  if (!required) return undefined;
  return { guardrails: [...(allowed?.values() ?? [])], named: allowed !== undefined };
}

/**
 * The guardrails a grant's calls must name: through its Allow's conditions (`requiredGuardrails`) or a Deny beside an
 * unconditional Allow. `guardrailRequired` is true when no call without a guardrail gets through, even if the
 * guardrail cannot be named (then `guardrails` is empty).
 */
export function grantGuardrails(props: Record<string, unknown>): {
  guardrailRequired: boolean;
  guardrails: RequiredGuardrail[];
} {
  const allow =
    props.conditional === true ? requiredGuardrails(props.conditions as RecordedCondition[]) : undefined;
  const deny = denyRequiredGuardrails(props.deniedIf as RecordedCondition[] | undefined);
  if (allow && deny?.named) {
    const keep = new Set(deny.guardrails.map((r) => `${r.guardrail} ${r.version}`));
    const both = allow.filter((r) => keep.has(`${r.guardrail} ${r.version}`));
    return { guardrailRequired: true, guardrails: both };
  }
  if (allow) return { guardrailRequired: true, guardrails: allow };
  // A conditional Allow with other conditions still needs the Deny to require the guardrail.
  if (deny) return { guardrailRequired: true, guardrails: deny.guardrails };
  return { guardrailRequired: false, guardrails: [] };
}

/**
 * Marks each principal's can-invoke grant on a Bedrock model that requires a guardrail (`guardrailRequired`, and
 * `requiredGuardrails` when it names them — by its Allow's condition or a Deny beside it), and adds `guarded-by` principal → guardrail (`versions` it may name, `via: 'iam-condition'`) for a principal
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
    const { guardrailRequired, guardrails } = grantGuardrails(props);
    if (guardrailRequired) props.guardrailRequired = true;
    if (guardrails.length > 0) props.requiredGuardrails = guardrails;
    const list = byPrincipal.get(e.from) ?? [];
    // A grant that requires a guardrail it cannot name guards nothing the graph can point at.
    list.push(guardrails.length > 0 ? guardrails : undefined);
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
