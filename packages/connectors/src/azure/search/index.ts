import type { ServiceModule } from '../../types.ts';
import type { AzureClientFactory } from '../clients.ts';
import { azureServiceModule } from '../service.ts';
import { fetchSearch } from './fetch.ts';
import { normalizeSearch } from './normalize.ts';

export function searchModule(factory: AzureClientFactory): ServiceModule {
  return azureServiceModule(factory, {
    service: 'search',
    phase: 1,
    fetch: fetchSearch,
    normalize: normalizeSearch,
  });
}
