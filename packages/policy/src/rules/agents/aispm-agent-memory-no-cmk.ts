import { cmkRule, REF } from '../common.ts';

export default cmkRule<'knowledge-base'>({
  id: 'aispm-agent-memory-no-cmk',
  title: 'Agent memory not encrypted with a customer-managed key',
  kinds: ['knowledge-base'],
  nativeTypes: ['AWS::BedrockAgentCore::Memory'],
  what: 'Agent memory',
  severity: 'medium',
  references: [REF.agentCoreMemoryEncryption],
  // Memory holds what users told the agent (conversation events) and what it learned about them (extracted
  // records): sensitive information disclosure and memory poisoning both start from the store itself.
  frameworks: {
    'owasp-llm-2025': ['LLM02:2025'],
    'owasp-llm-2026': ['LLM02:2026'],
    'owasp-agentic-2026': ['ASI06'],
    'owasp-ml-2023': ['ML05:2023'],
    'nist-ai-600-1': ['MS-2.7-001', 'MP-4.1-005'],
    'mitre-atlas': ['AML.T0035', 'AML.T0025'],
  },
  gaiRisks: ['INFOSEC', 'PRIV'],
  remediation: {
    aws: {
      console: [
        'Bedrock AgentCore console → Memory → Create memory (the key cannot be changed on an existing memory)',
        'Encryption → Customize encryption settings → choose a customer-managed KMS key whose policy lets bedrock-agentcore.amazonaws.com use it',
        "Point the agent at the new memory's id, then delete the old memory once its events are no longer needed",
      ],
      cli: 'aws bedrock-agentcore-control create-memory --name <name> --event-expiry-duration 30 --encryption-key-arn <key-arn> --memory-execution-role-arn <role-arn> --memory-strategies <strategies.json> && aws bedrock-agentcore-control delete-memory --memory-id <old-id>',
      terraform:
        'resource "aws_bedrockagentcore_memory" "m" { name = "<name>" event_expiry_duration = 30 encryption_key_arn = aws_kms_key.agent_memory.arn memory_execution_role_arn = aws_iam_role.memory.arn }',
    },
  },
});
