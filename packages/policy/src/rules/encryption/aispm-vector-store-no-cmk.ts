import { cmkRule, REF } from '../common.ts';

export default cmkRule<'vector-store', 'providerOwnedKey'>({
  id: 'aispm-vector-store-no-cmk',
  title: 'Vector store not encrypted with a customer-managed key',
  kinds: ['vector-store'],
  what: 'Vector store',
  // An OpenSearch Serverless encryption policy can say AWSOwnedKey: the provider's key, whatever else is set.
  needs: ['providerOwnedKey'],
  providerOwned: (vs) => vs.facts.providerOwnedKey === true,
  references: [REF.aossEncryption],
  frameworks: {
    'owasp-llm-2025': ['LLM08:2025', 'LLM02:2025'],
    'owasp-llm-2026': ['LLM09:2026', 'LLM02:2026'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0085.000'],
  },
  remediation: {
    aws: {
      console: [
        'OpenSearch Serverless console → Security → Encryption policies',
        'Create a policy for the collection with "Customer managed key" (must exist before the collection)',
        'Re-create the collection and re-index',
      ],
      cli: 'aws opensearchserverless create-security-policy --type encryption --name <n> --policy \'{"Rules":[{"ResourceType":"collection","Resource":["collection/<c>"]}],"AWSOwnedKey":false,"KmsARN":"<key-arn>"}\'',
    },
    azure: {
      console: [
        'Azure AI Search: add an encryptionKey (Key Vault key and identity) to each index and synonym map definition',
        "Set the service's customer-managed key enforcement to Enabled so unencrypted indexes cannot be created",
      ],
      cli: 'az rest --method patch --url "https://management.azure.com/<search-service-id>?api-version=2023-11-01" --body \'{"properties":{"encryptionWithCmk":{"enforcement":"Enabled"}}}\'',
      terraform: 'resource "azurerm_search_service" "s" { customer_managed_key_enforcement_enabled = true }',
    },
    gcp: {
      console: [
        'Vertex AI Vector Search: CMEK is set at index creation; create the index with a customer-managed encryption key and rebuild it',
        'Grant the Vertex AI service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on the key',
      ],
      cli: 'gcloud kms keys add-iam-policy-binding <key> --keyring=<ring> --location=<region> --member=serviceAccount:service-<project-number>@gcp-sa-aiplatform.iam.gserviceaccount.com --role=roles/cloudkms.cryptoKeyEncrypterDecrypter',
      terraform:
        'resource "google_vertex_ai_index" "i" { encryption_spec { kms_key_name = google_kms_crypto_key.vs.id } }',
    },
  },
});
