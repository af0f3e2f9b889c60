import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'agent-gateway', 'debugErrors'>({
  id: 'aispm-agent-gateway-debug-errors',
  title: 'Agent gateway returns debug-level error details to callers',
  severity: 'low',
  rationale:
    "With debug exception level a gateway passes its targets' raw errors (stack traces, backend hostnames, schema and authorization messages) back to whoever called the tool. Meant for development, it hands an attacker probing the tools a map of what sits behind them.",
  remediation: {
    aws: {
      console: [
        'Bedrock AgentCore console → Gateways → the gateway → Edit',
        'Additional configurations → Exception level → clear "Debug"',
        'Save; keep debug detail in the gateway logs (CloudWatch) instead',
      ],
      cli: 'aws bedrock-agentcore-control update-gateway --gateway-identifier <id> --name <name> --role-arn <role> --protocol-type MCP --authorizer-type <type> (omit --exception-level)',
      terraform:
        'resource "aws_bedrockagentcore_gateway" "g" { # leave exception_level unset (no "DEBUG") in production }',
    },
  },
  references: [REF.agentCoreGatewayDebug],
  concepts: ['agent-gateway-debug-errors'],
  appliesTo: { kinds: ['agent-gateway'] },
  frameworks: {
    'owasp-llm-2025': ['LLM02:2025'],
    'owasp-llm-2026': ['LLM02:2026'],
    'owasp-agentic-2026': ['ASI02'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0075'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  needs: ['debugErrors'],
  check(gateway) {
    const debug = gateway.facts.debugErrors;
    if (debug === undefined) return null;
    return {
      fail: debug,
      message: debug ? 'Gateway exception level is DEBUG' : 'Gateway returns generic errors',
      evidence: { properties: { debugErrors: debug } },
    };
  },
});
