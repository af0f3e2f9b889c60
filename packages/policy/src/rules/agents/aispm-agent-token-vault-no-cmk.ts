import { cmkRule, REF } from '../common.ts';

/** The AgentCore credential providers: secrets stored in a token vault, each encrypted with the vault's key. */
export const AGENTCORE_CREDENTIAL_PROVIDERS = [
  'AWS::BedrockAgentCore::ApiKeyCredentialProvider',
  'AWS::BedrockAgentCore::OAuth2CredentialProvider',
];

export default cmkRule<'access-key'>({
  id: 'aispm-agent-token-vault-no-cmk',
  title: 'AgentCore token vault not encrypted with a customer-managed key',
  kinds: ['access-key'],
  nativeTypes: AGENTCORE_CREDENTIAL_PROVIDERS,
  what: "Credential provider's secret (API key or OAuth client secret) in the AgentCore token vault",
  severity: 'medium',
  references: [REF.agentCoreTokenVaultEncryption],
  // The vault holds the keys agents call outside tools with: a disclosed secret is a stolen agent identity.
  frameworks: {
    'owasp-llm-2025': ['LLM02:2025', 'LLM06:2025'],
    'owasp-llm-2026': ['LLM02:2026'],
    'owasp-agentic-2026': ['ASI03'],
    'owasp-ml-2023': ['ML05:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0055', 'AML.T0025'],
  },
  gaiRisks: ['INFOSEC'],
  remediation: {
    aws: {
      console: [
        'Create (or pick) a symmetric KMS key whose key policy lets bedrock-agentcore.amazonaws.com and the AgentCore Identity callers use it',
        'Bedrock AgentCore console → Identity → Token vault settings → Encryption → Customer managed key → choose the key and save',
        'The vault re-encrypts every stored API key and OAuth client secret with the new key',
      ],
      cli: 'aws bedrock-agentcore-control set-token-vault-cmk --token-vault-id default --kms-configuration keyType=CustomerManagedKey,kmsKeyArn=<key-arn>',
      terraform:
        'resource "aws_kms_key" "token_vault" { description = "AgentCore token vault" enable_key_rotation = true } # then: aws bedrock-agentcore-control set-token-vault-cmk --token-vault-id default --kms-configuration keyType=CustomerManagedKey,kmsKeyArn=<the key ARN> (the AWS provider has no token-vault resource yet)',
    },
  },
});
