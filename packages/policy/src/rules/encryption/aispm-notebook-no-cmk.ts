import { cmkRule, REF } from '../common.ts';

export default cmkRule<'notebook'>({
  id: 'aispm-notebook-no-cmk',
  title: 'Notebook storage volume not encrypted with a customer-managed key',
  kinds: ['notebook'],
  // Azure ML compute instances take their encryption from the workspace.
  nativeTypes: ['AWS::SageMaker::NotebookInstance'],
  what: 'Notebook instance',
  peers: [
    'prowler:sagemaker_notebook_instance_encryption_enabled',
    'cloudsploit:plugins/aws/sagemaker/notebookDataEncrypted',
    'cloudsploit:plugins/aws/sagemaker/notebookCmkEncrypted',
  ],
  references: [REF.sagemakerEncryption],
  remediation: {
    aws: {
      console: [
        'SageMaker console → Notebook instances: the volume key is fixed at creation',
        'Create a new notebook instance with "Encryption key" set to a KMS customer-managed key',
        'Move the work over and delete the old instance',
      ],
      cli: 'aws sagemaker create-notebook-instance ... --kms-key-id <key-arn>',
      terraform: 'resource "aws_sagemaker_notebook_instance" "nb" { kms_key_id = aws_kms_key.ml.arn }',
    },
  },
});
