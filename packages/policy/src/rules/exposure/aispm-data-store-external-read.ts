import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

export default defineAssetRule({
  id: 'aispm-data-store-external-read',
  title: 'Training / knowledge-base data readable by principals outside the organisation',
  severity: 'high',
  rationale:
    'A foreign account or wildcard principal that can read training data, artifacts or KB documents — directly or through a role it may assume — can steal the data and the model weights.',
  remediation: {
    console: [
      'Remove foreign-account and "*" principals from the bucket policy (or require aws:PrincipalOrgID)',
      'Remove them from trust policies of roles that can read the bucket',
    ],
  },
  references: [REF.s3Public, REF.iamTrust],
  concepts: ['data-store-external-read'],
  appliesTo: { kinds: ['data-store'] },
  frameworks: {
    'owasp-llm-2025': ['LLM02:2025'],
    'owasp-llm-2026': ['LLM02:2026'],
    'owasp-ml-2023': ['ML05:2023'],
    'nist-ai-600-1': ['MS-2.7-001', 'MP-4.1-006'],
    'mitre-atlas': ['AML.T0036', 'AML.T0035', 'AML.T0025'],
  },
  gaiRisks: ['PRIV', 'IP', 'INFOSEC'],
  peers: [],
  check(store, g) {
    if (!g.isAiDataStore(store.id)) return null;
    const external = g.externalWith(store.id, 'can-read');
    return {
      fail: external.length > 0,
      message:
        external.length > 0
          ? `Readable by ${external.map((r) => r.principalId).join(', ')}`
          : 'No external principal can read it',
      evidence: {
        edges: edgeEvidence(external.flatMap((r) => r.chain)),
        related: external.map((r) => r.principalId),
      },
    };
  },
});
