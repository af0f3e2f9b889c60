import { cmkRule, REF } from '../common.ts';

export default cmkRule({
  id: 'aispm-ml-workspace-no-cmk',
  title: 'ML workspace / SageMaker domain storage not encrypted with a customer-managed key',
  kinds: ['ml-workspace'],
  what: 'ML workspace',
  severity: 'low',
  keyFields: ['kmsKeyId'],
  references: [REF.sagemakerEncryption],
  remediation: {
    console: [
      'SageMaker domains take their EFS key at creation: create a new domain with "Encryption key" set to a customer-managed key',
      'Migrate user profiles and delete the old domain',
    ],
    cli: 'aws sagemaker create-domain ... --kms-key-id <key-arn>',
  },
});
