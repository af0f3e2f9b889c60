/**
 * A pure IAM policy evaluator for effective-access edges: "may principal P perform action A on resource R".
 *
 * It follows AWS's documented evaluation logic (IAM User Guide, "Policy evaluation logic" and "Cross-account
 * policy evaluation logic"):
 *   1. An explicit Deny in any applicable policy (identity, permissions boundary, SCP, resource policy) wins.
 *   2. SCPs (member accounts only): every level from the root down to the account must Allow the action.
 *   3. Same account: an Allow in the identity policies (capped by the permissions boundary) suffices, or an
 *      Allow in the resource policy naming the principal itself (for roles this is still capped by the boundary;
 *      for IAM users it is not). Role trust policies and KMS key policies must always allow (`policyRequired`):
 *      a resource policy that names the account only delegates to the identity policies.
 *   4. Cross account: both the identity policies (capped by the boundary) and the resource policy must Allow.
 *
 * What it does NOT model (documented gaps, see README in this folder): session policies, resource control
 * policies, ACLs, VPC endpoint policies, permission-boundary NotPrincipal quirks, service-linked-role SCP
 * exemption, and most condition keys. Conditions are never ignored: a condition on a key the evaluator knows
 * (listed in the request context) is evaluated; any other condition makes an Allow *conditional* (the edge is
 * kept and the conditions recorded) and makes a Deny *non-blocking* (recorded as `deniedIf`).
 */

export type PolicySource = 'identity' | 'boundary' | 'scp' | 'resource';

export interface ConditionClause {
  operator: string;
  key: string;
  values: string[];
}

export interface RecordedCondition {
  source: PolicySource;
  sid?: string;
  /** Unevaluated clauses (all must hold for the statement to apply). */
  clauses: ConditionClause[];
  /** Why the statement is not a plain yes/no: 'condition', 'policy-variable', 'partial-resource'. */
  reason: 'condition' | 'policy-variable' | 'partial-resource';
}

/** Context values by lower-cased key: a list of values, `null` = known to be absent, `{notAnyOf}` = known to differ. */
export type ContextValue = string[] | null | { notAnyOf: string[] };
export type RequestContext = Record<string, ContextValue>;

export interface PrincipalInfo {
  arn: string;
  accountId: string;
  type: 'user' | 'role';
  /** Identity-based policy documents: attached managed, inline, and (for users) every group's. */
  identityPolicies: unknown[];
  /** The permissions boundary document; undefined = no boundary. */
  permissionsBoundary?: unknown;
  /** SCP documents per level, root first then OUs then the account; undefined = no SCPs apply. */
  scpLevels?: unknown[][];
  /** Some attached policy documents were not available: an allow may be missing a hidden deny. */
  incomplete?: boolean;
}

export interface ResourceInfo {
  /** The resource ARN, or with `anySuffix` the ARN prefix of a family (e.g. all objects `arn:aws:s3:::b/`). */
  arn: string;
  anySuffix?: boolean;
  /** Owning account; 'aws' for AWS-owned resources (foundation models) that live in no customer account. */
  accountId: string;
  policy?: unknown;
  /** Role trust policies and KMS key policies: the resource policy must allow, identity policy alone never does. */
  policyRequired?: boolean;
}

export interface AccessDecision {
  allowed: boolean;
  conditional: boolean;
  /** Alternatives: the allow holds if the conditions of any one recorded statement group hold. */
  conditions: RecordedCondition[];
  /** Deny statements that would block the request if their conditions hold. */
  deniedIf: RecordedCondition[];
  via?: 'identity' | 'resource' | 'identity+resource';
  /**
   * With `via: 'resource'`: the resource policy allows only through statements that grant everyone (`Principal: "*"`,
   * `NotPrincipal`), none naming this principal. It is the resource's exposure, not something the principal was
   * granted (rules about a principal's own agency ignore it).
   */
  everyone?: true;
  /** With `anySuffix`: 'some' when the allow covers only part of the family (e.g. a key prefix). */
  resourceScope: 'all' | 'some';
  /** Why access was refused (for tests and debugging). */
  reason?: 'explicit-deny' | 'scp' | 'boundary' | 'no-allow' | 'no-resource-allow';
  deniedBy?: PolicySource;
  incomplete?: boolean;
}

