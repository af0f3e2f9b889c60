import { defineAssetRule } from '../../define.ts';

export default defineAssetRule<'inference-endpoint', 'localAuthEnabled'>({
  id: 'aispm-endpoint-key-auth',
  title: 'Inference endpoint authenticates callers with static keys instead of Microsoft Entra ID',
  severity: 'medium',
  rationale:
    "An Azure ML online or serverless (models-as-a-service) endpoint in key mode accepts two static keys that never expire and name no caller: whoever copies one from a notebook, pipeline variable or app setting can score the model (model extraction, membership inference, cost abuse) from anywhere the endpoint is reachable, outside role assignments and Conditional Access, and every call is attributed to no one until the keys are regenerated. Entra ID tokens (`AADToken`) tie each call to an identity holding the endpoint's score permission and expire on their own.",
  remediation: {
    azure: {
      console: [
        'Azure ML studio → Endpoints → Create: a new online endpoint with authentication type "Microsoft Entra ID token based authentication" (aad_token) and the same deployments as the key-mode one',
        'Grant the calling identities a role with Microsoft.MachineLearningServices/workspaces/onlineEndpoints/score/action (e.g. "AzureML Data Scientist", or a custom "endpoint scorer" role) on the endpoint',
        'Move the clients to bearer tokens for https://ml.azure.com, regenerate both keys of the old endpoint so copies already handed out stop working, then delete it',
        'Serverless API endpoints (models as a service, authMode Key or KeyAndAAD): redeploy the model as a serverless endpoint with Microsoft Entra ID authentication (authMode AAD), grant the callers the Azure AI User role on the workspace or project, move them to tokens for https://cognitiveservices.azure.com, then delete the key-mode endpoint',
      ],
      cli: 'az ml online-endpoint create --name <endpoint>-entra --resource-group <rg> --workspace-name <ws> --file endpoint.yml   # endpoint.yml: auth_mode: aad_token, public_network_access: disabled; then az ml online-deployment create the deployments into it, move the clients and delete the key-mode endpoint',
      terraform:
        'resource "azapi_resource" "endpoint" { type = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-04-01" parent_id = azurerm_machine_learning_workspace.ws.id name = "<endpoint>" location = "<region>" identity { type = "SystemAssigned" } body = { properties = { authMode = "AADToken", publicNetworkAccess = "Disabled" } } }   # a serverless endpoint: type = "Microsoft.MachineLearningServices/workspaces/serverlessEndpoints@<api-version with AAD>", body = { sku = { name = "Consumption" } properties = { authMode = "AAD", modelSettings = { modelId = "<catalog model id>" } } }',
    },
  },
  references: [
    'https://learn.microsoft.com/azure/machine-learning/concept-endpoints-online-auth',
    'https://learn.microsoft.com/azure/machine-learning/how-to-authenticate-online-endpoint',
    'https://learn.microsoft.com/rest/api/azureml/serverless-endpoints',
  ],
  concepts: ['endpoint-key-auth'],
  // Azure ML online and serverless endpoints: SageMaker and Vertex AI endpoints take only IAM-signed calls.
  appliesTo: {
    kinds: ['inference-endpoint'],
    nativeTypes: [
      'Microsoft.MachineLearningServices/workspaces/onlineEndpoints',
      'Microsoft.MachineLearningServices/workspaces/serverlessEndpoints',
    ],
  },
  providers: ['azure'],
  frameworks: {
    'owasp-llm-2025': ['LLM10:2025', 'LLM02:2025'],
    'owasp-llm-2026': ['LLM06:2026', 'LLM02:2026'],
    'owasp-ml-2023': ['ML05:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0055', 'AML.T0040', 'AML.T0024'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  needs: ['localAuthEnabled'],
  check(ep) {
    const keys = ep.facts.localAuthEnabled;
    // An auth mode the connector did not recognise says nothing either way.
    if (keys === undefined) return null;
    return {
      fail: keys,
      message: keys
        ? 'Endpoint accepts static keys (authMode Key, or KeyAndAAD on a serverless endpoint)'
        : 'Endpoint takes only expiring tokens (Entra ID or Azure ML tokens)',
      evidence: { properties: { localAuthEnabled: keys } },
    };
  },
});
