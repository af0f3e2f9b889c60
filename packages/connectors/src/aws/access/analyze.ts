import {
  type AssetRecord,
  type EdgeKind,
  type EdgeRecord,
  edge,
  externalPrincipalId,
  type GraphBatch,
} from '@aispm/core';
import { runToCompletion, runYielding } from '../../shared/cooperative.ts';
import { externalPrincipalAsset } from '../asset.ts';
import {
  type AccessDecision,
  evaluateAccess,
  evaluateExternalAccess,
  externalPrincipalsOf,
  identityMayAllowOn,
  type RecordedCondition,
  type RequestContext,
  type ResourceInfo,
  statementsOf,
} from './evaluate.ts';
import { withGuardrailRequirements } from './guardrail-condition.ts';
import { actionMatches } from './matching.ts';
import {
  buildPrincipals,
  crossAccountCandidates,
  type Principal,
  principalsNamedBy,
} from './organisation.ts';

export { buildPrincipals } from './organisation.ts';

/** The AI services a role can be passed to (iam:PassedToService values) that aispm tracks. */
export const AI_SERVICE_PRINCIPALS = ['sagemaker.amazonaws.com', 'bedrock.amazonaws.com'] as const;

export interface AccessInput {
  /** The account whose resources this analysis owns (edges are emitted for resources of this account). */
  accountId: string;
  /** Account and identity assets of every account in the organisation. */
  identities: AssetRecord[];
  /** This account's resources plus AWS-owned foundation models. */
  resources: AssetRecord[];
}

interface Grant {
  kind: EdgeKind;
  actions: string[];
  context?: RequestContext;
}

