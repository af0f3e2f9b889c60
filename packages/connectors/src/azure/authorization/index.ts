import type { ServiceModule } from '../../types.ts';
import type { AzureClientFactory } from '../clients.ts';
import { azureItemRead, azureServiceModule } from '../service.ts';
import { fetchAuthorization } from './fetch.ts';
import { normalizeAuthorization } from './normalize.ts';

export function authorizationModule(factory: AzureClientFactory): ServiceModule {
  return azureServiceModule(factory, {
    service: 'authorization',
    phase: 1,
    itemReads: [
      azureItemRead('UserAssignedIdentities_Get', 'Microsoft.ManagedIdentity/userAssignedIdentities', []),
    ],
    fetch: fetchAuthorization,
    normalize: normalizeAuthorization,
  });
}
