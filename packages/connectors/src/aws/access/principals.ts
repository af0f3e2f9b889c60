/** Stage 3 of the IAM evaluator (see evaluate.ts): whom a resource policy's Principal element covers. */

import { list, type Statement } from './policy-model.ts';

export type PrincipalMatch = 'direct' | 'account' | 'none';

export function accountOfPrincipal(p: string): string | undefined {
  if (/^\d{12}$/.test(p)) return p;
  const m = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(p);
  return m?.[1];
}

export const isAccountRoot = (p: string) => /^\d{12}$/.test(p) || /^arn:aws[a-z-]*:iam::\d{12}:root$/.test(p);

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
export function namesPrincipal(st: Statement, principal: { arn: string }): boolean {
  const p = st.Principal;
  return !!p && typeof p === 'object' && list((p as Record<string, unknown>).AWS).includes(principal.arn);
}

// ---------------------------------------------------------------- combining
