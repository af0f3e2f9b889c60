import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'data-store', 'versioningEnabled'>({
  id: 'aispm-data-store-versioning-disabled',
  title: 'Training / knowledge-base data store has versioning off',
  severity: 'low',
  rationale:
    'Without object versioning a poisoned or deleted training file cannot be traced or rolled back, and dataset lineage for a model cannot be reconstructed.',
  remediation: {
    aws: {
      console: [
        'S3 console → the bucket → Properties → Bucket Versioning → Enable',
        'Consider Object Lock (governance mode) for curated training sets',
      ],
      cli: 'aws s3api put-bucket-versioning --bucket <b> --versioning-configuration Status=Enabled',
      terraform:
        'resource "aws_s3_bucket_versioning" "b" { bucket = aws_s3_bucket.b.id versioning_configuration { status = "Enabled" } }',
    },
    azure: {
      console: [
        'Storage account → Data management → Data protection → Enable versioning for blobs (and soft delete for blobs and containers)',
        'Consider a version-level immutability policy for curated training sets',
      ],
      cli: 'az storage account blob-service-properties update --account-name <acct> --resource-group <rg> --enable-versioning true',
      terraform: 'resource "azurerm_storage_account" "sa" { blob_properties { versioning_enabled = true } }',
    },
    gcp: {
      console: [
        'Cloud Storage → the bucket → Protection → Object versioning → On',
        'Consider soft delete and a retention policy (Bucket Lock) for curated training sets',
      ],
      cli: 'gcloud storage buckets update gs://<bucket> --versioning',
      terraform: 'resource "google_storage_bucket" "b" { versioning { enabled = true } }',
    },
  },
  references: [REF.s3Versioning],
  concepts: ['data-store-versioning-disabled'],
  appliesTo: { kinds: ['data-store'] },
  frameworks: {
    'owasp-llm-2025': ['LLM04:2025'],
    'owasp-llm-2026': ['LLM05:2026'],
    'owasp-ml-2023': ['ML02:2023'],
    'nist-ai-600-1': ['MS-2.8-003', 'MG-4.1-006'],
    'mitre-atlas': ['AML.T0020'],
  },
  gaiRisks: ['INTEG'],
  peers: [],
  scope: (store, g) => g.isAiDataStore(store.id),
  needs: ['versioningEnabled'],
  check(store) {
    const on = store.facts.versioningEnabled;
    if (on === undefined) return null; // not reported for this store
    return {
      fail: !on,
      message: on ? 'Versioning is enabled' : 'Versioning is off',
      evidence: { properties: { versioningEnabled: on } },
    };
  },
});
