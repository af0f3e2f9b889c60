import { defineAssetRule } from '../../define.ts';
import { edgeEvidence, type RuleGraph } from '../../graph.ts';
import { REF } from '../common.ts';

/** The encrypted-by edges from AI assets to the key. */
function aiUsers(keyId: string, g: RuleGraph) {
  return g.in(keyId, 'encrypted-by').filter((e) => {
    const a = g.asset(e.from);
    return a ? g.isAiAsset(a) : false;
  });
}

export default defineAssetRule<'key', 'keyManager' | 'rotationEnabled'>({
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
  // Only keys that encrypt AI assets.
  scope: (key, g) => aiUsers(key.id, g).length > 0,
  needs: ['keyManager', 'rotationEnabled'],
  check(key, g) {
    // The provider rotates its own keys.
    if (key.facts.keyManager === 'PROVIDER') return null;
    const users = aiUsers(key.id, g);
    const on = key.facts.rotationEnabled;
    if (on === undefined) return null; // rotation not reported for this key
    return {
      fail: !on,
      message: on
        ? 'Automatic rotation is on'
        : `Rotation is off for a key used by ${users.length} AI asset(s)`,
      evidence: { properties: { rotationEnabled: on }, edges: edgeEvidence(users) },
    };
  },
});
