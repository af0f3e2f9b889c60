import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'logging-config', 'loggingEnabled'>({
  id: 'aispm-aws-bedrock-invocation-logging-disabled',
  title: 'Bedrock model invocation logging is disabled in the region',
  severity: 'medium',
  rationale:
    'Without invocation logs there is no record of prompts, responses or who called which model: LLM-jacking, prompt-injection attempts, data leakage and cost abuse go unseen and cannot be investigated.',
  remediation: {
    aws: {
      console: [
        'Bedrock console → Settings → Model invocation logging → turn on',
        'Choose S3 and/or CloudWatch Logs destinations and the data types to log',
        'Save',
      ],
      cli: 'aws bedrock put-model-invocation-logging-configuration --logging-config \'{"s3Config":{"bucketName":"<bucket>","keyPrefix":"bedrock/"},"textDataDeliveryEnabled":true}\'',
      terraform:
        'resource "aws_bedrock_model_invocation_logging_configuration" "this" { logging_config { s3_config { bucket_name = aws_s3_bucket.logs.id } } }',
    },
    azure: {
      console: [
        'Azure portal → the Azure OpenAI / AI Foundry account → Monitoring → Diagnostic settings → Add diagnostic setting',
        'Select the Audit and RequestResponse categories (or allLogs) and send them to a Log Analytics workspace',
      ],
      cli: 'az monitor diagnostic-settings create --name ai-logs --resource <account-id> --workspace <law-id> --logs \'[{"categoryGroup":"allLogs","enabled":true}]\'',
      terraform:
        'resource "azurerm_monitor_diagnostic_setting" "ai" { name = "ai-logs" target_resource_id = azurerm_cognitive_account.ai.id log_analytics_workspace_id = azurerm_log_analytics_workspace.law.id enabled_log { category_group = "allLogs" } }',
    },
    gcp: {
      console: [
        'IAM & Admin → Audit Logs → Vertex AI API → enable Data Read and Data Write',
        'Optionally turn on request-response logging to BigQuery on the Vertex AI endpoints',
      ],
      cli: 'gcloud projects get-iam-policy <project> --format=json > policy.json   # add an auditConfigs entry for aiplatform.googleapis.com with DATA_READ and DATA_WRITE, then: gcloud projects set-iam-policy <project> policy.json',
      terraform:
        'resource "google_project_iam_audit_config" "vertex" { project = "<project>" service = "aiplatform.googleapis.com" audit_log_config { log_type = "DATA_READ" } audit_log_config { log_type = "DATA_WRITE" } }',
    },
  },
  references: [REF.bedrockLogging],
  concepts: ['invocation-logging-disabled'],
  appliesTo: { kinds: ['logging-config'] },
  frameworks: {
    'owasp-llm-2025': ['LLM10:2025'],
    'owasp-llm-2026': ['LLM06:2026'],
    'owasp-ml-2023': ['ML05:2023'],
    'nist-ai-600-1': ['MG-4.1-002', 'MS-2.7-004'],
    'mitre-atlas': ['AML.T0034', 'AML.T0024', 'AML.T0040'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [
    'prowler:bedrock_model_invocation_logging_enabled',
    'cloudsploit:plugins/aws/bedrock/modelInvocationLoggingEnabled',
  ],
  needs: ['loggingEnabled'],
  check(asset, g) {
    const flag = asset.facts.loggingEnabled;
    const enabled = flag ?? g.out(asset.id, 'logs-to').length > 0;
    return {
      fail: !enabled,
      message: enabled
        ? 'Model invocation logging is on'
        : `Model invocation logging is off in ${asset.region}`,
      evidence: { properties: { loggingEnabled: enabled } },
    };
  },
});
