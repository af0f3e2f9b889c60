import type { ServiceModule } from '../../types.ts';
import type { AzureClientFactory } from '../clients.ts';
import { azureServiceModule } from '../service.ts';
import { AGENT_ITEM_READS, fetchFoundryAgents, STORED_PROJECTS_FROM } from './fetch.ts';
import { normalizeFoundryAgents } from './normalize.ts';

/**
 * Azure AI Foundry agents (Agent Service data plane, `@azure/ai-agents`): phase 2, over the projects the
 * cognitive-services task stored, joined to their connections and deployments.
 */
export function foundryAgentsModule(factory: AzureClientFactory): ServiceModule {
  return azureServiceModule(factory, {
    service: 'foundry-agents',
    phase: 2,
    // Reads only what storedProjects reads: it starts when the services that store it have settled, and its
    // 5 calls/s data-plane budget runs beside the rest of phase 1's ARM reads.
    after: STORED_PROJECTS_FROM,
    itemReads: AGENT_ITEM_READS,
    fetch: fetchFoundryAgents,
    normalize: normalizeFoundryAgents,
  });
}
