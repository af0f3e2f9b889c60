import { cmkRule } from '../common.ts';

export default cmkRule<'dataset' | 'feature-store'>({
  id: 'aispm-dataset-no-cmk',
  title: 'Managed dataset or feature store not encrypted with a customer-managed key',
  kinds: ['dataset', 'feature-store'],
  what: 'Dataset / feature store',
  references: ['https://cloud.google.com/vertex-ai/docs/general/cmek'],
  // An Azure ML datastore holds no data of its own: its storage account is judged (aispm-data-store-no-cmk).
  applies: (ds) => ds.nativeType !== 'Microsoft.MachineLearningServices/workspaces/datastores',
  remediation: {
    aws: {
      console: [
        'SageMaker feature groups take their keys at creation: create a new feature group with a KMS customer-managed key for the online store and the offline (S3) store',
        'Backfill it and delete the old group',
      ],
      cli: 'aws sagemaker create-feature-group ... --online-store-config EnableOnlineStore=true,SecurityConfig={KmsKeyId=<key-arn>} --offline-store-config S3StorageConfig={S3Uri=s3://<bucket>/fs,KmsKeyId=<key-arn>}',
      terraform:
        'resource "aws_sagemaker_feature_group" "fg" { online_store_config { security_config { kms_key_id = aws_kms_key.fs.arn } } }',
    },
    azure: {
      console: [
        "Azure ML data assets live in their datastore's storage account: turn on customer-managed keys there (Encryption → Customer-managed keys)",
        'Managed feature stores: create the feature store with a customer-managed key',
      ],
      cli: 'az storage account update --name <acct> --resource-group <rg> --encryption-key-source Microsoft.Keyvault --encryption-key-vault <vault-uri> --encryption-key-name <key> --identity-type UserAssigned --user-identity-id <identity-id> --key-vault-user-identity-id <identity-id>',
      terraform:
        'resource "azurerm_storage_account_customer_managed_key" "k" { storage_account_id = azurerm_storage_account.sa.id key_vault_id = azurerm_key_vault.kv.id key_name = azurerm_key_vault_key.data.name user_assigned_identity_id = azurerm_user_assigned_identity.sa.id }',
    },
    gcp: {
      console: [
        'CMEK is set at creation: re-create the dataset / feature store with "Customer-managed encryption key" selected',
        'Grant the Vertex AI service agent cloudkms.cryptoKeyEncrypterDecrypter on the key',
      ],
      cli: 'gcloud ai datasets create ... --encryption-kms-key-name=projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>',
    },
  },
});
