import type { ServiceModule } from '../../types.ts';
import type { AzureClientFactory } from '../clients.ts';
import { azureServiceModule } from '../service.ts';
import { fetchCognitiveServices } from './fetch.ts';
import { normalizeCognitiveServices } from './normalize.ts';

export function cognitiveServicesModule(factory: AzureClientFactory): ServiceModule {
  return azureServiceModule(factory, {
    service: 'cognitive-services',
    phase: 1,
    fetch: fetchCognitiveServices,
    normalize: normalizeCognitiveServices,
  });
}
