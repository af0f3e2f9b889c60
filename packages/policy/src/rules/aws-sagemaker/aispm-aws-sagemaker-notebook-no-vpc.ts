import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'notebook', 'privateNetwork'>({
  id: 'aispm-aws-sagemaker-notebook-no-vpc',
  title: 'Notebook instance is not attached to a private network',
  severity: 'medium',
  rationale:
    'A notebook outside your VPC cannot be restricted by security groups, VPC endpoint policies or flow logs, so its access to data and the internet is uncontrolled and unobserved.',
  remediation: {
    aws: {
      console: [
        'The network of a notebook instance is fixed at creation: create a replacement with a VPC, private subnet and security group',
        'Copy the work and delete the old instance',
      ],
      cli: 'aws sagemaker create-notebook-instance ... --subnet-id <private-subnet> --security-group-ids <sg>',
    },
    azure: {
      console: [
        'Azure ML studio → Compute → Compute instances: the network is fixed at creation; create a replacement in a VNet subnet with no public IP (or in a managed-VNet workspace)',
        'Move the work over and delete the old instance',
      ],
      cli: 'az ml compute create --name <ci> --type ComputeInstance --size Standard_DS3_v2 --vnet-name <vnet> --subnet <subnet> --enable-node-public-ip false --resource-group <rg> --workspace-name <ws>',
      terraform:
        'resource "azurerm_machine_learning_compute_instance" "ci" { subnet_resource_id = azurerm_subnet.ml.id node_public_ip_enabled = false }',
    },
    gcp: {
      console: [
        'Vertex AI → Workbench → Instances: create a replacement attached to a private VPC subnet, without an external IP',
        'Move the work over and delete the old instance',
      ],
      cli: 'gcloud workbench instances create <nb> --location=<zone> --network=projects/<p>/global/networks/<vpc> --subnet=projects/<p>/regions/<region>/subnetworks/<subnet> --disable-public-ip',
      terraform:
        'resource "google_workbench_instance" "nb" { gce_setup { disable_public_ip = true network_interfaces { network = google_compute_network.vpc.id subnet = google_compute_subnetwork.ml.id } } }',
    },
  },
  references: [REF.sagemakerVpc],
  concepts: ['notebook-no-vpc'],
  appliesTo: { kinds: ['notebook'] },
  frameworks: {
    'owasp-ml-2023': ['ML05:2023', 'ML06:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0025'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [
    'prowler:sagemaker_notebook_instance_vpc_settings_configured',
    'cloudsploit:plugins/aws/sagemaker/notebookInstanceInVpc',
  ],
  needs: ['privateNetwork'],
  check(nb, g) {
    const networks = g.out(nb.id, 'in-network');
    const attached = networks.length > 0 || nb.facts.privateNetwork === true;
    return {
      fail: !attached,
      message: attached ? 'Notebook is attached to a VPC subnet' : 'Notebook has no VPC subnet',
      evidence: {
        properties: { privateNetwork: nb.facts.privateNetwork ?? null },
        edges: edgeEvidence(networks),
      },
    };
  },
});
