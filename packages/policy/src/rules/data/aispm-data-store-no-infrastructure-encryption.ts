import { defineAssetRule } from '../../define.ts';
import { holdsAiData } from '../common.ts';

export default defineAssetRule<'data-store', 'infrastructureEncryption' | 'dataClassification'>({
  id: 'aispm-data-store-no-infrastructure-encryption',
  title: 'Training / knowledge-base storage without infrastructure (double) encryption',
  severity: 'low',
  rationale:
    'Infrastructure encryption adds a second, independent AES-256 layer with a different key and algorithm implementation under the service-level encryption, so a flaw in or compromise of one layer or key does not expose the training data and documents. It can only be chosen when the account is created, so accounts for sensitive AI data should start with it.',
  remediation: {
    azure: {
      console: [
        'Infrastructure encryption cannot be turned on for an existing account: create a new storage account',
        'Create storage account → Encryption → Enable infrastructure encryption → on (optionally with a customer-managed key)',
        'Copy the containers across (AzCopy or object replication), repoint the workspace datastores and indexers, then delete the old account',
      ],
      cli: 'az storage account create --name <new-acct> --resource-group <rg> --location <region> --sku Standard_ZRS --kind StorageV2 --require-infrastructure-encryption true --min-tls-version TLS1_2 --allow-shared-key-access false',
      terraform:
        'resource "azurerm_storage_account" "sa" { infrastructure_encryption_enabled = true # forces a new account }',
    },
  },
  references: ['https://learn.microsoft.com/azure/storage/common/infrastructure-encryption-enable'],
  concepts: ['data-store-no-infrastructure-encryption'],
  appliesTo: { kinds: ['data-store'] },
  providers: ['azure'],
  frameworks: {
    'owasp-llm-2025': ['LLM02:2025'],
    'owasp-llm-2026': ['LLM02:2026'],
    'owasp-ml-2023': ['ML05:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0035', 'AML.T0025'],
  },
  gaiRisks: ['INFOSEC', 'PRIV'],
  peers: [
    'azure-policy:4733ea7b-a883-42fe-8cac-97454c2a9e4a',
    'prowler:storage_infrastructure_encryption_is_enabled',
  ],
  scope: (store, g) => holdsAiData(g, store),
  // What a storage account holds comes from its container listing: unread, the rule cannot say it does not apply.
  needs: ['infrastructureEncryption', 'dataClassification'],
  check(store) {
    const on = store.facts.infrastructureEncryption;
    if (on === undefined) return null; // an account setting: containers and other stores do not report it
    return {
      fail: !on,
      message: on ? 'Infrastructure encryption is required' : 'Infrastructure (double) encryption is off',
      evidence: { properties: { infrastructureEncryption: on } },
    };
  },
});
