import type { ServiceModule } from '../../types.ts';
import type { GcpClientFactory } from '../clients.ts';
import { gcpServiceModule } from '../service.ts';
import { fetchStorage } from './fetch.ts';
import { normalizeStorage } from './normalize.ts';

export function storageModule(factory: GcpClientFactory): ServiceModule {
  return gcpServiceModule(factory, {
    service: 'storage',
    phase: 1,
    global: true,
    itemReads: [
      {
        operation: 'buckets.getIamPolicy',
        permission: 'storage.buckets.getIamPolicy',
        facts: ['publicNetworkAccess', 'policyIsPublic', 'publicMembers'],
        edges: ['exposed-to-internet', 'can-read', 'can-write'],
        loses: ['aispm::ExternalPrincipal'],
      },
    ],
    fetch: fetchStorage,
    normalize: normalizeStorage,
  });
}
