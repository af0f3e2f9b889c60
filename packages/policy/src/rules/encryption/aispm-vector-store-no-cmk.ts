import { cmkRule, REF } from '../common.ts';

export default cmkRule({
  id: 'aispm-vector-store-no-cmk',
  title: 'Vector store not encrypted with a customer-managed key',
  kinds: ['vector-store'],
  what: 'Vector store',
  providerOwnedFlag: 'encryptionPolicy.awsOwnedKey',
  keyFields: ['kmsKeyArn', 'encryptionPolicy.KmsARN'],
  references: [REF.aossEncryption],
  frameworks: {
    'owasp-llm-2025': ['LLM08:2025', 'LLM02:2025'],
    'owasp-llm-2026': ['LLM09:2026', 'LLM02:2026'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0085.000'],
  },
  remediation: {
    console: [
      'OpenSearch Serverless console → Security → Encryption policies',
      'Create a policy for the collection with "Customer managed key" (must exist before the collection)',
      'Re-create the collection and re-index',
    ],
    cli: 'aws opensearchserverless create-security-policy --type encryption --name <n> --policy \'{"Rules":[{"ResourceType":"collection","Resource":["collection/<c>"]}],"AWSOwnedKey":false,"KmsARN":"<key-arn>"}\'',
  },
});
