import type { AccountTarget, Connector, ServiceModule } from '../types.ts';
import { accessModule } from './access/index.ts';
import { agentRegistryGlobalModule, agentRegistryModule } from './agent-registry/index.ts';
import { apiKeysModule } from './api-keys/index.ts';
import { GcpClientFactory, type GcpConfig, type GcpConnectorOptions, resolveGcpOptions } from './clients.ts';
import { iamModule } from './iam/index.ts';
import { modelArmorModule } from './model-armor/index.ts';
import { referencesModule } from './references/index.ts';
import { fetchResourceManager } from './resource-manager/fetch.ts';
import { normalizeResourceManager } from './resource-manager/normalize.ts';
import { storageModule } from './storage/index.ts';
import { vertexAiModule } from './vertex-ai/index.ts';
import { workbenchModule } from './workbench/index.ts';

export { DEFAULT_GCP_LOCATIONS, type GcpConnectorOptions, resolveGcpOptions } from './clients.ts';

/**
 * The GCP connector: Cloud Resource Manager discovery, then per project Vertex AI (per location), Workbench, IAM,
 * API keys and Cloud Storage through the official clients, Agent Registry (agents, MCP servers, bindings) through its
 * documented REST, the CMEK keys / VPCs those reference, and project-level IAM grants expanded to the assets they reach. See cloud-sim's gcp/MODEL.md for the ids, kinds and edges.
 */
/** `config` (the parsed configuration) fills what `options` leaves unset. */
export function createGcpConnector(options: GcpConnectorOptions = {}, config: GcpConfig = {}): Connector {
  const resolved = resolveGcpOptions(options, config);
  const factory = new GcpClientFactory(resolved);
  const services: ServiceModule[] = [
    vertexAiModule(factory),
    workbenchModule(factory),
    modelArmorModule(factory),
    apiKeysModule(factory),
    iamModule(factory),
    storageModule(factory),
    referencesModule(),
    agentRegistryModule(factory),
    agentRegistryGlobalModule(factory),
    accessModule(),
  ];
  return {
    provider: 'gcp',
    services,
    async discover({ signal, only }) {
      const raw = await fetchResourceManager(factory, signal);
      return normalizeResourceManager(raw, only ?? resolved.projects);
    },
    regions(account: AccountTarget): string[] {
      const l = account.connection.locations;
      return Array.isArray(l) && l.length > 0 && l.every((x) => typeof x === 'string')
        ? (l as string[])
        : resolved.locations;
    },
  };
}
