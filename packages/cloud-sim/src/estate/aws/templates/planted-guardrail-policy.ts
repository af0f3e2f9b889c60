import type { Rng } from '@aispm/core';
import type { PolicyStatement } from '../../../aws/model.ts';
import type { AccountBuilder } from '../account.ts';
import { chars, doc, EPOCH, FOUNDATION_MODELS, iso, LOWER_ALNUM, UPPER_ALNUM } from '../common.ts';
import { WorkloadBuilder } from '../workload.ts';
import { guardrailPolicy } from './agent-rag.ts';

/**
 * A guardrail shared through its resource-based policy with a partner account outside the organisation (apply
 * and read: the actions AWS documents for guardrail policies), planted beside its clean twin: the same guardrail
 * shared with the organisation only (ApplyGuardrail under aws:PrincipalOrgID, as an organisation-enforced
 * guardrail needs). Both are otherwise hardened (high prompt-attack filter, PII anonymised, a customer key), so
 * the policy is the only thing wrong with the one. Placed in a region where the account already holds its key, so
 * no randomness of the account moves; without one, nothing is planted.
 */
export function plantGuardrailPolicies(b: AccountBuilder, rng: Rng, team: string): void {
  const region = Object.entries(b.account.regions).find(([, r]) => r.kmsKeys.length > 0)?.[0];
  if (!region) return;
  for (const [label, level] of [
    ['partner', 'exposed'],
    ['org', 'hardened'],
  ] as const) {
    const w = new WorkloadBuilder(b, rng.fork(label), region, level, `${team}${label}`);
    const id = chars(w.rng, LOWER_ALNUM, 12);
    const arn = `arn:aws:bedrock:${region}:${b.id}:guardrail/${id}`;
    const name = `guard-${team}-${label}`;
    const created = iso(w.time(20, 300));
    w.state.guardrails.push({
      name,
      guardrailId: id,
      guardrailArn: arn,
      version: 'DRAFT',
      description: `Guardrail shared with ${label === 'org' ? 'the organisation' : 'a partner'}`,
      status: 'READY',
      contentPolicy: {
        filters: ['SEXUAL', 'VIOLENCE', 'HATE', 'INSULTS', 'MISCONDUCT', 'PROMPT_ATTACK'].map((type) => ({
          type,
          inputStrength: 'HIGH',
          outputStrength: type === 'PROMPT_ATTACK' ? 'NONE' : 'HIGH',
        })),
      },
      sensitiveInformationPolicy: { piiEntities: [{ type: 'EMAIL', action: 'ANONYMIZE' }] },
      createdAt: created,
      updatedAt: created,
      blockedInputMessaging: 'Sorry, I cannot help with that.',
      blockedOutputsMessaging: 'Sorry, I cannot answer that.',
      kmsKeyArn: b.key(region).Arn,
    });
    w.truth.asset(arn, 'guardrail', 'AWS::Bedrock::Guardrail', b.id, region, name);
    b.encryptedBy(arn, region);
    guardrailPolicy(w, arn);
    w.clean(arn);
    if (label === 'org') {
      guardedInvoker(w, arn);
      denyOnlyInvokers(w, arn);
    }
  }
}

/**
 * A role that may invoke the region's foundation models only with the organisation's guardrail, pinned to its
 * version 1 through IAM (`bedrock:GuardrailIdentifier` on the version-qualified ARN, with the explicit Deny of any
 * other, as the Bedrock user guide writes it). The scan must resolve `…/guardrail/<id>:1` to the guardrail asset:
 * `guarded-by` role → guardrail. Built from the workload's own random stream and pushed directly, so no other id of
 * the account moves.
 */
function guardedInvoker(w: WorkloadBuilder, guardrail: string): void {
  const name = `GuardedInvoker-${w.team}`;
  const pinned = `${guardrail}:1`;
  invokerRole(w, name, [
    {
      Sid: 'InvokeWithGuardrail',
      Effect: 'Allow',
      Action: INVOKE,
      Resource: models(w),
      Condition: { StringEquals: { 'bedrock:GuardrailIdentifier': pinned } },
    },
    {
      Sid: 'DenyWithoutGuardrail',
      Effect: 'Deny',
      Action: INVOKE,
      Resource: models(w),
      Condition: { StringNotEquals: { 'bedrock:GuardrailIdentifier': pinned } },
    },
    { Sid: 'ApplyGuardrail', Effect: 'Allow', Action: 'bedrock:ApplyGuardrail', Resource: guardrail },
  ]);
  w.truth.edge('guarded-by', roleArn(w, name), guardrail);
}

/**
 * The guide's Deny-only form beside its unguarded twin: `DenyOnlyInvoker` may invoke every foundation model with no
 * condition on the Allow, but a Deny with `StringNotEquals` on bedrock:GuardrailIdentifier blocks every call that does
 * not name the guardrail's version 1 (IAM evaluates the negated operator on a call without the key as true): clean,
 * `guarded-by` the guardrail. `UnguardedInvoker` holds the same Allow without the Deny: every call may skip the
 * guardrail, so the region's invocations are not held to one (aispm-guardrail-not-enforced names it where Bedrock
 * enforces none). Drawn after everything else of the workload, so no other id moves.
 */
function denyOnlyInvokers(w: WorkloadBuilder, guardrail: string): void {
  const allow: PolicyStatement = {
    Sid: 'InvokeModels',
    Effect: 'Allow',
    Action: INVOKE,
    Resource: models(w),
  };
  const deny = `DenyOnlyInvoker-${w.team}`;
  invokerRole(w, deny, [
    allow,
    {
      Sid: 'DenyWithoutGuardrail',
      Effect: 'Deny',
      Action: INVOKE,
      Resource: models(w),
      Condition: { StringNotEquals: { 'bedrock:GuardrailIdentifier': `${guardrail}:1` } },
    },
  ]);
  w.truth.edge('guarded-by', roleArn(w, deny), guardrail);
  w.clean(roleArn(w, deny));
  invokerRole(w, `UnguardedInvoker-${w.team}`, [allow]);
}

const INVOKE = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];
const models = (w: WorkloadBuilder) => `arn:aws:bedrock:${w.r}::foundation-model/*`;
const roleArn = (w: WorkloadBuilder, name: string) => `arn:aws:iam::${w.acct}:role/${name}`;

/** A Lambda-trusted role with one inline policy that may invoke the region's foundation models. */
function invokerRole(w: WorkloadBuilder, name: string, statements: PolicyStatement[]): void {
  const arn = roleArn(w, name);
  w.b.account.iam.roles.push({
    RoleName: name,
    RoleId: `AROA${chars(w.rng, UPPER_ALNUM, 17)}`,
    Arn: arn,
    Path: '/',
    CreateDate: EPOCH - w.rng.int(30, 700) * 86400,
    AssumeRolePolicyDocument: doc({
      Effect: 'Allow',
      Principal: { Service: 'lambda.amazonaws.com' },
      Action: 'sts:AssumeRole',
    }),
    RolePolicyList: [{ PolicyName: `${name}-policy`, PolicyDocument: doc(...statements) }],
    AttachedManagedPolicies: [],
    Tags: [],
  });
  w.truth.asset(arn, 'identity', 'AWS::IAM::Role', w.acct, 'global', name);
  for (const m of FOUNDATION_MODELS)
    w.truth.edge('can-invoke', arn, `arn:aws:bedrock:${w.r}::foundation-model/${m.modelId}`);
}
