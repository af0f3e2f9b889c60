import { defineAssetRule } from '../../define.ts';
import { secretDetections } from '../../facts.ts';
import { REF } from '../common.ts';

export default defineAssetRule({
  id: 'aispm-notebook-secret-in-startup',
  title: 'Secret embedded in notebook startup / lifecycle script',
  severity: 'critical',
  rationale:
    'Lifecycle scripts are readable by anyone with sagemaker:DescribeNotebookInstanceLifecycleConfig and run on every start; a credential in one is a credential shared with every reader and every process on the instance.',
  remediation: {
    console: [
      'Rotate the exposed credential now',
      'SageMaker console → Lifecycle configurations → edit the script to read the value from Secrets Manager at start',
      'Grant the notebook role secretsmanager:GetSecretValue on that one secret',
    ],
    cli: 'aws sagemaker update-notebook-instance-lifecycle-config --notebook-instance-lifecycle-config-name <cfg> --on-start Content=$(base64 -w0 on-start.sh)',
  },
  references: [REF.sagemakerLifecycle],
  concepts: ['secret-in-notebook-startup'],
  appliesTo: { kinds: ['notebook'] },
  frameworks: {
    'owasp-llm-2025': ['LLM02:2025'],
    'owasp-llm-2026': ['LLM02:2026'],
    'owasp-ml-2023': ['ML06:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0055'],
  },
  gaiRisks: ['INFOSEC'],
  peers: ['prowler:sagemaker_notebook_instance_no_secrets'],
  check(nb) {
    const found = secretDetections(nb.properties);
    return {
      fail: found.length > 0,
      message:
        found.length > 0
          ? `Secret(s) found: ${found.map((f) => `${f.detector} in ${f.field}`).join(', ')}`
          : 'No secrets found in startup scripts',
      evidence: { properties: { secretFindings: found } },
    };
  },
});
