import { cmkRule, REF } from '../common.ts';

export default cmkRule<'knowledge-base'>({
  id: 'aispm-knowledge-base-no-cmk',
  title: 'Knowledge base not encrypted with a customer-managed key',
  kinds: ['knowledge-base'],
  what: 'Knowledge base',
  // An AgentCore memory is a knowledge base too: aispm-agent-memory-no-cmk judges it, with its own remediation.
  applies: (kb) => kb.nativeType !== 'AWS::BedrockAgentCore::Memory',
  peers: ['prowler:bedrock_knowledge_base_encrypted_with_cmk'],
  references: [REF.bedrockKbEncryption],
  remediation: {
    aws: {
      console: [
        'Bedrock console → Knowledge bases → the KB → Data source → Edit',
        'Under "Advanced settings" choose a KMS customer-managed key for transient data',
        'Sync the data source again',
      ],
      cli: 'aws bedrock-agent update-data-source --knowledge-base-id <kb> --data-source-id <ds> --server-side-encryption-configuration kmsKeyArn=<key-arn> ...',
    },
  },
});
