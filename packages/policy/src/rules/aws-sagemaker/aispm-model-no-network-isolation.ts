import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'training-job' | 'model', 'networkIsolation'>({
  id: 'aispm-model-no-network-isolation',
  title: 'Training job or model container runs without network isolation',
  severity: 'medium',
  rationale:
    'Without network isolation the container can make outbound calls: third-party training code or a poisoned model can exfiltrate data and weights, or pull a payload, during training or inference.',
  remediation: {
    aws: {
      console: [
        'Recreate the model / training job with "Enable network isolation" checked',
        'Provide any dependencies inside the image or through S3 channels',
      ],
      cli: 'aws sagemaker create-model ... --enable-network-isolation   |   aws sagemaker create-training-job ... --enable-network-isolation',
      terraform: 'resource "aws_sagemaker_model" "m" { enable_network_isolation = true }',
    },
  },
  references: [REF.sagemakerIsolation],
  concepts: ['training-no-network-isolation'],
  appliesTo: {
    kinds: ['training-job', 'model'],
    nativeTypes: ['AWS::SageMaker::TrainingJob', 'AWS::SageMaker::Model'],
  },
  frameworks: {
    'owasp-llm-2025': ['LLM03:2025'],
    'owasp-llm-2026': ['LLM04:2026'],
    'owasp-ml-2023': ['ML06:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0025', 'AML.T0010'],
  },
  gaiRisks: ['INFOSEC', 'VCCI'],
  peers: [
    'prowler:sagemaker_training_jobs_network_isolation_enabled',
    'prowler:sagemaker_models_network_isolation_enabled',
  ],
  needs: ['networkIsolation'],
  check(asset) {
    const on = asset.facts.networkIsolation === true;
    return {
      fail: !on,
      message: on ? 'Network isolation is on' : 'Network isolation is off',
      evidence: { properties: { networkIsolation: asset.facts.networkIsolation ?? null } },
    };
  },
});
