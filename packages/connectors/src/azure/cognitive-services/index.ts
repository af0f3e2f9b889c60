import type { ServiceModule } from '../../types.ts';
import type { AzureClientFactory } from '../clients.ts';
import { azureItemRead, azureServiceModule } from '../service.ts';
import { fetchCognitiveServices } from './fetch.ts';
import { foundryItemReads } from './foundry-reads.ts';
import { normalizeCognitiveServices } from './normalize.ts';

export function cognitiveServicesModule(factory: AzureClientFactory): ServiceModule {
  return azureServiceModule(factory, {
    service: 'cognitive-services',
    phase: 1,
    itemReads: [
      azureItemRead(
        'Deployments_List',
        'Microsoft.CognitiveServices/accounts/deployments',
        [],
        ['serves', 'uses-model', 'guarded-by', 'contains'],
        ['Microsoft.CognitiveServices/accounts/deployments'],
      ),
      azureItemRead(
        'RaiPolicy_List',
        'Microsoft.CognitiveServices/accounts/raiPolicies',
        [],
        ['guarded-by', 'contains'],
        ['Microsoft.CognitiveServices/accounts/raiPolicies'],
      ),
      azureItemRead(
        'PrivateEndpointConnections_List',
        'Microsoft.CognitiveServices/accounts/privateEndpointConnections',
        [],
      ),
      ...foundryItemReads,
      azureItemRead(
        'DiagnosticSettings_List',
        'Microsoft.Insights/diagnosticSettings',
        ['loggingEnabled'],
        ['logs-to'],
      ),
    ],
    fetch: fetchCognitiveServices,
    normalize: normalizeCognitiveServices,
  });
}
