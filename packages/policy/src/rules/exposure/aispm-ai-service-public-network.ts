import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';

export default defineAssetRule<'ai-service', 'publicNetworkAccess'>({
  id: 'aispm-ai-service-public-network',
  title: 'AI service account allows public network access',
  severity: 'high',
  rationale:
    'An AI services account (e.g. Azure OpenAI) reachable from any network is one leaked key or token away from LLM-jacking and data leakage through its deployments.',
  remediation: {
    azure: {
      console: [
        'Networking → Firewalls and virtual networks → "Disabled" (private endpoints only) or selected networks',
        'Create a private endpoint in the consuming VNet',
      ],
      cli: 'az cognitiveservices account update --name <acct> --resource-group <rg> --custom-domain <acct> --public-network-access Disabled',
    },
  },
  references: ['https://learn.microsoft.com/azure/ai-services/cognitive-services-virtual-networks'],
  concepts: ['ai-service-public-network'],
  appliesTo: { kinds: ['ai-service'] },
  frameworks: {
    'owasp-llm-2025': ['LLM10:2025'],
    'owasp-llm-2026': ['LLM06:2026'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0040', 'AML.T0049'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  needs: ['publicNetworkAccess'],
  check(svc, g) {
    const exposure = g.internetExposure(svc.id);
    const explicitlyClosed = svc.facts.publicNetworkAccess === false;
    const open = exposure.exposed && !explicitlyClosed;
    return {
      fail: open,
      message: open ? 'Public network access is enabled' : 'Public network access is disabled',
      evidence: {
        edges: edgeEvidence(exposure.edges),
        properties: { publicNetworkAccess: svc.facts.publicNetworkAccess ?? null },
      },
    };
  },
});