interface Statement {
  Sid?: string;
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: unknown;
  NotPrincipal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

type Level = 0 | 1 | 2; // none, conditional, unconditional

interface AllowResult {
  level: Level;
  conditions: RecordedCondition[];
  scope: 'all' | 'some';
}

const NONE: AllowResult = { level: 0, conditions: [], scope: 'all' };
const ALWAYS: AllowResult = { level: 2, conditions: [], scope: 'all' };

const statementCache = new WeakMap<object, Statement[]>();

export function statementsOf(document: unknown): Statement[] {
  if (!document || typeof document !== 'object') return [];
  const cached = statementCache.get(document);
  if (cached) return cached;
  const s = (document as { Statement?: unknown }).Statement;
  const list = (Array.isArray(s) ? s : s ? [s] : []).filter(
    (x): x is Statement => Boolean(x) && typeof x === 'object',
  );
  statementCache.set(document, list);
  return list;
}

const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];

// ---------------------------------------------------------------- wildcard matching

/** Pattern positions reachable after consuming `text` (with `*` = any run, `?` = one char). */
function globStates(pattern: string, text: string, caseInsensitive: boolean): Set<number> {
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

function globRegex(pattern: string, caseInsensitive: boolean): RegExp {
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
function familyMatch(pattern: string, prefix: string): 'all' | 'some' | 'none' {
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

const POLICY_VARIABLE = /\$\{[^}]*\}/g;
const HAS_VARIABLE = /\$\{[^}]*\}/;

/** Policy variables stay unresolved: they match like `*` and make the statement conditional. */
function resourcePattern(pattern: string): { pattern: string; variables: string[] } {
  const variables = pattern.match(POLICY_VARIABLE) ?? [];
  return { pattern: variables.length ? pattern.replace(POLICY_VARIABLE, '*') : pattern, variables };
}

function actionMatches(st: Statement, action: string): boolean {
  if (st.Action !== undefined) return list(st.Action).some((p) => wildcardMatch(p, action, true));
  if (st.NotAction !== undefined) return !list(st.NotAction).some((p) => wildcardMatch(p, action, true));
  return false;
}

/** Resource coverage of a statement, plus any policy variables its matching patterns used. */
function resourceMatch(
  st: Statement,
  r: ResourceInfo,
): { match: 'all' | 'some' | 'none'; variables: string[] } {
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

type Tri = true | false | 'unknown';

const STRING_OPS = new Set([
  'stringequals',
  'stringnotequals',
  'stringequalsignorecase',
  'stringnotequalsignorecase',
  'stringlike',
  'stringnotlike',
]);
const ARN_OPS = new Set(['arnequals', 'arnlike', 'arnnotequals', 'arnnotlike']);

function compare(op: string, actual: string, expected: string): boolean {
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

function evaluateClause(rawOperator: string, key: string, rawValues: unknown, context: RequestContext): Tri {
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

function evaluateConditions(
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

export type PrincipalMatch = 'direct' | 'account' | 'none';

function accountOfPrincipal(p: string): string | undefined {
  if (/^\d{12}$/.test(p)) return p;
  const m = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(p);
  return m?.[1];
}

const isAccountRoot = (p: string) => /^\d{12}$/.test(p) || /^arn:aws[a-z-]*:iam::\d{12}:root$/.test(p);

/** Whether a statement's Principal element covers the principal, and whether it names it or only its account. */
export function principalMatch(st: Statement, principal: { arn: string; accountId: string }): PrincipalMatch {
  const named = (element: unknown): PrincipalMatch => {
    if (element === '*') return 'direct';
    if (!element || typeof element !== 'object') return 'none';
    let best: PrincipalMatch = 'none';
    for (const p of list((element as Record<string, unknown>).AWS)) {
      if (p === '*' || p === principal.arn) return 'direct';
      if (isAccountRoot(p) && accountOfPrincipal(p) === principal.accountId) best = 'account';
    }
    return best;
  };
  if (st.Principal !== undefined) return named(st.Principal);
  if (st.NotPrincipal !== undefined) return named(st.NotPrincipal) === 'none' ? 'direct' : 'none';
  return 'none';
}

/** Whether a statement's Principal element names the principal itself (not only `*` or its account). */
function namesPrincipal(st: Statement, principal: { arn: string }): boolean {
  const p = st.Principal;
  return !!p && typeof p === 'object' && list((p as Record<string, unknown>).AWS).includes(principal.arn);
}

// ---------------------------------------------------------------- combining

function orAllow(a: AllowResult, b: AllowResult): AllowResult {
  if (a.level !== b.level) return a.level > b.level ? a : b;
  if (a.level === 0) return NONE;
  if (a.level === 2) return a.scope === 'all' ? a : b;
  return {
    level: 1,
    conditions: [...a.conditions, ...b.conditions],
    scope: a.scope === 'all' || b.scope === 'all' ? 'all' : 'some',
  };
}

function andAllow(...rs: AllowResult[]): AllowResult {
  let level: Level = 2;
  const conditions: RecordedCondition[] = [];
  let scope: 'all' | 'some' = 'all';
  for (const r of rs) {
    if (r.level < level) level = r.level;
    conditions.push(...r.conditions);
    if (r.scope === 'some') scope = 'some';
  }
  return level === 0 ? NONE : { level: conditions.length ? 1 : level, conditions, scope };
}

interface Applicable {
  st: Statement;
  source: PolicySource;
}

function allowOf(
  statements: Applicable[],
  action: string,
  r: ResourceInfo,
  context: RequestContext,
): AllowResult {
  let best = NONE;
  for (const { st, source } of statements) {
    if (st.Effect !== 'Allow' || !actionMatches(st, action)) continue;
    const res = resourceMatch(st, r);
    if (res.match === 'none') continue;
    const cond = evaluateConditions(st, context);
    if (cond.result === false) continue;
    const conditions: RecordedCondition[] = [];
    if (cond.result === 'unknown')
      conditions.push({ source, sid: st.Sid, clauses: cond.unknown, reason: 'condition' });
    if (res.variables.length) {
      conditions.push({
        source,
        sid: st.Sid,
        clauses: res.variables.map((v) => ({ operator: 'PolicyVariable', key: v.slice(2, -1), values: [] })),
        reason: 'policy-variable',
      });
    }
    best = orAllow(best, {
      level: conditions.length ? 1 : 2,
      conditions,
      scope: res.match === 'all' ? 'all' : 'some',
    });
  }
  return best;
}

function denyOf(
  statements: Applicable[],
  action: string,
  r: ResourceInfo,
  context: RequestContext,
): { denied: boolean; source?: PolicySource; deniedIf: RecordedCondition[] } {
  const deniedIf: RecordedCondition[] = [];
  for (const { st, source } of statements) {
    if (st.Effect !== 'Deny' || !actionMatches(st, action)) continue;
    const res = resourceMatch(st, r);
    if (res.match === 'none') continue;
    const cond = evaluateConditions(st, context);
    if (cond.result === false) continue;
    if (cond.result === true && res.match === 'all' && res.variables.length === 0)
      return { denied: true, source, deniedIf: [] };
    const clauses = [
      ...cond.unknown,
      ...res.variables.map((v) => ({ operator: 'PolicyVariable', key: v.slice(2, -1), values: [] })),
    ];
    deniedIf.push({
      source,
      sid: st.Sid,
      clauses,
      reason:
        res.match === 'some'
          ? 'partial-resource'
          : cond.result === 'unknown'
            ? 'condition'
            : 'policy-variable',
    });
  }
  return { denied: false, deniedIf };
}

const tag = (docs: unknown[], source: PolicySource): Applicable[] =>
  docs.flatMap((d) => statementsOf(d).map((st) => ({ st, source })));

interface CompiledPrincipal {
  identity: Applicable[];
  boundary?: Applicable[];
  scpLevels?: Applicable[][];
}

// Principals are evaluated against many resources and actions: tag their statements once.
const compiledCache = new WeakMap<PrincipalInfo, CompiledPrincipal>();

function compile(principal: PrincipalInfo): CompiledPrincipal {
  let c = compiledCache.get(principal);
  if (!c) {
    c = {
      identity: tag(principal.identityPolicies, 'identity'),
      boundary:
        principal.permissionsBoundary !== undefined
          ? tag([principal.permissionsBoundary], 'boundary')
          : undefined,
      scpLevels: principal.scpLevels?.map((level) => tag(level, 'scp')),
    };
    compiledCache.set(principal, c);
  }
  return c;
}

/** The request context aispm knows for an IAM principal of the organisation. */
export function principalContext(
  p: PrincipalInfo,
  orgId?: string,
  orgPath?: readonly string[],
): RequestContext {
  return {
    'aws:principalarn': [p.arn],
    'aws:principalaccount': [p.accountId],
    'aws:principalorgid': orgId ? [orgId] : null,
    // `o-…/r-…/ou-…/` as AWS formats it; unknown (absent from the context) when discover gave no path.
    ...(orgId && orgPath?.length ? { 'aws:principalorgpaths': [`${orgPath.join('/')}/`] } : {}),
    'aws:principaltype': [p.type === 'user' ? 'User' : 'AssumedRole'],
    'aws:principalisawsservice': ['false'],
    // Access is evaluated for requests made the normal way, over TLS: deny-insecure-transport statements hold.
    'aws:securetransport': ['true'],
  };
}

/** Evaluates one request of an organisation principal. `context` adds request keys (e.g. iam:PassedToService). */
export function evaluateAccess(
  principal: PrincipalInfo,
  resource: ResourceInfo,
  action: string,
  context: RequestContext = {},
): AccessDecision {
  const { identity, boundary, scpLevels } = compile(principal);
  const resourceStatements = statementsOf(resource.policy).map((st) => ({
    st,
    source: 'resource' as const,
    match: principalMatch(st, principal),
  }));
  const resourceApplicable = resourceStatements.filter((s) => s.match !== 'none');
  const base = {
    conditional: false,
    conditions: [],
    resourceScope: 'all' as const,
    incomplete: principal.incomplete || undefined,
  };
  const sameAccount = resource.accountId === principal.accountId || resource.accountId === 'aws';

  // Cross-account and must-allow resources (trust policies) need a resource-policy Allow for this principal:
  // without one nothing below can allow, so stop here (most principal × role pairs end here).
  if (
    (!sameAccount || resource.policyRequired) &&
    !resourceApplicable.some((st) => st.st.Effect === 'Allow')
  ) {
    return { ...base, allowed: false, deniedIf: [], reason: 'no-resource-allow' };
  }
  // Same account without a resource-policy Allow: no identity Allow for the action means no access.
  if (
    !resourceApplicable.some((st) => st.st.Effect === 'Allow') &&
    !identity.some((a) => a.st.Effect === 'Allow' && actionMatches(a.st, action))
  ) {
    return { ...base, allowed: false, deniedIf: [], reason: 'no-allow' };
  }

  const deny = denyOf(
    [...identity, ...(boundary ?? []), ...(scpLevels?.flat() ?? []), ...resourceApplicable],
    action,
    resource,
    context,
  );
  if (deny.denied)
    return { ...base, allowed: false, deniedIf: [], reason: 'explicit-deny', deniedBy: deny.source };

  const scp = scpLevels
    ? andAllow(...scpLevels.map((level) => allowOf(level, action, resource, context)))
    : ALWAYS;
  if (scp.level === 0) return { ...base, allowed: false, deniedIf: deny.deniedIf, reason: 'scp' };

  const identityAllow = allowOf(identity, action, resource, context);
  const boundaryAllow = boundary ? allowOf(boundary, action, resource, context) : ALWAYS;
  const resourceDirect = allowOf(
    resourceApplicable.filter((s) => s.match === 'direct'),
    action,
    resource,
    context,
  );
  const resourceAny = allowOf(resourceApplicable, action, resource, context);

  let identityPath: AllowResult;
  let resourcePath: AllowResult;
  if (sameAccount) {
    identityPath = resource.policyRequired
      ? andAllow(identityAllow, boundaryAllow, resourceAny)
      : andAllow(identityAllow, boundaryAllow);
    // A resource policy naming an IAM user is not capped by the user's boundary; one naming a role is.
    resourcePath = principal.type === 'user' ? resourceDirect : andAllow(resourceDirect, boundaryAllow);
  } else {
    identityPath = andAllow(identityAllow, boundaryAllow, resourceAny);
    resourcePath = NONE;
  }
  const viaIdentity = identityPath.level >= resourcePath.level;
  const chosen = orAllow(identityPath, resourcePath);
  const effective = andAllow(chosen, scp);
  if (effective.level === 0) {
    let reason: AccessDecision['reason'] = 'no-allow';
    if (boundary && boundaryAllow.level === 0 && (identityAllow.level > 0 || resourceDirect.level > 0))
      reason = 'boundary';
    else if ((!sameAccount || resource.policyRequired) && identityAllow.level > 0 && resourceAny.level === 0)
      reason = 'no-resource-allow';
    return { ...base, allowed: false, deniedIf: deny.deniedIf, reason };
  }
  let via: AccessDecision['via'] = viaIdentity ? 'identity' : 'resource';
  if (viaIdentity && (!sameAccount || resource.policyRequired)) via = 'identity+resource';
  let everyone: true | undefined;
  if (via === 'resource') {
    const named = allowOf(
      resourceApplicable.filter((s) => s.match === 'direct' && namesPrincipal(s.st, principal)),
      action,
      resource,
      context,
    );
    const namedPath = principal.type === 'user' ? named : andAllow(named, boundaryAllow);
    if (andAllow(namedPath, scp).level === 0) everyone = true;
  }
  return {
    allowed: true,
    ...(everyone ? { everyone } : {}),
    conditional: effective.level === 1,
    conditions: effective.conditions,
    deniedIf: deny.deniedIf,
    via,
    resourceScope: effective.scope,
    incomplete: principal.incomplete || undefined,
  };
}

// ---------------------------------------------------------------- principals outside the organisation

/**
 * Principals outside the organisation a resource policy grants to: `*` (anyone, incl. anonymous) and foreign
 * account ids. Accounts in `orgAccounts` are evaluated as organisation principals instead.
 */
export function externalPrincipalsOf(policy: unknown, orgAccounts: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const st of statementsOf(policy)) {
    if (st.Effect !== 'Allow') continue;
    const p = st.Principal;
    if (p === '*') out.add('*');
    else if (p && typeof p === 'object') {
      for (const v of list((p as Record<string, unknown>).AWS)) {
        if (v === '*') out.add('*');
        else {
          const acct = accountOfPrincipal(v);
          if (acct && !orgAccounts.has(acct)) out.add(acct);
        }
      }
    }
  }
  return [...out].sort();
}

/**
 * Evaluates a resource policy for a principal outside the organisation (`*` or a foreign account, whose own
 * identity policies aispm cannot see and so assumes allow). Org-membership condition keys are known to differ.
 */
export function evaluateExternalAccess(
  external: string,
  resource: ResourceInfo,
  action: string,
  org: { orgId?: string; accounts: readonly string[] },
  context: RequestContext = {},
): AccessDecision {
  const ctx: RequestContext = {
    'aws:principalorgid': org.orgId ? { notAnyOf: [org.orgId] } : undefined,
    'aws:principalaccount': external === '*' ? { notAnyOf: [...org.accounts] } : [external],
    'aws:principalisawsservice': ['false'],
    'aws:securetransport': ['true'],
    ...context,
  } as RequestContext;
  for (const k of Object.keys(ctx)) if (ctx[k] === undefined) delete ctx[k];
  const statements: Applicable[] = [];
  for (const st of statementsOf(resource.policy)) {
    if (externalPrincipalApplies(st, external)) statements.push({ st, source: 'resource' });
  }
  const base = { conditional: false, conditions: [], resourceScope: 'all' as const };
  const deny = denyOf(statements, action, resource, ctx);
  if (deny.denied)
    return { ...base, allowed: false, deniedIf: [], reason: 'explicit-deny', deniedBy: 'resource' };
  const allow = allowOf(statements, action, resource, ctx);
  if (allow.level === 0)
    return { ...base, allowed: false, deniedIf: deny.deniedIf, reason: 'no-resource-allow' };
  return {
    allowed: true,
    conditional: allow.level === 1,
    conditions: allow.conditions,
    deniedIf: deny.deniedIf,
    via: 'resource',
    resourceScope: allow.scope,
  };
}

/** Whether a resource-policy statement covers an outside principal: `*`, or a foreign account (any of its ARNs). */
function externalPrincipalApplies(st: Statement, external: string): boolean {
  const covers = (element: unknown): boolean => {
    if (element === '*') return true;
    if (!element || typeof element !== 'object') return false;
    return list((element as Record<string, unknown>).AWS).some(
      (v) => v === '*' || (external !== '*' && accountOfPrincipal(v) === external),
    );
  };
  if (st.Principal !== undefined) return covers(st.Principal);
  // NotPrincipal: applies to everyone not listed; "anyone" is never fully excluded unless `*` is listed.
  if (st.NotPrincipal !== undefined) return !covers(st.NotPrincipal);
  return false;
}
