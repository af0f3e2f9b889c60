import { isShadowAiSubject } from '@aispm/core';
import { defineAssetRule } from '../../define.ts';
import { allowedBy } from './common.ts';

export default defineAssetRule<'model', 'modelId'>({
  id: 'aispm-shadow-ai-unapproved-model',
  title: 'Model deployed that the AI usage policy does not approve',
  severity: 'high',
  rationale:
    'A model nobody approved has had no review of its licence, data terms, safety evaluation or supply chain: a fine-tuned base model, an Azure OpenAI deployment or a public-hub model pulled at run time outside the approved list is shadow AI, whatever account it runs in.',
  remediation: {
    aws: {
      console: [
        'Delete the custom model or endpoint, or retrain it from an approved base model (or approve the model in the AI usage policy)',
        'AWS Organizations → Service control policies → deny bedrock:InvokeModel*, bedrock:CreateModelCustomizationJob and bedrock:CreateModelImportJob unless the resource is an approved foundation-model ARN',
      ],
      cli: 'aws organizations create-policy --type SERVICE_CONTROL_POLICY --name approved-models-only --content \'{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["bedrock:InvokeModel","bedrock:InvokeModelWithResponseStream","bedrock:CreateModelCustomizationJob"],"NotResource":["arn:aws:bedrock:*::foundation-model/<approved-model-id>"]}]}\'',
      terraform:
        'resource "aws_organizations_policy" "models" { name = "approved-models-only" type = "SERVICE_CONTROL_POLICY" content = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream", "bedrock:CreateModelCustomizationJob"], NotResource = ["arn:aws:bedrock:*::foundation-model/<approved-model-id>"] }] }) }',
    },
    azure: {
      console: [
        'Azure AI Foundry / Azure OpenAI → Deployments → delete the deployment, or redeploy an approved model (or approve the model in the AI usage policy)',
        'Azure Policy → a deny definition on Microsoft.CognitiveServices/accounts/deployments whose properties.model.name is not in the approved list, assigned on the AI subscriptions',
      ],
      cli: 'az cognitiveservices account deployment delete --name <account> --resource-group <rg> --deployment-name <deployment>',
      terraform:
        'resource "azurerm_policy_definition" "approved_models" { name = "approved-ai-models" policy_type = "Custom" mode = "All" policy_rule = jsonencode({ if = { allOf = [{ field = "type", equals = "Microsoft.CognitiveServices/accounts/deployments" }, { field = "Microsoft.CognitiveServices/accounts/deployments/model.name", notIn = ["<approved-model>"] }] }, then = { effect = "deny" } }) }',
    },
    gcp: {
      console: [
        'Vertex AI → Online prediction → undeploy the model and delete it, or serve an approved one (or approve the model in the AI usage policy)',
        'IAM & Admin → Organization policies → "Vertex AI Model Garden allowed models" (vertexai.allowedModels) → allow only the approved publisher models',
      ],
      cli: 'gcloud ai endpoints undeploy-model <endpoint-id> --region=<region> --deployed-model-id=<deployed-model-id>',
      terraform:
        'resource "google_org_policy_policy" "models" { name = "organizations/<org-id>/policies/vertexai.allowedModels" parent = "organizations/<org-id>" spec { rules { values { allowed_values = ["publishers/<publisher>/models/<approved-model>"] } } } }',
    },
  },
  references: ['https://cloud.google.com/vertex-ai/generative-ai/docs/control-model-access'],
  concepts: [],
  appliesTo: { kinds: ['model'] },
  frameworks: { 'nist-ai-600-1': ['GV-1.6-001', 'GV-6.1-007'] },
  gaiRisks: ['INFOSEC', 'IP'],
  peers: [],
  needs: ['modelId'],
  check(model, _g, { usagePolicy }) {
    const approved = usagePolicy?.approvedModels;
    // A model whose maker the platform does not report cannot be judged: it counts as unknown, not approved.
    const id = model.facts.modelId;
    if (!approved || !isShadowAiSubject(model) || typeof id !== 'string') return null;
    const ok = allowedBy(approved, id);
    return {
      fail: !ok,
      message: ok ? `Model ${id} is approved` : `Model ${id} is not among the approved models`,
      evidence: { properties: { modelId: id, approvedModels: approved } },
    };
  },
});
