import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'agent-tool', 'toolType' | 'sessionRecording'>({
  id: 'aispm-agent-browser-session-unrecorded',
  title: 'Agent browser tool does not record its sessions',
  severity: 'low',
  rationale:
    'A browser tool reads untrusted pages and clicks, types and submits forms for the agent. When an injected page steers it, the session recording is the only record of what was read and what was sent where; without it an incident cannot be reconstructed and a human reviewer has nothing to replay.',
  remediation: {
    aws: {
      console: [
        'Bedrock AgentCore console → Built-in tools → Browser → Create browser',
        'Session recording → on, to an S3 bucket (encrypted, with a lifecycle rule and restricted read access)',
        "Point the agent at the new browser's id and delete the unrecorded one",
      ],
      cli: 'aws bedrock-agentcore-control create-browser --name <name> --network-configuration networkMode=PUBLIC --execution-role-arn <role> --recording \'{"enabled":true,"s3Location":{"bucket":"<bucket>","prefix":"browser/"}}\'',
      terraform:
        'resource "aws_bedrockagentcore_browser" "b" { name = "<name>" execution_role_arn = aws_iam_role.browser.arn network_configuration { network_mode = "PUBLIC" } recording { enabled = true s3_location { bucket = aws_s3_bucket.rec.id prefix = "browser/" } } }',
    },
  },
  references: [REF.agentCoreBrowserRecording],
  concepts: ['agent-browser-session-unrecorded'],
  // Only AgentCore's custom code interpreters / browsers report a network mode or recording (Foundry's are managed).
  appliesTo: { kinds: ['agent-tool'], nativeTypes: ['AWS::BedrockAgentCore::BrowserCustom'] },
  frameworks: {
    'owasp-llm-2025': ['LLM06:2025'],
    'owasp-llm-2026': ['LLM03:2026'],
    'owasp-agentic-2026': ['ASI02'],
    'nist-ai-600-1': ['MG-4.1-002'],
    'mitre-atlas': ['AML.T0051'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  needs: ['toolType', 'sessionRecording'],
  check(tool) {
    if (tool.facts.toolType !== 'browser' || tool.facts.sessionRecording === undefined) return null;
    const recorded = tool.facts.sessionRecording;
    return {
      fail: !recorded,
      message: recorded ? 'Browser sessions are recorded' : 'Browser session recording is off',
      evidence: { properties: { sessionRecording: recorded } },
    };
  },
});
