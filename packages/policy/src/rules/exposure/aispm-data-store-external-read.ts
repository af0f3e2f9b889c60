import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

/** An agent memory with a resource-based policy (the only knowledge-base kind that carries one). */
const AGENTCORE_MEMORY = 'AWS::BedrockAgentCore::Memory';

export default defineAssetRule<'data-store' | 'knowledge-base'>({
  id: 'aispm-data-store-external-read',
  title: 'Training / knowledge-base data or agent memory readable by principals outside the organisation',
  severity: 'high',
  rationale:
    "A foreign account or wildcard principal that can read training data, artifacts or KB documents — directly or through a role it may assume — can steal the data and the model weights. An agent's memory (AgentCore memory) holds its users' conversations and what it learned from them: whoever its resource policy lets read it reads those, and whoever it lets write events plants what the agent will later recall as fact (memory poisoning).",
  remediation: {
    aws: {
      console: [
        'Remove foreign-account and "*" principals from the bucket policy (or require aws:PrincipalOrgID)',
        'Remove them from trust policies of roles that can read the bucket',
        'AgentCore memory: Bedrock AgentCore console → Memory → the memory → Resource-based policy: remove foreign-account and "*" principals (or require aws:PrincipalOrgID), and grant bedrock-agentcore:RetrieveMemoryRecords / CreateEvent only to the agent runtime roles that use it',
      ],
      cli: 'aws bedrock-agentcore-control delete-resource-policy --resource-arn <memory-arn>   # or put-resource-policy --resource-arn <memory-arn> --policy file://own-org-only.json; buckets: aws s3api put-bucket-policy --bucket <b> --policy file://own-org-only.json',
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
  references: [REF.s3Public, REF.iamTrust, REF.agentCoreResourcePolicy],
  concepts: ['data-store-external-read'],
  appliesTo: { kinds: ['data-store', 'knowledge-base'] },
  // AI data stores; and agent memories, the knowledge bases whose own resource policy can open them to others.
  scope: (store, g) =>
    store.kind === 'knowledge-base' ? store.nativeType === AGENTCORE_MEMORY : g.isAiDataStore(store.id),
  // Who a store's own policy admits (bucket policy, IAM bindings; a memory's resource policy): unread, "no
  // external reader" is not known.
  needsFor: { 'data-store': ['publicMembers'], 'knowledge-base': ['resourcePolicyPrincipals'] },
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
    // A memory written by outsiders is as lost as one read by them (they plant what the agent recalls).
    const external = [
      ...g.externalWith(store.id, 'can-read'),
      ...(store.kind === 'knowledge-base' ? g.externalWith(store.id, 'can-write') : []),
    ];
    return {
      fail: external.length > 0,
      message:
        external.length > 0
          ? `Readable${store.kind === 'knowledge-base' ? ' or writable' : ''} by ${[...new Set(external.map((r) => r.principalId))].join(', ')}`
          : 'No external principal can read it',
      evidence: {
        edges: edgeEvidence(external.flatMap((r) => r.chain)),
        related: [...new Set(external.map((r) => r.principalId))],
      },
    };
  },
});
