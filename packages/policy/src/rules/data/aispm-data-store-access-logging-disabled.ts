import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'data-store', 'accessLoggingEnabled'>({
  id: 'aispm-data-store-access-logging-disabled',
  title: 'Training / knowledge-base data store has access logging off',
  severity: 'low',
  rationale:
    'Without access logs there is no trace of who read training data or wrote into a knowledge-base source: theft and poisoning cannot be investigated.',
  remediation: {
    aws: {
      console: [
        'S3 console → the bucket → Properties → Server access logging → Enable, to a dedicated log bucket',
        'Or enable CloudTrail S3 data events for the bucket',
      ],
      cli: 'aws s3api put-bucket-logging --bucket <b> --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"<log-bucket>","TargetPrefix":"<b>/"}}\'',
    },
    azure: {
      console: [
        'Storage account → Monitoring → Diagnostic settings → blob → Add diagnostic setting',
        'Enable StorageRead, StorageWrite and StorageDelete to a Log Analytics workspace',
      ],
      cli: 'az monitor diagnostic-settings create --name blob-access --resource <storage-account-id>/blobServices/default --workspace <law-id> --logs \'[{"category":"StorageRead","enabled":true},{"category":"StorageWrite","enabled":true},{"category":"StorageDelete","enabled":true}]\'',
      terraform:
        'resource "azurerm_monitor_diagnostic_setting" "blob" { name = "blob-access" target_resource_id = format("%s/blobServices/default", azurerm_storage_account.sa.id) log_analytics_workspace_id = azurerm_log_analytics_workspace.law.id enabled_log { category = "StorageRead" } enabled_log { category = "StorageWrite" } enabled_log { category = "StorageDelete" } }',
    },
  },
  references: [REF.s3Logging],
  concepts: ['data-store-access-logging-disabled'],
  // GCS usage logs are legacy (Cloud Audit data-access logs replace them), so GCS buckets are not judged here.
  appliesTo: {
    kinds: ['data-store'],
    nativeTypes: [
      'AWS::S3::Bucket',
      'Microsoft.Storage/storageAccounts',
      'Microsoft.Storage/storageAccounts/blobServices/containers',
    ],
  },
  frameworks: {
    'owasp-llm-2025': ['LLM04:2025'],
    'owasp-llm-2026': ['LLM05:2026'],
    'owasp-ml-2023': ['ML02:2023'],
    'nist-ai-600-1': ['MG-4.1-006', 'MS-2.7-004'],
    'mitre-atlas': ['AML.T0020', 'AML.T0036'],
  },
  gaiRisks: ['INFOSEC', 'INTEG'],
  peers: [],
  scope: (store, g) => g.isAiDataStore(store.id),
  needs: ['accessLoggingEnabled'],
  check(store) {
    const on = store.facts.accessLoggingEnabled;
    if (on === undefined) return null; // the connector does not report access logging for this store
    return {
      fail: !on,
      message: on ? 'Access logging is on' : 'Access logging is off',
      evidence: { properties: { accessLoggingEnabled: on } },
    };
  },
});
