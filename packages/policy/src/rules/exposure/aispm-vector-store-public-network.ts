import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

export default defineAssetRule({
  id: 'aispm-vector-store-public-network',
  title: 'Vector store reachable over a public network',
  severity: 'high',
  rationale:
    'RAG indexes hold embeddings of internal documents (which can be inverted back to text) and are the insertion point for indirect prompt injection; public network access leaves only credentials between them and the internet.',
  remediation: {
    console: [
      'OpenSearch Serverless: Security → Network policies → set the collection to VPC access only (VPC endpoint), no public access',
      'Azure AI Search: Networking → Public network access: Disabled, add a private endpoint',
      'Vertex AI Vector Search: deploy the index to a private (PSC) index endpoint',
    ],
    cli: 'aws opensearchserverless update-security-policy --type network --name <p> --policy \'[{"Rules":[{"ResourceType":"collection","Resource":["collection/<c>"]}],"AllowFromPublic":false,"SourceVPCEs":["<vpce>"]}]\' --policy-version <v>',
  },
  references: [REF.aossNetwork],
  concepts: ['vector-store-public-network'],
  appliesTo: { kinds: ['vector-store'] },
  frameworks: {
    'owasp-llm-2025': ['LLM08:2025'],
    'owasp-llm-2026': ['LLM09:2026'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0085.000', 'AML.T0049'],
  },
  gaiRisks: ['INFOSEC', 'PRIV'],
  peers: [],
  check(vs, g) {
    const exposure = g.internetExposure(vs.id);
    return {
      fail: exposure.exposed,
      message: exposure.exposed
        ? 'Vector store accepts connections from public networks'
        : 'Vector store is private',
      evidence: {
        edges: edgeEvidence(exposure.edges),
        properties: { publicNetworkAccess: vs.properties.publicNetworkAccess ?? null },
      },
    };
  },
});
