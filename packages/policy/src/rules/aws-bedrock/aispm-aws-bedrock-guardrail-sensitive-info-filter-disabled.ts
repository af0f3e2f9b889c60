import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'guardrail', 'sensitiveInformationFilter'>({
  id: 'aispm-aws-bedrock-guardrail-sensitive-info-filter-disabled',
  title: 'Guardrail has no sensitive-information (PII) filter',
  severity: 'medium',
  rationale:
    'Without PII entity or regex filters the guardrail lets personal data and secrets flow into prompts and out of responses.',
  remediation: {
    aws: {
      console: [
        'Bedrock console → Guardrails → the guardrail → Edit',
        'Add sensitive information filters: PII types (block or mask) and regexes for internal identifiers',
        'Create a new version and point applications at it',
      ],
      cli: 'aws bedrock update-guardrail --guardrail-identifier <id> --sensitive-information-policy-config \'{"piiEntitiesConfig":[{"type":"EMAIL","action":"ANONYMIZE"}]}\' ...',
    },
  },
  references: [REF.bedrockGuardrails],
  concepts: [],
  appliesTo: { kinds: ['guardrail'], nativeTypes: ['AWS::Bedrock::Guardrail'] },
  frameworks: {
    'owasp-llm-2025': ['LLM02:2025'],
    'owasp-llm-2026': ['LLM02:2026'],
    'nist-ai-600-1': ['MP-4.1-009'],
    'mitre-atlas': ['AML.T0057'],
  },
  gaiRisks: ['PRIV'],
  peers: ['prowler:bedrock_guardrail_sensitive_information_filter_enabled'],
  needs: ['sensitiveInformationFilter'],
  check(asset) {
    const enabled = asset.facts.sensitiveInformationFilter === true;
    return {
      fail: !enabled,
      message: enabled
        ? 'Sensitive-information filters are configured'
        : 'No PII or regex sensitive-information filter is configured',
      evidence: { properties: { sensitiveInformationFilter: enabled } },
    };
  },
});
