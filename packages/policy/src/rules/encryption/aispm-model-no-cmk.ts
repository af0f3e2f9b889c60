import { cmkRule, REF } from '../common.ts';

export default cmkRule<'model'>({
  id: 'aispm-model-no-cmk',
  title: 'Custom model weights not encrypted with a customer-managed key',
  kinds: ['model'],
  nativeTypes: [
    'AWS::Bedrock::CustomModel',
    'AWS::Bedrock::ImportedModel',
    'aiplatform.googleapis.com/Model',
    'Microsoft.MachineLearningServices/workspaces/models',
  ],
  what: 'Custom model',
  peers: [
    'prowler:bedrock_custom_model_encrypted_with_cmk',
    'cloudsploit:plugins/aws/bedrock/customModelEncryptionEnabled',
  ],
  references: [REF.bedrockEncryption],
  remediation: {
    aws: {
      console: [
        'Bedrock console → Custom models: custom-model encryption is fixed at creation',
        'Re-run the customization job with "Customize encryption settings" set to a KMS customer-managed key',
        'Imported models: run the import job again (Imported models → Import model) with "Customize encryption settings" set to a customer-managed key',
        'Delete the old model once the re-encrypted copy is in use',
      ],
      cli: 'aws bedrock create-model-customization-job ... --custom-model-kms-key-id <key-arn>   # imported models: aws bedrock create-model-import-job ... --imported-model-kms-key-id <key-arn>',
      terraform:
        'resource "aws_bedrock_custom_model" "m" { custom_model_kms_key_id = aws_kms_key.models.arn }',
    },
    azure: {
      console: [
        'Azure ML registered models are stored in the workspace storage: use a workspace created with a customer-managed key (fixed at creation)',
        'Register the model again in that workspace or a CMK-encrypted registry and retire the old one',
      ],
      cli: 'az ml workspace create --file workspace.yml --resource-group <rg>   # workspace.yml: customer_managed_key: { key_vault: <vault-id>, key_uri: <key-uri> }',
      terraform:
        'resource "azurerm_machine_learning_workspace" "ws" { encryption { key_vault_id = azurerm_key_vault.kv.id key_id = azurerm_key_vault_key.ml.id } }',
    },
    gcp: {
      console: [
        'Vertex AI Model Registry: CMEK is fixed at upload; upload the model again with a customer-managed encryption key',
        'Grant the Vertex AI service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on the key and delete the old model',
      ],
      cli: 'gcloud kms keys add-iam-policy-binding <key> --keyring=<ring> --location=<region> --member=serviceAccount:service-<project-number>@gcp-sa-aiplatform.iam.gserviceaccount.com --role=roles/cloudkms.cryptoKeyEncrypterDecrypter',
    },
  },
});
