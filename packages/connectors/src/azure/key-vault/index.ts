import type { ServiceModule } from '../../types.ts';
import type { AzureClientFactory } from '../clients.ts';
import { azureItemRead, azureServiceModule } from '../service.ts';
import { fetchKeyVault } from './fetch.ts';
import { normalizeKeyVault } from './normalize.ts';

export function keyVaultModule(factory: AzureClientFactory): ServiceModule {
  return azureServiceModule(factory, {
    service: 'key-vault',
    phase: 1,
    itemReads: [
      azureItemRead(
        'Keys_List',
        'Microsoft.KeyVault/vaults/keys',
        [],
        ['encrypted-by'],
        ['Microsoft.KeyVault/vaults/keys'],
      ),
    ],
    fetch: fetchKeyVault,
    normalize: normalizeKeyVault,
  });
}
