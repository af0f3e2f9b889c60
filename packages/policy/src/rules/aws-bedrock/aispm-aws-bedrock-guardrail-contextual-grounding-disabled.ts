import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'guardrail', 'contextualGrounding'>({
  id: 'aispm-aws-bedrock-guardrail-contextual-grounding-disabled',
  title: 'Guardrail has no contextual grounding check',
  severity: 'low',
  rationale:
    'Grounding and relevance checks block responses not supported by the retrieved sources, the main guard against confabulated RAG answers.',
  remediation: {
    aws: {
      console: [
        'Bedrock console → Guardrails → the guardrail → Edit',
        'Contextual grounding check → enable grounding and relevance with a threshold (e.g. 0.7)',
        'Create a new version',
      ],
      cli: 'aws bedrock update-guardrail --guardrail-identifier <id> --contextual-grounding-policy-config \'{"filtersConfig":[{"type":"GROUNDING","threshold":0.7},{"type":"RELEVANCE","threshold":0.7}]}\' ...',
    },
  },
  references: [REF.bedrockGuardrails],
  concepts: [],
  appliesTo: { kinds: ['guardrail'], nativeTypes: ['AWS::Bedrock::Guardrail'] },
  frameworks: {
    'owasp-llm-2025': ['LLM09:2025'],
    'owasp-llm-2026': ['LLM07:2026'],
    'nist-ai-600-1': ['MS-2.5-005'],
    'mitre-atlas': ['AML.T0031'],
  },
  gaiRisks: ['CONF', 'INTEG'],
  // Grounding is answer quality (confabulation) more than security posture: opt-in.
  enabledByDefault: false,
  peers: ['prowler:bedrock_guardrail_contextual_grounding_filter_enabled'],
  needs: ['contextualGrounding'],
  check(asset) {
    const enabled = asset.facts.contextualGrounding === true;
    return {
      fail: !enabled,
      message: enabled ? 'Contextual grounding check is on' : 'No contextual grounding filter is configured',
      evidence: { properties: { contextualGrounding: enabled } },
    };
  },
});
