import type { Rng } from '@aispm/core';
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
    if (label === 'org') guardedInvoker(w, arn);
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
  const arn = `arn:aws:iam::${w.acct}:role/${name}`;
  const actions = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];
  const models = `arn:aws:bedrock:${w.r}::foundation-model/*`;
  const pinned = `${guardrail}:1`;
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
    RolePolicyList: [
      {
        PolicyName: `${name}-policy`,
        PolicyDocument: doc(
          {
            Sid: 'InvokeWithGuardrail',
            Effect: 'Allow',
            Action: actions,
            Resource: models,
            Condition: { StringEquals: { 'bedrock:GuardrailIdentifier': pinned } },
          },
          {
            Sid: 'DenyWithoutGuardrail',
            Effect: 'Deny',
            Action: actions,
            Resource: models,
            Condition: { StringNotEquals: { 'bedrock:GuardrailIdentifier': pinned } },
          },
          { Sid: 'ApplyGuardrail', Effect: 'Allow', Action: 'bedrock:ApplyGuardrail', Resource: guardrail },
        ),
      },
    ],
    AttachedManagedPolicies: [],
    Tags: [],
  });
  w.truth.asset(arn, 'identity', 'AWS::IAM::Role', w.acct, 'global', name);
  w.truth.edge('guarded-by', arn, guardrail);
  for (const m of FOUNDATION_MODELS)
    w.truth.edge('can-invoke', arn, `arn:aws:bedrock:${w.r}::foundation-model/${m.modelId}`);
}
