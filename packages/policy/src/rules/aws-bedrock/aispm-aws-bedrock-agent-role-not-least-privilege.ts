import { defineAssetRule } from '../../define.ts';
import { policyStatements } from '../../facts.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

const WILDCARD = /^(\*|[a-z0-9-]+:\*)$/i;

export default defineAssetRule({
  id: 'aispm-aws-bedrock-agent-role-not-least-privilege',
  title: 'Agent service role allows wildcard actions',
  severity: 'high',
  rationale:
    'The agent role should allow InvokeModel on its model and Retrieve on its knowledge bases, nothing more; service-wide wildcards let a hijacked agent create, change or read anything in the service.',
  remediation: {
    console: [
      'IAM console → the agent role → Permissions',
      "Replace wildcard statements with bedrock:InvokeModel on the agent's model ARN and bedrock:Retrieve on its knowledge-base ARNs",
    ],
  },
  references: [REF.bedrockAgents, REF.bedrockIam],
  concepts: ['role-ai-wildcard-actions'],
  appliesTo: { kinds: ['agent'] },
  frameworks: {
    'owasp-llm-2025': ['LLM06:2025'],
    'owasp-llm-2026': ['LLM03:2026'],
    'owasp-agentic-2026': ['ASI03'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0053', 'AML.T0012'],
  },
  gaiRisks: ['INFOSEC'],
  peers: ['prowler:bedrock_agent_role_least_privilege'],
  check(agent, g) {
    const roles = g.out(agent.id, 'runs-as');
    if (roles.length === 0) return null;
    const wild = roles.flatMap((r) => {
      const role = g.asset(r.to);
      if (!role) return [];
      return policyStatements(role.properties)
        .filter((s) => s.effect === 'Allow' && (s.notActions || s.actions.some((a) => WILDCARD.test(a))))
        .map((s) => ({ role: r.to, actions: s.actions, source: s.source }));
    });
    return {
      fail: wild.length > 0,
      message:
        wild.length > 0
          ? `Agent role allows ${[...new Set(wild.flatMap((w) => w.actions))].join(', ')}`
          : 'Agent role has no wildcard actions',
      evidence: { edges: edgeEvidence(roles), properties: { wildcardStatements: wild } },
    };
  },
});
