import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';
import { guardedByCondition } from './aispm-role-cross-account-trust.ts';

export default defineAssetRule({
  id: 'aispm-role-wildcard-trust',
  title: 'Identity assumable by any principal (wildcard trust)',
  severity: 'critical',
  rationale:
    'A trust policy with "Principal": "*" and no org / source condition lets any AWS account in the world assume the role.',
  remediation: {
    console: [
      'IAM console → the role → Trust relationships → Edit',
      'Replace "*" with the exact principals, or add an "aws:PrincipalOrgID" condition',
    ],
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
