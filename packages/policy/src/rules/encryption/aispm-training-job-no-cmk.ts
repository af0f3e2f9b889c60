import { cmkRule, REF } from '../common.ts';

export default cmkRule({
  id: 'aispm-training-job-no-cmk',
  title: 'Training job volume and output not encrypted with a customer-managed key',
  kinds: ['training-job'],
  what: 'Training job',
  keyFields: [
    'outputKmsKeyId',
    'volumeKmsKeyId',
    'outputDataConfig.kmsKeyId',
    'resourceConfig.volumeKmsKeyId',
    'outputModelKmsKeyArn',
  ],
  peers: ['prowler:sagemaker_training_jobs_volume_and_output_encryption_enabled'],
  references: [REF.sagemakerEncryption],
  remediation: {
    console: [
      'Training jobs are immutable: clone the job in the SageMaker console',
      'Set "Volume encryption key" and "Output encryption key" to a KMS customer-managed key',
      'Make the pipeline definition use the key for future runs',
    ],
    cli: 'aws sagemaker create-training-job ... --output-data-config KmsKeyId=<key-arn>,S3OutputPath=... --resource-config VolumeKmsKeyId=<key-arn>,...',
  },
});
