/**
 * Fixtures of the Azure Machine Learning serving rules (online endpoints in key mode, serverless endpoints without
 * content safety, datastores holding a storage key or SAS token), in the shapes the Azure connector gives them. Imported by build-fixtures.ts.
 */
import { edge, INTERNET_ID } from '@aispm/core';
import { assetMaker, type Def, type Fixture } from './fixture-kit.ts';

const RG = '/subscriptions/s1/resourcegroups/rg-ml/providers';
const WORKSPACE = `${RG}/microsoft.machinelearningservices/workspaces/mlw-scoring`;
const STORAGE = `${RG}/microsoft.storage/storageaccounts/stmldata`;
const CONTAINER = `${STORAGE}/blobservices/default/containers/training-data`;

const asset = assetMaker({ provider: 'azure', accountId: 's1', region: 'eastus' });
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

/**
 * A serverless API endpoint of a catalog chat model in a private workspace, as the connector gives it: its auth mode
 * and whether Azure AI Content Safety screens it are the only differences.
 */
function serverless(authMode: 'Key' | 'AAD', contentSafety: 'Enabled' | 'Disabled'): Fixture {
  const id = `${WORKSPACE}/serverlessendpoints/llama-chat`;
  return {
    target: id,
    assets: [
      workspace,
      asset(id, 'inference-endpoint', 'Microsoft.MachineLearningServices/workspaces/serverlessEndpoints', {
        workspaceId: WORKSPACE,
        authMode,
        contentSafetyStatus: contentSafety,
        modelId: 'azureml://registries/azureml-meta/models/Meta-Llama-3.1-8B-Instruct',
        publicNetworkAccess: false,
        publicNetworkAccessFrom: 'workspace',
        facts: {
          localAuthEnabled: authMode === 'Key',
          contentSafetyEnabled: contentSafety === 'Enabled',
          servesGenerativeModel: true,
          encryption: {
            $unknown: 'the serverless endpoint API does not report which key encrypts the endpoint',
          },
        },
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

/**
 * A public online endpoint with no content filter anywhere, serving the given kind of model: a catalog LLM, a
 * scikit-learn classifier, or a workspace model on a custom environment (whether it generates is unknown).
 */
function publicEndpoint(serves: 'llm' | 'classic' | 'unknown'): Fixture {
  const id = `${WORKSPACE}/onlineendpoints/${serves}-scoring`;
  const deployment = {
    llm: {
      model: 'azureml://registries/azureml-meta/models/Llama-2-7b-chat/versions/24',
      environmentId: 'azureml://registries/azureml/environments/foundation-model-inference/versions/62',
    },
    classic: {
      model: `${WORKSPACE}/models/churn-classifier/versions/3`,
      environmentId: `${WORKSPACE}/environments/sklearn-serving/versions/1`,
    },
    unknown: {
      model: `${WORKSPACE}/models/support-model/versions/1`,
      environmentId: `${WORKSPACE}/environments/custom-serving/versions/2`,
    },
  }[serves];
  const generative =
    serves === 'llm'
      ? true
      : serves === 'classic'
        ? false
        : { $unknown: 'a workspace model on a custom environment' };
  return {
    target: id,
    assets: [
      workspace,
      asset(INTERNET_ID, 'internet', 'aispm::Internet', {}),
      asset(id, 'inference-endpoint', 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints', {
        workspaceId: WORKSPACE,
        authMode: 'AADToken',
        publicNetworkAccess: true,
        deployments: [{ name: 'blue', ...deployment }],
        encryption: { cmk: true },
        facts: { localAuthEnabled: false, servesGenerativeModel: generative },
      }),
    ],
    edges: [edge('contains', WORKSPACE, id), edge('exposed-to-internet', INTERNET_ID, id)],
  };
}

/** For the guardrail rule's own tests: it judges generative endpoints only (a fixture file holds one pass case). */
export const SCORING_ENDPOINTS = {
  generative: publicEndpoint('llm'),
  classic: publicEndpoint('classic'),
  unknown: publicEndpoint('unknown'),
};

export function azureMlFixtures(def: Def): void {
  def('aispm-endpoint-key-auth', endpoint('Key'), endpoint('AADToken'));
  def('aispm-ml-datastore-stored-credential', datastore('Sas', 'api-key'), datastore('None', 'iam'));
  def(
    'aispm-azure-ml-serverless-content-safety-disabled',
    serverless('Key', 'Disabled'),
    serverless('AAD', 'Enabled'),
  );
}
