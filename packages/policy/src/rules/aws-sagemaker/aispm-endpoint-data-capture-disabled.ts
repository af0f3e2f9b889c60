import { defineAssetRule } from '../../define.ts';
import { pick, truthy } from '../../facts.ts';
import { REF } from '../common.ts';

export default defineAssetRule({
  id: 'aispm-endpoint-data-capture-disabled',
  title: 'Inference endpoint does not capture requests and responses',
  severity: 'low',
  rationale:
    'Without request/response capture there is no record to detect model extraction, abuse or drift, and nothing to investigate after an incident.',
  remediation: {
    console: [
      'SageMaker console → Endpoint configurations → clone the configuration',
      'Enable "Data capture" (input and output) to an encrypted S3 prefix',
      'Update the endpoint to the new configuration',
    ],
    cli: 'aws sagemaker create-endpoint-config ... --data-capture-config EnableCapture=true,InitialSamplingPercentage=100,DestinationS3Uri=s3://<b>/capture,CaptureOptions=[{CaptureMode=Input},{CaptureMode=Output}]',
  },
  references: [REF.sagemakerCapture],
  concepts: ['data-capture-disabled'],
  appliesTo: { kinds: ['inference-endpoint'] },
  frameworks: {
    'owasp-llm-2025': ['LLM10:2025'],
    'owasp-llm-2026': ['LLM06:2026'],
    'owasp-ml-2023': ['ML05:2023'],
    'nist-ai-600-1': ['MG-4.1-002', 'MS-2.6-005'],
    'mitre-atlas': ['AML.T0024'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  check(ep) {
    const flag = pick(ep.properties, 'dataCaptureEnabled', 'dataCaptureConfig.enableCapture');
    const on = truthy(flag?.value) === true;
    return {
      fail: !on,
      message: on ? 'Data capture is on' : 'Data capture is off',
      evidence: { properties: { [flag?.path ?? 'dataCaptureConfig.enableCapture']: flag?.value ?? null } },
    };
  },
});
