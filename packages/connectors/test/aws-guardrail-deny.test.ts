import { type AssetRecord, denyOnKey, type EdgeRecord, evaluateConditionClause } from '@aispm/core';
import { describe, expect, it } from 'vitest';
import { analyzeAccess } from '../src/aws/access/analyze.ts';
import { awsAsset } from '../src/aws/asset.ts';

/**
 * The Bedrock user guide's other way to require a guardrail: an unconditional Allow on InvokeModel beside a Deny on
 * bedrock:GuardrailIdentifier. IAM evaluates a negated operator on a request without the key as true ("If the policy
 * condition requires that the key is not matched … and the right key is not present, the condition is true"), so
 * `StringNotEquals` alone blocks calls that name no guardrail; `…IfExists` and `Null: true` do too; `ForAnyValue:` is
 * false on a missing key, so `ForAnyValue:StringNotEquals` lets them through.
 */
const A = '111122223333';
const R = 'us-east-1';
const GUARDRAIL = `arn:aws:bedrock:${R}:${A}:guardrail/gr0001abcd`;
const PINNED = `${GUARDRAIL}:1`;
const ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];
const MODELS = `arn:aws:bedrock:${R}::foundation-model/*`;
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });

const model = awsAsset({
  id: `arn:aws:bedrock:${R}::foundation-model/anthropic.claude-3-haiku-20240307-v1:0`,
  kind: 'model',
  accountId: 'aws',
  region: R,
  name: 'Claude 3 Haiku',
  nativeType: 'AWS::Bedrock::FoundationModel',
  properties: {},
});

function role(name: string, ...statements: object[]): AssetRecord {
  return awsAsset({
    id: `arn:aws:iam::${A}:role/${name}`,
    kind: 'identity',
    accountId: A,
    region: 'global',
    name,
    nativeType: 'AWS::IAM::Role',
    properties: { inlinePolicies: [{ name: 'p', document: doc(...statements) }] },
  });
}

const allow = { Effect: 'Allow', Action: ACTIONS, Resource: MODELS };
const deny = (Condition: object, Action: string[] = ACTIONS) => ({
  Effect: 'Deny',
  Action,
  Resource: MODELS,
  Condition,
});

const roles = [
  role('DenyNotEquals', allow, deny({ StringNotEquals: { 'bedrock:GuardrailIdentifier': PINNED } })),
  role(
    'DenyNotEqualsIfExists',
    allow,
    deny({ StringNotEqualsIfExists: { 'bedrock:GuardrailIdentifier': PINNED } }),
  ),
  role('DenyNull', allow, deny({ Null: { 'bedrock:GuardrailIdentifier': 'true' } })),
  role(
    'DenyNullAndNotEquals',
    allow,
    deny({ Null: { 'bedrock:GuardrailIdentifier': 'true' } }),
    deny({ StringNotEquals: { 'bedrock:GuardrailIdentifier': PINNED } }),
  ),
  role(
    'DenyForAnyValue',
    allow,
    deny({ 'ForAnyValue:StringNotEquals': { 'bedrock:GuardrailIdentifier': PINNED } }),
  ),
  role(
    'DenyOneActionOnly',
    allow,
    deny({ StringNotEquals: { 'bedrock:GuardrailIdentifier': PINNED } }, ['bedrock:InvokeModel']),
  ),
  role(
    'DenyOtherKeyToo',
    allow,
    deny({
      StringNotEquals: { 'bedrock:GuardrailIdentifier': PINNED },
      StringEquals: { 'aws:ResourceTag/team': 'ml' },
    }),
  ),
  role('AllowOnly', allow),
];
const { edges } = analyzeAccess({ accountId: A, identities: roles, resources: [model] });
const invoke = (name: string) =>
  edges.find(
    (e) => e.kind === 'can-invoke' && e.from === `arn:aws:iam::${A}:role/${name}` && e.to === model.id,
  );
const guarded = (name: string): EdgeRecord[] =>
  edges.filter((e) => e.kind === 'guarded-by' && e.from === `arn:aws:iam::${A}:role/${name}`);

