import type { ServiceModule } from '../../types.ts';
import type { GcpClientFactory } from '../clients.ts';
import { gcpServiceModule } from '../service.ts';
import { fetchAgentRegistry } from './fetch.ts';
import { normalizeAgentRegistry } from './normalize.ts';

/**
 * Agent Registry: agents, MCP servers with their tools, and bindings, per location. Phase 2: registry agents join
 * the Agent Engine reasoning engines Vertex AI imported in phase 1 instead of duplicating them.
 */
export function agentRegistryModule(factory: GcpClientFactory): ServiceModule {
  return gcpServiceModule(factory, {
    service: 'agent-registry',
    phase: 2,
    global: false,
    fetch: fetchAgentRegistry,
    normalize: normalizeAgentRegistry,
  });
}

/**
 * The project's `global` registry location, where Agent Registry puts Google's own remote MCP servers (BigQuery and
 * the like) and whatever is registered globally: the same reads, once per project.
 */
export function agentRegistryGlobalModule(factory: GcpClientFactory): ServiceModule {
  return gcpServiceModule(factory, {
    service: 'agent-registry-global',
    phase: 2,
    global: true,
    fetch: fetchAgentRegistry,
    normalize: normalizeAgentRegistry,
  });
}
