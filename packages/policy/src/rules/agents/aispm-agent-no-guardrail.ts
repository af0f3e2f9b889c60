import { defineAssetRule } from '../../define.ts';
import { get } from '../../facts.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

export default defineAssetRule({
  id: 'aispm-agent-no-guardrail',
  title: 'Agent has no guardrail',
  severity: 'high',
  rationale:
    'An agent reads untrusted input and acts through tools; without a guardrail nothing screens injected instructions before they become tool calls.',
  remediation: {
    console: [
      'Bedrock console → Agents → the agent → Edit in Agent builder',
      'Guardrail details → select a guardrail and version (with prompt-attack filtering on)',
      'Save and prepare the agent',
    ],
    cli: 'aws bedrock-agent update-agent --agent-id <id> --guardrail-configuration guardrailIdentifier=<gr>,guardrailVersion=<v> ...',
  },
  references: [REF.bedrockAgents, REF.bedrockGuardrails],
  concepts: ['agent-no-guardrail'],
  appliesTo: { kinds: ['agent'] },
  frameworks: {
    'owasp-llm-2025': ['LLM01:2025', 'LLM06:2025'],
    'owasp-llm-2026': ['LLM01:2026', 'LLM03:2026'],
    'owasp-agentic-2026': ['ASI01', 'ASI02'],
    'nist-ai-600-1': ['MG-3.2-005'],
    'mitre-atlas': ['AML.T0051', 'AML.T0053'],
  },
  gaiRisks: ['INFOSEC'],
  peers: ['prowler:bedrock_agent_guardrail_enabled'],
  check(agent, g) {
    const guards = g.out(agent.id, 'guarded-by');
    const configured =
      get(agent.properties, 'guardrailIdentifier') ??
      get(agent.properties, 'guardrailConfiguration.guardrailIdentifier');
    const guarded = guards.length > 0 || (typeof configured === 'string' && configured.length > 0);
    return {
      fail: !guarded,
      message: guarded ? 'Agent has a guardrail' : 'Agent has no guardrail configured',
      evidence: {
        edges: edgeEvidence(guards),
        properties: { 'guardrailConfiguration.guardrailIdentifier': configured ?? null },
      },
    };
  },
});
