import { defineAssetRule } from '../../define.ts';
import { holdsAiData } from '../common.ts';

export default defineAssetRule<'data-store', 'localAuthEnabled' | 'dataClassification'>({
  id: 'aispm-data-store-shared-key-access',
  title: 'Training / knowledge-base storage accepts shared account keys',
  severity: 'medium',
  rationale:
    'A storage account key is a root credential for every container in the account: whoever holds it (or a SAS token signed with it) can read or overwrite training data and RAG documents without an identity, outside role assignments and conditional access, and the access is attributed to no one. Keys leak from notebooks, pipelines and connection strings and stay valid until rotated.',
  remediation: {
    azure: {
      console: [
        'Move every client of the account to Microsoft Entra ID (managed identities, "Storage Blob Data Reader / Contributor" roles) and user-delegation SAS',
        'Storage account → Settings → Configuration → Allow storage account key access → Disabled → Save',
        'Rotate both account keys afterwards, so copies already leaked are dead',
      ],
      cli: 'az storage account update --name <acct> --resource-group <rg> --allow-shared-key-access false',
      terraform: 'resource "azurerm_storage_account" "sa" { shared_access_key_enabled = false }',
    },
  },
  references: ['https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent'],
  concepts: ['data-store-shared-key-access'],
  appliesTo: { kinds: ['data-store'] },
  providers: ['azure'],
  frameworks: {
    'owasp-llm-2025': ['LLM04:2025', 'LLM02:2025'],
    'owasp-llm-2026': ['LLM05:2026', 'LLM02:2026'],
    'owasp-ml-2023': ['ML02:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0055', 'AML.T0012', 'AML.T0020'],
  },
  gaiRisks: ['INFOSEC', 'INTEG'],
  peers: ['azure-policy:8c6a50c6-9ffd-4ae7-986f-5fa6111f9a54', 'checkov:CKV2_AZURE_40'],
  scope: (store, g) => holdsAiData(g, store),
  // What a storage account holds comes from its container listing: unread, the rule cannot say it does not apply.
  needs: ['localAuthEnabled', 'dataClassification'],
  check(store) {
    const allowed = store.facts.localAuthEnabled;
    if (allowed === undefined) return null; // keys are an account setting: a container has none of its own
    return {
      fail: allowed,
      message: allowed
        ? 'Shared key (account key and SAS) access is allowed'
        : 'Shared key access is disabled',
      evidence: { properties: { localAuthEnabled: allowed } },
    };
  },
});
