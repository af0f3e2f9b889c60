import type { ServiceModule } from '../../types.ts';
import type { AzureClientFactory } from '../clients.ts';
import { azureServiceModule } from '../service.ts';
import { fetchAuthorization } from './fetch.ts';
import { normalizeAuthorization } from './normalize.ts';

export function authorizationModule(factory: AzureClientFactory): ServiceModule {
  return azureServiceModule(factory, {
    service: 'authorization',
    phase: 1,
    fetch: fetchAuthorization,
    normalize: normalizeAuthorization,
  });
}
