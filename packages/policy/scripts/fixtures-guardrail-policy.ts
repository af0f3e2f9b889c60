/**
 * Fixtures of aispm-guardrail-policy-external-access, in the shape the Bedrock connector stores a guardrail (from
 * GetGuardrail, its resource-based policy from GetResourcePolicy) and the edges the access analysis draws from
 * that policy. Imported by build-fixtures.ts, which writes them with the rest.
 */
import { type AssetRecord, type EdgeKind, type EdgeRecord, edge, externalPrincipalId } from '@aispm/core';
import { assetMaker, awsPlace, type Def, type Fixture } from './fixture-kit.ts';

const ACCT = '111122223333';
const MEMBER = '444455556666';
const OUTSIDE = '999999999999';
const ORG = 'o-a1b2c3d4e5';
const REGION = 'us-east-1';
const GUARDRAIL = `arn:aws:bedrock:${REGION}:${ACCT}:guardrail/gr7k2m9p4q1z`;
const EXT = externalPrincipalId('aws', OUTSIDE);
const MEMBER_ROLE = `arn:aws:iam::${MEMBER}:role/support-assistant`;

/** The member account's role lives in the member account. */
const asset = assetMaker((id) =>
  awsPlace(id.startsWith(`arn:aws:iam::${MEMBER}`) ? MEMBER : ACCT, REGION, id),
);

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

/** What the access analysis draws from the guardrail's policy: `from` may take `actions` on it. */
const grant = (kind: EdgeKind, from: string, actions: string[], extra: object = {}): EdgeRecord =>
  edge(kind, from, GUARDRAIL, { actions, via: 'resource', ...extra });

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
      grant('can-invoke', EXT, ['bedrock:ApplyGuardrail'], { externalAccount: OUTSIDE }),
      grant('can-read', EXT, ['bedrock:GetGuardrail'], { externalAccount: OUTSIDE }),
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
    edges: [grant('can-invoke', MEMBER_ROLE, ['bedrock:ApplyGuardrail'], { grantedToEveryone: true })],
  };
}

export function guardrailPolicyFixtures(def: Def): void {
  def('aispm-guardrail-policy-external-access', partner(), organisation());
}
