import { defineAssetRule } from '../../define.ts';
import { holdsAiData } from '../common.ts';

/** TLS versions below 1.2 (1.0, 1.1) have known weaknesses and are deprecated (RFC 8996). */
const WEAK = new Set(['1.0', '1.1']);

export default defineAssetRule<'data-store', 'minimumTlsVersion' | 'dataClassification'>({
  id: 'aispm-data-store-weak-tls',
  title: 'Training / knowledge-base storage accepts TLS older than 1.2',
  severity: 'medium',
  rationale:
    'A storage account that still accepts TLS 1.0 / 1.1 lets a client (or an attacker who can downgrade it) move training data, model artifacts and RAG documents over deprecated protocols (RFC 8996) whose weaknesses allow interception; nothing in the AI pipeline needs them.',
  remediation: {
    azure: {
      console: [
        'Storage account → Settings → Configuration → Minimum TLS version → Version 1.2 → Save',
        "Check the account's sign-in logs (TLS version column) first for clients still on 1.0 / 1.1 and upgrade them",
        'Assign the Azure Policy "Storage accounts should have the specified minimum TLS version" to keep new accounts in line',
      ],
      cli: 'az storage account update --name <acct> --resource-group <rg> --min-tls-version TLS1_2',
      terraform: 'resource "azurerm_storage_account" "sa" { min_tls_version = "TLS1_2" }',
    },
  },
  references: [
    'https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version',
    'https://www.rfc-editor.org/rfc/rfc8996',
  ],
  concepts: ['data-store-weak-tls'],
  appliesTo: { kinds: ['data-store'] },
  providers: ['azure'],
  frameworks: {
    'owasp-llm-2025': ['LLM02:2025'],
    'owasp-llm-2026': ['LLM02:2026'],
    'owasp-ml-2023': ['ML05:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0025', 'AML.T0035'],
  },
  gaiRisks: ['INFOSEC', 'PRIV'],
  peers: [
    'azure-policy:fe83a0eb-a853-422d-aac2-1bffd182c5d0',
    'prowler:storage_ensure_minimum_tls_version_12',
    'checkov:CKV_AZURE_44',
  ],
  scope: (store, g) => holdsAiData(g, store),
  // What a storage account holds comes from its container listing: unread, the rule cannot say it does not apply.
  needs: ['minimumTlsVersion', 'dataClassification'],
  check(store) {
    const version = store.facts.minimumTlsVersion;
    if (version === undefined) return null; // the store has no TLS setting of its own (a container)
    const weak = WEAK.has(version);
    return {
      fail: weak,
      message: weak ? `Accepts TLS ${version} (minimum should be 1.2)` : `Minimum TLS version is ${version}`,
      evidence: { properties: { minimumTlsVersion: version } },
    };
  },
});
