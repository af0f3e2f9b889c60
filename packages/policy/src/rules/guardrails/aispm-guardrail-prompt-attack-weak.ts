import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'guardrail', 'promptAttackFilter'>({
  id: 'aispm-guardrail-prompt-attack-weak',
  title: 'Guardrail prompt-attack (jailbreak / injection) filter is off or weak',
  severity: 'medium',
  rationale:
    "The prompt-attack filter is the guardrail's defence against jailbreaks and prompt injection; at NONE or LOW strength most attacks pass.",
  remediation: {
    aws: {
      console: [
        'Bedrock console → Guardrails → the guardrail → Edit → Content filters',
        'Enable "Prompt attacks" with input strength MEDIUM or HIGH',
        'Create a new version and point agents and applications at it',
      ],
      cli: 'aws bedrock update-guardrail --guardrail-identifier <id> --content-policy-config \'{"filtersConfig":[{"type":"PROMPT_ATTACK","inputStrength":"HIGH","outputStrength":"NONE"}]}\' ...',
    },
    azure: {
      console: [
        'Azure AI Foundry → Guardrails + controls → Content filters → the filter → Edit',
        'Turn on Prompt Shields for jailbreak attacks and for indirect attacks with action "Annotate and block"',
        'Save: every deployment that uses the filter picks it up',
      ],
      cli: 'az rest --method put --url "https://management.azure.com/<account-id>/raiPolicies/<policy>?api-version=2024-10-01" --body \'{"properties":{"basePolicyName":"Microsoft.DefaultV2","contentFilters":[{"name":"Jailbreak","enabled":true,"blocking":true,"source":"Prompt"},{"name":"Indirect Attack","enabled":true,"blocking":true,"source":"Prompt"}]}}\'',
      terraform:
        'resource "azurerm_cognitive_account_rai_policy" "shields" { name = "prompt-shields" cognitive_account_id = azurerm_cognitive_account.ai.id base_policy_name = "Microsoft.Default" content_filter { name = "Jailbreak" filter_enabled = true block_enabled = true severity_threshold = "High" source = "Prompt" } }',
    },
    gcp: {
      console: [
        'Security → Model Armor → Templates → the template → Edit',
        'Enable prompt-injection and jailbreak detection with confidence level Medium and above (or Low and above)',
        'If screening comes from a floor setting, raise it there as well',
      ],
      cli: 'gcloud model-armor templates update <template> --location=<region> --pi-and-jailbreak-filter-settings-enforcement=enabled --pi-and-jailbreak-filter-settings-confidence-level=medium-and-above',
      terraform:
        'resource "google_model_armor_template" "t" { location = "<region>" template_id = "<template>" filter_config { pi_and_jailbreak_filter_settings { filter_enforcement = "ENABLED" confidence_level = "MEDIUM_AND_ABOVE" } malicious_uri_filter_settings { filter_enforcement = "ENABLED" } } }',
    },
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
    // Bedrock's enforcement configuration only points at guardrails; their filters are judged on those guardrails.
    if (guardrail.nativeType === 'AWS::Bedrock::EnforcedGuardrailConfiguration') return null;
    // An AgentCore Policy engine decides tool calls with Cedar; it screens no prompt text.
    if (guardrail.nativeType === 'AWS::BedrockAgentCore::PolicyEngine') return null;
    const strength = guardrail.facts.promptAttackFilter ?? 'none';
    const weak = strength === 'none' || strength === 'low';
    return {
      fail: weak,
      message: `Prompt-attack filter strength is ${strength.toUpperCase()}`,
      evidence: { properties: { promptAttackFilter: strength } },
    };
  },
});
