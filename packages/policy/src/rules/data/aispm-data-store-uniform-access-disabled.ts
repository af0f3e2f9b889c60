import { defineAssetRule } from '../../define.ts';

export default defineAssetRule<'data-store', 'uniformAccess'>({
  id: 'aispm-data-store-uniform-access-disabled',
  title: 'Training / knowledge-base bucket allows per-object ACLs (uniform access off)',
  severity: 'medium',
  rationale:
    'With uniform bucket-level access off, every object carries its own ACL besides the bucket IAM policy: one upload with a public or cross-project ACL exposes a training file or RAG document that the bucket policy keeps private, and reviewing the bucket IAM no longer tells who can read or overwrite the data. Uniform access makes IAM the only gate (and is required for public access prevention and IAM Conditions).',
  remediation: {
    gcp: {
      console: [
        'Cloud Storage → the bucket → Permissions → Access control → Switch to Uniform',
        'First grant through IAM whatever object ACLs granted (check them with gcloud storage objects describe)',
        'Enforce the organisation policy storage.uniformBucketLevelAccess for new buckets',
      ],
      cli: 'gcloud storage buckets update gs://<bucket> --uniform-bucket-level-access',
      terraform: 'resource "google_storage_bucket" "b" { uniform_bucket_level_access = true }',
    },
  },
  references: ['https://cloud.google.com/storage/docs/uniform-bucket-level-access'],
  concepts: ['data-store-uniform-access-disabled'],
  appliesTo: { kinds: ['data-store'] },
  providers: ['gcp'],
  frameworks: {
    'owasp-llm-2025': ['LLM04:2025', 'LLM02:2025'],
    'owasp-llm-2026': ['LLM05:2026', 'LLM02:2026'],
    'owasp-ml-2023': ['ML02:2023'],
    'nist-ai-600-1': ['MS-2.7-001', 'MP-4.1-005'],
    'mitre-atlas': ['AML.T0020', 'AML.T0036'],
  },
  gaiRisks: ['INFOSEC', 'PRIV', 'INTEG'],
  peers: ['prowler:cloudstorage_bucket_uniform_bucket_level_access', 'checkov:CKV_GCP_29'],
  scope: (store, g) => g.isAiDataStore(store.id),
  needs: ['uniformAccess'],
  check(store) {
    const uniform = store.facts.uniformAccess;
    if (uniform === undefined) return null; // not a store with object ACLs
    return {
      fail: !uniform,
      message: uniform
        ? 'Uniform bucket-level access is on'
        : 'Object ACLs apply (uniform bucket-level access is off)',
      evidence: { properties: { uniformAccess: uniform } },
    };
  },
});
