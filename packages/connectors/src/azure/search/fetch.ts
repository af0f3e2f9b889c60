import type { SearchService } from '@azure/arm-search';
import { collectArm } from '../arm.ts';
import type { AzureFetchEnv } from '../service.ts';

export async function fetchSearch(env: AzureFetchEnv): Promise<SearchService[]> {
  const { SearchManagementClient } = await import('@azure/arm-search');
  const client = env.clients.get(SearchManagementClient);
  return env.gaps.list('Services_ListBySubscription', 'Microsoft.Search/searchServices/read', () =>
    collectArm(client.services.listBySubscription(env.call)),
  );
}
