import { defineAssetRule } from '../../define.ts';
import { pick, truthy } from '../../facts.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

export default defineAssetRule({
  id: 'aispm-key-rotation-disabled',
  title: 'Customer-managed key used by AI assets has rotation disabled',
  severity: 'low',
  rationale:
    'Keys protecting model weights and training data should rotate so that a key compromise has a bounded window.',
  remediation: {
    console: ['KMS console → the key → Key rotation → enable automatic rotation (e.g. every 365 days)'],
    cli: 'aws kms enable-key-rotation --key-id <key-id>',
    terraform: 'resource "aws_kms_key" "k" { enable_key_rotation = true }',
  },
  references: [REF.kmsRotation],
  concepts: ['key-rotation-disabled'],
  appliesTo: { kinds: ['key'] },
  frameworks: {
    'owasp-llm-2025': ['LLM02:2025'],
    'owasp-llm-2026': ['LLM02:2026'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0025'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  check(key, g) {
    if (key.properties.keyManager === 'AWS') return null;
    const users = g.in(key.id, 'encrypted-by').filter((e) => {
      const a = g.asset(e.from);
      return a ? g.isAiAsset(a) : false;
    });
    if (users.length === 0) return null;
    const flag = pick(key.properties, 'rotationEnabled', 'keyRotationEnabled');
    if (!flag) return null; // rotation not reported for this key
    const on = truthy(flag?.value) === true;
    return {
      fail: !on,
      message: on
        ? 'Automatic rotation is on'
        : `Rotation is off for a key used by ${users.length} AI asset(s)`,
      evidence: { properties: { keyRotationEnabled: flag?.value ?? null }, edges: edgeEvidence(users) },
    };
  },
});
