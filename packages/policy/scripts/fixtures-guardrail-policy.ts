/**
 * Fixtures of aispm-guardrail-policy-external-access, in the shape the Bedrock connector stores a guardrail (from
 * GetGuardrail, its resource-based policy from GetResourcePolicy) and the edges the access analysis draws from
 * that policy. Imported by build-fixtures.ts, which writes them with the rest.
 */
import { type AssetKind, type AssetRecord, type EdgeRecord, externalPrincipalId } from '@aispm/core';

interface Fixture {
  target: string;
  assets: AssetRecord[];
  edges: EdgeRecord[];
}
type Def = (id: string, failing: Fixture, passing: Fixture) => void;

const ACCT = '111122223333';
const MEMBER = '444455556666';
const OUTSIDE = '999999999999';
const ORG = 'o-a1b2c3d4e5';
const REGION = 'us-east-1';
const GUARDRAIL = `arn:aws:bedrock:${REGION}:${ACCT}:guardrail/gr7k2m9p4q1z`;
const EXT = externalPrincipalId('aws', OUTSIDE);
const MEMBER_ROLE = `arn:aws:iam::${MEMBER}:role/support-assistant`;

function asset(
  id: string,
  kind: AssetKind,
  nativeType: string,
  properties: Record<string, unknown>,
): AssetRecord {
  const pseudo = id.startsWith('aispm:');
  return {
    id,
    kind,
    provider: 'aws',
    accountId: pseudo ? 'global' : id.startsWith(`arn:aws:iam::${MEMBER}`) ? MEMBER : ACCT,
    region: pseudo || id.startsWith('arn:aws:iam') ? 'global' : REGION,
    name: id.split('/').pop() ?? id,
    nativeType,
    properties,
    tags: {},
  };
}

/** A guardrail as GetGuardrail reports it, with its resource-based policy and the principals it names. */
function guardrail(statement: Record<string, unknown>, principals: string[]): AssetRecord {
  return asset(GUARDRAIL, 'guardrail', 'AWS::Bedrock::Guardrail', {
    guardrailId: 'gr7k2m9p4q1z',
    version: 'DRAFT',
    status: 'READY',
    contentFilters: [{ type: 'PROMPT_ATTACK', inputStrength: 'HIGH', outputStrength: 'NONE' }],
    promptAttackStrength: 'HIGH',
    resourcePolicy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Resource: GUARDRAIL, ...statement }],
    },
    facts: { resourcePolicyPrincipals: principals },
  });
}

const edge = (kind: EdgeRecord['kind'], from: string, actions: string[], extra: object = {}): EdgeRecord => ({
  kind,
  from,
  to: GUARDRAIL,
  properties: { actions, via: 'resource', ...extra },
});

/** A partner account outside the organisation may apply the guardrail and read its configuration. */
function partner(): Fixture {
  const root = `arn:aws:iam::${OUTSIDE}:root`;
  return {
    target: GUARDRAIL,
    assets: [
      guardrail({ Principal: { AWS: root }, Action: ['bedrock:ApplyGuardrail', 'bedrock:GetGuardrail'] }, [
        root,
      ]),
      asset(EXT, 'external-principal', 'aispm::ExternalPrincipal', { principal: OUTSIDE, public: false }),
    ],
    edges: [
      edge('can-invoke', EXT, ['bedrock:ApplyGuardrail'], { externalAccount: OUTSIDE }),
      edge('can-read', EXT, ['bedrock:GetGuardrail'], { externalAccount: OUTSIDE }),
    ],
  };
}

/** Shared with the organisation only (an organisation-enforced guardrail): a member account's role applies it. */
function organisation(): Fixture {
  return {
    target: GUARDRAIL,
    assets: [
      guardrail(
        {
          Principal: { AWS: '*' },
          Action: 'bedrock:ApplyGuardrail',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
        },
        ['*'],
      ),
      asset(MEMBER_ROLE, 'identity', 'AWS::IAM::Role', {}),
    ],
    edges: [edge('can-invoke', MEMBER_ROLE, ['bedrock:ApplyGuardrail'], { grantedToEveryone: true })],
  };
}

export function guardrailPolicyFixtures(def: Def): void {
  def('aispm-guardrail-policy-external-access', partner(), organisation());
}
