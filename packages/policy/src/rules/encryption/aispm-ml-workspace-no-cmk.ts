import { cmkRule, REF } from '../common.ts';

export default cmkRule<'ml-workspace'>({
  id: 'aispm-ml-workspace-no-cmk',
  title: 'ML workspace / SageMaker domain storage not encrypted with a customer-managed key',
  kinds: ['ml-workspace'],
  // A Foundry project keeps its data under its account's encryption: the account's own finding says it.
  nativeTypes: ['AWS::SageMaker::Domain', 'Microsoft.MachineLearningServices/workspaces'],
  what: 'ML workspace',
  severity: 'low',
  references: [REF.sagemakerEncryption],
  remediation: {
    aws: {
      console: [
        'SageMaker domains take their EFS key at creation: create a new domain with "Encryption key" set to a customer-managed key',
        'Migrate user profiles and delete the old domain',
      ],
      cli: 'aws sagemaker create-domain ... --kms-key-id <key-arn>',
    },
    azure: {
      console: [
        'Azure ML workspace encryption is fixed at creation: create a new workspace with "Customer-managed keys" and a Key Vault key',
        'Move the assets over (registries, datastores) and delete the old workspace',
      ],
      cli: 'az ml workspace create --file workspace.yml --resource-group <rg>   # workspace.yml: customer_managed_key: { key_vault: <vault-id>, key_uri: <key-uri> }',
      terraform:
        'resource "azurerm_machine_learning_workspace" "ws" { encryption { key_vault_id = azurerm_key_vault.kv.id key_id = azurerm_key_vault_key.ml.id } }',
    },
  },
});
