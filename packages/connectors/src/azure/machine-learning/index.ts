import type { ServiceModule } from '../../types.ts';
import type { AzureClientFactory } from '../clients.ts';
import { azureServiceModule } from '../service.ts';
import { fetchMachineLearning } from './fetch.ts';
import { normalizeMachineLearning } from './normalize.ts';

export function machineLearningModule(factory: AzureClientFactory): ServiceModule {
  return azureServiceModule(factory, {
    service: 'machine-learning',
    phase: 1,
    fetch: fetchMachineLearning,
    normalize: normalizeMachineLearning,
  });
}
