import { defineAssetRule } from '../../define.ts';

export default defineAssetRule<'inference-endpoint', 'contentSafetyEnabled'>({
  id: 'aispm-azure-ml-serverless-content-safety-disabled',
  title: 'Serverless model endpoint deployed without Azure AI Content Safety',
  severity: 'high',
  rationale:
    "A serverless API endpoint (models as a service: Llama, Mistral, Cohere … deployed pay-as-you-go in an Azure ML workspace or Foundry hub / project) has no content filter resource of its own: Azure AI Content Safety, switched on per endpoint when it is deployed, is its only screen for harmful prompts and completions. Deployed with content safety Disabled, whatever reaches it — an application's users, documents pulled into a prompt, anyone holding its key — gets the model's raw output, and nothing records or blocks harmful content, whoever can reach the endpoint today or once its workspace's network opens.",
  remediation: {
    azure: {
      console: [
        'Azure AI Foundry (or Azure ML studio) → the project or workspace → Models + endpoints → Deploy model → Serverless API: deploy the same catalog model again with "Azure AI Content Safety" turned on (it cannot be switched on an existing serverless endpoint)',
        'Move the callers to the new endpoint (Entra ID authentication where the model supports it), then delete the endpoint that runs without content safety',
      ],
      cli: 'az ml serverless-endpoint create --resource-group <rg> --workspace-name <ws> --file endpoint.yml   # endpoint.yml: name: <endpoint>-safe, model_id: <catalog model id>, content_safety: { content_safety_status: enabled }; then az ml serverless-endpoint delete --name <endpoint>',
      terraform:
        'resource "azapi_resource" "serverless" { type = "Microsoft.MachineLearningServices/workspaces/serverlessEndpoints@2024-04-01" parent_id = azurerm_machine_learning_workspace.ws.id name = "<endpoint>" location = "<region>" body = { sku = { name = "Consumption" } properties = { authMode = "Key", modelSettings = { modelId = "<catalog model id>" }, contentSafety = { contentSafetyStatus = "Enabled" } } } }',
    },
  },
  references: [
    'https://learn.microsoft.com/azure/ai-foundry/how-to/deploy-models-serverless',
    'https://learn.microsoft.com/rest/api/azureml/serverless-endpoints/create-or-update',
  ],
  concepts: ['guardrail-missing'],
  // Online endpoints take no such switch (their content filter is the deployment's own); SageMaker and Vertex AI
  // endpoints have none either.
  appliesTo: {
    kinds: ['inference-endpoint'],
    nativeTypes: ['Microsoft.MachineLearningServices/workspaces/serverlessEndpoints'],
  },
  providers: ['azure'],
  frameworks: {
    'owasp-llm-2025': ['LLM01:2025', 'LLM05:2025'],
    'owasp-llm-2026': ['LLM01:2026', 'LLM10:2026'],
    'nist-ai-600-1': ['MG-3.2-005'],
    'mitre-atlas': ['AML.T0051', 'AML.T0054'],
  },
  gaiRisks: ['INFOSEC', 'DVH'],
  peers: [],
  needs: ['contentSafetyEnabled'],
  check(ep) {
    const on = ep.facts.contentSafetyEnabled;
    // An endpoint that does not report the status says nothing either way.
    if (on === undefined) return null;
    return {
      fail: !on,
      message: on
        ? 'Azure AI Content Safety screens the endpoint’s prompts and completions'
        : 'Azure AI Content Safety is disabled on the serverless endpoint',
      evidence: { properties: { contentSafetyEnabled: on } },
    };
  },
});
