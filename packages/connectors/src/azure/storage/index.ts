import type { ServiceModule } from '../../types.ts';
import type { AzureClientFactory } from '../clients.ts';
import { azureItemRead, azureServiceModule } from '../service.ts';
import { fetchStorage } from './fetch.ts';
import { normalizeStorage } from './normalize.ts';

export function storageModule(factory: AzureClientFactory): ServiceModule {
  return azureServiceModule(factory, {
    service: 'storage',
    phase: 1,
    itemReads: [
      azureItemRead('BlobServices_List', 'Microsoft.Storage/storageAccounts/blobServices', [
        'versioningEnabled',
      ]),
      azureItemRead(
        'BlobContainers_List',
        'Microsoft.Storage/storageAccounts/blobServices/containers',
        ['anonymousAccess', 'dataClassification'],
        ['contains', 'exposed-to-internet'],
        ['Microsoft.Storage/storageAccounts/blobServices/containers'],
      ),
    ],
    fetch: fetchStorage,
    normalize: normalizeStorage,
  });
}
