import { AI_RESOURCE_KINDS, type AiResourceKind, isShadowAiSubject } from '@aispm/core';
import { defineAssetRule } from '../../define.ts';

export default defineAssetRule<AiResourceKind>({
  id: 'aispm-shadow-ai-no-owner',
  title: 'AI resource without an owner tag the AI usage policy requires',
  severity: 'low',
  rationale:
    'An AI resource nobody owns is one nobody reviews, patches, answers for in an incident or switches off: ownership is the first thing an AI inventory, an impact assessment or an auditor asks for.',
  remediation: {
    aws: {
      console: [
        'Tag the resource with the owner (e.g. owner=<team or person>) in its service console → Tags',
        'AWS Organizations → Tag policies: define the owner key; and an SCP denying bedrock:/sagemaker: Create* without aws:RequestTag/owner',
      ],
      cli: 'aws resourcegroupstaggingapi tag-resources --resource-arn-list <arn> --tags owner=<team>',
      terraform: 'provider "aws" { default_tags { tags = { owner = "<team>" } } }',
    },
    azure: {
      console: [
        'Resource → Tags → add owner = <team or person>',
        'Azure Policy → assign the built-in "Require a tag on resources" with tagName owner on the AI subscriptions',
      ],
      cli: 'az tag update --resource-id <resource-id> --operation merge --tags owner=<team> && az policy assignment create --name require-owner-tag --scope /subscriptions/<subscription-id> --policy 871b6d14-10aa-478d-b590-94f262ecfa99 --params \'{"tagName":{"value":"owner"}}\'',
      terraform:
        'resource "azurerm_subscription_policy_assignment" "owner" { name = "require-owner-tag" subscription_id = "/subscriptions/<subscription-id>" policy_definition_id = "/providers/Microsoft.Authorization/policyDefinitions/871b6d14-10aa-478d-b590-94f262ecfa99" parameters = jsonencode({ tagName = { value = "owner" } }) }',
    },
    gcp: {
      console: [
        'Resource → Labels → add owner = <team or person>',
        'Require it at creation with a custom organization policy constraint on the AI resource types (resource.labels contains owner)',
      ],
      cli: 'gcloud ai endpoints update <endpoint-id> --region=<region> --update-labels=owner=<team>',
      terraform: 'resource "google_vertex_ai_endpoint" "e" { labels = { owner = "<team>" } }',
    },
  },
  references: [
    'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_tag-policies.html',
  ],
  concepts: [],
  appliesTo: { kinds: AI_RESOURCE_KINDS },
  frameworks: { 'nist-ai-600-1': ['GV-1.6-001'] },
  gaiRisks: ['INFOSEC'],
  peers: ['azure-policy:871b6d14-10aa-478d-b590-94f262ecfa99'],
  check(asset, _g, { usagePolicy }) {
    const keys = usagePolicy?.requiredOwnerTags;
    if (!keys || keys.length === 0 || !isShadowAiSubject(asset)) return null;
    const wanted = new Set(keys.map((k) => k.toLowerCase()));
    const owner = Object.entries(asset.tags).find(([k, v]) => wanted.has(k.toLowerCase()) && v.trim() !== '');
    return {
      fail: !owner,
      message: owner
        ? `Owned: ${owner[0]}=${owner[1]}`
        : `No owner: none of the tags ${keys.join(', ')} is set`,
      evidence: { properties: { tags: asset.tags, requiredOwnerTags: keys } },
    };
  },
});
