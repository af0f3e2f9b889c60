import { cmkRule, REF } from '../common.ts';

export default cmkRule<'knowledge-base'>({
  id: 'aispm-knowledge-base-no-cmk',
  title: 'Knowledge base not encrypted with a customer-managed key',
  kinds: ['knowledge-base'],
  what: 'Knowledge base',
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
