import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'training-job', 'instanceCount' | 'interContainerEncryption'>({
  id: 'aispm-training-job-no-inter-container-encryption',
  title: 'Distributed training traffic is not encrypted between containers',
  severity: 'low',
  rationale:
    'Distributed training exchanges gradients and weights between nodes; in clear text anyone on the network path can read or tamper with the model being trained.',
  remediation: {
    aws: {
      console: [
        'Clone the training job with "Enable inter-container traffic encryption" checked',
        'Set the same flag in the pipeline / estimator (encrypt_inter_container_traffic=True)',
      ],
      cli: 'aws sagemaker create-training-job ... --enable-inter-container-traffic-encryption',
    },
  },
  references: [REF.sagemakerInterContainer],
  concepts: ['training-no-inter-container-encryption'],
  appliesTo: { kinds: ['training-job'], nativeTypes: ['AWS::SageMaker::TrainingJob'] },
  frameworks: {
    'owasp-ml-2023': ['ML05:2023', 'ML10:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0025', 'AML.T0018'],
  },
  gaiRisks: ['INFOSEC'],
  peers: ['prowler:sagemaker_training_jobs_intercontainer_encryption_enabled'],
  needs: ['instanceCount', 'interContainerEncryption'],
  check(job) {
    const count = job.facts.instanceCount;
    // A single-instance job has no inter-container traffic to protect.
    if (count !== undefined && count < 2) return null;
    const on = job.facts.interContainerEncryption === true;
    return {
      fail: !on,
      message: on ? 'Inter-container traffic is encrypted' : 'Inter-container traffic is not encrypted',
      evidence: { properties: { interContainerEncryption: job.facts.interContainerEncryption ?? null } },
    };
  },
});
