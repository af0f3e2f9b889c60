import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

const GUARDS = /sts:externalid|aws:principalorgid|aws:sourceaccount|aws:sourcearn|aws:principalorgpaths/i;

export function guardedByCondition(conditions: unknown): boolean {
  return conditions !== undefined && conditions !== null && GUARDS.test(JSON.stringify(conditions));
}

export default defineAssetRule<'identity'>({
  id: 'aispm-role-cross-account-trust',
  title: 'Identity assumable from another account without an external id',
  severity: 'high',
  rationale:
    'A trust policy naming a foreign account without sts:ExternalId (or an org condition) lets anyone in that account — including a confused-deputy third party — assume the role and use its AI and data permissions.',
  remediation: {
    aws: {
      console: [
        'IAM console → the role → Trust relationships → Edit',
        'Add a Condition with "sts:ExternalId" (for vendors) or "aws:PrincipalOrgID" (for your own org), or remove the foreign account',
      ],
    },
    azure: {
      console: [
        'Entra ID → Enterprise applications and guest users: find foreign-tenant principals holding roles on AI resources',
        'Remove the role assignment, or restrict them with cross-tenant access settings; scope federated credentials to exact subjects',
      ],
      cli: 'az role assignment delete --assignee <foreign-principal-id> --scope <resource-id>',
    },
    gcp: {
      console: [
        'IAM & Admin → Service accounts → the account → Permissions: remove members from other organisations holding Service Account User or Token Creator',
        'For Workload Identity Federation pools, add an attribute condition limiting the external subjects',
        'Enforce Domain restricted sharing (iam.allowedPolicyMemberDomains)',
      ],
      cli: 'gcloud iam service-accounts remove-iam-policy-binding <sa-email> --member=<outside-member> --role=roles/iam.serviceAccountTokenCreator',
    },
  },
  references: [REF.iamTrust],
  concepts: ['role-cross-account-trust'],
  appliesTo: { kinds: ['identity'] },
  frameworks: {
    'owasp-ml-2023': ['ML05:2023'],
    'nist-ai-600-1': ['MS-2.7-001', 'GV-6.1-007'],
    'mitre-atlas': ['AML.T0012'],
  },
  gaiRisks: ['INFOSEC', 'VCCI'],
  peers: [],
  check(identity, g) {
    const trusts = g
      .in(identity.id, 'can-assume')
      .filter((e) => g.isExternal(e.from) && !g.isWildcardPrincipal(e.from));
    if (trusts.length === 0) return { fail: false, message: 'No foreign account is trusted', evidence: {} };
    const open = trusts.filter((e) => !guardedByCondition(e.properties?.conditions));
    return {
      fail: open.length > 0,
      message:
        open.length > 0
          ? `Assumable by ${open.map((e) => e.from).join(', ')} without an external id`
          : 'Foreign trusts require an external id',
      evidence: { edges: edgeEvidence(trusts), related: open.map((e) => e.from) },
    };
  },
});
