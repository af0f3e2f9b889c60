import { defineAssetRule } from '../../define.ts';
import { holdsAiData } from '../common.ts';

export default defineAssetRule<'data-store', 'softDeleteEnabled' | 'dataClassification'>({
  id: 'aispm-data-store-soft-delete-disabled',
  title: 'Training / knowledge-base storage has soft delete off',
  severity: 'low',
  rationale:
    "Without soft delete a deleted or overwritten training file, curated dataset or RAG document is gone at once: a mistaken cleanup, a compromised pipeline identity or ransomware can destroy the data a model was trained on (and the evidence of what it was) with no way to restore it or to reconstruct the model's lineage.",
  remediation: {
    azure: {
      console: [
        'Storage account → Data management → Data protection',
        'Enable soft delete for blobs (e.g. 14 days) and for containers (e.g. 7 days) → Save',
      ],
      cli: 'az storage account blob-service-properties update --account-name <acct> --resource-group <rg> --enable-delete-retention true --delete-retention-days 14 --enable-container-delete-retention true --container-delete-retention-days 7',
      terraform:
        'resource "azurerm_storage_account" "sa" { blob_properties { delete_retention_policy { days = 14 } container_delete_retention_policy { days = 7 } } }',
    },
    gcp: {
      console: [
        'Cloud Storage → the bucket → Protection → Soft delete policy → Edit',
        'Set a retention duration (7 days by default, up to 90) → Save',
      ],
      cli: 'gcloud storage buckets update gs://<bucket> --soft-delete-duration=7d',
      terraform:
        'resource "google_storage_bucket" "b" { soft_delete_policy { retention_duration_seconds = 604800 } }',
    },
  },
  references: [
    'https://learn.microsoft.com/azure/storage/blobs/soft-delete-blob-overview',
    'https://cloud.google.com/storage/docs/soft-delete',
  ],
  concepts: ['data-store-soft-delete-disabled'],
  appliesTo: { kinds: ['data-store'] },
  providers: ['azure', 'gcp'],
  frameworks: {
    'owasp-llm-2025': ['LLM04:2025'],
    'owasp-llm-2026': ['LLM05:2026'],
    'owasp-ml-2023': ['ML02:2023'],
    'nist-ai-600-1': ['MS-2.7-001', 'MG-4.1-006'],
    'mitre-atlas': ['AML.T0020'],
  },
  gaiRisks: ['INTEG'],
  peers: ['prowler:storage_ensure_soft_delete_is_enabled'],
  scope: (store, g) => holdsAiData(g, store),
  // What a storage account holds comes from its container listing: unread, the rule cannot say it does not apply.
  needs: ['softDeleteEnabled', 'dataClassification'],
  check(store) {
    const on = store.facts.softDeleteEnabled;
    if (on === undefined) return null; // an Azure container: soft delete is the account's blob service setting
    return {
      fail: !on,
      message: on ? 'Soft delete is on' : 'Soft delete is off',
      evidence: { properties: { softDeleteEnabled: on } },
    };
  },
});
