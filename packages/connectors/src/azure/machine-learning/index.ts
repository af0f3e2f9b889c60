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
    ],
    fetch: fetchMachineLearning,
    normalize: normalizeMachineLearning,
  });
}
