/** Stage 1 of the IAM evaluator (see evaluate.ts): does a statement's Action / Resource cover the request. */

import { list, type ResourceInfo, type Statement } from './policy-model.ts';

/** Pattern positions reachable after consuming `text` (with `*` = any run, `?` = one char). */
export function globStates(pattern: string, text: string, caseInsensitive: boolean): Set<number> {
  const p = caseInsensitive ? pattern.toLowerCase() : pattern;
  const t = caseInsensitive ? text.toLowerCase() : text;
  const close = (states: Set<number>) => {
    for (const s of [...states]) {
      let i = s;
      while (p[i] === '*') states.add(++i);
    }
    return states;
  };
  let states = close(new Set([0]));
  for (const ch of t) {
    const next = new Set<number>();
    for (const s of states) {
      const pc = p[s];
      if (pc === undefined) continue;
      if (pc === '*') next.add(s);
      else if (pc === '?' || pc === ch) next.add(s + 1);
    }
    states = close(next);
    if (states.size === 0) break;
  }
  return states;
}

// The same few hundred patterns are matched against thousands of principals × resources: compile them once.
const regexCache = new Map<string, RegExp>();

export function globRegex(pattern: string, caseInsensitive: boolean): RegExp {
  const key = `${caseInsensitive ? 'i' : 's'}${pattern}`;
  let re = regexCache.get(key);
  if (!re) {
    const body = [...pattern]
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/-]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${body}$`, caseInsensitive ? 'is' : 's');
    if (regexCache.size > 50_000) regexCache.clear();
    regexCache.set(key, re);
  }
  return re;
}

export function wildcardMatch(pattern: string, value: string, caseInsensitive = false): boolean {
  return globRegex(pattern, caseInsensitive).test(value);
}

const familyCache = new Map<string, 'all' | 'some' | 'none'>();

/** How a pattern covers the family `prefix + any suffix`: every member, some members, or none. */
export function familyMatch(pattern: string, prefix: string): 'all' | 'some' | 'none' {
  const key = `${pattern}\u0000${prefix}`;
  const cached = familyCache.get(key);
  if (cached) return cached;
  const states = globStates(pattern, prefix, false);
  let result: 'all' | 'some' | 'none' = states.size === 0 ? 'none' : 'some';
  for (const st of states) if (/^\**$/.test(pattern.slice(st))) result = 'all';
  if (familyCache.size > 50_000) familyCache.clear();
  familyCache.set(key, result);
  return result;
}

export const POLICY_VARIABLE = /\$\{[^}]*\}/g;
export const HAS_VARIABLE = /\$\{[^}]*\}/;

/** Policy variables stay unresolved: they match like `*` and make the statement conditional. */
export function resourcePattern(pattern: string): { pattern: string; variables: string[] } {
  const variables = pattern.match(POLICY_VARIABLE) ?? [];
  return { pattern: variables.length ? pattern.replace(POLICY_VARIABLE, '*') : pattern, variables };
}

// Statements are shared, cached objects (statementsOf), and an organisation's SCPs and managed policies are
// matched against the same few actions for every principal × resource pair: remember each answer per statement.
const actionMemo = new WeakMap<Statement, Map<string, boolean>>();

export function actionMatches(st: Statement, action: string): boolean {
  let memo = actionMemo.get(st);
  if (!memo) {
    memo = new Map();
    actionMemo.set(st, memo);
  }
  let matched = memo.get(action);
  if (matched === undefined) {
    matched =
      st.Action !== undefined
        ? list(st.Action).some((p) => wildcardMatch(p, action, true))
        : st.NotAction !== undefined && !list(st.NotAction).some((p) => wildcardMatch(p, action, true));
    memo.set(action, matched);
  }
  return matched;
}

type ResourceMatch = { match: 'all' | 'some' | 'none'; variables: string[] };

/**
 * Answers remembered per statement under one bound over all statements. The working set of an access task (its
 * account's principals × resources, and the shared SCP statements weighed for each) stays warm, while a phase's
 * hundreds of tasks do not pile up every statement's answer for every resource it was ever weighed against: kept
 * per statement without a global bound, those answers were most of a phase-3 worker's live heap (bench org-1000).
 */
export class StatementMemo<V> {
  private readonly byStatement = new Map<Statement, Map<string, V>>();
  private entries = 0;

  constructor(readonly limit: number) {}

  get(st: Statement, key: string): V | undefined {
    return this.byStatement.get(st)?.get(key);
  }

  set(st: Statement, key: string, value: V): void {
    // Full: start again rather than track recency; a task refills its working set in milliseconds.
    if (this.entries >= this.limit) this.clear();
    let memo = this.byStatement.get(st);
    if (!memo) {
      memo = new Map();
      this.byStatement.set(st, memo);
    }
    memo.set(key, value);
    this.entries++;
  }

  clear(): void {
    this.byStatement.clear();
    this.entries = 0;
  }

  get size(): number {
    return this.entries;
  }
}

/** Per statement, by the resource's ARN (`*` suffix for a family): the answer depends on nothing else. */
export const resourceMemo = new StatementMemo<ResourceMatch>(100_000);

/** Resource coverage of a statement, plus any policy variables its matching patterns used. */
export function resourceMatch(st: Statement, r: ResourceInfo): ResourceMatch {
  const key = r.anySuffix ? `${r.arn}*` : r.arn;
  let result = resourceMemo.get(st, key);
  if (!result) {
    result = matchResource(st, r);
    resourceMemo.set(st, key, result);
  }
  return result;
}

function matchResource(st: Statement, r: ResourceInfo): ResourceMatch {
  const cover = (raw: string): { match: 'all' | 'some' | 'none'; variables: string[] } => {
    const { pattern, variables } = resourcePattern(raw);
    if (r.anySuffix) return { match: familyMatch(pattern, r.arn), variables };
    return { match: wildcardMatch(pattern, r.arn) ? 'all' : 'none', variables };
  };
  if (st.Resource !== undefined) {
    let best: 'all' | 'some' | 'none' = 'none';
    const vars: string[] = [];
    for (const raw of list(st.Resource)) {
      const c = cover(raw);
      if (c.match === 'none') continue;
      if (c.variables.length === 0 && c.match === 'all') return { match: 'all', variables: [] };
      vars.push(...c.variables);
      if (best !== 'all') best = c.match;
    }
    return { match: best, variables: vars };
  }
  if (st.NotResource !== undefined) {
    let excluded: 'all' | 'some' | 'none' = 'none';
    for (const raw of list(st.NotResource)) {
      const c = cover(raw);
      if (c.match === 'all') excluded = 'all';
      else if (c.match === 'some' && excluded === 'none') excluded = 'some';
    }
    return { match: excluded === 'all' ? 'none' : excluded === 'some' ? 'some' : 'all', variables: [] };
  }
  // Trust policies carry no Resource element: the statement is about the role it is attached to.
  return { match: 'all', variables: [] };
}

// ---------------------------------------------------------------- conditions
