import { cmkRule, REF } from '../common.ts';

export default cmkRule<'training-job'>({
  id: 'aispm-training-job-no-cmk',
  title: 'Training job volume and output not encrypted with a customer-managed key',
  kinds: ['training-job'],
  what: 'Training job',
  peers: ['prowler:sagemaker_training_jobs_volume_and_output_encryption_enabled'],
  references: [REF.sagemakerEncryption],
  remediation: {
    aws: {
      console: [
        'Training jobs are immutable: clone the job in the SageMaker console',
        'Set "Volume encryption key" and "Output encryption key" to a KMS customer-managed key',
        'Make the pipeline definition use the key for future runs',
      ],
      cli: 'aws sagemaker create-training-job ... --output-data-config KmsKeyId=<key-arn>,S3OutputPath=... --resource-config VolumeKmsKeyId=<key-arn>,...',
    },
    azure: {
      console: [
        'Azure ML jobs write to the workspace storage and compute disks: run them in a workspace created with a customer-managed key',
        'Use CMK-encrypted storage accounts for the job datastores',
      ],
      cli: 'az ml workspace create --file workspace.yml --resource-group <rg>   # workspace.yml: customer_managed_key: { key_vault: <vault-id>, key_uri: <key-uri> }',
      terraform:
        'resource "azurerm_machine_learning_workspace" "ws" { encryption { key_vault_id = azurerm_key_vault.kv.id key_id = azurerm_key_vault_key.ml.id } }',
    },
    gcp: {
      console: [
        'Vertex AI custom jobs and pipelines take CMEK per run: re-run with encryptionSpec.kmsKeyName set',
        'Set the key in the pipeline definition (encryption_spec_key_name) for future runs',
      ],
      cli: 'curl -X POST -H "Authorization: Bearer $(gcloud auth print-access-token)" -H "Content-Type: application/json" https://<region>-aiplatform.googleapis.com/v1/projects/<p>/locations/<region>/customJobs -d @job.json   # job.json: "encryptionSpec": {"kmsKeyName": "projects/<p>/locations/<region>/keyRings/<ring>/cryptoKeys/<key>"}',
    },
  },
});
