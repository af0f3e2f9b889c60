import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'agent-gateway', 'inboundAuthorizer'>({
  id: 'aispm-agent-gateway-no-authorizer',
  title: 'Agent gateway accepts calls without an inbound authorizer',
  severity: 'critical',
  rationale:
    'A gateway exposes its targets (Lambda functions, OpenAPI services, MCP servers) as tools; with no inbound authorizer anyone who reaches the endpoint can list and call every tool with the gateway role.',
  remediation: {
    aws: {
      console: [
        'Bedrock AgentCore console → Gateways → the gateway → Edit',
        'Inbound auth → use a JSON Web Token (Cognito or your identity provider: discovery URL, allowed audiences/clients) or IAM (SigV4)',
        'Save; update the agents that call the gateway to send the token or sign their requests',
      ],
      cli: 'aws bedrock-agentcore-control update-gateway --gateway-identifier <id> --name <name> --role-arn <role> --protocol-type MCP --authorizer-type CUSTOM_JWT --authorizer-configuration \'{"customJWTAuthorizer":{"discoveryUrl":"<issuer>/.well-known/openid-configuration","allowedClients":["<client-id>"]}}\'',
      terraform:
        'resource "aws_bedrockagentcore_gateway" "g" { name = "<name>" role_arn = aws_iam_role.gw.arn protocol_type = "MCP" authorizer_type = "CUSTOM_JWT" authorizer_configuration { custom_jwt_authorizer { discovery_url = "<issuer>/.well-known/openid-configuration" allowed_clients = ["<client-id>"] } } }',
    },
  },
  references: [REF.agentCoreGatewayAuth],
  concepts: ['agent-gateway-no-authorizer'],
  appliesTo: { kinds: ['agent-gateway'] },
  frameworks: {
    'owasp-llm-2025': ['LLM06:2025'],
    'owasp-llm-2026': ['LLM03:2026'],
    'owasp-agentic-2026': ['ASI02', 'ASI03'],
    'nist-ai-600-1': ['MG-3.2-005'],
    'mitre-atlas': ['AML.T0053'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  needs: ['inboundAuthorizer'],
  check(gateway) {
    const authorizer = gateway.facts.inboundAuthorizer;
    const open = authorizer === 'none';
    return {
      fail: open,
      message: open
        ? 'Gateway has no inbound authorizer: any caller can use its tools'
        : `Gateway authorizes inbound calls (${authorizer})`,
      evidence: { properties: { inboundAuthorizer: authorizer ?? null } },
    };
  },
});
