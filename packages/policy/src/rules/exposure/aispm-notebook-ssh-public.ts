import { defineAssetRule } from '../../define.ts';

export default defineAssetRule<'notebook', 'sshPublicAccess'>({
  id: 'aispm-notebook-ssh-public',
  title: 'Notebook compute instance accepts SSH from the internet',
  severity: 'high',
  rationale:
    "A compute instance with public SSH listens on the internet for logins to a machine that runs as the workspace's identity and mounts its datastores: one stolen or weak key gives a shell next to the training data, the model artifacts and the identity's tokens, bypassing the workspace's Entra ID sign-in and private endpoints.",
  remediation: {
    azure: {
      console: [
        'SSH access cannot be changed on an existing compute instance: create a replacement',
        'Azure Machine Learning studio → Compute → Compute instances → New → Advanced: SSH access off, "No public IP" on, in the workspace virtual network subnet',
        'Use the studio terminal, VS Code (remote via Azure ML) or Azure Bastion instead of public SSH; delete the old instance',
      ],
      cli: 'az rest --method put --url "https://management.azure.com/<workspace-id>/computes/<new-ci>?api-version=2024-04-01" --body \'{"location":"<region>","properties":{"computeType":"ComputeInstance","disableLocalAuth":true,"properties":{"vmSize":"Standard_DS3_v2","enableNodePublicIp":false,"subnet":{"id":"<subnet-id>"},"sshSettings":{"sshPublicAccess":"Disabled"}}}}\'',
      terraform:
        'resource "azurerm_machine_learning_compute_instance" "ci" { name = "<ci>" machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id virtual_machine_size = "Standard_DS3_v2" subnet_resource_id = azurerm_subnet.ml.id node_public_ip_enabled = false # no ssh {} block: SSH off }',
    },
  },
  references: [
    'https://learn.microsoft.com/azure/machine-learning/how-to-create-compute-instance',
    'https://learn.microsoft.com/azure/machine-learning/how-to-secure-training-vnet',
  ],
  concepts: ['notebook-ssh-public'],
  appliesTo: { kinds: ['notebook'] },
  providers: ['azure'],
  frameworks: {
    'owasp-ml-2023': ['ML05:2023', 'ML06:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0049', 'AML.T0012', 'AML.T0035'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  needs: ['sshPublicAccess'],
  check(nb) {
    const open = nb.facts.sshPublicAccess;
    if (open === undefined) return null; // the platform reports no SSH setting for this notebook
    return {
      fail: open,
      message: open ? 'SSH is open to the internet' : 'Public SSH access is disabled',
      evidence: { properties: { sshPublicAccess: open } },
    };
  },
});
