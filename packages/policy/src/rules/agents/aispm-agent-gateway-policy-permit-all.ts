import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'agent-gateway', 'policyEngineEnforced' | 'policyEnginePermitsAll'>({
  id: 'aispm-agent-gateway-policy-permit-all',
  title: "Agent gateway's policy engine permits every tool call unconditionally",
  severity: 'high',
  rationale:
    'A gateway in ENFORCE mode looks governed: every tool call is put to its AgentCore Policy engine. But an engine holding `permit (principal, action, resource);` with no condition allows every action (tool) of every principal on every gateway, so the default-deny Cedar gives is gone and only explicit forbids still stop anything. Any authenticated agent, or a hijacked one following injected instructions, can call every tool of every target with the gateway role, and the configuration reports the opposite.',
  remediation: {
    aws: {
      console: [
        'Bedrock AgentCore console → Policy → the policy engine the gateway uses → Policies',
        'Add Cedar policies that permit one tool each (action == AgentCore::Action::"<target>___<tool>", resource == AgentCore::Gateway::"<gateway-arn>") for the callers who need it, with when { … } conditions on their token claims or the tool input',
        'Delete the unconditional permit (principal, action, resource) policy; test the new set with the gateway in LOG_ONLY first if callers may lose tools, then return it to ENFORCE',
        'Restrict bedrock-agentcore:CreatePolicy / UpdatePolicy on the engine to trusted principals',
      ],
      cli: 'aws bedrock-agentcore-control create-policy --policy-engine-id <engine-id> --name tickets_open --definition \'{"cedar":{"statement":"permit (principal is AgentCore::OAuthUser, action == AgentCore::Action::\\"tickets___open_ticket\\", resource == AgentCore::Gateway::\\"<gateway-arn>\\") when { principal.hasTag(\\"scope\\") && principal.getTag(\\"scope\\") like \\"*tickets:write*\\" };"}}\' && aws bedrock-agentcore-control delete-policy --policy-engine-id <engine-id> --policy-id <permit-all-policy-id>',
      terraform:
        'resource "awscc_bedrockagentcore_policy" "tickets_open" { policy_engine_id = "<engine-id>" name = "tickets_open" definition = { cedar = { statement = "permit (principal is AgentCore::OAuthUser, action == AgentCore::Action::\\"tickets___open_ticket\\", resource == AgentCore::Gateway::\\"<gateway-arn>\\") when { principal.hasTag(\\"scope\\") };" } } } # and remove the resource holding permit (principal, action, resource);',
    },
  },
  references: [REF.agentCorePolicyCedar, REF.agentCorePolicyScope, REF.agentCorePolicyGateway],
  concepts: ['agent-gateway-policy-permit-all'],
  appliesTo: { kinds: ['agent-gateway'] },
  // Only gateways that enforce (or may enforce) their engine: one in LOG_ONLY mode, or with none, already fails
  // aispm-agent-gateway-policy-not-enforced, whatever its policies say.
  scope: (gateway) => gateway.facts.policyEngineEnforced !== false,
  frameworks: {
    'owasp-llm-2025': ['LLM06:2025'],
    'owasp-llm-2026': ['LLM03:2026'],
    'owasp-agentic-2026': ['ASI02', 'ASI03'],
    'nist-ai-600-1': ['MS-2.7-001', 'MG-3.2-005'],
    'mitre-atlas': ['AML.T0053', 'AML.T0086'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  needs: ['policyEngineEnforced', 'policyEnginePermitsAll'],
  check(gateway, g) {
    const permitsAll = gateway.facts.policyEnginePermitsAll;
    if (!gateway.facts.policyEngineEnforced || permitsAll === undefined) return null;
    const engines = g.out(gateway.id, 'guarded-by');
    return {
      fail: permitsAll,
      message: permitsAll
        ? 'The enforced policy engine holds an unconditional permit (principal, action, resource): every caller may call every tool'
        : 'Every policy in effect in the enforced policy engine is scoped or conditional',
      evidence: {
        properties: { policyEngineEnforced: true, policyEnginePermitsAll: permitsAll },
        edges: edgeEvidence(engines),
      },
    };
  },
});
