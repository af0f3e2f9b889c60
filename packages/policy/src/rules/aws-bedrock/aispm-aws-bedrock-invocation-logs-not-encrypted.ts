import { defineAssetRule } from '../../define.ts';
import { get, pick, truthy } from '../../facts.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

export default defineAssetRule({
  id: 'aispm-aws-bedrock-invocation-logs-not-encrypted',
  title: 'Bedrock invocation logs are not encrypted with a customer-managed key',
  severity: 'medium',
  rationale:
    'Invocation logs hold full prompts and completions, often with personal or confidential data. Stored under a provider key, anyone with read on the bucket or log group reads them; a customer key adds a second, audited gate.',
  remediation: {
    console: [
      'Encrypt the S3 destination bucket with SSE-KMS (customer-managed key)',
      'For CloudWatch Logs: associate a KMS key with the log group (aws logs associate-kms-key)',
    ],
    cli: 'aws logs associate-kms-key --log-group-name <group> --kms-key-id <key-arn>',
  },
  references: [REF.bedrockLogging],
  concepts: ['no-cmk-encryption'],
  appliesTo: {
    kinds: ['logging-config'],
    nativeTypes: ['AWS::Bedrock::ModelInvocationLoggingConfiguration'],
  },
  frameworks: {
    'owasp-llm-2025': ['LLM02:2025'],
    'owasp-llm-2026': ['LLM02:2026'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0036'],
  },
  gaiRisks: ['PRIV', 'INFOSEC'],
  peers: ['prowler:bedrock_model_invocation_logs_encryption_enabled'],
  check(asset, g) {
    const enabled =
      truthy(pick(asset.properties, 'loggingEnabled', 'enabled')?.value) ??
      g.out(asset.id, 'logs-to').length > 0;
    if (!enabled) return null;
    const destinations = g.out(asset.id, 'logs-to');
    const unencrypted = destinations.filter((e) => {
      const store = g.asset(e.to);
      return store ? !g.cmk(store).cmk : false;
    });
    const logGroup =
      get(asset.properties, 'cloudWatchLogGroupName') ??
      get(asset.properties, 'loggingConfig.cloudWatchConfig.logGroupName');
    const logGroupKey =
      get(asset.properties, 'loggingConfig.cloudWatchConfig.kmsKeyId') ??
      get(asset.properties, 'cloudWatchKmsKeyId');
    const cwUnencrypted = typeof logGroup === 'string' && !logGroupKey;
    const fail = unencrypted.length > 0 || cwUnencrypted;
    return {
      fail,
      message: fail
        ? `Invocation logs go to ${[...unencrypted.map((e) => e.to), ...(cwUnencrypted ? [`log group ${logGroup}`] : [])].join(', ')} without a customer-managed key`
        : 'Invocation log destinations are encrypted with customer-managed keys',
      evidence: { edges: edgeEvidence(destinations), properties: { logGroup, logGroupKey } },
    };
  },
});
