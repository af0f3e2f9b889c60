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

import { evaluateConditions } from './conditions.ts';
import { actionMatches, resourceMatch } from './matching.ts';
import {
  type AccessDecision,
  ALWAYS,
  type AllowResult,
  type Level,
  list,
  NONE,
  type PolicySource,
  type PrincipalInfo,
  type RecordedCondition,
  type RequestContext,
  type ResourceInfo,
  type Statement,
  statementsOf,
} from './policy-model.ts';
import { accountOfPrincipal, namesPrincipal, principalMatch } from './principals.ts';

export { wildcardMatch } from './matching.ts';
export type {
  AccessDecision,
  ConditionClause,
  ContextValue,
  PolicySource,
  PrincipalInfo,
  RecordedCondition,
  RequestContext,
  ResourceInfo,
} from './policy-model.ts';
export { statementsOf } from './policy-model.ts';
export { type PrincipalMatch, principalMatch } from './principals.ts';

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
  /** The Deny statements of all three, in that order: what denyOf weighs before the resource policy's. */
  denies: Applicable[];
}

// Principals are evaluated against many resources and actions: tag their statements once.
const compiledCache = new WeakMap<PrincipalInfo, CompiledPrincipal>();

function compile(principal: PrincipalInfo): CompiledPrincipal {
  let c = compiledCache.get(principal);
  if (!c) {
    const identity = tag(principal.identityPolicies, 'identity');
    const boundary =
      principal.permissionsBoundary !== undefined
        ? tag([principal.permissionsBoundary], 'boundary')
        : undefined;
    const scpLevels = principal.scpLevels?.map((level) => tag(level, 'scp'));
    // denyOf skips every Allow: filtering them out once spares building and walking the whole list per request.
    const denies = [...identity, ...(boundary ?? []), ...(scpLevels?.flat() ?? [])].filter(
      (a) => a.st.Effect === 'Deny',
    );
    c = { identity, boundary, scpLevels, denies };
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

/**
 * Whether one of the principal's identity statements allows the action (on some resource). Another account's principal
 * is granted nothing without one, since cross-account access needs the identity policy's Allow as well as the
 * resource's: the access analysis skips those principals before weighing a policy that names everyone.
 */
export function identityMayAllow(principal: PrincipalInfo, action: string): boolean {
  return compile(principal).identity.some((a) => a.st.Effect === 'Allow' && actionMatches(a.st, action));
}

/**
 * Whether one of the principal's identity Allow statements covers the action on this resource (conditions aside).
 * Another account's principal is granted nothing without one: cross-account access needs the identity policy's
 * Allow for the request as well as the resource policy's. Memoized per statement and resource (resourceMatch).
 */
export function identityMayAllowOn(
  principal: PrincipalInfo,
  action: string,
  resource: ResourceInfo,
): boolean {
  return compile(principal).identity.some(
    (a) =>
      a.st.Effect === 'Allow' &&
      actionMatches(a.st, action) &&
      resourceMatch(a.st, resource).match !== 'none',
  );
}

/** Evaluates one request of an organisation principal. `context` adds request keys (e.g. iam:PassedToService). */
export function evaluateAccess(
  principal: PrincipalInfo,
  resource: ResourceInfo,
  action: string,
  context: RequestContext = {},
): AccessDecision {
  const { identity, boundary, scpLevels, denies } = compile(principal);
  // The common case first (most principal × resource × action triples of an organisation): the principal's own
  // account, no resource policy and no identity statement allowing the action, so nothing below can allow it.
  if (
    (resource.accountId === principal.accountId || resource.accountId === 'aws') &&
    !resource.policy &&
    !resource.policyRequired &&
    !identityMayAllow(principal, action)
  ) {
    return {
      allowed: false,
      conditional: false,
      conditions: [],
      resourceScope: 'all',
      incomplete: principal.incomplete || undefined,
      deniedIf: [],
      reason: 'no-allow',
    };
  }
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
  if (!resourceApplicable.some((st) => st.st.Effect === 'Allow') && !identityMayAllow(principal, action)) {
    return { ...base, allowed: false, deniedIf: [], reason: 'no-allow' };
  }

  const deny = denyOf(
    resourceApplicable.length ? [...denies, ...resourceApplicable] : denies,
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
