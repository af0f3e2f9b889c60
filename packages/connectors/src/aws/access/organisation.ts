/**
 * The organisation's principals as the access analysis weighs them: each IAM role and user with its identity
 * policies (groups folded in), permissions boundary, SCP levels and request context, built once per identity list
 * and shared by a phase's access tasks; and who of them a resource policy can possibly grant to.
 */
import type { AssetRecord } from '@aispm/core';
import {
  identityMayAllow,
  type PrincipalInfo,
  principalContext,
  type RequestContext,
  statementsOf,
} from './evaluate.ts';

interface StoredPolicy {
  document?: unknown;
  unresolved?: boolean;
}

interface AccountFacts {
  orgId?: string;
  orgPath?: string[];
  scpLevels?: unknown[][];
}

const asPolicies = (v: unknown): StoredPolicy[] => (Array.isArray(v) ? (v as StoredPolicy[]) : []);

function documentsOf(props: Record<string, unknown>): { documents: unknown[]; incomplete: boolean } {
  const all = [...asPolicies(props.inlinePolicies), ...asPolicies(props.attachedPolicies)];
  return {
    documents: all.filter((p) => p.document !== undefined).map((p) => p.document),
    incomplete: all.some((p) => p.unresolved),
  };
}

export interface Principal {
  info: PrincipalInfo;
  /** What a request of this principal carries (aws:PrincipalArn, aws:PrincipalOrgID …): built once, read per request. */
  context: RequestContext;
  /** Its place in the organisation's list. */
  order: number;
}

export type Principals = {
  principals: Principal[];
  accounts: Map<string, AccountFacts>;
  /** The principals of each account, for the policies that name accounts (read per resource, never filtered). */
  byAccount: Map<string, Principal[]>;
  /** The principals an identity statement may allow the action for (on some resource), in order: built per action. */
  mayAllow(action: string): ReadonlySet<Principal>;
};

/** The organisation's identity list is one shared read for all of a phase's access tasks: built once per list. */
const principalsOf = new WeakMap<readonly AssetRecord[], Principals>();

export function buildPrincipals(identities: readonly AssetRecord[]): Principals {
  const built = principalsOf.get(identities);
  if (built) return built;
  const result = collectPrincipals(identities);
  principalsOf.set(identities, result);
  return result;
}

function collectPrincipals(identities: readonly AssetRecord[]): Principals {
  const accounts = new Map<string, AccountFacts>();
  for (const a of identities) {
    if (a.kind !== 'account') continue;
    const levels = a.properties.scpLevels as { policies: { document: unknown }[] }[] | undefined;
    accounts.set(a.accountId, {
      orgId: a.properties.orgId as string | undefined,
      orgPath: a.properties.orgPath as string[] | undefined,
      // AWS keeps at least one SCP attached to every root, OU and account, so a level without any is a gap in
      // what Organizations returned, not a deny-all: it is left out rather than blocking every action.
      scpLevels: levels?.filter((l) => l.policies.length > 0).map((l) => l.policies.map((p) => p.document)),
    });
  }
  const groups = new Map<string, { documents: unknown[]; incomplete: boolean }>();
  for (const a of identities)
    if (a.nativeType === 'AWS::IAM::Group') groups.set(a.id, documentsOf(a.properties));

  const principals: Principal[] = [];
  for (const a of identities) {
    if (a.nativeType !== 'AWS::IAM::Role' && a.nativeType !== 'AWS::IAM::User') continue;
    const own = documentsOf(a.properties);
    const documents = [...own.documents];
    let incomplete = own.incomplete;
    if (a.nativeType === 'AWS::IAM::User') {
      for (const g of (a.properties.groups as string[] | undefined) ?? []) {
        const group = groups.get(g);
        if (group) {
          documents.push(...group.documents);
          incomplete ||= group.incomplete;
        }
      }
    }
    const boundary = a.properties.permissionsBoundary as StoredPolicy | undefined;
    // An unreadable boundary is left out (over- rather than under-reporting access) and flagged.
    if (boundary?.unresolved) incomplete = true;
    const facts = accounts.get(a.accountId);
    const info: PrincipalInfo = {
      arn: a.id,
      accountId: a.accountId,
      type: a.nativeType === 'AWS::IAM::User' ? 'user' : 'role',
      identityPolicies: documents,
      permissionsBoundary: boundary?.document,
      scpLevels: facts?.scpLevels,
      incomplete: incomplete || undefined,
    };
    principals.push({
      info,
      context: principalContext(info, facts?.orgId, facts?.orgPath),
      order: principals.length,
    });
  }
  const byAccount = new Map<string, Principal[]>();
  for (const p of principals) {
    const list = byAccount.get(p.info.accountId);
    if (list) list.push(p);
    else byAccount.set(p.info.accountId, [p]);
  }
  const byAction = new Map<string, ReadonlySet<Principal>>();
  const mayAllow = (action: string) => {
    let set = byAction.get(action);
    if (!set) {
      set = new Set(principals.filter((p) => identityMayAllow(p.info, action)));
      byAction.set(action, set);
    }
    return set;
  };
  return { principals, accounts, byAccount, mayAllow };
}

/**
 * The principals a resource policy can possibly grant to: everyone for an Allow to `*` / NotPrincipal, else those
 * of the accounts its Allow statements name (by id, root or any ARN) plus the resource's own account. Others cannot match any of its statements,
 * so evaluating them is wasted work on large organisations.
 */
export function principalsNamedBy(
  policy: unknown,
  principals: Principal[],
  byAccount: Map<string, Principal[]>,
  resourceAccount: string,
): Principal[] {
  const accounts = new Set<string>([resourceAccount]);
  for (const st of statementsOf(policy)) {
    // Only Allow statements can grant another account anything; Deny-everyone statements (TLS-only …) do not.
    if (st.Effect !== 'Allow') continue;
    if (st.NotPrincipal !== undefined || st.Principal === '*') return principals;
    const aws = (st.Principal as { AWS?: unknown } | undefined)?.AWS;
    for (const p of Array.isArray(aws) ? aws : [aws]) {
      if (typeof p !== 'string') continue;
      if (p === '*') return principals;
      const account = /^\d{12}$/.test(p) ? p : /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(p)?.[1];
      if (account) accounts.add(account);
    }
  }
  // In the organisation's order, as a filter of the whole list would give: the edges come out in the same order.
  const named = [...accounts].flatMap((account) => byAccount.get(account) ?? []);
  return accounts.size > 1 ? named.sort((a, b) => a.order - b.order) : named;
}

/**
 * Whom to weigh for a resource: `named` (the principals its policy can grant to, see principalsNamedBy), narrowed when
 * that is the whole organisation. A policy that names everyone is weighed against tens of thousands of principals
 * for each bucket open to the organisation or the world, but only the resource's own account and the principals
 * whose identity policies may allow one of the cross-account actions can be granted anything: those are read from
 * the per-action index, in the organisation's order, instead of walking every principal (quadratic in the
 * organisation's size: org-1000's access phase ran at a third of org-250's rate per task before this).
 */
export function crossAccountCandidates(
  org: Principals,
  named: Principal[],
  resourceAccount: string,
  actions: readonly string[],
): Principal[] {
  if (named !== org.principals || resourceAccount === 'aws') return named;
  const own = org.byAccount.get(resourceAccount) ?? [];
  const outside = new Set<Principal>();
  for (const action of new Set(actions))
    for (const p of org.mayAllow(action)) if (p.info.accountId !== resourceAccount) outside.add(p);
  return outside.size ? [...own, ...outside].sort((a, b) => a.order - b.order) : own;
}
