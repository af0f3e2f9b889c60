import type { AssetRecord, EdgeRecord } from '@aispm/core';
import { describe, expect, it } from 'vitest';
import { RULES, RuleGraph } from '../src/index.ts';

/**
 * aispm-guardrail-policy-external-access: a guardrail whose resource policy lets an outside account (or anyone)
 * apply, read or change it fails, one shared with the organisation only passes, and an unread policy
 * (GetResourcePolicy denied) is not evaluated rather than "nobody outside".
 */
const ACCT = '111122223333';
const OUTSIDER = 'aispm:external:aws:999999999999';
const EVERYONE = 'aispm:external:aws:*';
const GUARDRAIL = `arn:aws:bedrock:us-east-1:${ACCT}:guardrail/gr7k2m9p4q1z`;
const ROLE = `arn:aws:iam::${ACCT}:role/partner-bridge`;

const asset = (id: string, kind: AssetRecord['kind'], nativeType: string, facts: object): AssetRecord => ({
  id,
  kind,
  provider: 'aws',
  accountId: id.startsWith('aispm:') ? 'global' : ACCT,
  region: id.startsWith('arn:aws:bedrock') ? 'us-east-1' : 'global',
  name: id.split('/').pop() ?? id,
  nativeType,
  properties: { facts },
  tags: {},
});
const edge = (kind: EdgeRecord['kind'], from: string, to = GUARDRAIL): EdgeRecord => ({
  kind,
  from,
  to,
  properties: { actions: [], via: 'resource' },
});

function evaluate(principals: unknown, edges: EdgeRecord[] = []) {
  const rule = RULES.find((r) => r.id === 'aispm-guardrail-policy-external-access');
  const graph = new RuleGraph({
    assets: [
      asset(GUARDRAIL, 'guardrail', 'AWS::Bedrock::Guardrail', { resourcePolicyPrincipals: principals }),
      asset(OUTSIDER, 'external-principal', 'aispm::ExternalPrincipal', {}),
      asset(EVERYONE, 'external-principal', 'aispm::ExternalPrincipal', {}),
      asset(ROLE, 'identity', 'AWS::IAM::Role', {}),
    ],
    edges,
  });
  const [verdict] = rule?.evaluate({ graph }) ?? [];
  return verdict;
}

describe('aispm-guardrail-policy-external-access', () => {
  it('fails a guardrail an outside account may apply and read, naming what it may do', () => {
    const v = evaluate(
      ['arn:aws:iam::999999999999:root'],
      [edge('can-invoke', OUTSIDER), edge('can-read', OUTSIDER)],
    );
    expect(v?.status).toBe('fail');
    expect(v?.message).toContain('may read, apply');
  });

  it('fails a policy that lets everyone change or delete it', () => {
    const v = evaluate(['*'], [edge('can-admin', EVERYONE)]);
    expect(v?.status).toBe('fail');
    expect(v?.message).toContain('change or delete');
  });

  it('passes a guardrail shared with the own account or organisation only, or with no policy', () => {
    for (const principals of [['*'], [`arn:aws:iam::${ACCT}:root`], []])
      expect(evaluate(principals, [edge('can-invoke', ROLE)])?.status).toBe('pass');
  });

  it("does not charge the guardrail with an outsider's reach through a role it assumes (the role's finding)", () => {
    const v = evaluate(
      [`arn:aws:iam::${ACCT}:root`],
      [edge('can-assume', OUTSIDER, ROLE), edge('can-admin', ROLE)],
    );
    expect(v?.status).toBe('pass');
  });

  it('is not evaluated when the policy could not be read', () => {
    const unread = { $unknown: 'AccessDenied: bedrock:GetResourcePolicy' };
    expect(evaluate(unread)?.status).toBe('not-evaluated');
  });
});
