import { cmkRule, REF } from '../common.ts';

export default cmkRule({
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
  keyFields: ['modelKmsKeyArn'],
  peers: [
    'prowler:bedrock_custom_model_encrypted_with_cmk',
    'cloudsploit:plugins/aws/bedrock/customModelEncryptionEnabled',
  ],
  references: [REF.bedrockEncryption],
  remediation: {
    console: [
      'Bedrock console → Custom models: custom-model encryption is fixed at creation',
      'Re-run the customization job with "Customize encryption settings" set to a KMS customer-managed key',
      'Delete the old model once the re-encrypted copy is in use',
    ],
    cli: 'aws bedrock create-model-customization-job ... --custom-model-kms-key-id <key-arn>',
    terraform: 'resource "aws_bedrock_custom_model" "m" { custom_model_kms_key_id = aws_kms_key.models.arn }',
  },
});
