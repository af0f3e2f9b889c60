import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'identity', 'passRoleWildcard' | 'passRoleStatements'>({
  id: 'aispm-role-passrole-wildcard',
  title: 'Identity can pass any role to AI services (iam:PassRole on *)',
  severity: 'high',
  rationale:
    'PassRole on * lets the identity start a training job, notebook or agent running as any role in the account — an escalation to the most privileged role there.',
  remediation: {
    aws: {
      console: [
        'IAM console → the identity → Permissions',
        'Limit iam:PassRole to the specific execution-role ARNs, with an iam:PassedToService condition (sagemaker.amazonaws.com / bedrock.amazonaws.com)',
      ],
    },
    azure: {
      console: [
        'Remove Managed Identity Operator (…/userAssignedIdentities/*/assign/action) at subscription or resource-group scope',
        'Grant it only on the specific identities an ML workspace, Foundry project or app may attach',
      ],
      cli: 'az role assignment create --assignee <principal-id> --role "Managed Identity Operator" --scope <identity-resource-id>',
      terraform:
        'resource "azurerm_role_assignment" "r" { scope = azurerm_user_assigned_identity.ml.id role_definition_name = "Managed Identity Operator" principal_id = <principal-id> }',
    },
    gcp: {
      console: [
        'Remove project-level roles/iam.serviceAccountUser (iam.serviceAccounts.actAs on every service account)',
        'Grant it on the one service account the workload attaches to Vertex AI jobs or Agent Engine',
      ],
      cli: 'gcloud projects remove-iam-policy-binding <project> --member=<member> --role=roles/iam.serviceAccountUser && gcloud iam service-accounts add-iam-policy-binding <sa-email> --member=<member> --role=roles/iam.serviceAccountUser',
      terraform:
        'resource "google_service_account_iam_member" "act_as" { service_account_id = google_service_account.vertex.name role = "roles/iam.serviceAccountUser" member = "user:<user>" }',
    },
  },
  references: [REF.iamPassRole],
  concepts: ['role-passrole-wildcard'],
  appliesTo: { kinds: ['identity'] },
  frameworks: {
    'owasp-llm-2025': ['LLM06:2025'],
    'owasp-llm-2026': ['LLM03:2026'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0012'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  needs: ['passRoleWildcard', 'passRoleStatements'],
  check(identity) {
    const statements = identity.facts.passRoleStatements ?? [];
    const fail = identity.facts.passRoleWildcard === true;
    return {
      fail,
      message: fail ? 'iam:PassRole is allowed on any role' : 'PassRole is scoped',
      evidence: {
        properties: {
          statements,
        },
      },
    };
  },
});
