import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'model'>({
  id: 'aispm-aws-bedrock-custom-model-untagged',
  title: 'Custom model carries no tags (no owner, data source or classification)',
  severity: 'low',
  rationale:
    'An inventory entry without owner, data-source and classification metadata cannot be reviewed, decommissioned or traced back to its training data.',
  remediation: {
    aws: {
      console: [
        'Bedrock console → Custom models → the model → Tags → Manage tags',
        'Add at least owner, data-source and data-classification',
      ],
      cli: 'aws bedrock tag-resource --resource-arn <model-arn> --tags key=owner,value=<team> key=data-classification,value=<level>',
    },
  },
  references: [REF.bedrockEncryption],
  concepts: [],
  appliesTo: { kinds: ['model'], nativeTypes: ['AWS::Bedrock::CustomModel', 'AWS::Bedrock::ImportedModel'] },
  frameworks: { 'nist-ai-600-1': ['GV-1.6-003', 'GV-1.6-001', 'MS-2.9-002'] },
  gaiRisks: ['VCCI', 'INTEG'],
  enabledByDefault: false,
  peers: ['cloudsploit:plugins/aws/bedrock/customModelHasTags'],
  check(model) {
    const n = Object.keys(model.tags ?? {}).length;
    return {
      fail: n === 0,
      message: n === 0 ? 'Custom model has no tags' : `Custom model has ${n} tag(s)`,
      evidence: { properties: { tags: model.tags } },
    };
  },
});
