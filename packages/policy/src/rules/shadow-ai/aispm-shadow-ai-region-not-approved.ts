import { AI_RESOURCE_KINDS, type AiResourceKind, isShadowAiSubject } from '@aispm/core';
import { defineAssetRule } from '../../define.ts';
import { allowedBy } from './common.ts';

export default defineAssetRule<AiResourceKind>({
  id: 'aispm-shadow-ai-region-not-approved',
  title: 'AI resource in a region the AI usage policy does not approve',
  severity: 'medium',
  rationale:
    "AI workloads outside the approved regions escape the data-residency commitments, the region-scoped guardrails, logging and network controls that were set up where AI is allowed, and usually the security team's attention: shadow AI by location.",
  remediation: {
    aws: {
      console: [
        'Move the workload to an approved region (or add the region to the AI usage policy if it was approved)',
        'AWS Organizations → Policies → Service control policies → deny bedrock:*, sagemaker:* and bedrock-agentcore:* where aws:RequestedRegion is not an approved region',
        'Attach the SCP to the OUs that hold AI accounts',
      ],
      cli: 'aws organizations create-policy --type SERVICE_CONTROL_POLICY --name deny-ai-outside-approved-regions --content \'{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["bedrock:*","sagemaker:*","bedrock-agentcore:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["<approved-region>"]}}}]}\'',
      terraform:
        'resource "aws_organizations_policy" "ai_regions" { name = "deny-ai-outside-approved-regions" type = "SERVICE_CONTROL_POLICY" content = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = ["bedrock:*", "sagemaker:*", "bedrock-agentcore:*"], Resource = "*", Condition = { StringNotEquals = { "aws:RequestedRegion" = ["<approved-region>"] } } }] }) }',
    },
    azure: {
      console: [
        'Move the resource to an approved region (or add the region to the AI usage policy if it was approved)',
        'Azure Policy → Assign the built-in "Allowed locations" policy on the management group or subscriptions that may run AI, with the approved regions',
        'Review the compliance view for existing resources in other regions',
      ],
      cli: 'az policy assignment create --name ai-allowed-locations --scope /providers/Microsoft.Management/managementGroups/<mg> --policy e56962a6-4747-49cd-b67b-bf8b01975c4c --params \'{"listOfAllowedLocations":{"value":["<approved-region>"]}}\'',
      terraform:
        'resource "azurerm_management_group_policy_assignment" "ai_locations" { name = "ai-allowed-locations" management_group_id = azurerm_management_group.ai.id policy_definition_id = "/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c" parameters = jsonencode({ listOfAllowedLocations = { value = ["<approved-region>"] } }) }',
    },
    gcp: {
      console: [
        'Move the resource to an approved location (or add the location to the AI usage policy if it was approved)',
        'IAM & Admin → Organization policies → "Google Cloud Platform - Resource Location Restriction" (gcp.resourceLocations) → allow only the approved locations on the folders that may run AI',
      ],
      cli: 'gcloud resource-manager org-policies allow gcp.resourceLocations in:<approved-location>-locations --folder=<folder-id>',
      terraform:
        'resource "google_org_policy_policy" "ai_locations" { name = "folders/<folder-id>/policies/gcp.resourceLocations" parent = "folders/<folder-id>" spec { rules { values { allowed_values = ["in:<approved-location>-locations"] } } } }',
    },
  },
  references: [
    'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html',
  ],
  concepts: [],
  appliesTo: { kinds: AI_RESOURCE_KINDS },
  frameworks: { 'nist-ai-600-1': ['GV-1.6-001', 'GV-6.1-007'] },
  gaiRisks: ['INFOSEC', 'PRIV'],
  peers: ['azure-policy:e56962a6-4747-49cd-b67b-bf8b01975c4c'],
  check(asset, _g, { usagePolicy }) {
    const approved = usagePolicy?.approvedRegions;
    // Nothing to judge without the list, and a resource that is not regional has no region to be wrong about.
    if (!approved || !isShadowAiSubject(asset) || asset.region === 'global') return null;
    const ok = allowedBy(approved, asset.region);
    return {
      fail: !ok,
      message: ok
        ? `Region ${asset.region} is approved for AI`
        : `Region ${asset.region} is not among the approved AI regions (${approved.join(', ')})`,
      evidence: { properties: { region: asset.region, approvedRegions: approved } },
    };
  },
});
