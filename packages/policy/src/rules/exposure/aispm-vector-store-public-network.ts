import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'vector-store', 'publicNetworkAccess'>({
  id: 'aispm-vector-store-public-network',
  title: 'Vector store reachable over a public network',
  severity: 'high',
  rationale:
    'RAG indexes hold embeddings of internal documents (which can be inverted back to text) and are the insertion point for indirect prompt injection; public network access leaves only credentials between them and the internet.',
  remediation: {
    aws: {
      console: [
        'OpenSearch Serverless: Security → Network policies → set the collection to VPC access only (a VPC endpoint), no public access',
      ],
      cli: 'aws opensearchserverless update-security-policy --type network --name <p> --policy \'[{"Rules":[{"ResourceType":"collection","Resource":["collection/<c>"]}],"AllowFromPublic":false,"SourceVPCEs":["<vpce>"]}]\' --policy-version <v>',
    },
    azure: {
      console: [
        'Azure AI Search → Networking → Public network access: Disabled',
        'Add a private endpoint in the consumer VNet',
      ],
      cli: 'az search service update --name <svc> --resource-group <rg> --public-network-access disabled',
      terraform: 'resource "azurerm_search_service" "s" { public_network_access_enabled = false }',
    },
    gcp: {
      console: [
        'Vertex AI Vector Search: deploy the index to an index endpoint with Private Service Connect (or VPC peering) instead of a public endpoint',
        'Undeploy it from the public index endpoint and delete that endpoint',
      ],
      cli: 'gcloud ai index-endpoints create --region=<region> --display-name=<name> --network=projects/<project-number>/global/networks/<vpc>',
      terraform:
        'resource "google_vertex_ai_index_endpoint" "ie" { public_endpoint_enabled = false private_service_connect_config { enable_private_service_connect = true project_allowlist = ["<project>"] } }',
    },
  },
  references: [REF.aossNetwork],
  concepts: ['vector-store-public-network'],
  appliesTo: { kinds: ['vector-store'] },
  // Read from the facts below: when one could not be read the verdict is not-evaluated, never a pass.
  needs: ['publicNetworkAccess'],
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
        properties: { publicNetworkAccess: vs.facts.publicNetworkAccess ?? null },
      },
    };
  },
});
