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
    aws: {
      console: ['KMS console → the key → Key rotation → enable automatic rotation (e.g. every 365 days)'],
      cli: 'aws kms enable-key-rotation --key-id <key-id>',
      terraform: 'resource "aws_kms_key" "k" { enable_key_rotation = true }',
    },
    azure: {
      console: [
        'Key Vault → Keys → the key → Rotation policy → enable automatic rotation (e.g. every 365 days) with an expiry',
        'Point consumers at the versionless key URI so they follow rotation',
      ],
      cli: 'az keyvault key rotation-policy update --vault-name <vault> --name <key> --value @rotation-policy.json',
      terraform:
        'resource "azurerm_key_vault_key" "k" { rotation_policy { automatic { time_before_expiry = "P30D" } expire_after = "P365D" } }',
    },
    gcp: {
      console: ['Security → Key Management → the key ring → the key → Edit rotation period (e.g. 90 days)'],
      cli: 'gcloud kms keys update <key> --keyring=<ring> --location=<location> --rotation-period=90d --next-rotation-time=<rfc3339-time>',
      terraform: 'resource "google_kms_crypto_key" "k" { rotation_period = "7776000s" }',
    },
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
