import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

export default defineAssetRule<
  'data-store',
  'anonymousAccess' | 'publicNetworkAccess' | 'publicMembers' | 'publicAccessPrevented' | 'policyIsPublic'
>({
  id: 'aispm-data-store-public',
  title: 'Training / knowledge-base data store is publicly accessible',
  severity: 'critical',
  rationale:
    'Public training, artifact or knowledge-base data can be read (data and weights theft) and, if writable, poisoned by anyone on the internet.',
  remediation: {
    aws: {
      console: [
        'S3 console → the bucket → Permissions → Block public access → turn all four settings on',
        'Remove "Principal": "*" statements from the bucket policy and public ACL grants',
        'Turn on account-level Block Public Access',
      ],
      cli: 'aws s3api put-public-access-block --bucket <b> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
      terraform:
        'resource "aws_s3_bucket_public_access_block" "b" { bucket = aws_s3_bucket.b.id block_public_acls = true block_public_policy = true ignore_public_acls = true restrict_public_buckets = true }',
    },
    azure: {
      console: [
        'Storage account → Settings → Configuration → Allow Blob anonymous access → Disabled',
        'Networking → Public network access → Disabled (or selected networks) and add a private endpoint',
      ],
      cli: 'az storage account update --name <acct> --resource-group <rg> --allow-blob-public-access false --public-network-access Disabled',
      terraform:
        'resource "azurerm_storage_account" "sa" { allow_nested_items_to_be_public = false public_network_access_enabled = false }',
    },
    gcp: {
      console: [
        'Cloud Storage → the bucket → Permissions → Prevent public access',
        'Remove allUsers / allAuthenticatedUsers bindings and enforce the storage.publicAccessPrevention organisation policy',
      ],
      cli: 'gcloud storage buckets update gs://<bucket> --public-access-prevention',
      terraform:
        'resource "google_storage_bucket" "b" { public_access_prevention = "enforced" uniform_bucket_level_access = true }',
    },
  },
  references: [REF.s3Public],
  concepts: ['data-store-public'],
  appliesTo: { kinds: ['data-store'] },
  frameworks: {
    'owasp-llm-2025': ['LLM04:2025', 'LLM02:2025'],
    'owasp-llm-2026': ['LLM05:2026', 'LLM02:2026'],
    'owasp-ml-2023': ['ML02:2023', 'ML05:2023'],
    'nist-ai-600-1': ['MS-2.7-001', 'MP-4.1-005'],
    'mitre-atlas': ['AML.T0020', 'AML.T0036', 'AML.T0035'],
  },
  gaiRisks: ['INFOSEC', 'PRIV', 'IP'],
  peers: [],
  needs: [
    'anonymousAccess',
    'publicNetworkAccess',
    'publicMembers',
    'publicAccessPrevented',
    'policyIsPublic',
  ],
  check(store, g) {
    // Anonymous public access is checked on any store (it is where RAG corpora hide); the rest only on AI data.
    const f = store.facts;
    const anonymous = f.anonymousAccess === true;
    const openNetwork = f.publicNetworkAccess !== false;
    const publicMembers = (f.publicMembers ?? []).length > 0;
    // GCS: without enforced public access prevention one IAM binding makes the bucket public.
    const preventionOff = f.publicAccessPrevented === false;
    const policyPublic = f.policyIsPublic === true;
    const explicit = (anonymous && openNetwork) || publicMembers || policyPublic || preventionOff;
    if (!g.isAiDataStore(store.id) && !explicit) return null;
    const exposure = g.internetExposure(store.id);
    const wildcard = [...g.in(store.id, ['can-read', 'can-write'])].filter((e) =>
      g.isWildcardPrincipal(e.from),
    );
    const isPublic = exposure.exposed || policyPublic || wildcard.length > 0 || explicit;
    return {
      fail: isPublic,
      message: isPublic ? 'AI data store is publicly accessible' : 'AI data store is not public',
      evidence: {
        edges: edgeEvidence([...exposure.edges, ...wildcard, ...g.aiDataEdges(store.id)]),
        properties: {
          policyIsPublic: f.policyIsPublic ?? null,
          anonymousAccess: anonymous,
          publicMembers: f.publicMembers ?? null,
          publicAccessPrevented: f.publicAccessPrevented ?? null,
        },
      },
    };
  },
});
