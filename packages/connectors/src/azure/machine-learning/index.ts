import type { ServiceModule } from '../../types.ts';
import type { AzureClientFactory } from '../clients.ts';
import { azureItemRead, azureServiceModule } from '../service.ts';
import { fetchMachineLearning } from './fetch.ts';
import { normalizeMachineLearning } from './normalize.ts';

export function machineLearningModule(factory: AzureClientFactory): ServiceModule {
  return azureServiceModule(factory, {
    service: 'machine-learning',
    phase: 1,
    itemReads: [
      azureItemRead(
        'Compute_List',
        'Microsoft.MachineLearningServices/workspaces/computes',
        [],
        ['contains', 'runs-as', 'exposed-to-internet'],
        ['Microsoft.MachineLearningServices/workspaces/computes#ComputeInstance'],
      ),
      azureItemRead('Registries_Get', 'Microsoft.MachineLearningServices/registries', [
        'publicNetworkAccess',
      ]),
      // Online endpoints and datastores are listed per workspace: denied, the workspace keeps none of them.
      azureItemRead(
        'OnlineEndpoints_List',
        'Microsoft.MachineLearningServices/workspaces/onlineEndpoints',
        [],
        ['contains', 'runs-as', 'exposed-to-internet'],
        ['Microsoft.MachineLearningServices/workspaces/onlineEndpoints'],
      ),
      // Denied, an endpoint is kept without its deployments: their instance counts and models are unknown.
      azureItemRead(
        'OnlineDeployments_List',
        'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments',
        ['variantInstanceCounts', 'servesGenerativeModel'],
      ),
      // Denied, the workspace keeps none of its serverless (models-as-a-service) endpoints: a gap, not "none".
      azureItemRead(
        'ServerlessEndpoints_List',
        'Microsoft.MachineLearningServices/workspaces/serverlessEndpoints',
        [],
        ['contains', 'exposed-to-internet'],
        ['Microsoft.MachineLearningServices/workspaces/serverlessEndpoints'],
      ),
      azureItemRead(
        'Datastores_List',
        'Microsoft.MachineLearningServices/workspaces/datastores',
        [],
        ['contains', 'reads-from'],
        ['Microsoft.MachineLearningServices/workspaces/datastores'],
      ),
    ],
    fetch: fetchMachineLearning,
    normalize: normalizeMachineLearning,
  });
}
