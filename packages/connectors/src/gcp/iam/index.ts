import type { ServiceModule } from '../../types.ts';
import type { GcpClientFactory } from '../clients.ts';
import { gcpServiceModule } from '../service.ts';
import { fetchIam } from './fetch.ts';
import { normalizeIam } from './normalize.ts';

export function iamModule(factory: GcpClientFactory): ServiceModule {
  return gcpServiceModule(factory, {
    service: 'iam',
    phase: 1,
    global: true,
    itemReads: [
      {
        operation: 'projects.serviceAccounts.keys.list',
        permission: 'iam.serviceAccountKeys.list',
        facts: [],
        edges: ['has-key'],
        loses: ['iam.googleapis.com/ServiceAccountKey'],
      },
    ],
    fetch: fetchIam,
    normalize: normalizeIam,
  });
}
