/**
 * IAM condition operators, declared once: how a `Condition` clause evaluates against the request's values for its
 * key (IAM User Guide, "IAM JSON policy elements: Condition operators" and "Single-valued vs. multivalued context
 * keys"). The AWS access evaluator, the guardrail requirement of an Allow or a Deny and the rules all read it here.
 *
 * - A key the request does not carry: a positive operator (`StringEquals`, `ArnLike`, `Bool` …) is false, a negated
 *   one (`StringNotEquals`, `ArnNotLike` …) is **true** ("If the policy condition requires that the key is not
 *   matched … and the right key is not present, the condition is true"); `…IfExists` is true; `Null: true` is true,
 *   `Null: false` false; `ForAllValues:` is true and `ForAnyValue:` false whatever the operator.
 * - A key with values: `ForAnyValue:` (and a plain operator) holds when some value matches, `ForAllValues:` when every
 *   one does; a negated operator matches a value that equals none of the policy's values.
 */

export interface ConditionOperator {
  /** The lower-cased base operator without set qualifier or `IfExists` (`stringnotequals`, `null`, `bool` …). */
  base: string;
  set?: 'any' | 'all';
  ifExists: boolean;
  /** `…Not…`: the clause holds for values that match none of the policy's. */
  negated: boolean;
}

const COMPARING = new Set([
  'stringequals',
  'stringnotequals',
  'stringequalsignorecase',
  'stringnotequalsignorecase',
  'stringlike',
  'stringnotlike',
  'arnequals',
  'arnlike',
  'arnnotequals',
  'arnnotlike',
  'bool',
]);

// Policies spell a few dozen operators, parsed for every clause of every request the access analysis weighs (4% of
// a phase-3 worker's CPU before this memo): parse each spelling once. The parsed operators are frozen and shared.
const parsedOperators = new Map<string, Readonly<ConditionOperator>>();

export function parseConditionOperator(raw: string): Readonly<ConditionOperator> {
  let parsed = parsedOperators.get(raw);
  if (!parsed) {
    parsed = Object.freeze(parseOperator(raw));
    // Operators come from policy text: bounded so a hostile policy cannot grow the memo without end.
    if (parsedOperators.size >= 10_000) parsedOperators.clear();
    parsedOperators.set(raw, parsed);
  }
  return parsed;
}

function parseOperator(raw: string): ConditionOperator {
  let op = raw;
  let set: ConditionOperator['set'];
  if (/^forallvalues:/i.test(op)) {
    set = 'all';
    op = op.slice('ForAllValues:'.length);
  } else if (/^foranyvalue:/i.test(op)) {
    set = 'any';
    op = op.slice('ForAnyValue:'.length);
  }
  let ifExists = false;
  if (/ifexists$/i.test(op)) {
    ifExists = true;
    op = op.slice(0, -'IfExists'.length);
  }
  const base = op.toLowerCase();
  return { base, ...(set ? { set } : {}), ifExists, negated: base !== 'null' && base.includes('not') };
}

/** Operators this module evaluates (Numeric, Date, IpAddress and Binary are not: they stay undecided). */
export function conditionOperatorKnown(raw: string): boolean {
  const { base } = parseConditionOperator(raw);
  return base === 'null' || COMPARING.has(base);
}

const globs = new Map<string, RegExp>();

function glob(pattern: string): RegExp {
  let re = globs.get(pattern);
  if (!re) {
    const body = [...pattern]
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/-]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${body}$`, 's');
    if (globs.size > 50_000) globs.clear();
    globs.set(pattern, re);
  }
  return re;
}

/** Whether one request value matches one policy value under the (un-negated) base operator. */
export function conditionValueMatches(base: string, actual: string, expected: string): boolean {
  switch (base) {
    case 'stringequals':
    case 'stringnotequals':
      return actual === expected;
    case 'stringequalsignorecase':
    case 'stringnotequalsignorecase':
    case 'bool':
      return actual.toLowerCase() === expected.toLowerCase();
    case 'stringlike':
    case 'stringnotlike':
    case 'arnlike':
    case 'arnnotlike':
    case 'arnequals':
    case 'arnnotequals':
      return glob(expected).test(actual);
    default:
      return false;
  }
}

/**
 * One clause against the request's values for its key: `null` = the request does not carry the key. Undefined for an
 * operator this module does not evaluate.
 */
export function evaluateConditionClause(
  operator: string,
  policyValues: readonly string[],
  request: readonly string[] | null,
): boolean | undefined {
  const op = parseConditionOperator(operator);
  if (op.base === 'null') {
    const absent = request === null || request.length === 0;
    return policyValues.some((v) => (v.toLowerCase() === 'true') === absent);
  }
  if (!COMPARING.has(op.base)) return undefined;
  if (request === null) {
    if (op.ifExists || op.set === 'all') return true;
    if (op.set === 'any') return false;
    return op.negated;
  }
  const positive = (actual: string) => policyValues.some((v) => conditionValueMatches(op.base, actual, v));
  if (op.negated) return op.set === 'all' ? request.every((a) => !positive(a)) : !request.some(positive);
  return op.set === 'all' ? request.every(positive) : request.some(positive);
}

/**
 * Whether a condition with this operator lets through only requests naming a matching value of its key (what an
 * Allow needs to require the key): a positive comparison that is false when the key is missing. Not `…IfExists` (a
 * call without the key matches), not `…Not…` (any other value matches), not `ForAllValues:` (true when the request
 * has no value for the key), not `Null` (says nothing about the value).
 */
export function conditionForcesKey(operator: string | undefined): boolean {
  if (!operator) return false;
  const op = parseConditionOperator(operator);
  return (
    COMPARING.has(op.base) &&
    op.base !== 'bool' &&
    !op.negated &&
    evaluateConditionClause(operator, ['x'], null) === false
  );
}

/**
 * What a Deny statement conditioned only on `key` does to requests: `deniesAbsent` — it blocks a request that does not
 * carry the key; `passes(value)` — a request carrying exactly this value gets past it. Undefined when a clause's
 * operator is not evaluated here. (A Deny applies when all its clauses hold.)
 */
export function denyOnKey(
  clauses: readonly { operator: string; values: readonly string[] }[],
): { deniesAbsent: boolean; passes: (value: string) => boolean } | undefined {
  if (clauses.length === 0 || clauses.some((c) => !conditionOperatorKnown(c.operator))) return undefined;
  const applies = (request: readonly string[] | null) =>
    clauses.every((c) => evaluateConditionClause(c.operator, c.values, request) === true);
  return { deniesAbsent: applies(null), passes: (value) => !applies([value]) };
}
