import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

const AI_WILDCARD = /^(\*|bedrock:\*|sagemaker:\*|bedrock-agent:\*|aiplatform\.\*|cognitiveservices:\*)$/i;

export default defineAssetRule<'identity', 'wildcardActions' | 'wildcardActionSources'>({
  id: 'aispm-role-ai-wildcard-actions',
  title: 'Identity with wildcard AI service permissions (bedrock:* / sagemaker:*)',
  severity: 'high',
  rationale:
    'Service-wide wildcards let the identity create and change models, agents, guardrails, logging and endpoints — including switching off the controls that detect its misuse.',
  remediation: {
    aws: {
      console: [
        'IAM console → the identity → Permissions',
        'Replace bedrock:* / sagemaker:* / * statements with the specific actions and resource ARNs it uses (IAM Access Analyzer policy generation helps)',
      ],
    },
    azure: {
      console: [
        'Azure portal → Access control (IAM) → Roles: edit the custom roles that grant Microsoft.CognitiveServices/*, Microsoft.MachineLearningServices/* or *',
        'List the specific actions / data actions in use, or use built-in least-privilege roles (Cognitive Services OpenAI User, AzureML Data Scientist)',
      ],
      cli: 'az role definition update --role-definition @role.json',
      terraform:
        'resource "azurerm_role_definition" "ai_invoke" { name = "ai-invoke" scope = data.azurerm_subscription.current.id permissions { data_actions = ["Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action"] } }',
    },
    gcp: {
      console: [
        'IAM & Admin → Roles: replace custom roles holding aiplatform.* wildcards, and roles/aiplatform.admin grants, with roles/aiplatform.user or a custom role listing the permissions in use',
        'Use the IAM recommender to find unused permissions',
      ],
      cli: 'gcloud iam roles update <role> --project=<project> --permissions=aiplatform.endpoints.predict,aiplatform.endpoints.get',
      terraform:
        'resource "google_project_iam_custom_role" "ai_invoke" { role_id = "aiInvoke" title = "AI invoke" permissions = ["aiplatform.endpoints.predict"] }',
    },
  },
  references: [REF.bedrockIam],
  concepts: ['role-ai-wildcard-actions'],
  appliesTo: { kinds: ['identity'] },
  frameworks: {
    'owasp-llm-2025': ['LLM06:2025'],
    'owasp-llm-2026': ['LLM03:2026'],
    'owasp-ml-2023': ['ML05:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0012'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  needs: ['wildcardActions', 'wildcardActionSources'],
  check(identity, g) {
    const actions = identity.facts.wildcardActions ?? [];
    const statements = identity.facts.wildcardActionSources ?? [];
    // Access edges whose granted actions are AI wildcards (Azure / GCP role grants carry their actions).
    const edges = g
      .out(identity.id, ['can-invoke', 'can-admin', 'can-write', 'can-read'])
      .filter(
        (e) =>
          Array.isArray(e.properties?.actions) &&
          (e.properties.actions as unknown[]).some((a) => AI_WILDCARD.test(String(a))),
      );
    const fail = actions.length > 0 || edges.length > 0;
    return {
      fail,
      message: fail ? `Allows ${actions.join(', ') || 'wildcard AI actions'}` : 'No wildcard AI actions',
      evidence: {
        properties: { wildcardActions: actions, statements },
        edges: edgeEvidence(edges),
      },
    };
  },
});
