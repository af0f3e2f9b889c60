import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'guardrail', 'harmfulContentFilter'>({
  id: 'aispm-guardrail-harmful-content-unfiltered',
  title: 'Guardrail filters no harmful-content category',
  severity: 'medium',
  rationale:
    'A guardrail that screens for prompt attacks or sensitive data but no harmful-content category (hate, violence or dangerous content, sexual content, self-harm, harassment) lets a jailbroken or simply misused model return that content to users under the organisation\'s name: the NIST GAI "dangerous, violent or hateful content" risk, which content filters are the documented control for.',
  remediation: {
    aws: {
      console: [
        'Bedrock console → Guardrails → the guardrail → Edit → Content filters',
        'Enable the harmful categories (Hate, Insults, Sexual, Violence, Misconduct) for prompts and responses at MEDIUM or HIGH',
        'Create a new version and point agents and applications at it',
      ],
      cli: 'aws bedrock update-guardrail --guardrail-identifier <id> --name <name> --blocked-input-messaging "<msg>" --blocked-outputs-messaging "<msg>" --content-policy-config \'{"filtersConfig":[{"type":"HATE","inputStrength":"HIGH","outputStrength":"HIGH"},{"type":"VIOLENCE","inputStrength":"HIGH","outputStrength":"HIGH"},{"type":"SEXUAL","inputStrength":"HIGH","outputStrength":"HIGH"},{"type":"INSULTS","inputStrength":"HIGH","outputStrength":"HIGH"},{"type":"MISCONDUCT","inputStrength":"HIGH","outputStrength":"HIGH"}]}\'',
      terraform:
        'resource "aws_bedrock_guardrail" "g" { content_policy_config { filters_config { type = "HATE" input_strength = "HIGH" output_strength = "HIGH" } filters_config { type = "VIOLENCE" input_strength = "HIGH" output_strength = "HIGH" } } }',
    },
    azure: {
      console: [
        'Azure AI Foundry → Guardrails + controls → Content filters → the filter → Edit',
        'Turn on Hate, Sexual, Violence and Self-harm for input and output with a Medium (or lower) threshold, action "Annotate and block"',
        'Save: every deployment that uses the filter picks it up',
      ],
      cli: 'az rest --method put --url "https://management.azure.com/<account-id>/raiPolicies/<policy>?api-version=2024-10-01" --body \'{"properties":{"basePolicyName":"Microsoft.DefaultV2","contentFilters":[{"name":"Hate","enabled":true,"blocking":true,"severityThreshold":"Medium","source":"Prompt"},{"name":"Hate","enabled":true,"blocking":true,"severityThreshold":"Medium","source":"Completion"},{"name":"Violence","enabled":true,"blocking":true,"severityThreshold":"Medium","source":"Completion"}]}}\'',
      terraform:
        'resource "azurerm_cognitive_account_rai_policy" "p" { name = "<policy>" cognitive_account_id = azurerm_cognitive_account.ai.id base_policy_name = "Microsoft.Default" content_filter { name = "Hate" filter_enabled = true block_enabled = true severity_threshold = "Medium" source = "Completion" } }',
    },
    gcp: {
      console: [
        'Security → Model Armor → Floor settings (or the template the application uses) → Edit',
        'Responsible AI → enable Dangerous, Harassment, Hate speech and Sexually explicit at confidence Medium and above',
        'Keep Vertex AI in "Inspect and block" so the filters are enforced',
      ],
      cli: 'gcloud model-armor floorsettings update --full-uri=projects/<project>/locations/global/floorSetting --add-rai-settings-filters=filterType=HATE_SPEECH,confidenceLevel=MEDIUM_AND_ABOVE # then DANGEROUS, HARASSMENT and SEXUALLY_EXPLICIT the same way',
      terraform:
        'resource "google_model_armor_floorsetting" "floor" { parent = "projects/<project>" location = "global" filter_config { rai_settings { rai_filters { filter_type = "HATE_SPEECH" confidence_level = "MEDIUM_AND_ABOVE" } rai_filters { filter_type = "DANGEROUS" confidence_level = "MEDIUM_AND_ABOVE" } } } }',
    },
  },
  references: [
    REF.bedrockGuardrails,
    'https://learn.microsoft.com/azure/ai-foundry/openai/concepts/content-filter',
    REF.modelArmorFloor,
  ],
  concepts: ['guardrail-harmful-content-unfiltered'],
  appliesTo: { kinds: ['guardrail'] },
  frameworks: {
    'owasp-llm-2025': ['LLM05:2025'],
    'owasp-llm-2026': ['LLM10:2026'],
    'nist-ai-600-1': ['MG-3.2-005'],
    'mitre-atlas': ['AML.T0054'],
  },
  gaiRisks: ['DVH', 'OBSC'],
  peers: [],
  needs: ['harmfulContentFilter'],
  check(guardrail) {
    const on = guardrail.facts.harmfulContentFilter;
    if (on === undefined) return null; // an enforcement record, not a filter configuration
    return {
      fail: !on,
      message: on ? 'Harmful-content categories are filtered' : 'No harmful-content category is filtered',
      evidence: { properties: { harmfulContentFilter: on } },
    };
  },
});
