import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'agent' | 'mcp-server', 'privateNetwork'>({
  id: 'aispm-agent-runtime-public-network',
  title: 'Agent or MCP server runtime runs outside a private network',
  severity: 'medium',
  rationale:
    'A hosted agent or MCP server in public network mode can open connections to anywhere on the internet. An injected instruction, a poisoned document or a compromised dependency then has a direct channel to send out what the runtime can read; in a VPC the egress goes through security groups, endpoints and firewalls you control and log.',
  remediation: {
    aws: {
      console: [
        'Bedrock AgentCore console → Agent runtime → the runtime → Update hosting',
        'Network configuration → VPC: choose private subnets and a security group whose egress allows only the endpoints the agent needs (VPC endpoints for Bedrock, S3, CloudWatch)',
        'Save and redeploy the runtime',
      ],
      cli: 'aws bedrock-agentcore-control update-agent-runtime --agent-runtime-id <id> --agent-runtime-artifact <artifact> --role-arn <role> --network-configuration \'{"networkMode":"VPC","networkModeConfig":{"subnets":["<subnet>"],"securityGroups":["<sg>"]}}\'',
      terraform:
        'resource "aws_bedrockagentcore_agent_runtime" "a" { network_configuration { network_mode = "VPC" network_mode_config { subnets = [aws_subnet.private.id] security_groups = [aws_security_group.agent.id] } } }',
    },
    azure: {
      console: [
        'Azure AI Foundry: use the standard agent setup with private networking (bring your own virtual network)',
        'Delegate a subnet to Microsoft.App/environments for the agent client and put the Foundry account, its Storage, AI Search and Cosmos DB behind private endpoints',
        "Set the account's public network access to Disabled and route egress through Azure Firewall with an allow list",
      ],
      cli: 'az cognitiveservices account update --name <acct> --resource-group <rg> --custom-domain <acct> --public-network-access Disabled && az network vnet subnet update --name <agent-subnet> --vnet-name <vnet> --resource-group <rg> --delegations Microsoft.App/environments',
      terraform:
        'resource "azurerm_cognitive_account" "foundry" { kind = "AIServices" public_network_access_enabled = false network_acls { default_action = "Deny" } network_injection { scenario = "agent" subnet_id = azurerm_subnet.agents.id } }',
    },
    gcp: {
      console: [
        'Vertex AI → Agent Engine: redeploy the agent with a Private Service Connect interface (a network attachment in your VPC)',
        'Put the project in a VPC Service Controls perimeter that includes aiplatform.googleapis.com, and route egress through Cloud NAT / a firewall policy with an allow list',
      ],
      cli: 'gcloud compute network-attachments create <attachment> --region=<region> --subnets=<subnet> --connection-preference=ACCEPT_AUTOMATIC && # redeploy with psc_interface_config={"network_attachment": "<attachment>"} (Vertex AI SDK agent_engines.create/update)',
      terraform:
        'resource "google_vertex_ai_reasoning_engine" "agent" { spec { deployment_spec { psc_interface_config { network_attachment = google_compute_network_attachment.agents.id } } } }',
    },
  },
  references: [REF.agentCoreVpc],
  concepts: ['agent-runtime-public-network'],
  appliesTo: { kinds: ['agent', 'mcp-server'] },
  frameworks: {
    'owasp-llm-2025': ['LLM02:2025', 'LLM06:2025'],
    'owasp-llm-2026': ['LLM02:2026', 'LLM03:2026'],
    'owasp-agentic-2026': ['ASI02'],
    'nist-ai-600-1': ['MG-3.2-005'],
    'mitre-atlas': ['AML.T0086'],
  },
  gaiRisks: ['INFOSEC', 'PRIV'],
  peers: [],
  needs: ['privateNetwork'],
  check(runtime) {
    // Only hosted runtimes report a network placement; a managed agent without one is not judged.
    const inVpc = runtime.facts.privateNetwork;
    if (inVpc === undefined) return null;
    return {
      fail: !inVpc,
      message: inVpc ? 'Runtime runs in a VPC' : 'Runtime network mode is PUBLIC: egress is unrestricted',
      evidence: { properties: { privateNetwork: inVpc } },
    };
  },
});