describe('IAM condition operators on a request without the key (core/iam-conditions.ts)', () => {
  it('evaluates each operator form as AWS documents it', () => {
    const absent = (op: string, values = [PINNED]) => evaluateConditionClause(op, values, null);
    expect(absent('StringNotEquals')).toBe(true);
    expect(absent('StringNotEqualsIfExists')).toBe(true);
    expect(absent('Null', ['true'])).toBe(true);
    expect(absent('Null', ['false'])).toBe(false);
    expect(absent('ForAnyValue:StringNotEquals')).toBe(false);
    expect(absent('ForAllValues:StringNotEquals')).toBe(true);
    expect(absent('StringEquals')).toBe(false);
    expect(absent('StringEqualsIfExists')).toBe(true);
    expect(absent('NumericLessThan', ['1'])).toBeUndefined();
  });

  it('a Deny on the key alone blocks a call without it and lets the named value past', () => {
    const d = denyOnKey([{ operator: 'StringNotEquals', values: [PINNED] }]);
    expect(d?.deniesAbsent).toBe(true);
    expect(d?.passes(PINNED)).toBe(true);
    expect(d?.passes(`${GUARDRAIL}:2`)).toBe(false);
    expect(denyOnKey([{ operator: 'ForAnyValue:StringNotEquals', values: [PINNED] }])?.deniesAbsent).toBe(
      false,
    );
  });
});

describe('an unconditional Allow beside a Deny on bedrock:GuardrailIdentifier', () => {
  it('StringNotEquals: the grant requires the guardrail it names, and the role is guarded by it', () => {
    expect(invoke('DenyNotEquals')?.properties).toMatchObject({
      guardrailRequired: true,
      requiredGuardrails: [{ guardrail: GUARDRAIL, version: '1' }],
    });
    expect(invoke('DenyNotEquals')?.properties.conditional).toBeUndefined();
    expect(guarded('DenyNotEquals').map((e) => [e.to, e.properties])).toEqual([
      [GUARDRAIL, { versions: ['1'], via: 'iam-condition' }],
    ]);
  });

  it('StringNotEqualsIfExists: the same (a call without the key matches the Deny)', () => {
    expect(invoke('DenyNotEqualsIfExists')?.properties).toMatchObject({
      guardrailRequired: true,
      requiredGuardrails: [{ guardrail: GUARDRAIL, version: '1' }],
    });
    expect(guarded('DenyNotEqualsIfExists').map((e) => e.to)).toEqual([GUARDRAIL]);
  });

  it('Null true: a guardrail is required, but any guardrail passes — none to name, no guarded-by edge', () => {
    const props = invoke('DenyNull')?.properties;
    expect(props?.guardrailRequired).toBe(true);
    expect(props?.requiredGuardrails).toBeUndefined();
    expect(guarded('DenyNull')).toEqual([]);
    // With a second Deny naming one, only that one passes both.
    expect(invoke('DenyNullAndNotEquals')?.properties).toMatchObject({
      guardrailRequired: true,
      requiredGuardrails: [{ guardrail: GUARDRAIL, version: '1' }],
    });
  });

  it('ForAnyValue:StringNotEquals: false on a missing key, so a call without a guardrail passes — nothing required', () => {
    const props = invoke('DenyForAnyValue')?.properties;
    expect(props?.deniedIf).toBeDefined();
    expect(props?.guardrailRequired).toBeUndefined();
    expect(props?.requiredGuardrails).toBeUndefined();
    expect(guarded('DenyForAnyValue')).toEqual([]);
  });

  it('a Deny covering only some of the actions, or conditioned on another key too, requires nothing', () => {
    for (const name of ['DenyOneActionOnly', 'DenyOtherKeyToo']) {
      expect(invoke(name)?.properties.guardrailRequired).toBeUndefined();
      expect(guarded(name)).toEqual([]);
    }
    const partial = (invoke('DenyOneActionOnly')?.properties.deniedIf ?? []) as { actions?: string[] }[];
    expect(partial.map((d) => d.actions)).toEqual([['bedrock:InvokeModel']]);
  });

  it('an Allow without a condition and no Deny requires nothing', () => {
    expect(invoke('AllowOnly')?.properties.guardrailRequired).toBeUndefined();
    expect(guarded('AllowOnly')).toEqual([]);
  });
});
