/** Stage 0 of the IAM evaluator (see evaluate.ts): the policy documents' shapes and the decision types. */

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
  /** In a grant's `deniedIf`: the only actions of the grant this Deny may block (absent: all of them). */
  actions?: string[];
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

export interface Statement {
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

export type Level = 0 | 1 | 2; // none, conditional, unconditional

export interface AllowResult {
  level: Level;
  conditions: RecordedCondition[];
  scope: 'all' | 'some';
}

export const NONE: AllowResult = { level: 0, conditions: [], scope: 'all' };
export const ALWAYS: AllowResult = { level: 2, conditions: [], scope: 'all' };

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

export const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
