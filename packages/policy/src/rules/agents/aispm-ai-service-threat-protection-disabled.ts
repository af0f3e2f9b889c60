import { defineAssetRule } from '../../define.ts';

export default defineAssetRule<'ai-service', 'threatProtection'>({
  id: 'aispm-ai-service-threat-protection-disabled',
  title: 'AI threat protection (Defender for AI services) is off for the AI account',
  severity: 'medium',
  rationale:
    "Without AI threat protection nobody is told when the account's deployments and agents are jailbroken, fed indirect prompt injections, leak sensitive data or are used from a suspicious address or with a stolen key: content filters block some of it in the moment, but only threat protection turns it into security alerts (with the prompt evidence) for the SOC to act on.",
  remediation: {
    azure: {
      console: [
        'Microsoft Defender for Cloud → Environment settings → the subscription → Defender plans → AI services: On',
        'Or per resource: the Azure OpenAI / AI Foundry resource → Microsoft Defender for Cloud → Enable (Defender for AI setting state Enabled)',
        'Turn on "Enable user prompt evidence" so the alerts carry the offending prompts',
      ],
      cli: 'az security pricing create --name AI --tier Standard   # or per account: az rest --method put --url "https://management.azure.com/<account-id>/defenderForAISettings/Default?api-version=2025-09-01" --body \'{"properties":{"state":"Enabled"}}\'',
      terraform:
        'resource "azurerm_security_center_subscription_pricing" "ai" { tier = "Standard" resource_type = "AI" }',
    },
  },
  references: ['https://learn.microsoft.com/azure/defender-for-cloud/ai-threat-protection'],
  concepts: ['ai-service-threat-protection-disabled'],
  appliesTo: { kinds: ['ai-service'], nativeTypes: ['Microsoft.CognitiveServices/accounts'] },
  frameworks: {
    'owasp-llm-2025': ['LLM01:2025', 'LLM10:2025'],
    'owasp-llm-2026': ['LLM01:2026', 'LLM06:2026'],
    'owasp-agentic-2026': ['ASI01', 'ASI10'],
    'nist-ai-600-1': ['MG-4.1-002', 'MS-2.7-001'],
    'mitre-atlas': ['AML.T0051', 'AML.T0054'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  needs: ['threatProtection'],
  check(svc) {
    const on = svc.facts.threatProtection;
    if (on === undefined) return null;
    return {
      fail: !on,
      message: on ? 'Defender for AI threat protection is on' : 'Defender for AI threat protection is off',
      evidence: { properties: { threatProtection: on } },
    };
  },
});
