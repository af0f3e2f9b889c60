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
    fetch: fetchIam,
    normalize: normalizeIam,
  });
}
