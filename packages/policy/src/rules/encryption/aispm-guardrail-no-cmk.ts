import { cmkRule, REF } from '../common.ts';

export default cmkRule<'guardrail'>({
  id: 'aispm-guardrail-no-cmk',
  title: 'Guardrail policy not encrypted with a customer-managed key',
  kinds: ['guardrail'],
  // Azure content filters / Model Armor templates hold no data to encrypt.
  nativeTypes: ['AWS::Bedrock::Guardrail'],
  what: 'Guardrail',
  severity: 'low',
  references: [REF.bedrockGuardrails],
  remediation: {
    aws: {
      console: [
        'Bedrock console → Guardrails → the guardrail → Edit',
        'KMS key selection → choose a customer-managed key',
        'Create a new version',
      ],
      cli: 'aws bedrock update-guardrail --guardrail-identifier <id> --kms-key-id <key-arn> ...',
    },
  },
});
