import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'logging-config', 'loggingEnabled' | 'logGroupEncrypted'>({
  id: 'aispm-aws-bedrock-invocation-logs-not-encrypted',
  title: 'Bedrock invocation logs are stored unencrypted',
  severity: 'medium',
  rationale:
    'Invocation logs hold full prompts and completions, often with personal or confidential data. Stored under a provider key, anyone with read on the bucket or log group reads them; a customer key adds a second, audited gate.',
  remediation: {
    aws: {
      console: [
        'Encrypt the S3 destination bucket with SSE-KMS (customer-managed key)',
        'For CloudWatch Logs: associate a KMS key with the log group (aws logs associate-kms-key)',
      ],
      cli: 'aws logs associate-kms-key --log-group-name <group> --kms-key-id <key-arn>',
    },
  },
  references: [REF.bedrockLogging],
  concepts: [],
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
  needs: ['loggingEnabled', 'logGroupEncrypted'],
  check(asset, g) {
    const enabled = asset.facts.loggingEnabled ?? g.out(asset.id, 'logs-to').length > 0;
    if (!enabled) return null;
    const destinations = g.out(asset.id, 'logs-to');
    // Like Prowler: the S3 destination must be encrypted at all (SSE-S3 or KMS); a log group only when its key is known.
    const sse = (id: string) => g.factsOf(g.asset(id), 'data-store')?.serverSideEncryption;
    const unencrypted = destinations.filter((e) => g.asset(e.to) !== undefined && sse(e.to) !== true);
    const cwUnencrypted = asset.facts.logGroupEncrypted === false;
    const fail = unencrypted.length > 0 || cwUnencrypted;
    return {
      fail,
      message: fail
        ? `Invocation logs are stored unencrypted: ${[...unencrypted.map((e) => e.to), ...(cwUnencrypted ? ['the CloudWatch log group'] : [])].join(', ')}`
        : 'Invocation log destinations are encrypted',
      evidence: {
        edges: edgeEvidence(destinations),
        properties: {
          serverSideEncryption: Object.fromEntries(destinations.map((e) => [e.to, sse(e.to) ?? null])),
          logGroupEncrypted: asset.facts.logGroupEncrypted ?? null,
        },
      },
    };
  },
});
