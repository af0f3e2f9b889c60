import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'notebook', 'directInternetAccess'>({
  id: 'aispm-notebook-direct-internet',
  title: 'Notebook instance has direct internet access',
  severity: 'high',
  rationale:
    'With direct internet access the notebook bypasses your VPC controls: code run in it (or a malicious package it installs) can exfiltrate training data and the credentials of its execution role to anywhere.',
  remediation: {
    aws: {
      console: [
        'SageMaker console → Notebook instances → Stop the instance',
        'Direct internet access can only be set at creation: create a replacement in a private subnet with "Direct internet access" disabled',
        'Give it a NAT gateway or VPC endpoints for the services it needs',
      ],
      cli: 'aws sagemaker create-notebook-instance ... --subnet-id <private-subnet> --security-group-ids <sg> --direct-internet-access Disabled',
      terraform:
        'resource "aws_sagemaker_notebook_instance" "nb" { direct_internet_access = "Disabled" subnet_id = aws_subnet.private.id }',
    },
    azure: {
      console: [
        'Azure ML compute instances: create a replacement with "No public IP" in a VNet subnet, or in a managed-VNet workspace with "Allow only approved outbound"',
        'Delete the old instance',
      ],
      cli: 'az ml compute create --name <ci> --type ComputeInstance --size Standard_DS3_v2 --vnet-name <vnet> --subnet <subnet> --enable-node-public-ip false --resource-group <rg> --workspace-name <ws>',
      terraform:
        'resource "azurerm_machine_learning_compute_instance" "ci" { subnet_resource_id = azurerm_subnet.ml.id node_public_ip_enabled = false }',
    },
    gcp: {
      console: [
        'Vertex AI → Workbench: create the instance with "Assign external IP address" off, in a subnet with Private Google Access (Cloud NAT if it needs egress)',
        'Enforce the organisation policy constraint ainotebooks.restrictPublicIp',
      ],
      cli: 'gcloud workbench instances create <nb> --location=<zone> --network=projects/<p>/global/networks/<vpc> --subnet=projects/<p>/regions/<region>/subnetworks/<subnet> --disable-public-ip',
      terraform:
        'resource "google_workbench_instance" "nb" { gce_setup { disable_public_ip = true network_interfaces { network = google_compute_network.vpc.id subnet = google_compute_subnetwork.ml.id } } }',
    },
  },
  references: [REF.sagemakerNotebook],
  concepts: ['notebook-direct-internet'],
  appliesTo: { kinds: ['notebook'] },
  // Read from the facts below: when one could not be read the verdict is not-evaluated, never a pass.
  needs: ['directInternetAccess'],
  frameworks: {
    'owasp-ml-2023': ['ML05:2023', 'ML06:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0049', 'AML.T0025'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [
    'prowler:sagemaker_notebook_instance_without_direct_internet_access_configured',
    'cloudsploit:plugins/aws/sagemaker/notebookDirectInternetAccess',
  ],
  check(nb, g) {
    const flag = nb.facts.directInternetAccess;
    const exposure = g.in(nb.id, 'exposed-to-internet');
    const direct = flag ?? exposure.length > 0;
    return {
      fail: direct,
      message: direct ? 'Direct internet access is enabled' : 'Direct internet access is disabled',
      evidence: { properties: { directInternetAccess: flag ?? null }, edges: edgeEvidence(exposure) },
    };
  },
});
