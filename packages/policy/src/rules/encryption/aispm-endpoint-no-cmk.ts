import { AGENTCORE_RUNTIME_ENDPOINT, AZURE_ML_SERVERLESS_ENDPOINT, cmkRule, REF } from '../common.ts';

export default cmkRule<'inference-endpoint'>({
  id: 'aispm-endpoint-no-cmk',
  title: 'Inference endpoint storage not encrypted with a customer-managed key',
  kinds: ['inference-endpoint'],
  what: 'Inference endpoint',
  peers: ['prowler:sagemaker_endpoint_config_kms_encryption_enabled'],
  references: [
    REF.sagemakerEncryption,
    'https://learn.microsoft.com/javascript/api/@azure/arm-machinelearning/serverlessendpointproperties',
  ],
  notApplicable: {
    nativeTypes: [AZURE_ML_SERVERLESS_ENDPOINT, AGENTCORE_RUNTIME_ENDPOINT],
    why: 'Not judged on Azure ML serverless API endpoints (models as a service): the model runs on Microsoft-hosted infrastructure outside the subscription and the endpoint has no encryption setting to set (its only settings are authentication, content safety and the model); the workspace or hub it is deployed from takes its own customer-managed key, judged by the ML workspace rule. Nor on Bedrock AgentCore runtime endpoints: an endpoint is an address of an agent runtime and stores nothing (no encryption setting exists on it).',
  },
  remediation: {
    aws: {
      console: [
        'SageMaker console → Inference → Endpoint configurations → Clone the configuration',
        'Set "Encryption key" to a KMS customer-managed key',
        'Endpoints → the endpoint → Change → use the new configuration',
      ],
      cli: 'aws sagemaker create-endpoint-config --endpoint-config-name <new> --kms-key-id <key-arn> ... && aws sagemaker update-endpoint --endpoint-name <ep> --endpoint-config-name <new>',
      terraform: 'resource "aws_sagemaker_endpoint_configuration" "c" { kms_key_arn = aws_kms_key.ml.arn }',
    },
    azure: {
      console: [
        'Azure ML online endpoints take the workspace key: create the workspace with a customer-managed key (fixed at creation) and redeploy the endpoint into it',
        'Azure OpenAI: the AI services account → Encryption → Customer-managed keys',
      ],
      cli: 'az ml workspace create --file workspace.yml --resource-group <rg>   # workspace.yml: customer_managed_key: { key_vault: <vault-id>, key_uri: <key-uri> }',
      terraform:
        'resource "azurerm_machine_learning_workspace" "ws" { encryption { key_vault_id = azurerm_key_vault.kv.id key_id = azurerm_key_vault_key.ml.id } }',
    },
    gcp: {
      console: [
        'Vertex AI endpoints take CMEK at creation: create a new endpoint with a customer-managed encryption key',
        'Redeploy the model there, move traffic and delete the old endpoint',
      ],
      cli: 'gcloud ai endpoints create --region=<region> --display-name=<name> --encryption-kms-key-name=projects/<p>/locations/<region>/keyRings/<ring>/cryptoKeys/<key>',
      terraform:
        'resource "google_vertex_ai_endpoint" "ep" { encryption_spec { kms_key_name = google_kms_crypto_key.ml.id } }',
    },
  },
});
