/** Stage 2 of the IAM evaluator (see evaluate.ts): Condition blocks against the known request context. */

import { HAS_VARIABLE, wildcardMatch } from './matching.ts';
import { type ConditionClause, list, type RequestContext, type Statement } from './policy-model.ts';

export type Tri = true | false | 'unknown';

const STRING_OPS = new Set([
  'stringequals',
  'stringnotequals',
  'stringequalsignorecase',
  'stringnotequalsignorecase',
  'stringlike',
  'stringnotlike',
]);
const ARN_OPS = new Set(['arnequals', 'arnlike', 'arnnotequals', 'arnnotlike']);

export function compare(op: string, actual: string, expected: string): boolean {
  switch (op) {
    case 'stringequals':
    case 'stringnotequals':
      return actual === expected;
    case 'stringequalsignorecase':
    case 'stringnotequalsignorecase':
      return actual.toLowerCase() === expected.toLowerCase();
    case 'stringlike':
    case 'stringnotlike':
    case 'arnlike':
    case 'arnnotlike':
    case 'arnequals':
    case 'arnnotequals':
      return wildcardMatch(expected, actual);
    case 'bool':
      return actual.toLowerCase() === expected.toLowerCase();
    default:
      return false;
  }
}

export function evaluateClause(
  rawOperator: string,
  key: string,
  rawValues: unknown,
  context: RequestContext,
): Tri {
  const values = list(
    Array.isArray(rawValues) ? rawValues : [rawValues].map((v) => (typeof v === 'boolean' ? String(v) : v)),
  );
  let op = rawOperator;
  let setOp: 'any' | 'all' | undefined;
  if (/^forallvalues:/i.test(op)) {
    setOp = 'all';
    op = op.slice('ForAllValues:'.length);
  } else if (/^foranyvalue:/i.test(op)) {
    setOp = 'any';
    op = op.slice('ForAnyValue:'.length);
  }
  let ifExists = false;
  if (/ifexists$/i.test(op)) {
    ifExists = true;
    op = op.slice(0, -'IfExists'.length);
  }
  op = op.toLowerCase();
  const ctx = context[key.toLowerCase()];
  if (ctx === undefined) return 'unknown';
  if (values.some((v) => HAS_VARIABLE.test(v))) return 'unknown';
  if (op === 'null')
    return values.some(
      (v) => (v.toLowerCase() === 'true') === (ctx === null || (Array.isArray(ctx) && ctx.length === 0)),
    );
  if (!STRING_OPS.has(op) && !ARN_OPS.has(op) && op !== 'bool') return 'unknown';
  const negated = op.includes('not');
  if (ctx === null) {
    if (ifExists || setOp === 'all') return true;
    if (setOp === 'any') return false;
    return negated;
  }
  if (!Array.isArray(ctx)) {
    // Known only to differ from some values: decidable when the policy compares against exactly those.
    const literal = values.every((v) => !/[*?]/.test(v) && ctx.notAnyOf.includes(v));
    if (
      !literal ||
      !(
        op.startsWith('stringequals') ||
        op.startsWith('stringnotequals') ||
        op === 'stringlike' ||
        op === 'stringnotlike'
      )
    ) {
      return 'unknown';
    }
    return negated;
  }
  const positive = (actual: string) => values.some((v) => compare(op, actual, v));
  let matched: boolean;
  if (setOp === 'all') matched = ctx.every(positive);
  else matched = ctx.some(positive);
  if (negated) {
    if (setOp === 'all') return ctx.every((a) => !positive(a));
    return !matched;
  }
  return matched;
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
