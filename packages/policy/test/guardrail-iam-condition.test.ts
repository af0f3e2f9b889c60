import type { AssetRecord, EdgeRecord } from '@aispm/core';
import { describe, expect, it } from 'vitest';
import { RULES, RuleGraph } from '../src/index.ts';

// Without Bedrock's enforced guardrails, IAM can still make a guardrail mandatory: a condition on
// bedrock:GuardrailIdentifier on every statement that allows InvokeModel denies any call that does not name one.
const A = '111111111111';
const rule = RULES.find((r) => r.id === 'aispm-guardrail-not-enforced');
const CONFIG = `arn:aws:bedrock:us-east-1:${A}:enforced-guardrails`;
const MODEL = 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet';

const asset = (a: Partial<AssetRecord> & Pick<AssetRecord, 'id' | 'kind' | 'nativeType'>): AssetRecord => ({
  provider: 'aws',
  accountId: A,
  region: 'us-east-1',
  name: a.id.split('/').pop() ?? a.id,
  properties: {},
  tags: {},
  ...a,
});
const role = (name: string) =>
  asset({
    id: `arn:aws:iam::${A}:role/${name}`,
    kind: 'identity',
    nativeType: 'AWS::IAM::Role',
    region: 'global',
  });
const invoke = (name: string, guardrailCondition: boolean, operator = 'StringEquals'): EdgeRecord => ({
  kind: 'can-invoke',
  from: `arn:aws:iam::${A}:role/${name}`,
  to: MODEL,
  properties: {
    actions: ['bedrock:InvokeModel'],
    via: 'identity',
    ...(guardrailCondition
      ? {
          conditional: true,
          conditions: [
            {
              source: 'identity',
              reason: 'condition',
              clauses: [
                {
                  operator,
                  key: 'bedrock:GuardrailIdentifier',
                  values: [`arn:aws:bedrock:us-east-1:${A}:guardrail/g1:1`],
                },
              ],
            },
          ],
        }
      : {}),
  },
});

function verdict(edges: EdgeRecord[]) {
  const graph = new RuleGraph({
    assets: [
      asset({
        id: CONFIG,
        kind: 'guardrail',
        nativeType: 'AWS::Bedrock::EnforcedGuardrailConfiguration',
        properties: { configurations: [], facts: { enforcedOnInvocations: false } },
      }),
      asset({ id: MODEL, kind: 'model', nativeType: 'AWS::Bedrock::FoundationModel', accountId: 'aws' }),
      role('app'),
      role('notebook'),
    ],
    edges,
  });
  return rule?.evaluate({ graph }).find((v) => v.assetId === CONFIG);
}

describe('Bedrock invocations without an enforced guardrail', () => {
  it('pass when every invoke permission in the region requires a guardrail by IAM condition', () => {
    const v = verdict([invoke('app', true), invoke('notebook', true)]);
    expect(v?.status).toBe('pass');
    expect(v?.message).toContain('require a guardrail (bedrock:GuardrailIdentifier)');
  });

  it('fail, naming the principal, when one permission does not', () => {
    const v = verdict([invoke('app', true), invoke('notebook', false)]);
    expect(v?.status).toBe('fail');
    expect(v?.evidence.related).toEqual([`arn:aws:iam::${A}:role/notebook`]);
  });

  it('fail when the condition lets a call without a guardrail through (…IfExists, StringNotEquals, ForAllValues:)', () => {
    for (const operator of ['StringEqualsIfExists', 'StringNotEquals', 'ForAllValues:StringEquals']) {
      const v = verdict([invoke('app', true), invoke('notebook', true, operator)]);
      expect(v?.status).toBe('fail');
      expect(v?.evidence.related).toEqual([`arn:aws:iam::${A}:role/notebook`]);
    }
    expect(verdict([invoke('app', true), invoke('notebook', true, 'StringLike')])?.status).toBe('pass');
  });

  it('pass when an unconditional grant is held to a guardrail by a Deny beside it (the scan marks it guardrailRequired)', () => {
    // Allow InvokeModel without a condition + Deny StringNotEquals / Null true on bedrock:GuardrailIdentifier.
    const denyOnly: EdgeRecord = {
      ...invoke('notebook', false),
      properties: {
        actions: ['bedrock:InvokeModel'],
        via: 'identity',
        guardrailRequired: true,
        deniedIf: [
          {
            source: 'identity',
            reason: 'condition',
            clauses: [
              {
                operator: 'StringNotEquals',
                key: 'bedrock:GuardrailIdentifier',
                values: [`arn:aws:bedrock:us-east-1:${A}:guardrail/g1:1`],
              },
            ],
          },
        ],
      },
    };
    expect(verdict([invoke('app', true), denyOnly])?.status).toBe('pass');
    // The same grant without the Deny's mark (an Allow only, no condition) is still unguarded.
    const v = verdict([invoke('app', true), invoke('notebook', false)]);
    expect(v?.status).toBe('fail');
    expect(v?.evidence.related).toEqual([`arn:aws:iam::${A}:role/notebook`]);
  });

  it('fail when nobody can invoke yet: the next grant would be unguarded', () => {
    expect(verdict([])?.status).toBe('fail');
  });
});
