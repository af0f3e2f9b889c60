import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';

export default defineAssetRule<'ai-service', 'loggingEnabled'>({
  id: 'aispm-ai-service-logging-disabled',
  title: 'AI service account has no diagnostic / request logging',
  severity: 'medium',
  rationale:
    'Without diagnostic settings there is no record of who called which deployment with what: key abuse (LLM-jacking), prompt-injection attempts and data leakage cannot be detected or investigated.',
  remediation: {
    azure: {
      console: [
        'Azure portal → the AI services account → Monitoring → Diagnostic settings → Add',
        'Send Audit and RequestResponse logs to a Log Analytics workspace',
      ],
      cli: 'az monitor diagnostic-settings create --name aispm --resource <account-id> --workspace <law-id> --logs \'[{"categoryGroup":"allLogs","enabled":true}]\'',
    },
  },
  references: ['https://learn.microsoft.com/azure/ai-services/diagnostic-logging'],
  concepts: ['invocation-logging-disabled'],
  appliesTo: { kinds: ['ai-service'] },
  frameworks: {
    'owasp-llm-2025': ['LLM10:2025'],
    'owasp-llm-2026': ['LLM06:2026'],
    'owasp-ml-2023': ['ML05:2023'],
    'nist-ai-600-1': ['MG-4.1-002', 'MS-2.7-004'],
    'mitre-atlas': ['AML.T0034', 'AML.T0024', 'AML.T0040'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  needs: ['loggingEnabled'],
  check(svc, g) {
    const fact = svc.facts.loggingEnabled;
    const destinations = g.out(svc.id, 'logs-to');
    if (fact === undefined && destinations.length === 0) return null;
    const on = fact ?? destinations.length > 0;
    return {
      fail: !on,
      message: on ? 'Diagnostic logging is configured' : 'No diagnostic setting sends its logs anywhere',
      evidence: { properties: { loggingEnabled: fact ?? null }, edges: edgeEvidence(destinations) },
    };
  },
});
