import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

const FULL_ACCESS = ['AmazonBedrockFullAccess', 'AmazonSageMakerFullAccess'];

export default defineAssetRule<'identity', 'attachedPolicyNames'>({
  id: 'aispm-aws-bedrock-full-access-policy',
  title: 'Identity has the AmazonBedrockFullAccess / AmazonSageMakerFullAccess managed policy',
  severity: 'high',
  rationale:
    'The full-access managed policies allow every AI action on every resource (creating models and agents, changing guardrails and logging): far beyond what a workload or user needs.',
  remediation: {
    aws: {
      console: [
        'IAM console → the identity → Permissions → detach the full-access policy',
        'Attach a customer-managed policy listing only the actions and model ARNs in use',
      ],
      cli: 'aws iam detach-role-policy --role-name <role> --policy-arn arn:aws:iam::aws:policy/AmazonBedrockFullAccess',
    },
  },
  references: [REF.bedrockIam],
  concepts: ['role-ai-wildcard-actions'],
  appliesTo: { kinds: ['identity'], nativeTypes: ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'] },
  frameworks: {
    'owasp-llm-2025': ['LLM06:2025'],
    'owasp-llm-2026': ['LLM03:2026'],
    'owasp-ml-2023': ['ML05:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0012'],
  },
  gaiRisks: ['INFOSEC'],
  peers: ['prowler:bedrock_full_access_policy_attached'],
  needs: ['attachedPolicyNames'],
  check(identity) {
    const attached = (identity.facts.attachedPolicyNames ?? []).filter((n) => FULL_ACCESS.includes(n));
    return {
      fail: attached.length > 0,
      message:
        attached.length > 0
          ? `Has ${attached.join(', ')} attached`
          : 'No AI full-access managed policy attached',
      evidence: { properties: { attachedPolicyNames: attached } },
    };
  },
});
