import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

export default defineAssetRule({
  id: 'aispm-agent-excessive-agency',
  title: "Agent's tools run as identities that can write or delete data",
  severity: 'high',
  rationale:
    'An agent can be steered by anything it reads (indirect prompt injection). When the functions behind its tools run as roles that can write, delete or administer data stores, a manipulated plan turns into data destruction or tampering.',
  remediation: {
    console: [
      'Scope each action-group function role to read-only on the resources the tool needs',
      'Move write operations behind a human confirmation step (Bedrock "user confirmation" on the action group)',
      'Split write-capable tools into a separate agent reachable only by trusted callers',
    ],
  },
  references: [REF.bedrockAgents, REF.owaspAgentic],
  concepts: ['agent-excessive-agency'],
  appliesTo: { kinds: ['agent'] },
  frameworks: {
    'owasp-llm-2025': ['LLM06:2025'],
    'owasp-llm-2026': ['LLM03:2026'],
    'owasp-agentic-2026': ['ASI02', 'ASI03'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0053', 'AML.T0086'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  check(agent, g) {
    const identities = g.agentIdentities(agent.id);
    if (identities.length === 0) return null;
    // Only what the agent's identities are granted: a bucket writable by everyone is the bucket's finding.
    const writes = g.agentWriteGrants(agent.id);
    const pathEdges = [
      ...g.out(agent.id, ['uses-tool', 'runs-as']),
      ...g.out(agent.id, 'uses-tool').flatMap((t) => g.out(t.to, 'implemented-by')),
      ...g
        .out(agent.id, 'uses-tool')
        .flatMap((t) => g.out(t.to, 'implemented-by').flatMap((f) => g.out(f.to, 'runs-as'))),
    ];
    return {
      fail: writes.length > 0,
      message:
        writes.length > 0
          ? `Agent can write to ${[...new Set(writes.map((w) => w.edge.to))].join(', ')} through ${[...new Set(writes.map((w) => w.identity.identityId))].join(', ')}`
          : 'Agent identities are read-only',
      evidence: {
        edges: edgeEvidence([...pathEdges, ...writes.map((w) => w.edge)]),
        related: [...new Set(writes.map((w) => w.edge.to))],
      },
    };
  },
});
