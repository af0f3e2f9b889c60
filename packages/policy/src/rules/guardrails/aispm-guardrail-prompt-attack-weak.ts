import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule({
  id: 'aispm-guardrail-prompt-attack-weak',
  title: 'Guardrail prompt-attack (jailbreak / injection) filter is off or weak',
  severity: 'medium',
  rationale:
    "The prompt-attack filter is the guardrail's defence against jailbreaks and prompt injection; at NONE or LOW strength most attacks pass.",
  remediation: {
    console: [
      'Bedrock console → Guardrails → the guardrail → Edit → Content filters',
      'Enable "Prompt attacks" with input strength MEDIUM or HIGH',
      'Create a new version and point agents and applications at it',
    ],
    cli: 'aws bedrock update-guardrail --guardrail-identifier <id> --content-policy-config \'{"filtersConfig":[{"type":"PROMPT_ATTACK","inputStrength":"HIGH","outputStrength":"NONE"}]}\' ...',
  },
  references: [
    REF.bedrockGuardrails,
    'https://learn.microsoft.com/azure/ai-services/openai/concepts/content-filter',
  ],
  concepts: ['guardrail-weak'],
  appliesTo: { kinds: ['guardrail'] },
  frameworks: {
    'owasp-llm-2025': ['LLM01:2025'],
    'owasp-llm-2026': ['LLM01:2026'],
    'owasp-ml-2023': ['ML01:2023'],
    'nist-ai-600-1': ['MG-3.2-005', 'MS-2.5-006'],
    'mitre-atlas': ['AML.T0051', 'AML.T0054'],
  },
  gaiRisks: ['INFOSEC', 'DVH'],
  peers: ['prowler:bedrock_guardrail_prompt_attack_filter_enabled'],
  needs: ['promptAttackFilter'],
  check(guardrail) {
    const strength = guardrail.facts.promptAttackFilter ?? 'none';
    const weak = strength === 'none' || strength === 'low';
    return {
      fail: weak,
      message: `Prompt-attack filter strength is ${strength.toUpperCase()}`,
      evidence: { properties: { promptAttackFilter: strength } },
    };
  },
});
