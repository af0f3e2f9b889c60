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
    fetch: fetchStorage,
    normalize: normalizeStorage,
  });
}
