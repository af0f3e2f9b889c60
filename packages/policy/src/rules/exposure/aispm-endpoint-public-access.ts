import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';

export default defineAssetRule({
  id: 'aispm-endpoint-public-access',
  title: 'Inference endpoint reachable from the internet without network restriction',
  severity: 'high',
  rationale:
    'An endpoint open to the internet can be queried by anyone who obtains a credential or finds an auth gap: model extraction, membership inference, cost exhaustion and prompt attacks all start with network reach.',
  remediation: {
    console: [
      'Disable public network access on the endpoint / AI service',
      'Expose it through a private endpoint (PrivateLink / Private Endpoint / Private Service Connect) in the consumer network',
      'If it must be public, restrict by IP allow-list and put an API gateway with authentication and throttling in front',
    ],
  },
  references: [
    'https://docs.aws.amazon.com/sagemaker/latest/dg/interface-vpc-endpoint.html',
    'https://learn.microsoft.com/azure/ai-services/cognitive-services-virtual-networks',
  ],
  concepts: ['endpoint-public-access'],
  appliesTo: { kinds: ['inference-endpoint'] },
  frameworks: {
    'owasp-llm-2025': ['LLM10:2025'],
    'owasp-llm-2026': ['LLM06:2026'],
    'owasp-ml-2023': ['ML05:2023', 'ML01:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0040', 'AML.T0049', 'AML.T0024.002'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  check(ep, g) {
    const exposure = g.internetExposure(ep.id);
    return {
      fail: exposure.exposed,
      message: exposure.exposed
        ? 'Endpoint is reachable from the internet'
        : 'Endpoint is not reachable from the internet',
      evidence: {
        edges: edgeEvidence(exposure.edges),
        properties: { publicNetworkAccess: ep.properties.publicNetworkAccess ?? null },
      },
    };
  },
});
