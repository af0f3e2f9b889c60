import { cmkRule, REF } from '../common.ts';

export default cmkRule<'agent'>({
  id: 'aispm-agent-no-cmk',
  title: 'Agent session data not encrypted with a customer-managed key',
  kinds: ['agent'],
  what: 'Agent',
  // An AgentCore runtime keeps no agent data at rest of its own (memory is a resource apart): nothing to key.
  applies: (agent) => agent.nativeType !== 'AWS::BedrockAgentCore::Runtime',
  severity: 'low',
  references: [REF.bedrockAgents],
  remediation: {
    aws: {
      console: [
        'Bedrock console → Agents → the agent → Edit in Agent builder',
        'Additional settings → KMS key selection → choose a customer-managed key',
        'Save and prepare the agent',
      ],
      cli: 'aws bedrock-agent update-agent --agent-id <id> --customer-encryption-key-arn <key-arn> ...',
    },
    azure: {
      console: [
        'Azure portal → the AI Foundry (AI Services) account → Encryption → Customer-managed keys',
        'Pick a Key Vault key (purge protection on) and a managed identity holding Key Vault Crypto Service Encryption User',
        'Standard agent setup: encrypt the connected Cosmos DB, Storage and AI Search resources with customer-managed keys too',
      ],
      cli: 'az cognitiveservices account update --name <acct> --resource-group <rg> --encryption KeySource=Microsoft.KeyVault KeyVaultProperties={KeyName=<k>,KeyVaultUri=<uri>}',
      terraform:
        'resource "azurerm_cognitive_account_customer_managed_key" "k" { cognitive_account_id = azurerm_cognitive_account.foundry.id key_vault_key_id = azurerm_key_vault_key.ai.id identity_client_id = azurerm_user_assigned_identity.ai.client_id }',
    },
    gcp: {
      console: [
        'Vertex AI → Agent Engine: the encryption key is fixed at deployment; redeploy the agent with a Cloud KMS key (encryption_spec.kms_key_name)',
        'Grant the Vertex AI service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on the key, then delete the old deployment',
      ],
      cli: 'gcloud kms keys add-iam-policy-binding <key> --keyring=<ring> --location=<region> --member=serviceAccount:service-<project-number>@gcp-sa-aiplatform.iam.gserviceaccount.com --role=roles/cloudkms.cryptoKeyEncrypterDecrypter',
      terraform:
        'resource "google_vertex_ai_reasoning_engine" "agent" { encryption_spec { kms_key_name = google_kms_crypto_key.ai.id } }',
    },
  },
});
