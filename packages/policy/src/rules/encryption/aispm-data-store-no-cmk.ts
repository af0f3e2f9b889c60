import { cmkRule } from '../common.ts';

export default cmkRule({
  id: 'aispm-data-store-no-cmk',
  title: 'Training / artifact / knowledge-base data store not encrypted with a customer-managed key',
  kinds: ['data-store'],
  what: 'AI data store',
  // AI data by lineage, or a storage account holding containers (Azure: the key is set on the account).
  applies: (asset, g) =>
    g.isAiDataStore(asset.id) ||
    g.out(asset.id, 'contains').some((e) => g.asset(e.to)?.kind === 'data-store'),
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html'],
  remediation: {
    console: [
      'S3 console → the bucket → Properties → Default encryption → Edit',
      'Choose SSE-KMS with a customer-managed key and enable the bucket key',
      'Re-copy existing objects so they pick up the new key',
    ],
    cli: 'aws s3api put-bucket-encryption --bucket <b> --server-side-encryption-configuration \'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"<key-arn>"},"BucketKeyEnabled":true}]}\'',
    terraform:
      'resource "aws_s3_bucket_server_side_encryption_configuration" "b" { rule { apply_server_side_encryption_by_default { sse_algorithm = "aws:kms" kms_master_key_id = aws_kms_key.data.arn } } }',
  },
});
