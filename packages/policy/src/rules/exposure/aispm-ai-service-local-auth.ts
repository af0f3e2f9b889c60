import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';

export default defineAssetRule<'ai-service', 'localAuthEnabled'>({
  id: 'aispm-ai-service-local-auth',
  title: 'AI service account allows local (API key) authentication',
  severity: 'medium',
  rationale:
    'Account keys are long-lived shared secrets with full data-plane access and no caller identity; they are the usual currency of LLM-jacking.',
  remediation: {
    azure: {
      console: [
        'Set disableLocalAuth = true on the account (ARM / Bicep / Terraform)',
        'Grant "Cognitive Services OpenAI User" to the identities that call it',
        'Regenerate both keys',
      ],
      cli: 'az resource update --ids <account-id> --set properties.disableLocalAuth=true',
    },
  },
  references: ['https://learn.microsoft.com/azure/ai-services/disable-local-auth'],
  concepts: ['ai-service-local-auth'],
  appliesTo: { kinds: ['ai-service'] },
  frameworks: {
    'owasp-llm-2025': ['LLM10:2025'],
    'owasp-llm-2026': ['LLM06:2026'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0055', 'AML.T0012'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  needs: ['localAuthEnabled'],
  check(svc, g) {
    const keys = g.out(svc.id, 'has-key');
    const enabled = svc.facts.localAuthEnabled ?? keys.length > 0;
    return {
      fail: enabled,
      message: enabled ? 'Key authentication is enabled' : 'Key authentication is disabled',
      evidence: { properties: { localAuthEnabled: enabled }, edges: edgeEvidence(keys) },
    };
  },
});
