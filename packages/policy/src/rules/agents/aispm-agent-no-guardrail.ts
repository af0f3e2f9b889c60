import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'agent', 'guardrailId'>({
  id: 'aispm-agent-no-guardrail',
  title: 'Agent has no guardrail',
  severity: 'high',
  rationale:
    'An agent reads untrusted input and acts through tools; without a guardrail nothing screens injected instructions before they become tool calls.',
  remediation: {
    aws: {
      console: [
        'Bedrock console → Agents → the agent → Edit in Agent builder',
        'Guardrail details → select a guardrail and version (with prompt-attack filtering on)',
        'Save and prepare the agent',
      ],
      cli: 'aws bedrock-agent update-agent --agent-id <id> --guardrail-configuration guardrailIdentifier=<gr>,guardrailVersion=<v> ...',
    },
    azure: {
      console: [
        'Azure AI Foundry portal → Guardrails + controls → Content filters → Create content filter',
        'Turn on Prompt Shields for jailbreak attacks and for indirect attacks with action "Annotate and block", plus the harm-category filters',
        'Deployments → the model deployment the agent uses → Edit → Content filter → select the new filter',
      ],
      cli: 'az rest --method put --url "https://management.azure.com/<account-id>/raiPolicies/<policy>?api-version=2024-10-01" --body \'{"properties":{"basePolicyName":"Microsoft.DefaultV2","contentFilters":[{"name":"Jailbreak","enabled":true,"blocking":true,"source":"Prompt"},{"name":"Indirect Attack","enabled":true,"blocking":true,"source":"Prompt"}]}}\'',
      terraform:
        'resource "azurerm_cognitive_account_rai_policy" "shields" { name = "prompt-shields" cognitive_account_id = azurerm_cognitive_account.ai.id base_policy_name = "Microsoft.Default" content_filter { name = "Jailbreak" filter_enabled = true block_enabled = true severity_threshold = "High" source = "Prompt" } } resource "azurerm_cognitive_deployment" "agent_model" { rai_policy_name = azurerm_cognitive_account_rai_policy.shields.name }',
    },
    gcp: {
      console: [
        'Security → Model Armor → Create template with prompt-injection and jailbreak detection (Medium and above) and malicious URL detection',
        "Screen the agent's model calls with it: call sanitizeUserPrompt / sanitizeModelResponse from the agent, or enforce a Model Armor floor setting on Vertex AI for the project",
      ],
      cli: 'gcloud model-armor templates create <template> --location=<region> --pi-and-jailbreak-filter-settings-enforcement=enabled --pi-and-jailbreak-filter-settings-confidence-level=medium-and-above --malicious-uri-filter-settings-enforcement=enabled',
      terraform:
        'resource "google_model_armor_template" "t" { location = "<region>" template_id = "<template>" filter_config { pi_and_jailbreak_filter_settings { filter_enforcement = "ENABLED" confidence_level = "MEDIUM_AND_ABOVE" } malicious_uri_filter_settings { filter_enforcement = "ENABLED" } } }',
    },
  },
  references: [REF.bedrockAgents, REF.bedrockGuardrails],
  concepts: ['agent-no-guardrail'],
  appliesTo: { kinds: ['agent'] },
  frameworks: {
    'owasp-llm-2025': ['LLM01:2025', 'LLM06:2025'],
    'owasp-llm-2026': ['LLM01:2026', 'LLM03:2026'],
    'owasp-agentic-2026': ['ASI01', 'ASI02'],
    'nist-ai-600-1': ['MG-3.2-005'],
    'mitre-atlas': ['AML.T0051', 'AML.T0053'],
  },
  gaiRisks: ['INFOSEC'],
  peers: ['prowler:bedrock_agent_guardrail_enabled'],
  needs: ['guardrailId'],
  check(agent, g) {
    const guards = g.out(agent.id, 'guarded-by');
    const configured = agent.facts.guardrailId;
    const guarded = guards.length > 0 || (configured !== undefined && configured.length > 0);
    return {
      fail: !guarded,
      message: guarded ? 'Agent has a guardrail' : 'Agent has no guardrail configured',
      evidence: {
        edges: edgeEvidence(guards),
        properties: { guardrailId: configured ?? null },
      },
    };
  },
});
