import { cmkRule } from '../common.ts';

export default cmkRule<'data-store', 'dataClassification'>({
  id: 'aispm-data-store-no-cmk',
  title: 'Training / artifact / knowledge-base data store not encrypted with a customer-managed key',
  kinds: ['data-store'],
  what: 'AI data store',
  // AI data by lineage, or a storage account holding containers (Azure: the key is set on the account).
  applies: (asset, g) =>
    g.isAiDataStore(asset.id) ||
    g.out(asset.id, 'contains').some((e) => g.asset(e.to)?.kind === 'data-store'),
  // What a storage account holds comes from its container listing: unread, the rule cannot say it does not apply.
  needs: ['dataClassification'],
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html'],
  remediation: {
    aws: {
      console: [
        'S3 console → the bucket → Properties → Default encryption → Edit',
        'Choose SSE-KMS with a customer-managed key and enable the bucket key',
        'Re-copy existing objects so they pick up the new key',
      ],
      cli: 'aws s3api put-bucket-encryption --bucket <b> --server-side-encryption-configuration \'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"<key-arn>"},"BucketKeyEnabled":true}]}\'',
      terraform:
        'resource "aws_s3_bucket_server_side_encryption_configuration" "b" { rule { apply_server_side_encryption_by_default { sse_algorithm = "aws:kms" kms_master_key_id = aws_kms_key.data.arn } } }',
    },
    azure: {
      console: [
        'Storage account → Security + networking → Encryption → Customer-managed keys',
        'Select a Key Vault key and a managed identity that can wrap and unwrap it',
      ],
      cli: 'az storage account update --name <acct> --resource-group <rg> --encryption-key-source Microsoft.Keyvault --encryption-key-vault <vault-uri> --encryption-key-name <key> --identity-type UserAssigned --user-identity-id <identity-id> --key-vault-user-identity-id <identity-id>',
      terraform:
        'resource "azurerm_storage_account_customer_managed_key" "k" { storage_account_id = azurerm_storage_account.sa.id key_vault_id = azurerm_key_vault.kv.id key_name = azurerm_key_vault_key.data.name user_assigned_identity_id = azurerm_user_assigned_identity.sa.id }',
    },
    gcp: {
      console: [
        'Cloud Storage → the bucket → Configuration → Default encryption → Cloud KMS key',
        'Grant the Cloud Storage service agent roles/cloudkms.cryptoKeyEncrypterDecrypter; rewrite existing objects so they pick up the key',
      ],
      cli: 'gcloud storage buckets update gs://<bucket> --default-encryption-key=projects/<p>/locations/<l>/keyRings/<ring>/cryptoKeys/<key>',
      terraform:
        'resource "google_storage_bucket" "b" { encryption { default_kms_key_name = google_kms_crypto_key.data.id } }',
    },
  },
});
