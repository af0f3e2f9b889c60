import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';
import { guardedByCondition } from './aispm-role-cross-account-trust.ts';

export default defineAssetRule<'identity'>({
  id: 'aispm-role-wildcard-trust',
  title: 'Identity assumable by any principal (wildcard trust)',
  severity: 'critical',
  rationale:
    'A trust policy with "Principal": "*" and no org / source condition lets any AWS account in the world assume the role.',
  remediation: {
    aws: {
      console: [
        'IAM console → the role → Trust relationships → Edit',
        'Replace "*" with the exact principals, or add an "aws:PrincipalOrgID" condition',
      ],
    },
    azure: {
      console: [
        'Entra ID → the app registration → Certificates & secrets → Federated credentials: replace broad subjects with the exact issuer and subject',
        'Remove role assignments to groups that match everyone (e.g. all-users dynamic groups)',
      ],
      cli: 'az ad app federated-credential update --id <app-id> --federated-credential-id <credential-id> --parameters @credential.json',
    },
    gcp: {
      console: [
        "Remove allUsers and allAuthenticatedUsers from the service account's IAM policy (Token Creator, User, Workload Identity User)",
        'For Workload Identity Federation pools, add an attribute condition naming the exact external subjects',
      ],
      cli: 'gcloud iam service-accounts remove-iam-policy-binding <sa-email> --member=allAuthenticatedUsers --role=roles/iam.serviceAccountTokenCreator',
    },
  },
  references: [REF.iamTrust],
  concepts: ['role-wildcard-trust'],
  appliesTo: { kinds: ['identity'] },
  frameworks: {
    'owasp-ml-2023': ['ML05:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0012'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  check(identity, g) {
    const trusts = g.in(identity.id, 'can-assume').filter((e) => g.isWildcardPrincipal(e.from));
    const open = trusts.filter((e) => !guardedByCondition(e.properties?.conditions));
    return {
      fail: open.length > 0,
      message: open.length > 0 ? 'Any principal can assume this identity' : 'No unconditioned wildcard trust',
      evidence: { edges: edgeEvidence(trusts) },
    };
  },
});
