import type { Connector, ServiceModule } from '../types.ts';
import { authorizationModule } from './authorization/index.ts';
import {
  AzureClientFactory,
  type AzureConfig,
  type AzureConnectorOptions,
  resolveAzureOptions,
} from './clients.ts';
import { cognitiveServicesModule } from './cognitive-services/index.ts';
import { foundryAgentsModule } from './foundry-agents/index.ts';
import { foundryVersionedAgentsModule } from './foundry-versioned-agents/index.ts';
import { keyVaultModule } from './key-vault/index.ts';
import { machineLearningModule } from './machine-learning/index.ts';
import { networkModule } from './network/index.ts';
import { searchModule } from './search/index.ts';
import { storageModule } from './storage/index.ts';
import { fetchSubscriptions } from './subscriptions/fetch.ts';
import { normalizeSubscriptions } from './subscriptions/normalize.ts';

export { type AzureConnectorOptions, DEFAULT_ARM_ENDPOINT, resolveAzureOptions } from './clients.ts';

/**
 * The Azure connector: read-only ARM calls through the official `@azure/arm-*` clients, one module per
 * resource provider (fetch → pure normalize). See cloud-sim's azure/MODEL.md for the ids, kinds and edges.
 */
/** `config` (the parsed configuration) fills what `options` leaves unset. */
export function createAzureConnector(
  options: AzureConnectorOptions = {},
  config: AzureConfig = {},
): Connector {
  const resolved = resolveAzureOptions(options, config);
  const factory = new AzureClientFactory(resolved);
  const services: ServiceModule[] = [
    cognitiveServicesModule(factory),
    machineLearningModule(factory),
    searchModule(factory),
    storageModule(factory),
    authorizationModule(factory),
    networkModule(factory),
    keyVaultModule(factory),
    foundryAgentsModule(factory),
    foundryVersionedAgentsModule(factory),
  ];
  return {
    provider: 'azure',
    services,
    async discover({ signal, only }) {
      const subs = await fetchSubscriptions(
        resolved.credential,
        factory.clientOptions(() => {}),
        signal,
      );
      const scope = only ?? resolved.subscriptions;
      return normalizeSubscriptions(subs, scope);
    },
    regions: () => ['global'],
  };
}
