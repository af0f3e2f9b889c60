import { defineAssetRule } from '../../define.ts';
import { pick, truthy } from '../../facts.ts';
import { REF } from '../common.ts';

export default defineAssetRule({
  id: 'aispm-aws-sagemaker-notebook-root-access',
  title: 'SageMaker notebook instance allows root access',
  severity: 'medium',
  rationale:
    "Root lets any notebook user change the instance itself: disable controls, install persistent implants, read other users' files and tamper with lifecycle-configured protections.",
  remediation: {
    console: [
      'SageMaker console → Notebook instances → Stop the instance → Edit',
      'Set "Root access" to Disable → Update',
      'Start the instance',
    ],
    cli: 'aws sagemaker update-notebook-instance --notebook-instance-name <nb> --root-access Disabled',
    terraform: 'resource "aws_sagemaker_notebook_instance" "nb" { root_access = "Disabled" }',
  },
  references: [REF.sagemakerRoot],
  concepts: ['notebook-root-access'],
  appliesTo: { kinds: ['notebook'] },
  frameworks: {
    'owasp-llm-2025': ['LLM03:2025'],
    'owasp-llm-2026': ['LLM04:2026'],
    'owasp-ml-2023': ['ML06:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0105'],
  },
  gaiRisks: ['INFOSEC'],
  peers: ['prowler:sagemaker_notebook_instance_root_access_disabled'],
  check(nb) {
    const flag = pick(nb.properties, 'rootAccess');
    if (!flag) return null;
    const root = truthy(flag.value) === true;
    return {
      fail: root,
      message: root ? 'Root access is enabled' : 'Root access is disabled',
      evidence: { properties: { rootAccess: flag.value } },
    };
  },
});
