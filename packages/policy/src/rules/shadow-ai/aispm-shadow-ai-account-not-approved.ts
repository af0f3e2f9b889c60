import { AI_RESOURCE_KINDS, type AiResourceKind, isShadowAiSubject } from '@aispm/core';
import { defineAssetRule } from '../../define.ts';
import { allowedBy } from './common.ts';

export default defineAssetRule<AiResourceKind>({
  id: 'aispm-shadow-ai-account-not-approved',
  title: 'AI resource in an account, subscription or project not approved for AI',
  severity: 'high',
  rationale:
    'AI that runs in an account nobody approved for AI has none of the AI controls (guardrails, invocation logging, private networking, data approvals) the approved AI accounts were set up with, and is missing from the AI inventory the organisation reports on: the classic shadow AI.',
  remediation: {
    aws: {
      console: [
        'Find the owner of the resource; move the workload to an approved AI account or delete it (or approve the account in the AI usage policy)',
        'AWS Organizations → Policies → Service control policies → deny bedrock:*, sagemaker:* and bedrock-agentcore:* on the OUs that are not AI accounts',
      ],
      cli: 'aws organizations create-policy --type SERVICE_CONTROL_POLICY --name deny-ai-services --content \'{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["bedrock:*","sagemaker:*","bedrock-agentcore:*"],"Resource":"*"}]}\' && aws organizations attach-policy --policy-id <policy-id> --target-id <non-ai-ou-id>',
      terraform:
        'resource "aws_organizations_policy" "no_ai" { name = "deny-ai-services" type = "SERVICE_CONTROL_POLICY" content = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = ["bedrock:*", "sagemaker:*", "bedrock-agentcore:*"], Resource = "*" }] }) } resource "aws_organizations_policy_attachment" "no_ai" { policy_id = aws_organizations_policy.no_ai.id target_id = "<non-ai-ou-id>" }',
    },
    azure: {
      console: [
        'Find the owner of the resource; move it to an approved AI subscription or delete it (or approve the subscription in the AI usage policy)',
        'Azure Policy → assign the built-in "Not allowed resource types" on the subscriptions that are not AI subscriptions, listing Microsoft.CognitiveServices/accounts, Microsoft.MachineLearningServices/workspaces and Microsoft.Search/searchServices',
      ],
      cli: 'az policy assignment create --name deny-ai-resources --scope /subscriptions/<subscription-id> --policy 6c112d4e-5bc7-47ae-a041-ea2d9dccd749 --params \'{"listOfResourceTypesNotAllowed":{"value":["Microsoft.CognitiveServices/accounts","Microsoft.MachineLearningServices/workspaces","Microsoft.Search/searchServices"]}}\'',
      terraform:
        'resource "azurerm_subscription_policy_assignment" "no_ai" { name = "deny-ai-resources" subscription_id = "/subscriptions/<subscription-id>" policy_definition_id = "/providers/Microsoft.Authorization/policyDefinitions/6c112d4e-5bc7-47ae-a041-ea2d9dccd749" parameters = jsonencode({ listOfResourceTypesNotAllowed = { value = ["Microsoft.CognitiveServices/accounts", "Microsoft.MachineLearningServices/workspaces", "Microsoft.Search/searchServices"] } }) }',
    },
    gcp: {
      console: [
        'Find the owner of the resource; move it to an approved AI project or delete it (or approve the project in the AI usage policy)',
        'IAM & Admin → Organization policies → "Restrict Resource Service Usage" (gcp.restrictServiceUsage) → deny aiplatform.googleapis.com, notebooks.googleapis.com and discoveryengine.googleapis.com on the folders that are not AI folders',
      ],
      cli: 'gcloud resource-manager org-policies deny gcp.restrictServiceUsage aiplatform.googleapis.com notebooks.googleapis.com --folder=<non-ai-folder-id>',
      terraform:
        'resource "google_org_policy_policy" "no_ai" { name = "folders/<non-ai-folder-id>/policies/gcp.restrictServiceUsage" parent = "folders/<non-ai-folder-id>" spec { rules { values { denied_values = ["aiplatform.googleapis.com", "notebooks.googleapis.com"] } } } }',
    },
  },
  references: [
    'https://cloud.google.com/resource-manager/docs/organization-policy/restricting-service-usage',
  ],
  concepts: [],
  appliesTo: { kinds: AI_RESOURCE_KINDS },
  frameworks: { 'nist-ai-600-1': ['GV-1.6-001', 'GV-6.1-007'] },
  gaiRisks: ['INFOSEC', 'PRIV'],
  peers: ['azure-policy:6c112d4e-5bc7-47ae-a041-ea2d9dccd749'],
  check(asset, _g, { usagePolicy }) {
    const approved = usagePolicy?.aiAccounts;
    if (!approved || !isShadowAiSubject(asset)) return null;
    const ok = allowedBy(approved, asset.accountId);
    return {
      fail: !ok,
      message: ok
        ? `${asset.accountId} is approved to run AI`
        : `${asset.accountId} is not among the accounts approved to run AI`,
      evidence: { properties: { accountId: asset.accountId } },
    };
  },
});
