import type { ServiceModule } from '../../types.ts';
import type { AzureClientFactory } from '../clients.ts';
import { azureServiceModule } from '../service.ts';
import { fetchStorage } from './fetch.ts';
import { normalizeStorage } from './normalize.ts';

export function storageModule(factory: AzureClientFactory): ServiceModule {
  return azureServiceModule(factory, {
    service: 'storage',
    phase: 1,
    fetch: fetchStorage,
    normalize: normalizeStorage,
  });
}
