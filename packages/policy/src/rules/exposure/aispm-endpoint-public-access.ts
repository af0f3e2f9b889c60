import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';

export default defineAssetRule<'inference-endpoint', 'publicNetworkAccess'>({
  id: 'aispm-endpoint-public-access',
  title: 'Inference endpoint reachable from the internet without network restriction',
  severity: 'high',
  rationale:
    'An endpoint open to the internet can be queried by anyone who obtains a credential or finds an auth gap: model extraction, membership inference, cost exhaustion and prompt attacks all start with network reach.',
  remediation: {
    aws: {
      console: [
        'Create an interface VPC endpoint for com.amazonaws.<region>.sagemaker.runtime (or bedrock-runtime) in the consumer VPC',
        'Deny sagemaker:InvokeEndpoint unless aws:SourceVpce is that endpoint (identity policy or SCP)',
        'If it must be public, put API Gateway with authentication and throttling in front',
      ],
      cli: 'aws ec2 create-vpc-endpoint --vpc-id <vpc> --vpc-endpoint-type Interface --service-name com.amazonaws.<region>.sagemaker.runtime --subnet-ids <subnets> --security-group-ids <sg>',
      terraform:
        'resource "aws_vpc_endpoint" "runtime" { vpc_id = aws_vpc.main.id service_name = "com.amazonaws.<region>.sagemaker.runtime" vpc_endpoint_type = "Interface" private_dns_enabled = true }',
    },
    azure: {
      console: [
        'Azure ML studio → Endpoints → the online endpoint: set public network access to Disabled (inbound then goes through the workspace private endpoint)',
        'Azure OpenAI / AI services: Networking → Firewalls and virtual networks → Disabled, add a private endpoint',
        'Serverless API endpoints (models as a service) have no network flag of their own: they follow their workspace or Foundry hub, so set its public network access to Disabled and reach it through its private endpoint',
      ],
      cli: 'az ml online-endpoint update --name <ep> --resource-group <rg> --workspace-name <ws> --set public_network_access=disabled',
      terraform:
        'resource "azurerm_private_endpoint" "ai" { name = "ai-pe" location = azurerm_resource_group.rg.location resource_group_name = azurerm_resource_group.rg.name subnet_id = azurerm_subnet.pe.id private_service_connection { name = "ai" private_connection_resource_id = azurerm_cognitive_account.ai.id subresource_names = ["account"] is_manual_connection = false } }',
    },
    gcp: {
      console: [
        'Vertex AI → Online prediction: create a private endpoint (Private Service Connect or VPC peering) and deploy the model there',
        'Undeploy from the public endpoint and delete it; put a VPC Service Controls perimeter around aiplatform.googleapis.com',
      ],
      cli: 'gcloud ai endpoints create --region=<region> --display-name=<name> --network=projects/<project-number>/global/networks/<vpc>',
      terraform:
        'resource "google_vertex_ai_endpoint" "ep" { private_service_connect_config { enable_private_service_connect = true project_allowlist = ["<project>"] } }',
    },
  },
  references: [
    'https://docs.aws.amazon.com/sagemaker/latest/dg/interface-vpc-endpoint.html',
    'https://learn.microsoft.com/azure/ai-services/cognitive-services-virtual-networks',
    'https://learn.microsoft.com/azure/machine-learning/how-to-secure-online-endpoint',
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
  needs: ['publicNetworkAccess'],
  check(ep, g) {
    const exposure = g.internetExposure(ep.id);
    return {
      fail: exposure.exposed,
      message: exposure.exposed
        ? 'Endpoint is reachable from the internet'
        : 'Endpoint is not reachable from the internet',
      evidence: {
        edges: edgeEvidence(exposure.edges),
        properties: { publicNetworkAccess: ep.facts.publicNetworkAccess ?? null },
      },
    };
  },
});