/** Folds the decisions of several actions into one edge's properties, or undefined when none is allowed. */
function edgeProperties(
  results: { action: string; decision: AccessDecision }[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> | undefined {
  const allowed = results.filter((r) => r.decision.allowed);
  if (allowed.length === 0) return undefined;
  const conditional = allowed.every((r) => r.decision.conditional);
  const conditions: RecordedCondition[] = conditional ? allowed.flatMap((r) => r.decision.conditions) : [];
  // A Deny that may block only some of the actions is marked with those (`actions`): it does not hold the grant whole.
  const deniedIf = allowed.flatMap((r) =>
    r.decision.deniedIf.map((d) => {
      const key = JSON.stringify(d);
      const on = allowed.filter((o) => o.decision.deniedIf.some((x) => JSON.stringify(x) === key));
      return on.length === allowed.length ? d : { ...d, actions: on.map((o) => o.action) };
    }),
  );
  const vias = new Set(allowed.map((r) => r.decision.via));
  const props: Record<string, unknown> = {
    actions: [...new Set(allowed.map((r) => r.action))],
    via: vias.size === 1 ? [...vias][0] : [...vias].sort().join(','),
    ...extra,
  };
  if (conditional) {
    props.conditional = true;
    props.conditions = dedupe(conditions);
  }
  if (deniedIf.length) props.deniedIf = dedupe(deniedIf);
  if (
    allowed.some((r) => r.decision.resourceScope === 'some') &&
    !allowed.some((r) => r.decision.resourceScope === 'all')
  )
    props.resourceScope = 'some';
  if (allowed.some((r) => r.decision.incomplete)) props.incomplete = true;
  // Only a grant to everyone (the bucket's public policy): the principal holds it as any stranger does.
  if (allowed.every((r) => r.decision.everyone)) props.grantedToEveryone = true;
  return props;
}

function dedupe<T>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const k = JSON.stringify(i);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Bedrock agents are invoked through aliases: the request resource is any `agent-alias/<agentId>/<aliasId>`. */
function agentAliasFamily(agent: AssetRecord): string {
  const agentId = (agent.properties.agentId as string | undefined) ?? agent.id.split('/').pop();
  return agent.id.replace(/:agent\/.*$/, `:agent-alias/${agentId}/`);
}

/** Principals weighed between two chances to give the event loop back (see analyzeAccessYielding). */
const PRINCIPALS_PER_STEP = 64;

/**
 * The invoke actions of resource types only their own account's principals can invoke, unless (AgentCore
 * runtimes, runtime endpoints and gateways) a resource-based policy opens them to others: see agentCorePolicy.
 * A runtime endpoint is invoked with the runtime's own action (InvokeAgentRuntime with the endpoint as qualifier).
 */
const INVOKE_ONLY: Record<string, string[]> = {
  'AWS::Bedrock::FoundationModel': ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
  'AWS::Bedrock::CustomModel': ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
  'AWS::Bedrock::ImportedModel': ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
  'AWS::Bedrock::ProvisionedModelThroughput': [
    'bedrock:InvokeModel',
    'bedrock:InvokeModelWithResponseStream',
  ],
  'AWS::SageMaker::Endpoint': ['sagemaker:InvokeEndpoint'],
  'AWS::BedrockAgentCore::Runtime': ['bedrock-agentcore:InvokeAgentRuntime'],
  'AWS::BedrockAgentCore::Runtime#mcp': ['bedrock-agentcore:InvokeAgentRuntime'],
  'AWS::BedrockAgentCore::RuntimeEndpoint': ['bedrock-agentcore:InvokeAgentRuntime'],
  'AWS::BedrockAgentCore::Gateway': ['bedrock-agentcore:InvokeGateway'],
  'AWS::Bedrock::ApplicationInferenceProfile': [
    'bedrock:InvokeModel',
    'bedrock:InvokeModelWithResponseStream',
  ],
};

/**
 * What to evaluate for a resource only its own account's principals can invoke (every account for AWS-owned
 * foundation models, evaluated for this account's principals), judged on the resource's own ARN: a grant on
 * `<arn>*` or `*` covers it as well as an exact one. An AgentCore gateway asks IAM only when it is IAM-authorized
 * (a JWT gateway trusts its token issuer, an open one nobody).
 */
function invokeOnly(r: AssetRecord): { resource: ResourceInfo; actions: string[] } | undefined {
  const actions = INVOKE_ONLY[r.nativeType];
  if (!actions) return undefined;
  if (r.nativeType === 'AWS::BedrockAgentCore::Gateway' && r.properties.authorizerType !== 'AWS_IAM')
    return undefined;
  return { resource: { arn: r.id, accountId: r.accountId === 'aws' ? 'aws' : r.accountId }, actions };
}

/**
 * The resource-based policy of an AgentCore runtime, runtime endpoint or gateway (GetResourcePolicy), when it has
 * one and callers sign with SigV4: a JWT-authorized runtime (and its endpoints) trusts its token issuer, not the
 * policy's principals.
 */
function agentCorePolicy(r: AssetRecord): unknown {
  if (!r.nativeType.startsWith('AWS::BedrockAgentCore::')) return undefined;
  if (r.properties.inboundAuthorizer === 'CUSTOM_JWT') return undefined;
  return r.properties.resourcePolicy ?? undefined;
}

/**
 * What a Bedrock guardrail's resource-based policy can be asked for. AWS documents guardrail policies as granting
 * `bedrock:ApplyGuardrail` (use it: cross-account and organisation-enforced guardrails) and `bedrock:GetGuardrail`
 * (read its configuration); the management actions are evaluated too, so a policy that grants them (or `bedrock:*`)
 * is seen for what it would allow: changing, versioning or deleting the guardrail, or rewriting its policy.
 */
const GUARDRAIL_USE: Grant[] = [
  { kind: 'can-invoke', actions: ['bedrock:ApplyGuardrail'] },
  { kind: 'can-read', actions: ['bedrock:GetGuardrail'] },
];
const GUARDRAIL_ADMIN: Grant = {
  kind: 'can-admin',
  actions: [
    'bedrock:UpdateGuardrail',
    'bedrock:DeleteGuardrail',
    'bedrock:CreateGuardrailVersion',
    'bedrock:PutResourcePolicy',
    'bedrock:DeleteResourcePolicy',
  ],
};

/**
 * What an AgentCore memory's resource-based policy can be asked for: reading what the agent remembers (its
 * long-term records and raw conversation events) and writing events into it, from which its strategies extract
 * the records the agent will later retrieve (memory poisoning).
 */
const MEMORY_USE: Grant[] = [
  {
    kind: 'can-read',
    actions: [
      'bedrock-agentcore:RetrieveMemoryRecords',
      'bedrock-agentcore:ListMemoryRecords',
      'bedrock-agentcore:GetMemoryRecord',
      'bedrock-agentcore:ListEvents',
      'bedrock-agentcore:GetEvent',
    ],
  },
  {
    kind: 'can-write',
    actions: ['bedrock-agentcore:CreateEvent', 'bedrock-agentcore:BatchCreateMemoryRecords'],
  },
];

interface OpenedByPolicy {
  resource: ResourceInfo;
  /** What outsiders (`*`, foreign accounts) are weighed for: the policy's allow is all they need. */
  external: Grant[];
  /** What the organisation's principals the policy names are weighed for (they need its allow and their own). */
  named: Grant[];
  /** What only this account's principals are weighed for (their identity allow suffices). */
  local: Grant[];
}

/** Whether any Allow statement of a resource policy covers one of the actions (for someone, somewhere). */
function policyMayAllow(policy: unknown, actions: readonly string[]): boolean {
  return statementsOf(policy).some(
    (st) => st.Effect === 'Allow' && actions.some((action) => actionMatches(st, action)),
  );
}

/**
 * A resource whose resource-based policy is weighed, with what to evaluate on it: an AgentCore runtime, runtime
 * endpoint or gateway callers sign for (see agentCorePolicy), an AgentCore memory or a Bedrock guardrail with a
 * policy (GetResourcePolicy). A guardrail
 * without one is not weighed at all: who in its own account may use or change it is an identity-policy question
 * the rules do not ask. Nor is who in the organisation may apply or read a guardrail shared with it: that is what
 * sharing it is for, and weighing every principal of org-1000 against every organisation-shared guardrail drew
 * 4.6M edges nobody reads. Outsiders' use, and management rights the policy hands to other accounts, are weighed.
 */
function openedByPolicy(r: AssetRecord, invoke: ReturnType<typeof invokeOnly>): OpenedByPolicy | undefined {
  // An AgentCore memory with a policy: weighed, as a guardrail is, only for what it opens to outsiders (who in
  // the organisation may read or write it is an identity-policy question the rules do not ask).
  if (r.nativeType === 'AWS::BedrockAgentCore::Memory') {
    const policy = r.properties.resourcePolicy;
    if (!policy) return undefined;
    return {
      resource: { arn: r.id, accountId: r.accountId, policy },
      external: MEMORY_USE,
      named: [],
      local: [],
    };
  }
  if (r.nativeType === 'AWS::Bedrock::Guardrail') {
    const policy = r.properties.resourcePolicy;
    if (!policy) return undefined;
    const opensAdmin = policyMayAllow(policy, GUARDRAIL_ADMIN.actions);
    return {
      resource: { arn: r.id, accountId: r.accountId, policy },
      external: [...GUARDRAIL_USE, GUARDRAIL_ADMIN],
      named: opensAdmin ? [GUARDRAIL_ADMIN] : [],
      local: opensAdmin ? [] : [GUARDRAIL_ADMIN],
    };
  }
  const policy = invoke && agentCorePolicy(r);
  if (!invoke || !policy) return undefined;
  const grants: Grant[] = [{ kind: 'can-invoke', actions: invoke.actions }];
  return { resource: { ...invoke.resource, policy }, external: grants, named: grants, local: [] };
}

/**
 * Data-plane requests on a regional resource go to that region's endpoint, so aws:RequestedRegion is known
 * (region-lock SCPs then evaluate instead of staying conditional). IAM/STS calls keep it unknown.
 */
function grantsInRegion(r: AssetRecord, grants: Grant[]): Grant[] {
  return r.region === 'global'
    ? grants
    : grants.map((g) => ({ ...g, context: { 'aws:requestedregion': [r.region], ...g.context } }));
}

/** The effective access of one account's principals and resources: pure, run to completion. */
export function analyzeAccess(input: AccessInput): GraphBatch {
  return runToCompletion(accessSteps(input));
}

/**
 * As analyzeAccess, giving the event loop back every few milliseconds. An account takes seconds to analyse on a
 * large organisation, and a worker runs other tasks beside it: without the breaks, their open transactions (which
 * hold the scan row and the sightings they claimed) waited for the analysis to end, and every other worker's
 * tasks queued behind those locks.
 */
export function analyzeAccessYielding(input: AccessInput): Promise<GraphBatch> {
  return runYielding(accessSteps(input));
}

/** The analysis in steps: one per resource, and one per PRINCIPALS_PER_STEP principals weighed against it. */
export function* accessSteps(input: AccessInput): Generator<void, GraphBatch> {
  const org = buildPrincipals(input.identities);
  const { principals, accounts, byAccount } = org;
  const orgAccounts = new Set<string>([...accounts.keys(), input.accountId]);
  const orgId = accounts.get(input.accountId)?.orgId;
  const edges: EdgeRecord[] = [];
  const externals = new Set<string>();
  const local = byAccount.get(input.accountId) ?? [];
  const namedBy = (policy: unknown, resourceAccount: string) =>
    principalsNamedBy(policy, principals, byAccount, resourceAccount);

  // A resource whose policy names everyone is weighed against every principal of the organisation (tens of
  // thousands): steps of PRINCIPALS_PER_STEP, so the analysis can give the event loop back inside one resource.
  let weighed = 0;
  const evaluateFor = function* (
    named: Principal[],
    resource: ResourceInfo,
    grants: Grant[],
    extra?: (p: Principal) => Record<string, unknown>,
  ): Generator<void, void> {
    // Another account's principal is granted an action only with an Allow for it in both the resource policy and
    // its own identity policies. The resource policy's side is read once per grant: the actions it may allow at all.
    const crossActions = grants.map((g) => g.actions.filter((a) => policyMayAllow(resource.policy, [a])));
    const candidates = crossAccountCandidates(org, named, resource.accountId, crossActions.flat());
    for (const p of candidates) {
      if (++weighed % PRINCIPALS_PER_STEP === 0) yield;
      if (p.info.arn === resource.arn) continue;
      const otherAccount = resource.accountId !== p.info.accountId && resource.accountId !== 'aws';
      for (const [i, g] of grants.entries()) {
        // Without both Allows for one of the grant's actions, another account's principal is granted nothing: this
        // skips the full evaluation, not a decision (the result is the same).
        if (otherAccount && !crossActions[i]?.some((action) => identityMayAllowOn(p.info, action, resource)))
          continue;
        const results = g.actions.map((action) => ({
          action,
          decision: evaluateAccess(
            p.info,
            resource,
            action,
            g.context ? { ...p.context, ...g.context } : p.context,
          ),
        }));
        const props = edgeProperties(results, extra?.(p));
        if (props) edges.push(edge(g.kind, p.info.arn, targetId(resource), props));
      }
    }
  };
  const targetIds = new Map<ResourceInfo, string>();
  const targetId = (r: ResourceInfo) => targetIds.get(r) ?? r.arn;

  const evaluateExternal = (resource: ResourceInfo, grants: Grant[]) => {
    for (const ext of externalPrincipalsOf(resource.policy, orgAccounts)) {
      for (const g of grants) {
        const results = g.actions.map((action) => ({
          action,
          decision: evaluateExternalAccess(
            ext,
            resource,
            action,
            { orgId, accounts: [...orgAccounts] },
            g.context,
          ),
        }));
        const props = edgeProperties(results, ext === '*' ? { public: true } : { externalAccount: ext });
        if (props) {
          externals.add(ext);
          edges.push(edge(g.kind, externalPrincipalId('aws', ext), targetId(resource), props));
        }
      }
    }
  };

  for (const r of input.resources) {
    const inRegion = (grants: Grant[]) => grantsInRegion(r, grants);
    const invoke = invokeOnly(r);
    const opened = openedByPolicy(r, invoke);
    if (opened) {
      // A resource policy that may open it to others (an IAM-authorized AgentCore runtime or gateway, a guardrail):
      // other accounts of the organisation need both its allow and their own, outsiders (`*`, foreign accounts)
      // only its allow.
      yield* evaluateFor(
        opened.named.length ? namedBy(opened.resource.policy, r.accountId) : [],
        opened.resource,
        inRegion(opened.named),
      );
      yield* evaluateFor(opened.local.length ? local : [], opened.resource, inRegion(opened.local));
      evaluateExternal(opened.resource, inRegion(opened.external));
    } else if (invoke)
      // Resources without resource policies: only this account's principals can be granted the invoke.
      yield* evaluateFor(local, invoke.resource, inRegion([{ kind: 'can-invoke', actions: invoke.actions }]));
    switch (r.nativeType) {
      case 'AWS::Bedrock::Agent': {
        const resource: ResourceInfo = { arn: agentAliasFamily(r), anySuffix: true, accountId: r.accountId };
        targetIds.set(resource, r.id);
        yield* evaluateFor(
          local,
          resource,
          inRegion([{ kind: 'can-invoke', actions: ['bedrock:InvokeAgent'] }]),
        );
        break;
      }
      case 'AWS::S3::Bucket': {
        const policy = r.properties.bucketPolicy;
        const resource: ResourceInfo = { arn: `${r.id}/`, anySuffix: true, accountId: r.accountId, policy };
        targetIds.set(resource, r.id);
        const grants: Grant[] = inRegion([
          { kind: 'can-read', actions: ['s3:GetObject'] },
          { kind: 'can-write', actions: ['s3:PutObject', 's3:DeleteObject'] },
        ]);
        // Without a bucket policy, other accounts cannot be granted anything (ACLs are not modelled).
        yield* evaluateFor(policy ? namedBy(policy, r.accountId) : local, resource, grants);
        const pab = r.properties.publicAccessBlock as { restrictPublicBuckets?: boolean } | undefined;
        // RestrictPublicBuckets limits a bucket with a public policy to its own account and AWS services.
        if (policy && !(pab?.restrictPublicBuckets && r.properties.policyIsPublic))
          evaluateExternal(resource, grants);
        break;
      }
      case 'AWS::IAM::Role': {
        const trust = r.properties.trustPolicy;
        const role: ResourceInfo = { arn: r.id, accountId: r.accountId, policy: trust, policyRequired: true };
        yield* evaluateFor(namedBy(trust, r.accountId), role, [
          { kind: 'can-assume', actions: ['sts:AssumeRole'] },
        ]);
        evaluateExternal(role, [{ kind: 'can-assume', actions: ['sts:AssumeRole'] }]);
        edges.push(...passRoleEdges(r, local));
        break;
      }
    }
    yield;
  }
  const assets = [...externals].sort().map(externalPrincipalAsset);
  return { assets, edges: withGuardrailRequirements(dedupeEdges(edges), input.resources) };
}

/**
 * can-pass-role edges to a role an AI service can assume, from this account's principals whose identity policies
 * let them pass it to that service. PassRole is identity-policy only; only roles an AI service trusts are worth an
 * edge.
 */
function passRoleEdges(r: AssetRecord, local: readonly Principal[]): EdgeRecord[] {
  const trusted = ((r.properties.trustedServices as string[] | undefined) ?? []).filter((s) =>
    (AI_SERVICE_PRINCIPALS as readonly string[]).includes(s),
  );
  if (trusted.length === 0) return [];
  const edges: EdgeRecord[] = [];
  const passTarget: ResourceInfo = { arn: r.id, accountId: r.accountId };
  for (const p of local) {
    if (p.info.arn === r.id) continue;
    const services: string[] = [];
    const results: { action: string; decision: AccessDecision }[] = [];
    for (const service of trusted) {
      const decision = evaluateAccess(p.info, passTarget, 'iam:PassRole', {
        ...p.context,
        'iam:passedtoservice': [service],
      });
      if (decision.allowed) services.push(service);
      results.push({ action: 'iam:PassRole', decision });
    }
    const props = edgeProperties(results, { services });
    if (props) edges.push(edge('can-pass-role', p.info.arn, r.id, props));
  }
  return edges;
}

function dedupeEdges(edges: EdgeRecord[]): EdgeRecord[] {
  const byKey = new Map<string, EdgeRecord>();
  for (const e of edges) {
    const key = `${e.kind}\u0000${e.from}\u0000${e.to}`;
    if (!byKey.has(key)) byKey.set(key, e);
  }
  return [...byKey.values()];
}
