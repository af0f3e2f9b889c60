/**
 * Fixtures of the Azure Machine Learning serving rules (online endpoints in key mode, datastores holding a storage
 * key or SAS token), in the shapes the Azure connector gives them. Imported by build-fixtures.ts.
 */
import type { AssetKind, AssetRecord, EdgeRecord } from '@aispm/core';

interface Fixture {
  target: string;
  assets: AssetRecord[];
  edges: EdgeRecord[];
}
type Def = (id: string, failing: Fixture, passing: Fixture) => void;

const RG = '/subscriptions/s1/resourcegroups/rg-ml/providers';
const WORKSPACE = `${RG}/microsoft.machinelearningservices/workspaces/mlw-scoring`;
const STORAGE = `${RG}/microsoft.storage/storageaccounts/stmldata`;
const CONTAINER = `${STORAGE}/blobservices/default/containers/training-data`;

function asset(
  id: string,
  kind: AssetKind,
  nativeType: string,
  properties: Record<string, unknown>,
): AssetRecord {
  return {
    id,
    kind,
    provider: 'azure',
    accountId: 's1',
    region: 'eastus',
    name: id.split('/').pop() ?? id,
    nativeType,
    properties,
    tags: {},
  };
}
const edge = (kind: EdgeRecord['kind'], from: string, to: string): EdgeRecord => ({
  kind,
  from,
  to,
  properties: {},
});
const workspace = asset(WORKSPACE, 'ml-workspace', 'Microsoft.MachineLearningServices/workspaces', {
  publicNetworkAccess: false,
  encryption: { cmk: true },
});

/** A private online endpoint whose only difference is its auth mode. */
function endpoint(authMode: 'Key' | 'AADToken'): Fixture {
  const id = `${WORKSPACE}/onlineendpoints/churn-scoring`;
  return {
    target: id,
    assets: [
      workspace,
      asset(id, 'inference-endpoint', 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints', {
        workspaceId: WORKSPACE,
        authMode,
        publicNetworkAccess: false,
        encryption: { cmk: true },
        facts: { localAuthEnabled: authMode === 'Key' },
      }),
    ],
    edges: [edge('contains', WORKSPACE, id)],
  };
}

/** A blob datastore over the training data, holding the given credential type (never its secret). */
function datastore(credentialsType: 'AccountKey' | 'Sas' | 'None', credentialType: string): Fixture {
  const id = `${WORKSPACE}/datastores/trainingdata`;
  return {
    target: id,
    assets: [
      workspace,
      asset(CONTAINER, 'data-store', 'Microsoft.Storage/storageAccounts/blobServices/containers', {
        storageAccountId: STORAGE,
        publicAccess: 'None',
      }),
      asset(id, 'dataset', 'Microsoft.MachineLearningServices/workspaces/datastores', {
        workspaceId: WORKSPACE,
        datastoreType: 'AzureBlob',
        credentialsType,
        accountName: 'stmldata',
        containerName: 'training-data',
        storageAccountId: STORAGE,
        facts: { credentialType },
      }),
    ],
    edges: [edge('contains', WORKSPACE, id), edge('reads-from', id, CONTAINER)],
  };
}

export function azureMlFixtures(def: Def): void {
  def('aispm-endpoint-key-auth', endpoint('Key'), endpoint('AADToken'));
  def('aispm-ml-datastore-stored-credential', datastore('Sas', 'api-key'), datastore('None', 'iam'));
}
