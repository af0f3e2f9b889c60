import { cmkRule, REF } from '../common.ts';

export default cmkRule({
  id: 'aispm-endpoint-no-cmk',
  title: 'Inference endpoint storage not encrypted with a customer-managed key',
  kinds: ['inference-endpoint'],
  what: 'Inference endpoint',
  keyFields: ['kmsKeyId'],
  peers: ['prowler:sagemaker_endpoint_config_kms_encryption_enabled'],
  references: [REF.sagemakerEncryption],
  remediation: {
    console: [
      'SageMaker console → Inference → Endpoint configurations → Clone the configuration',
      'Set "Encryption key" to a KMS customer-managed key',
      'Endpoints → the endpoint → Change → use the new configuration',
    ],
    cli: 'aws sagemaker create-endpoint-config --endpoint-config-name <new> --kms-key-id <key-arn> ... && aws sagemaker update-endpoint --endpoint-name <ep> --endpoint-config-name <new>',
    terraform: 'resource "aws_sagemaker_endpoint_configuration" "c" { kms_key_arn = aws_kms_key.ml.arn }',
  },
});
