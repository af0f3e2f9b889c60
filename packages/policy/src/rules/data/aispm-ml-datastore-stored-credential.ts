import { defineAssetRule } from '../../define.ts';

const ML_DATASTORE_TYPE = 'Microsoft.MachineLearningServices/workspaces/datastores';

export default defineAssetRule<'dataset', 'credentialType'>({
  id: 'aispm-ml-datastore-stored-credential',
  title:
    'Azure ML datastore stores a storage account key or SAS token instead of using identity-based access',
  severity: 'medium',
  rationale:
    "A datastore created with an account key or SAS token keeps that secret in the workspace's key vault and hands storage access to every job, notebook and user of the workspace on the workspace's behalf: anyone with workspace access reads (and with an account key, overwrites) the training data whether or not their own identity holds a storage role, the access is attributed to the workspace rather than a person, and an account key opens every container of the account. Identity-based datastores (no stored credential) make each caller's own Entra ID identity, or the workspace's managed identity, and its storage role assignments decide.",
  remediation: {
    azure: {
      console: [
        'Grant the users and compute identities that need the data "Storage Blob Data Reader" (or Contributor) on the container, and the workspace managed identity "Storage Blob Data Reader" for studio previews',
        'Azure ML studio → Data → Datastores → the datastore → Update authentication: choose "No credentials" (identity-based access) and save, or recreate the datastore without credentials',
        'Rotate the storage account key (or revoke the SAS) that was stored, then consider disabling shared key access on the storage account',
      ],
      cli: 'az ml datastore create --file datastore.yml --resource-group <rg> --workspace-name <ws>   # datastore.yml: type: azure_blob, name: <name>, account_name: <account>, container_name: <container> (no credentials block = identity-based)',
      terraform:
        'resource "azurerm_machine_learning_datastore_blobstorage" "ds" { name = "<name>" workspace_id = azurerm_machine_learning_workspace.ws.id storage_container_id = azurerm_storage_container.data.resource_manager_id service_data_auth_identity = "WorkspaceUserAssignedIdentity" }   # no account_key / shared_access_signature',
    },
  },
  references: [
    'https://learn.microsoft.com/azure/machine-learning/how-to-identity-based-service-authentication',
    'https://learn.microsoft.com/azure/machine-learning/how-to-datastore',
  ],
  concepts: ['ml-datastore-stored-credential'],
  appliesTo: { kinds: ['dataset'], nativeTypes: [ML_DATASTORE_TYPE] },
  providers: ['azure'],
  frameworks: {
    'owasp-llm-2025': ['LLM04:2025', 'LLM02:2025'],
    'owasp-llm-2026': ['LLM05:2026', 'LLM02:2026'],
    'owasp-ml-2023': ['ML02:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0055', 'AML.T0012', 'AML.T0020'],
  },
  gaiRisks: ['INFOSEC', 'INTEG'],
  peers: [],
  needs: ['credentialType'],
  check(ds) {
    const type = ds.facts.credentialType;
    if (type === undefined) return null;
    const fail = type === 'api-key';
    return {
      fail,
      message: fail
        ? 'Datastore holds a storage account key or SAS token'
        : type === 'iam'
          ? 'Datastore uses identity-based access (no stored credential)'
          : 'Datastore authenticates as a service principal (no account key or SAS token)',
      evidence: { properties: { credentialType: type } },
    };
  },
});
