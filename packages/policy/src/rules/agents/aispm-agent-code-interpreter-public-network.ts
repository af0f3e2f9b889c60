import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'agent-tool', 'toolType' | 'networkMode'>({
  id: 'aispm-agent-code-interpreter-public-network',
  title: 'Agent code interpreter can reach the internet',
  severity: 'high',
  rationale:
    'A code interpreter runs whatever code the model writes, and the model writes what its input tells it to. With public network access a prompt injection becomes arbitrary code that can download tooling and upload anything in the session (files, tool results, credentials in scope) to an attacker. Sandbox mode keeps the code off the network; VPC mode confines it to endpoints you allow.',
  remediation: {
    aws: {
      console: [
        'Bedrock AgentCore console → Built-in tools → Code interpreter → Create code interpreter',
        'Network settings → Sandbox (or VPC with private subnets and restricted egress)',
        "Point the agent at the new interpreter's id and delete the public one (the network mode cannot be changed in place)",
      ],
      cli: 'aws bedrock-agentcore-control create-code-interpreter --name <name> --network-configuration networkMode=SANDBOX && aws bedrock-agentcore-control delete-code-interpreter --code-interpreter-id <old-id>',
      terraform:
        'resource "aws_bedrockagentcore_code_interpreter" "ci" { name = "<name>" network_configuration { network_mode = "SANDBOX" } }',
    },
  },
  references: [REF.agentCoreCodeInterpreter],
  concepts: ['agent-code-interpreter-public-network'],
  // Only AgentCore's custom code interpreters / browsers report a network mode or recording (Foundry's are managed).
  appliesTo: { kinds: ['agent-tool'], nativeTypes: ['AWS::BedrockAgentCore::CodeInterpreterCustom'] },
  frameworks: {
    'owasp-llm-2025': ['LLM05:2025', 'LLM06:2025'],
    'owasp-llm-2026': ['LLM10:2026', 'LLM03:2026'],
    'owasp-agentic-2026': ['ASI05', 'ASI02'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0053', 'AML.T0086'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  needs: ['toolType', 'networkMode'],
  check(tool) {
    if (tool.facts.toolType !== 'code-interpreter' || tool.facts.networkMode === undefined) return null;
    const open = tool.facts.networkMode === 'public';
    return {
      fail: open,
      message: open
        ? 'Code interpreter network mode is PUBLIC: generated code can reach the internet'
        : `Code interpreter network mode is ${tool.facts.networkMode}`,
      evidence: { properties: { networkMode: tool.facts.networkMode } },
    };
  },
});
