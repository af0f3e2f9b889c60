import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'notebook', 'rootAccess'>({
  id: 'aispm-aws-sagemaker-notebook-root-access',
  title: 'SageMaker notebook instance allows root access',
  severity: 'medium',
  rationale:
    "Root lets any notebook user change the instance itself: disable controls, install persistent implants, read other users' files and tamper with lifecycle-configured protections.",
  remediation: {
    aws: {
      console: [
        'SageMaker console → Notebook instances → Stop the instance → Edit',
        'Set "Root access" to Disable → Update',
        'Start the instance',
      ],
      cli: 'aws sagemaker update-notebook-instance --notebook-instance-name <nb> --root-access Disabled',
      terraform: 'resource "aws_sagemaker_notebook_instance" "nb" { root_access = "Disabled" }',
    },
    azure: {
      console: [
        'Azure ML compute instances: root (sudo) access is set at creation; create a replacement with root access disabled (enableRootAccess = false)',
        'Let an administrator install packages with a setup script instead',
      ],
      cli: 'az rest --method put --url "https://management.azure.com/<workspace-id>/computes/<ci>?api-version=2024-04-01" --body \'{"location":"<region>","properties":{"computeType":"ComputeInstance","properties":{"vmSize":"Standard_DS3_v2","enableRootAccess":false}}}\'',
      terraform:
        'resource "azapi_resource" "ci" { type = "Microsoft.MachineLearningServices/workspaces/computes@2024-04-01" parent_id = azurerm_machine_learning_workspace.ws.id name = "<ci>" body = { properties = { computeType = "ComputeInstance", properties = { vmSize = "Standard_DS3_v2", enableRootAccess = false } } } }',
    },
    gcp: {
      console: [
        'Vertex AI → Workbench → the instance → Stop',
        'Set the metadata notebook-disable-root = true (root access off) and start the instance',
      ],
      cli: 'gcloud workbench instances update <nb> --location=<zone> --metadata=notebook-disable-root=true',
      terraform:
        'resource "google_workbench_instance" "nb" { gce_setup { metadata = { notebook-disable-root = "true" } } }',
    },
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
  needs: ['rootAccess'],
  check(nb) {
    const root = nb.facts.rootAccess;
    if (root === undefined) return null;
    return {
      fail: root,
      message: root ? 'Root access is enabled' : 'Root access is disabled',
      evidence: { properties: { rootAccess: root } },
    };
  },
});
