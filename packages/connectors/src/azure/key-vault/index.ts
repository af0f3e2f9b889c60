import type { ServiceModule } from '../../types.ts';
import type { AzureClientFactory } from '../clients.ts';
import { azureServiceModule } from '../service.ts';
import { fetchKeyVault } from './fetch.ts';
import { normalizeKeyVault } from './normalize.ts';

export function keyVaultModule(factory: AzureClientFactory): ServiceModule {
  return azureServiceModule(factory, {
    service: 'key-vault',
    phase: 1,
    fetch: fetchKeyVault,
    normalize: normalizeKeyVault,
  });
}
