import { cmkRule } from '../common.ts';

export default cmkRule<'ai-service'>({
  id: 'aispm-ai-service-no-cmk',
  title: 'AI service account not encrypted with a customer-managed key',
  kinds: ['ai-service'],
  what: 'AI service account',
  references: [
    'https://learn.microsoft.com/azure/ai-services/encryption/cognitive-services-encryption-keys-portal',
  ],
  remediation: {
    azure: {
      console: [
        'Azure portal → the AI services account → Encryption → Customer-managed keys',
        'Pick a Key Vault key (with purge protection) and a managed identity that can wrap/unwrap it',
      ],
      cli: 'az cognitiveservices account update --name <acct> --resource-group <rg> --encryption KeySource=Microsoft.KeyVault KeyVaultProperties={KeyName=<k>,KeyVaultUri=<uri>}',
    },
  },
});
