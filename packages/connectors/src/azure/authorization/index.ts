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
      // The identity's principal id comes from this read: without it its role assignments cannot be attributed.
      azureItemRead(
        'UserAssignedIdentities_Get',
        'Microsoft.ManagedIdentity/userAssignedIdentities',
        [],
        ['can-read', 'can-write', 'can-invoke'],
      ),
    ],
    fetch: fetchAuthorization,
    normalize: normalizeAuthorization,
  });
}
