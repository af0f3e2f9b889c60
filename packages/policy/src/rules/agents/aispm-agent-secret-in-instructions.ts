import { defineAssetRule } from '../../define.ts';
import { secretDetections } from '../../facts.ts';
import { REF } from '../common.ts';

export default defineAssetRule({
  id: 'aispm-agent-secret-in-instructions',
  title: 'Secret embedded in agent instructions or prompt',
  severity: 'critical',
  rationale:
    'Instructions are hidden context, not a vault: any user can coax the model into repeating them (system-prompt extraction), and they are readable by everyone with bedrock:GetAgent. A credential there is a leaked credential.',
  remediation: {
    console: [
      'Rotate the exposed credential now',
      'Remove it from the agent instruction / prompt template',
      'Have the tool function fetch it from Secrets Manager at run time under its own role',
    ],
    cli: 'aws bedrock-agent update-agent --agent-id <id> --instruction "<instruction without secrets>" ...',
  },
  references: [REF.bedrockAgents, REF.owaspLlm],
  concepts: ['secret-in-agent-instructions'],
  appliesTo: { kinds: ['agent', 'agent-tool'] },
  frameworks: {
    'owasp-llm-2025': ['LLM07:2025', 'LLM02:2025'],
    'owasp-llm-2026': ['LLM08:2026', 'LLM02:2026'],
    'owasp-agentic-2026': ['ASI03'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0083', 'AML.T0056', 'AML.T0055'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  check(asset) {
    const found = secretDetections(asset.properties);
    return {
      fail: found.length > 0,
      message:
        found.length > 0
          ? `Secret(s) found: ${found.map((f) => `${f.detector} in ${f.field}`).join(', ')}`
          : 'No secrets found in instructions',
      evidence: { properties: { secretFindings: found } },
    };
  },
});
