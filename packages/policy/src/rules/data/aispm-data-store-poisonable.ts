import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'data-store', 'publicMembers'>({
  id: 'aispm-data-store-poisonable',
  title: 'Training / knowledge-base data writable by principals outside its pipeline (poisoning)',
  severity: 'critical',
  rationale:
    'Whoever can write a training bucket decides what the next model learns (backdoors, bias); whoever can write a knowledge-base source plants instructions the agent will retrieve and obey (indirect prompt injection). Only the pipeline that owns the data should write it — never a principal from outside the organisation or one it can assume.',
  remediation: {
    aws: {
      console: [
        'Remove write (s3:PutObject / DeleteObject) for external and wildcard principals from the bucket policy',
        'Remove external principals from the trust policy of roles that can write the bucket, or require aws:PrincipalOrgID / sts:ExternalId',
        'Turn on versioning and Object Lock so a poisoned write can be found and rolled back',
      ],
    },
    azure: {
      console: [
        'Remove Storage Blob Data Contributor / Owner from guest, foreign-tenant and broadly scoped identities on the account or container',
        'Disable shared key and anonymous access so no SAS token or key can write',
        'Turn on blob versioning and soft delete (or an immutability policy) on training containers so a poisoned write can be found and rolled back',
      ],
      cli: 'az storage account blob-service-properties update --account-name <acct> --resource-group <rg> --enable-versioning true --enable-delete-retention true --delete-retention-days 30',
      terraform:
        'resource "azurerm_storage_account" "sa" { shared_access_key_enabled = false blob_properties { versioning_enabled = true delete_retention_policy { days = 30 } } }',
    },
    gcp: {
      console: [
        'Remove roles/storage.objectCreator, objectAdmin and admin from allUsers, allAuthenticatedUsers and members outside the organisation',
        'Remove outside principals from service accounts that can write the bucket (Service Account User / Token Creator)',
        'Turn on Object Versioning and a retention policy (Bucket Lock) for curated training data',
      ],
      cli: 'gcloud storage buckets remove-iam-policy-binding gs://<bucket> --member=allUsers --role=roles/storage.objectCreator && gcloud storage buckets update gs://<bucket> --versioning',
      terraform:
        'resource "google_storage_bucket" "b" { uniform_bucket_level_access = true versioning { enabled = true } }',
    },
  },
  references: [
    REF.s3Public,
    REF.iamTrust,
    'https://genai.owasp.org/llmrisk/llm042025-data-and-model-poisoning/',
  ],
  concepts: ['data-store-broad-write'],
  appliesTo: { kinds: ['data-store'] },
  // Read from the facts below: when one could not be read the verdict is not-evaluated, never a pass.
  scope: (store, g) => g.isAiDataStore(store.id),
  needs: ['publicMembers'],
  frameworks: {
    'owasp-llm-2025': ['LLM04:2025', 'LLM01:2025'],
    'owasp-llm-2026': ['LLM05:2026', 'LLM01:2026'],
    'owasp-ml-2023': ['ML02:2023', 'ML08:2023', 'ML10:2023'],
    'owasp-agentic-2026': ['ASI06'],
    'nist-ai-600-1': ['MS-2.5-005', 'MG-3.1-002', 'MS-2.7-001'],
    'mitre-atlas': ['AML.T0020', 'AML.T0070', 'AML.T0051.001', 'AML.T0018'],
  },
  gaiRisks: ['INFOSEC', 'INTEG'],
  peers: [],
  check(store, g) {
    const pipeline = g.pipelineIdentities(store.id);
    // Outsiders are the external principals themselves; the chain shows which inside role they go through.
    const outsiders = [
      ...g.externalWith(store.id, 'can-write'),
      ...g.externalWith(store.id, 'can-admin'),
    ].filter((w) => !pipeline.has(w.principalId));
    return {
      fail: outsiders.length > 0,
      message:
        outsiders.length > 0
          ? `Writable by ${[...new Set(outsiders.map((o) => o.principalId))].join(', ')} (pipeline: ${[...pipeline].join(', ') || 'none'})`
          : 'Only inside principals can write it',
      evidence: {
        edges: edgeEvidence([...outsiders.flatMap((o) => o.chain), ...g.aiDataEdges(store.id)]),
        related: [...new Set(outsiders.map((o) => o.principalId))],
        properties: { pipelineIdentities: [...pipeline] },
      },
    };
  },
});
