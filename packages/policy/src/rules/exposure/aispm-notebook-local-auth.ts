import { defineAssetRule } from '../../define.ts';

export default defineAssetRule<'notebook', 'localAuthEnabled'>({
  id: 'aispm-notebook-local-auth',
  title: 'Notebook compute accepts local (key) authentication',
  severity: 'medium',
  rationale:
    "With local authentication on, the compute accepts keys and tokens of its own besides Microsoft Entra ID: whoever holds one reaches a machine that runs as the workspace's identity and mounts its datastores, without conditional access, MFA or an identity in the sign-in logs. Entra-only access keeps every session attributable and revocable.",
  remediation: {
    azure: {
      console: [
        'Local authentication is set when the compute is created: create a replacement compute instance with local authentication disabled (Entra ID only)',
        'Move the user to the new instance, then delete the old one',
        'Assign the Azure Policy "Azure Machine Learning Computes should have local authentication methods disabled" (deny) to the workspaces',
      ],
      cli: 'az rest --method put --url "https://management.azure.com/<workspace-id>/computes/<ci>?api-version=2024-04-01" --body \'{"location":"<region>","properties":{"computeType":"ComputeInstance","disableLocalAuth":true,"properties":{"vmSize":"Standard_DS3_v2","enableNodePublicIp":false,"subnet":{"id":"<subnet-id>"}}}}\'',
      terraform:
        'resource "azurerm_machine_learning_compute_instance" "ci" { name = "<ci>" machine_learning_workspace_id = azurerm_machine_learning_workspace.ws.id virtual_machine_size = "Standard_DS3_v2" local_auth_enabled = false node_public_ip_enabled = false subnet_resource_id = azurerm_subnet.ml.id }',
    },
  },
  references: ['https://learn.microsoft.com/azure/machine-learning/how-to-integrate-azure-policy'],
  concepts: ['notebook-local-auth'],
  appliesTo: { kinds: ['notebook'] },
  providers: ['azure'],
  frameworks: {
    'owasp-ml-2023': ['ML05:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0012', 'AML.T0055'],
  },
  gaiRisks: ['INFOSEC'],
  peers: ['azure-policy:e96a9a5f-07ca-471b-9bc5-6a0f33cbd68f'],
  needs: ['localAuthEnabled'],
  check(nb) {
    const local = nb.facts.localAuthEnabled;
    if (local === undefined) return null; // the platform reports no local-auth setting for this notebook
    return {
      fail: local,
      message: local
        ? 'Local (key) authentication is enabled'
        : 'Only Microsoft Entra ID authentication is accepted',
      evidence: { properties: { localAuthEnabled: local } },
    };
  },
});
