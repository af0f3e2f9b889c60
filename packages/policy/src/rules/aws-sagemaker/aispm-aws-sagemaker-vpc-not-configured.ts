import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'training-job' | 'model', 'privateNetwork'>({
  id: 'aispm-aws-sagemaker-vpc-not-configured',
  title: 'SageMaker training job or model has no VPC configuration',
  severity: 'medium',
  rationale:
    'Without a VPC configuration the container reaches data over public service endpoints; VPC endpoint policies, security groups and flow logs cannot confine or record it.',
  remediation: {
    aws: {
      console: [
        'Recreate the model / training job with "VPC" set to private subnets and a security group',
        'Add S3 and other needed VPC endpoints',
      ],
      cli: 'aws sagemaker create-training-job ... --vpc-config SecurityGroupIds=<sg>,Subnets=<subnet>',
    },
  },
  references: [REF.sagemakerVpc],
  concepts: ['training-no-network-isolation'],
  appliesTo: {
    kinds: ['training-job', 'model'],
    nativeTypes: ['AWS::SageMaker::TrainingJob', 'AWS::SageMaker::Model'],
  },
  frameworks: {
    'owasp-ml-2023': ['ML06:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0025'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [
    'prowler:sagemaker_training_jobs_vpc_settings_configured',
    'prowler:sagemaker_models_vpc_settings_configured',
  ],
  needs: ['privateNetwork'],
  check(asset) {
    const ok = asset.facts.privateNetwork === true;
    return {
      fail: !ok,
      message: ok ? 'Runs in a VPC' : 'No VPC configuration',
      evidence: { properties: { privateNetwork: ok } },
    };
  },
});
