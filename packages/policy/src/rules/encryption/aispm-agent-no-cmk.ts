import { cmkRule, REF } from '../common.ts';

export default cmkRule({
  id: 'aispm-agent-no-cmk',
  title: 'Agent session data not encrypted with a customer-managed key',
  kinds: ['agent'],
  what: 'Agent',
  severity: 'low',
  keyFields: ['customerEncryptionKeyArn'],
  references: [REF.bedrockAgents],
  remediation: {
    console: [
      'Bedrock console → Agents → the agent → Edit in Agent builder',
      'Additional settings → KMS key selection → choose a customer-managed key',
      'Save and prepare the agent',
    ],
    cli: 'aws bedrock-agent update-agent --agent-id <id> --customer-encryption-key-arn <key-arn> ...',
  },
});
