/** Stage 2 of the IAM evaluator (see evaluate.ts): Condition blocks against the known request context. */

import { conditionOperatorKnown, evaluateConditionClause, parseConditionOperator } from '@aispm/core';
import { HAS_VARIABLE } from './matching.ts';
import { type ConditionClause, list, type RequestContext, type Statement } from './policy-model.ts';

export type Tri = true | false | 'unknown';

/**
 * One clause against the known request context. The operators' semantics (absent keys, `…IfExists`, set qualifiers,
 * negation) are declared once in `@aispm/core` (iam-conditions.ts); this decides only what the context knows.
 */
export function evaluateClause(
  rawOperator: string,
  key: string,
  rawValues: unknown,
  context: RequestContext,
): Tri {
  const values = list(
    Array.isArray(rawValues) ? rawValues : [rawValues].map((v) => (typeof v === 'boolean' ? String(v) : v)),
  );
  const ctx = context[key.toLowerCase()];
  if (ctx === undefined) return 'unknown';
  if (values.some((v) => HAS_VARIABLE.test(v))) return 'unknown';
  if (!conditionOperatorKnown(rawOperator)) return 'unknown';
  const op = parseConditionOperator(rawOperator);
  if (ctx !== null && !Array.isArray(ctx)) {
    // Known to be present (Null) and only to differ from some values: decidable when the policy compares against
    // exactly those.
    if (op.base === 'null') return evaluateConditionClause(rawOperator, values, ['?']) ?? 'unknown';
    const literal = values.every((v) => !/[*?]/.test(v) && ctx.notAnyOf.includes(v));
    if (
      !literal ||
      !(
        op.base.startsWith('stringequals') ||
        op.base.startsWith('stringnotequals') ||
        op.base === 'stringlike' ||
        op.base === 'stringnotlike'
      )
    ) {
      return 'unknown';
    }
    return op.negated;
  }
  return evaluateConditionClause(rawOperator, values, ctx) ?? 'unknown';
}

export function evaluateConditions(
  st: Statement,
  context: RequestContext,
): { result: Tri; unknown: ConditionClause[] } {
  const unknown: ConditionClause[] = [];
  let result: Tri = true;
  for (const [operator, block] of Object.entries(st.Condition ?? {})) {
    if (!block || typeof block !== 'object') continue;
    for (const [key, values] of Object.entries(block)) {
      const r = evaluateClause(operator, key, values, context);
      if (r === false) return { result: false, unknown: [] };
      if (r === 'unknown') {
        result = 'unknown';
        unknown.push({ operator, key, values: list(Array.isArray(values) ? values : [String(values)]) });
      }
    }
  }
  return { result, unknown };
}

// ---------------------------------------------------------------- principals in resource policies
