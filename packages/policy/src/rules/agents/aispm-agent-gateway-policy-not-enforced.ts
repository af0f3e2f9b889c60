import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'agent-gateway', 'policyEngineEnforced'>({
  id: 'aispm-agent-gateway-policy-not-enforced',
  title: 'Agent gateway enforces no tool-call policy (no policy engine, or one in log-only mode)',
  severity: 'medium',
  rationale:
    "Inbound auth only decides who may reach a gateway; an AgentCore Policy engine (Cedar) decides which tool each caller may invoke, with which arguments. Without one, or with one in LOG_ONLY mode (decisions are traced, never applied, and every tool call succeeds whatever the forbid policies say), any authenticated agent can call every tool of every target with the gateway role, and a hijacked or over-eager agent's tool calls are stopped by nothing outside the model.",
  remediation: {
    aws: {
      console: [
        'Bedrock AgentCore console → Policy → create a policy engine and add Cedar policies that permit only the tools (and arguments) each caller needs',
        'Gateways → the gateway → Edit → Policy → associate the policy engine, enforcement mode "Enforce" (validate first in log-only mode, then switch)',
        'Save; restrict bedrock-agentcore:UpdateGateway to trusted principals, since it can switch the mode back to LOG_ONLY or detach the engine',
      ],
      cli: 'aws bedrock-agentcore-control update-gateway --gateway-identifier <id> --name <name> --role-arn <role> --protocol-type MCP --authorizer-type <type> --policy-engine-configuration \'{"arn":"<policy-engine-arn>","mode":"ENFORCE"}\'',
      terraform:
        'resource "aws_bedrockagentcore_gateway" "g" { # ... policy_engine_configuration { arn = "<policy-engine-arn>" mode = "ENFORCE" } }',
    },
  },
  references: [REF.agentCorePolicyModes, REF.agentCorePolicyGateway],
  concepts: ['agent-gateway-policy-not-enforced'],
  appliesTo: { kinds: ['agent-gateway'] },
  frameworks: {
    'owasp-llm-2025': ['LLM06:2025'],
    'owasp-llm-2026': ['LLM03:2026'],
    'owasp-agentic-2026': ['ASI02', 'ASI03'],
    'nist-ai-600-1': ['MS-2.7-001', 'MG-3.2-005'],
    'mitre-atlas': ['AML.T0053', 'AML.T0086'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  needs: ['policyEngineEnforced'],
  check(gateway, g) {
    const enforced = gateway.facts.policyEngineEnforced;
    if (enforced === undefined) return null;
    // The engine the gateway names (guarded-by, with the gateway's mode) and what its policies say, as evidence:
    // a LOG_ONLY engine is often the permissive one being trialled.
    const engines = g.out(gateway.id, 'guarded-by');
    const [e] = engines;
    const engine = e ? g.factsOf(g.asset(e.to), 'guardrail') : undefined;
    const mode = e?.properties?.mode;
    return {
      fail: !enforced,
      message: enforced
        ? 'Gateway tool calls are authorized by a policy engine in ENFORCE mode'
        : mode === 'LOG_ONLY'
          ? 'Gateway policy engine is in LOG_ONLY mode: its decisions are traced, never applied, so every authenticated caller may call every tool'
          : 'Gateway has no policy engine, or one in LOG_ONLY mode: every authenticated caller may call every tool',
      evidence: {
        properties: {
          policyEngineEnforced: enforced,
          ...(mode ? { policyEngineMode: mode } : {}),
          ...(engine?.policyCount !== undefined ? { enginePolicyCount: engine.policyCount } : {}),
          ...(engine?.permitsAllUnconditionally !== undefined
            ? { enginePermitsAllUnconditionally: engine.permitsAllUnconditionally }
            : {}),
        },
        edges: edgeEvidence(engines),
      },
    };
  },
});
