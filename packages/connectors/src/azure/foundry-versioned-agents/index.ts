import type { ServiceModule } from '../../types.ts';
import type { AzureClientFactory } from '../clients.ts';
import { STORED_PROJECTS_FROM } from '../foundry-agents/fetch.ts';
import { azureServiceModule } from '../service.ts';
import { fetchVersionedAgents, VERSIONED_AGENT_ITEM_READS } from './fetch.ts';
import { normalizeVersionedAgents } from './normalize.ts';

/**
 * Azure AI Foundry agents of the new Agent Service (named, versioned agents: `@azure/ai-projects` 2.x on the project
 * endpoint), with their MCP tools as MCP servers: phase 2, over the projects and connections the cognitive-services
 * task stored. The classic assistants are the foundry-agents module's.
 */
export function foundryVersionedAgentsModule(factory: AzureClientFactory): ServiceModule {
  return azureServiceModule(factory, {
    service: 'foundry-versioned-agents',
    phase: 2,
    // Reads only what storedProjects reads: it starts when the services that store it have settled, and its
    // 5 calls/s data-plane budget runs beside the rest of phase 1's ARM reads.
    after: STORED_PROJECTS_FROM,
    itemReads: VERSIONED_AGENT_ITEM_READS,
    fetch: fetchVersionedAgents,
    normalize: normalizeVersionedAgents,
  });
}
