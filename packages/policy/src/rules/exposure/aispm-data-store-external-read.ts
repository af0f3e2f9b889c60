import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'data-store', 'publicMembers'>({
  id: 'aispm-data-store-external-read',
  title: 'Training / knowledge-base data readable by principals outside the organisation',
  severity: 'high',
  rationale:
    'A foreign account or wildcard principal that can read training data, artifacts or KB documents — directly or through a role it may assume — can steal the data and the model weights.',
  remediation: {
    aws: {
      console: [
        'Remove foreign-account and "*" principals from the bucket policy (or require aws:PrincipalOrgID)',
        'Remove them from trust policies of roles that can read the bucket',
      ],
    },
    azure: {
      console: [
        'Storage account → Access control (IAM): remove role assignments of guest users and foreign-tenant service principals',
        'Set "Allow storage account key access" to Disabled and rotate both keys so outstanding SAS tokens stop working',
        'Containers → Change access level → Private',
      ],
      cli: 'az role assignment delete --assignee <foreign-principal-id> --scope <storage-account-id> && az storage account update --name <acct> --resource-group <rg> --allow-shared-key-access false',
      terraform:
        'resource "azurerm_storage_account" "sa" { shared_access_key_enabled = false allow_nested_items_to_be_public = false }',
    },
    gcp: {
      console: [
        'Cloud Storage → the bucket → Permissions: remove members outside your organisation, allUsers and allAuthenticatedUsers',
        'Enforce Domain restricted sharing (organisation policy iam.allowedPolicyMemberDomains)',
      ],
      cli: 'gcloud storage buckets remove-iam-policy-binding gs://<bucket> --member=<outside-member> --role=<role>',
      terraform:
        'resource "google_org_policy_policy" "drs" { name = "organizations/<org>/policies/iam.allowedPolicyMemberDomains" parent = "organizations/<org>" spec { rules { values { allowed_values = ["<customer-id>"] } } } }',
    },
  },
  references: [REF.s3Public, REF.iamTrust],
  concepts: ['data-store-external-read'],
  appliesTo: { kinds: ['data-store'] },
  // Who a store's own policy admits (bucket policy, IAM bindings): unread, "no external reader" is not known.
  scope: (store, g) => g.isAiDataStore(store.id),
  needs: ['publicMembers'],
  frameworks: {
    'owasp-llm-2025': ['LLM02:2025'],
    'owasp-llm-2026': ['LLM02:2026'],
    'owasp-ml-2023': ['ML05:2023'],
    'nist-ai-600-1': ['MS-2.7-001', 'MP-4.1-006'],
    'mitre-atlas': ['AML.T0036', 'AML.T0035', 'AML.T0025'],
  },
  gaiRisks: ['PRIV', 'IP', 'INFOSEC'],
  peers: [],
  check(store, g) {
    const external = g.externalWith(store.id, 'can-read');
    return {
      fail: external.length > 0,
      message:
        external.length > 0
          ? `Readable by ${external.map((r) => r.principalId).join(', ')}`
          : 'No external principal can read it',
      evidence: {
        edges: edgeEvidence(external.flatMap((r) => r.chain)),
        related: external.map((r) => r.principalId),
      },
    };
  },
});
