import { defineAssetRule } from '../../define.ts';

export default defineAssetRule<'training-job', 'privateNetwork'>({
  id: 'aispm-aws-bedrock-customization-job-no-vpc',
  title: 'Model customization job runs outside a VPC',
  severity: 'medium',
  rationale:
    'A customization job without a VPC configuration reaches its training data over public AWS endpoints and cannot be confined by VPC endpoint policies, so data can be pulled from or pushed to anywhere the role allows.',
  remediation: {
    aws: {
      console: [
        'Re-run the customization job with "VPC settings" (private subnets and a security group) enabled',
        'Add an S3 gateway endpoint with a policy limited to the training buckets',
      ],
      cli: 'aws bedrock create-model-customization-job ... --vpc-config subnetIds=<subnet>,securityGroupIds=<sg>',
    },
  },
  references: ['https://docs.aws.amazon.com/bedrock/latest/userguide/vpc-model-customization.html'],
  concepts: ['training-no-network-isolation'],
  appliesTo: { kinds: ['training-job'], nativeTypes: ['AWS::Bedrock::ModelCustomizationJob'] },
  frameworks: {
    'owasp-llm-2025': ['LLM03:2025'],
    'owasp-llm-2026': ['LLM04:2026'],
    'owasp-ml-2023': ['ML06:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0025'],
  },
  gaiRisks: ['INFOSEC'],
  enabledByDefault: false,
  peers: [
    'cloudsploit:plugins/aws/bedrock/customModelInVpc',
    'cloudsploit:plugins/aws/bedrock/privateCustomModel',
  ],
  needs: ['privateNetwork'],
  check(job) {
    const inVpc = job.facts.privateNetwork === true;
    return {
      fail: !inVpc,
      message: inVpc ? 'Job runs in a VPC' : 'Job has no VPC configuration',
      evidence: { properties: { privateNetwork: inVpc } },
    };
  },
});
