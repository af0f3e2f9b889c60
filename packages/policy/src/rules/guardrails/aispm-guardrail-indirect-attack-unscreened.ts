import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'guardrail', 'indirectAttackFilter'>({
  id: 'aispm-guardrail-indirect-attack-unscreened',
  title: 'Content filter does not block indirect prompt injection',
  severity: 'high',
  rationale:
    "Agents and RAG applications feed the model text nobody on your side wrote: retrieved documents, e-mails, web pages, tool results. Instructions hidden there (indirect prompt injection) steer the model as if the user had typed them, and are the usual first step of data exfiltration through an agent's tools. A jailbreak shield screens only the user's prompt; the indirect-attack shield screens the grounding data.",
  remediation: {
    azure: {
      console: [
        'Azure AI Foundry portal → Guardrails + controls → Content filters → the filter → Edit',
        'Input filter → Prompt shields for indirect attacks → On, action "Annotate and block"',
        'Mark the documents, search results and tool output your application passes as grounding data (document embedding in the prompt) so the shield inspects them; save and keep the filter on every deployment that agents use',
      ],
      cli: 'az rest --method put --url "https://management.azure.com/<account-id>/raiPolicies/<policy>?api-version=2024-10-01" --body \'{"properties":{"basePolicyName":"Microsoft.DefaultV2","mode":"Blocking","contentFilters":[{"name":"Jailbreak","enabled":true,"blocking":true,"source":"Prompt"},{"name":"Indirect Attack","enabled":true,"blocking":true,"source":"Prompt"}]}}\'',
      terraform:
        'resource "azurerm_cognitive_account_rai_policy" "p" { name = "<policy>" cognitive_account_id = azurerm_cognitive_account.ai.id base_policy_name = "Microsoft.DefaultV2" content_filter { name = "Indirect Attack" filter_enabled = true block_enabled = true severity_threshold = "High" source = "Prompt" } content_filter { name = "Jailbreak" filter_enabled = true block_enabled = true severity_threshold = "High" source = "Prompt" } }',
    },
  },
  references: [REF.azurePromptShields],
  concepts: ['guardrail-indirect-attack-unscreened'],
  appliesTo: { kinds: ['guardrail'], nativeTypes: ['Microsoft.CognitiveServices/accounts/raiPolicies'] },
  frameworks: {
    'owasp-llm-2025': ['LLM01:2025'],
    'owasp-llm-2026': ['LLM01:2026'],
    'owasp-agentic-2026': ['ASI01', 'ASI06'],
    'nist-ai-600-1': ['MG-3.2-005'],
    'mitre-atlas': ['AML.T0051.001', 'AML.T0086'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  needs: ['indirectAttackFilter'],
  check(guardrail) {
    const on = guardrail.facts.indirectAttackFilter;
    if (on === undefined) return null;
    return {
      fail: !on,
      message: on
        ? 'Prompt Shields for indirect attacks is on and blocking'
        : 'Prompt Shields for indirect attacks is off or only annotates: injected instructions in grounding data reach the model',
      evidence: { properties: { indirectAttackFilter: on } },
    };
  },
});
