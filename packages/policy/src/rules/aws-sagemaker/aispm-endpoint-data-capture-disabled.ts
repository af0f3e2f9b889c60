import { defineAssetRule } from '../../define.ts';
import { AGENTCORE_RUNTIME_ENDPOINT, AZURE_ML_SERVERLESS_ENDPOINT, REF } from '../common.ts';

export default defineAssetRule<'inference-endpoint', 'dataCaptureEnabled'>({
  id: 'aispm-endpoint-data-capture-disabled',
  title: 'Inference endpoint does not capture requests and responses',
  severity: 'low',
  rationale:
    "Without request/response capture there is no record to detect model extraction, abuse or drift, and nothing to investigate after an incident. Not judged on Azure ML serverless API endpoints (models as a service): Azure ML's data collector exists only for managed and Kubernetes online endpoints, and a serverless endpoint has no capture setting to turn on. Nor on Bedrock AgentCore runtime endpoints, which have no capture setting either (an agent runtime's traffic is recorded by its own observability, not by the endpoint).",
  remediation: {
    aws: {
      console: [
        'SageMaker console → Endpoint configurations → clone the configuration',
        'Enable "Data capture" (input and output) to an encrypted S3 prefix',
        'Update the endpoint to the new configuration',
      ],
      cli: 'aws sagemaker create-endpoint-config ... --data-capture-config EnableCapture=true,InitialSamplingPercentage=100,DestinationS3Uri=s3://<b>/capture,CaptureOptions=[{CaptureMode=Input},{CaptureMode=Output}]',
    },
    azure: {
      console: [
        'Azure ML studio → Endpoints → the online endpoint → the deployment: enable data collection of model inputs and outputs (data_collector)',
        'Azure OpenAI deployments: enable the RequestResponse diagnostic logs on the account',
      ],
      cli: "az ml online-deployment update --file deployment.yml --resource-group <rg> --workspace-name <ws>   # deployment.yml: data_collector: { collections: { model_inputs: { enabled: 'True' }, model_outputs: { enabled: 'True' } } }",
    },
    gcp: {
      console: [
        'Vertex AI → Online prediction → the endpoint: enable request-response logging to a BigQuery table',
      ],
      cli: 'curl -X PATCH -H "Authorization: Bearer $(gcloud auth print-access-token)" -H "Content-Type: application/json" "https://<region>-aiplatform.googleapis.com/v1/projects/<p>/locations/<region>/endpoints/<ep>?updateMask=predictRequestResponseLoggingConfig" -d \'{"predictRequestResponseLoggingConfig":{"enabled":true,"samplingRate":1,"bigqueryDestination":{"outputUri":"bq://<p>.<dataset>.<table>"}}}\'',
      terraform:
        'resource "google_vertex_ai_endpoint" "ep" { predict_request_response_logging_config { enabled = true sampling_rate = 1 bigquery_destination { output_uri = "bq://<p>.<dataset>.<table>" } } }',
    },
  },
  references: [
    REF.sagemakerCapture,
    'https://learn.microsoft.com/azure/machine-learning/concept-data-collection',
  ],
  concepts: ['data-capture-disabled'],
  appliesTo: { kinds: ['inference-endpoint'] },
  // The feature does not exist there: no verdict at all, rather than "not evaluated" for every one.
  scope: (ep) =>
    ep.nativeType !== AZURE_ML_SERVERLESS_ENDPOINT && ep.nativeType !== AGENTCORE_RUNTIME_ENDPOINT,
  frameworks: {
    'owasp-llm-2025': ['LLM10:2025'],
    'owasp-llm-2026': ['LLM06:2026'],
    'owasp-ml-2023': ['ML05:2023'],
    'nist-ai-600-1': ['MG-4.1-002', 'MS-2.6-005'],
    'mitre-atlas': ['AML.T0024'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  needs: ['dataCaptureEnabled'],
  check(ep) {
    const on = ep.facts.dataCaptureEnabled === true;
    return {
      fail: !on,
      message: on ? 'Data capture is on' : 'Data capture is off',
      evidence: { properties: { dataCaptureEnabled: ep.facts.dataCaptureEnabled ?? null } },
    };
  },
});
