import type { ServiceModule } from '../../types.ts';
import type { AzureClientFactory } from '../clients.ts';
import { azureServiceModule } from '../service.ts';
import { fetchNetwork } from './fetch.ts';
import { normalizeNetwork } from './normalize.ts';

export function networkModule(factory: AzureClientFactory): ServiceModule {
  return azureServiceModule(factory, {
    service: 'network',
    phase: 1,
    fetch: fetchNetwork,
    normalize: normalizeNetwork,
  });
}
